"""The public statistics pages in a real browser: charts drawn under the Content Security
Policy (no inline script or style, no map tiles), htmx keeping the URL shareable, the monitor's
sentences, and no WCAG violations."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from eminder.indicators.tests.statistics_fixtures import build_statistics
from tests.browser.test_accessibility import violations


def test_explorer_draws_its_charts_and_map_without_csp_violations(
    transactional_db, page, live_server, csp_violations
):
    build_statistics()
    page.goto(f"{live_server.url}/statistics/?dataset=isoc_r_iuse_i&geo=ES11&period=2019")

    for chart_id in ("timeseries", "ranking", "map"):
        plot = page.locator(f'[data-chart-source="{chart_id}-data"] .main-svg').first
        expect(plot).to_be_visible()
    expect(page.locator('[data-chart-source="map-data"] path.choroplethlocation')).to_have_count(6)
    assert violations(page) == []
    assert csp_violations == []


def test_explorer_form_redraws_through_htmx_and_keeps_the_state_in_the_url(
    transactional_db, page, live_server, csp_violations
):
    build_statistics()
    page.goto(f"{live_server.url}/statistics/")
    expect(page.locator('[data-chart-source="ranking-data"] .main-svg').first).to_be_visible()

    page.get_by_label("Size class (persons employed)").select_option("10-49")
    page.get_by_role("button", name="Show the figures").click()

    expect(page).to_have_url(re.compile(r"size_emp=10-49"))
    expect(page.get_by_label("Size class (persons employed)")).to_have_value("10-49")
    expect(page.locator('[data-chart-source="timeseries-data"] .main-svg').first).to_be_visible()
    # The pushed address opens the same figures on its own.
    page.reload()
    expect(page.get_by_label("Size class (persons employed)")).to_have_value("10-49")
    expect(page.locator('[data-chart-source="ranking-data"] .main-svg').first).to_be_visible()
    assert violations(page) == []
    assert csp_violations == []


def test_monitor_of_a_centre_shows_its_sentences(
    transactional_db, network, page, live_server, csp_violations
):
    build_statistics()
    page.goto(
        live_server.url + reverse("indicators:monitor", kwargs={"code": network.other_centre.code})
    )

    expect(
        page.get_by_text(
            "In 2024, 14.7% of enterprises in Poland made at least 1% of their turnover online, "
            "against 20.8% in the EU: the gap widened from 3.5 to 6.0 points since 2019."
        )
    ).to_be_visible()
    expect(page.get_by_text("the smallest area containing it that has one")).to_be_visible()
    expect(page.locator('[data-chart-source="esell-PL-data"] .main-svg').first).to_be_visible()
    assert violations(page) == []
    assert csp_violations == []


def test_monitor_index_and_imports_page_are_accessible(
    transactional_db, network, page, live_server, log_in, csp_violations
):
    page.goto(live_server.url + reverse("indicators:monitor_index"))
    page.get_by_role("link", name=network.other_centre.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Divide monitor: {network.other_centre.name}"
    )
    page.go_back()
    assert violations(page) == []

    log_in("coordinator")
    page.goto(live_server.url + reverse("indicators:imports"))
    expect(page.get_by_label("Statistics file")).to_be_visible()
    assert violations(page) == []
    assert csp_violations == []
