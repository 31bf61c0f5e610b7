"""Pages pass axe-core's WCAG 2 A and AA rules (labels, contrast, landmarks, names).

axe-core (MPL-2.0) is vendored in tests/browser/vendor; it is evaluated through the DevTools
protocol, which the page's Content Security Policy does not restrict.
"""

from pathlib import Path

import pytest

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}});
  return result.violations.map(
    v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target).join(", ")})`);
}"""


def violations(page) -> list[str]:
    page.evaluate(AXE)
    return page.evaluate(RUN_AXE)


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        (None, "/"),
        (None, "/accounts/login/"),
        (None, "/accounts/password-reset/"),
        ("manager", "/centres/{centre}/"),
        ("manager", "/centres/{centre}/edit/"),
        ("manager", "/centres/{centre}/staff/"),
        ("manager", "/centres/{centre}/partners/new/"),
        ("manager", "/accounts/profile/"),
        ("manager", "/audit/"),
        ("coordinator", "/centres/"),
        ("sme_owner", "/"),
    ],
)
def test_page_has_no_wcag_violations(
    transactional_db, network, page, live_server, log_in, persona, path
):
    if persona:
        log_in(persona)
    page.goto(live_server.url + path.format(centre=network.centre.code))
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


def test_keyboard_reaches_the_main_content_first(transactional_db, network, page, live_server):
    # The start page has no autofocus field, so the first Tab lands on the skip link.
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
