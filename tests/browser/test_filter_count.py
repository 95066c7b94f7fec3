"""The filter panel's "n filtres actifs" badge follows the results htmx swaps in (390 and 1280 px)."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import check_widths
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_agenda_badge_is_updated_by_the_htmx_swap(
    page, live_server, assert_accessible, console_errors, width
):
    EventFactory(title="Webinaire sur les sols")
    EventFactory(
        title="Visite de la ferme photovoltaïque", kind="site_visit", online_url="", place_name="Ferme"
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/agenda/")
    badge = page.locator("#filtres-event-results-count")
    expect(badge).to_have_text("")
    panel = page.locator("#filtres-event-results")
    if not panel.evaluate("el => el.open"):
        panel.locator("summary").click()
    page.get_by_label("Format").select_option("in_person")
    expect(page.locator("#event-results")).not_to_contain_text("Webinaire sur les sols")
    expect(badge).to_have_text("1 filtre actif")
    assert "mode=in_person" in page.url
    page.get_by_label("Format").select_option("")
    expect(page.locator("#event-results")).to_contain_text("Webinaire sur les sols")
    expect(badge).to_have_text("")
    page.get_by_label("Format").select_option("in_person")
    expect(badge).to_have_text("1 filtre actif")
    # Exactly one badge in the page, and the fragment's copy of it is gone once applied.
    assert page.locator("[id=filtres-event-results-count]").count() == 1
    assert page.locator("template[data-filter-count]").count() == 0
    check_widths(page, assert_accessible, f"filter-count-agenda-{width}", widths=(width,))
    assert not console_errors
