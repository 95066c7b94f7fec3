"""The site as deployed, in a real browser: production settings, collectstatic (hashed and
compressed files served by whitenoise), DEBUG off, granian, PostgreSQL, Redis.

Before the fix, django-dsfr's `integrity` hash did not match dsfr.min.css once collectstatic had
rewritten its url()s: Chromium refused the stylesheet and every page was unstyled. Tests that
serve static files through the finders cannot see that; this one can."""

import re
from pathlib import Path

import pytest

from tests.browser.conftest import SCREENSHOTS, format_violations, run_axe
from tests.prod.conftest import stack_query

pytestmark = [pytest.mark.prodstack, pytest.mark.browser]

DEMO_PASSWORD = "maillage-demo-2026"


def pages(stack):
    event = stack_query(
        stack,
        "SELECT slug FROM events_event WHERE audience = 'open' AND status = 'published' ORDER BY start DESC LIMIT 1",
    )
    workshop = stack_query(stack, "SELECT slug FROM workshops_workshopday ORDER BY id LIMIT 1")
    return [
        ("accueil", "/", None),
        ("annuaire", "/annuaire/", None),
        ("carte", "/annuaire/carte/", None),
        ("recherche", "/recherche/?q=energie", None),
        ("aides", "/aides/", None),
        ("evenement", f"/agenda/{event[0][0]}/", None),
        ("livret", f"/ateliers/{workshop[0][0]}/livret/", "animateur"),
    ]


def login(page, base, who):
    from demo.loader import domain

    page.goto(f"{base}/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(f"{who}@{domain()}")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    assert "/compte/connexion/" not in page.url, "login failed"


def test_pages_styled_and_accessible_with_production_static_files(stack, web, page):
    base = web.url.replace("127.0.0.1", "localhost")  # a secure context: `Secure` cookies work
    console = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: console.append(str(exc)))
    failed = []
    page.on("requestfailed", lambda req: failed.append(f"{req.url} {req.failure}"))
    logged_in = False
    for name, path, who in pages(stack):
        if who and not logged_in:
            login(page, base, who)
            logged_in = True
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(base + path)
            assert response.status == 200, (path, response.status)
            page.wait_for_load_state("networkidle")
            # Static files are the collected, hashed ones (not served through the finders).
            html = page.content()
            assert re.search(r'href="/static/dsfr/dist/dsfr/dsfr\.min\.[0-9a-f]{12}\.css"', html), path
            # Every <link>/<script> with an integrity attribute was accepted: stylesheets have
            # rules, the DSFR script ran.
            refused = page.evaluate(
                """() => [...document.querySelectorAll('link[integrity]')]
                    .filter(l => !l.sheet || l.sheet.cssRules.length === 0).map(l => l.href)"""
            )
            assert refused == [], (path, refused)
            assert page.evaluate("typeof window.dsfr") != "undefined", path
            with_integrity = page.evaluate(
                "() => document.querySelectorAll('link[integrity], script[integrity]').length"
            )
            assert with_integrity >= 3, path
            # Computed styles of the header prove the DSFR stylesheet applies.
            header = page.evaluate(
                """() => { const s = getComputedStyle(document.querySelector('.fr-header__body'));
                     const b = getComputedStyle(document.body);
                     return {display: getComputedStyle(document.querySelector('.fr-header__body-row')).display,
                             font: b.fontFamily, shadow: getComputedStyle(document.querySelector('.fr-header')).filter
                                 + s.boxShadow}; }"""
            )
            assert "Marianne" in header["font"], (path, header)
            assert header["display"] == "flex", (path, header)
            assert page.evaluate("document.fonts.check('1rem Marianne')"), path
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"horizontal scroll on {path} at {width}px"
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SCREENSHOTS) / f"prod-{name}-{width}.png"), full_page=width == 390)
            if width == 1280:
                violations = run_axe(page)
                assert not violations, f"{path}:\n" + format_violations(violations)
    integrity_errors = [m for m in console if "integrity" in m.lower() or "digest" in m.lower()]
    assert integrity_errors == []
    assert console == [], console
    assert failed == [], failed


def test_static_files_are_hashed_compressed_and_cached(stack, web):
    import requests

    html = requests.get(web.url + "/", timeout=30).text
    css = re.search(
        r'href="(/static/dsfr/dist/dsfr/dsfr\.min\.[0-9a-f]{12}\.css)"\s+integrity="([^"]+)"', html
    )
    assert css
    response = requests.get(web.url + css.group(1), headers={"Accept-Encoding": "gzip"}, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    import base64
    import hashlib

    digest = "sha384-" + base64.b64encode(hashlib.sha384(response.content).digest()).decode()
    assert digest == css.group(2)
