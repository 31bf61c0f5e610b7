"""The OpenAPI schema describes every route, and the Swagger docs work offline under the CSP."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import URLPattern, URLResolver, get_resolver

from eminder.api import api

NOT_OPERATIONS = {"openapi-json", "openapi-view", "api-root"}
PUBLIC_OPERATIONS = {
    "/api/v1/regions/",
    "/api/v1/statistics/datasets",
    "/api/v1/statistics/datasets/{code}/dimensions",
    "/api/v1/statistics/observations",
}


def api_routes() -> set[str]:
    """The URL of every API operation, in OpenAPI's notation, read from the URLconf."""
    (resolver,) = [
        pattern
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver) and pattern.namespace == "api"
    ]
    prefix = "/" + str(resolver.pattern)
    return {
        prefix + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        for pattern in resolver.url_patterns
        if isinstance(pattern, URLPattern) and pattern.name not in NOT_OPERATIONS
    }


@pytest.fixture
def schema(client, db) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(schema: dict):
    for url, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield url, method, operation


def test_schema_is_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "e-MINDER API"


def test_schema_lists_every_route(schema):
    assert api_routes() == set(schema["paths"])
    assert len(api_routes()) >= 4


def test_every_operation_is_summarised_and_tagged(schema):
    for url, method, operation in operations(schema):
        assert operation.get("summary"), f"{method.upper()} {url}"
        assert operation.get("tags"), f"{method.upper()} {url}"


def test_schema_declares_the_bearer_token(schema):
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }


def test_every_operation_but_the_public_ones_needs_token_or_session(schema):
    for url, method, operation in operations(schema):
        expected = None if url in PUBLIC_OPERATIONS else [{"TokenAuth": []}, {"SessionAuth": []}]
        assert operation.get("security") == expected, f"{method.upper()} {url}"


def test_list_operations_describe_their_pages(schema):
    listed = schema["paths"]["/api/v1/centres/"]["get"]
    assert {parameter["name"] for parameter in listed["parameters"]} == {"limit", "offset"}
    limit = next(p for p in listed["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 1000
    page = listed["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page_schema = schema["components"]["schemas"][page.rsplit("/", 1)[1]]
    assert set(page_schema["required"]) == {"items", "count"}


def test_schema_matches_the_api_object(schema):
    assert schema == json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))


@pytest.fixture
def docs(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    return response


def test_docs_load_only_local_static_files(docs):
    html = docs.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert addresses, html
    for address in addresses:
        assert address.startswith("/static/ninja/"), address
        assert finders.find(address.removeprefix("/static/")), f"{address} is not a static file"
    assert "//" not in re.sub(r"<!DOCTYPE[^>]*>", "", html).replace("http://www.w3.org", "")


def test_docs_have_no_inline_script_or_style(docs):
    html = docs.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.DOTALL)
    for attributes, content in scripts:
        # Either an external script, or a JSON data block the browser never runs.
        assert 'src="' in attributes or 'type="application/json"' in attributes, attributes
        assert content.strip() == "" or 'type="application/json"' in attributes
    assert "<style" not in html
    assert " style=" not in html
    assert " on" not in re.sub(r"<script.*?</script>", "", html, flags=re.DOTALL).lower()


def test_docs_point_swagger_at_the_schema(docs):
    settings_block = re.search(
        r'<script type="application/json" id="swagger-settings">(.*?)</script>',
        docs.content.decode(),
        flags=re.DOTALL,
    )
    assert json.loads(settings_block.group(1))["url"] == "/api/v1/openapi.json"


def test_docs_are_served_under_a_csp_without_unsafe_sources(docs):
    policy = dict(
        directive.strip().split(" ", 1) for directive in docs["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "unsafe" not in docs["Content-Security-Policy"]
