"""E-mails people are glad to open: the network's layout (name, logo), HTML with inlined styles
(css-inline) and its plain-text twin, French dates."""

from __future__ import annotations

import css_inline
from django.conf import settings
from django.template.loader import render_to_string

from apps.core.markdown import images_as_text, markdown_to_text, render_markdown
from apps.core.network import network_settings

# Placeholders replaced per recipient by the outbox (apps.mailing.outbox.substitute).
UNSUBSCRIBE = "[[unsubscribe_url]]"
FIRST_NAME = "[[first_name]]"

_inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.MAILLAGE_SITE_URL + url


def layout_context(**extra) -> dict:
    network = network_settings()
    return {
        "network": network,
        "logo_url": absolute(network.logo),
        "site_url": settings.MAILLAGE_SITE_URL,
        **extra,
    }


def edition_context(edition, *, for_email: bool) -> dict:
    # Images of the editorial texts (apps.core.files, "images in texts"): in the e-mail, absolute
    # addresses signed without expiry — the same for every recipient, so no tracking, and one
    # copy fetched by each client that shows images, rather than inline attachments repeated in
    # each of thousands of messages; in the web archive, the page's own signed addresses.
    images = "email" if for_email else "page"
    blocks = []
    for block in edition.blocks:
        text = block.get("text", "")
        blocks.append(
            {
                **block,
                "html": render_markdown(text, images=images) if text else "",
                "text": images_as_text(text),  # the plain-text twin reads it
            }
        )
    return layout_context(
        edition=edition,
        blocks=blocks,
        intro_html=render_markdown(edition.intro, images=images) if edition.intro else "",
        intro_text=markdown_to_text(images_as_text(edition.intro)) if edition.intro else "",
        block_texts=[markdown_to_text(b.get("text", "")) for b in edition.blocks],
        web_url=absolute(edition.get_absolute_url()),
        unsubscribe_url=UNSUBSCRIBE if for_email else "",
        for_email=for_email,
    )


def inline(html: str) -> str:
    return _inliner.inline(html)


def edition_email(edition) -> tuple[str, str, str]:
    """(subject, text, html) of an edition, with per-recipient placeholders."""
    context = edition_context(edition, for_email=True)
    html = inline(render_to_string("mailing/email/edition.html", context))
    text = render_to_string("mailing/email/edition.txt", context)
    return edition.title, text, html


def simple_email(
    *,
    title: str,
    body_markdown: str,
    footer: str = "",
    link: tuple[str, str] | None = None,
    unsubscribe: bool = False,
):
    """(text, html) of a message written by an animator or an organiser (messages from places)."""
    context = layout_context(
        title=title,
        body_html=render_markdown(body_markdown, images="email"),
        body_text=markdown_to_text(images_as_text(body_markdown)) if body_markdown else "",
        footer=footer,
        link_label=link[0] if link else "",
        link_url=absolute(link[1]) if link else "",
        unsubscribe_url=UNSUBSCRIBE if unsubscribe else "",
    )
    html = inline(render_to_string("mailing/email/simple.html", context))
    text = render_to_string("mailing/email/simple.txt", context)
    return text, html
