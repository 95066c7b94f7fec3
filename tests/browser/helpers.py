"""Helpers shared by the browser tests."""

PASSWORD = "motdepasse-solide-42"  # the factories' password


def log_in(page, base_url: str, user, password: str = PASSWORD) -> None:
    """Log `user` in through the real login form (with or without JavaScript)."""
    page.goto(f"{base_url}/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def horizontal_overflow(page) -> int:
    """Pixels the page scrolls sideways (0 when it fits). Waits for the document to be loaded:
    evaluated right after a click that navigates, `document.documentElement` can still be null."""
    page.wait_for_load_state()
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def assert_no_horizontal_scroll(page, width: int) -> None:
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{overflow} px de défilement horizontal à {width} px ({page.url})"


def check_widths(page, assert_accessible, name: str, widths=(390, 1280)) -> None:
    """At each width: no horizontal scrolling, then axe-core (zero violations) and a screenshot
    named `<name>-<width>`."""
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        overflow = horizontal_overflow(page)
        assert overflow <= 0, f"{overflow} px de défilement horizontal à {width} px ({name})"
        assert_accessible(page, f"{name}-{width}")


# Resolves once the browser has finished with the image: reading `complete` right after a
# navigation races the image request (CI saw an upload page measured while its image loaded).
_LOADED_WIDTH = """img => img.complete ? img.naturalWidth : new Promise(resolve => {
    img.addEventListener("load", () => resolve(img.naturalWidth), {once: true});
    img.addEventListener("error", () => resolve(0), {once: true});
})"""


def image_natural_width(locator) -> int:
    """The natural width of a loaded image, 0 when it failed to load."""
    return locator.evaluate(_LOADED_WIDTH)
