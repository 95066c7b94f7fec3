"""User Markdown: headings shifted under the page title, everything else sanitised by nh3."""

import pytest

from apps.core.markdown import markdown_to_text, render_markdown


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Titre", "<h2>Titre</h2>"),
        ("## Section", "<h2>Section</h2>"),
        ("# Titre\n\n## Sous-titre", "<h2>Titre</h2>\n<h3>Sous-titre</h3>"),
        ("## Section\n\n### Détail", "<h2>Section</h2>\n<h3>Détail</h3>"),
        ("# Un\n\n###### Six", "<h2>Un</h2>\n<h6>Six</h6>"),
        ("<h1>Brut</h1>", "<h2>Brut</h2>"),
    ],
)
def test_top_heading_becomes_h2_and_levels_follow(source, expected):
    assert str(render_markdown(source)) == expected


def test_no_h1_survives():
    html = str(render_markdown("# Un\n\nTexte\n\n# Deux"))
    assert "<h1" not in html
    assert html.count("<h2>") == 2


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[clic](javascript:alert(1))",
        '<img src="x" onerror="alert(1)">',
        '<a href="https://exemple.fr" onclick="alert(1)">lien</a>',
    ],
)
def test_hostile_markup_is_removed(source):
    html = str(render_markdown(source))
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html
    assert "onclick" not in html


def test_links_get_safe_rel_and_plain_text_has_no_tags():
    html = str(render_markdown("[site](https://exemple.fr)"))
    assert 'rel="noopener noreferrer nofollow"' in html
    assert markdown_to_text("## Titre **gras**") == "Titre gras"
