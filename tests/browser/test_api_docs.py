"""The API docs page (Swagger UI) works offline and under the Content Security Policy."""

from tests.test_api_schema import api_routes


def test_docs_render_every_operation_offline_without_csp_violations(
    transactional_db, page, live_server, csp_violations
):
    outside: list[str] = []

    def only_our_server(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_our_server)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    page.locator(".opblock-summary").first.click()  # expanding renders its parameters
    page.locator(".opblock-body").first.wait_for()

    assert {summary.replace("\u200b", "") for summary in summaries} == api_routes()
    assert outside == []
    assert csp_violations == []
