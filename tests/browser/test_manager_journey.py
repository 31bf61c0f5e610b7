"""A centre manager logs in, switches to Greek and finds the dashboard in Greek; another
centre's pages answer 404."""

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect


def test_manager_switches_to_greek_and_sees_the_dashboard_in_greek(
    transactional_db, network, page, live_server, log_in, csp_violations
):
    log_in("manager")
    expect(page.get_by_role("heading", level=1)).to_have_text(network.centre.name)
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_label("Language").select_option("el")
    page.wait_for_load_state()

    with translation.override("el"):
        greek_partners_heading = gettext("Regions covered")
        greek_partners = gettext("Partner organisations")
    assert greek_partners_heading != "Regions covered", "the Greek catalog is not compiled"
    expect(page.locator("html")).to_have_attribute("lang", "el")
    expect(page.get_by_role("heading", name=greek_partners_heading)).to_be_visible()
    expect(page.get_by_role("heading", name=greek_partners)).to_be_visible()
    network.manager.refresh_from_db()
    assert network.manager.language == "el"

    # The language is kept on the account: a new session opens in Greek too.
    page.context.clear_cookies()
    log_in_page = f"{live_server.url}/accounts/login/"
    page.goto(log_in_page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert csp_violations == []


def test_other_centres_pages_answer_404(transactional_db, network, page, live_server, log_in):
    log_in("manager")
    for path in ("", "edit/", "staff/"):
        response = page.goto(f"{live_server.url}/centres/{network.other_centre.code}/{path}")
        assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def test_coordinator_sees_the_network_chart_under_the_csp(
    transactional_db, network, page, live_server, log_in, csp_violations
):
    log_in("coordinator")
    page.goto(f"{live_server.url}/centres/")
    chart = page.locator(".chart-plot .main-svg").first
    expect(chart).to_be_visible()
    # The chart's figures are in a table beside it, for screen readers and for checking.
    page.get_by_text("Table of the figures").click()
    expect(page.get_by_role("cell", name="1").first).to_be_visible()
    assert csp_violations == []
