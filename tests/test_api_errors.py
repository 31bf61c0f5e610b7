"""Every error the API gives is JSON with a `detail` reason in the caller's language.

Wrong addresses, methods, path values, query parameters and bodies, refused input from a
service and a crash inside an endpoint. Endpoints that production does not have yet (a body to
send, a service refusing input) live on a test-only API built like the real one.
"""

import logging
import uuid

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.test import Client
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext
from ninja import Router, Schema

from eminder import urls as site_urls
from eminder.accounts.services import create_api_token
from eminder.api import EminderAPI
from eminder.centres.models import CentreQuerySet

test_router = Router()


class NoteIn(Schema):
    text: str
    stars: int


@test_router.post("/notes")
def create_note(request, note: NoteIn):
    return {"text": note.text}


@test_router.post("/refusals")
def refuse(request):
    raise DjangoValidationError(
        {"name": ["A partner organisation with this name already exists."], "__all__": ["No."]}
    )


test_api = EminderAPI(title="Test API", urls_namespace="test_api")
test_api.add_router("/", test_router)
# The whole site stays routable: error pages (CSRF failure) link to its other pages.
urlpatterns = [*site_urls.urlpatterns, path("test-api/", test_api.urls)]
with_test_api = pytest.mark.urls(__name__)


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["detail"]
    return body


@pytest.fixture
def token(network):
    return create_api_token(user=network.manager, name="script")[1]


def test_unknown_centre_code_is_a_json_404(client_for):
    response = client_for("manager").get(f"/api/v1/centres/{uuid.uuid4()}")
    assert error_of(response, 404) == {"detail": "No such centre."}


def test_malformed_code_in_the_path_is_a_json_400_naming_the_field(client_for):
    response = client_for("manager").get("/api/v1/centres/not-a-uuid")
    assert error_of(response, 400) == {
        "detail": "The request is not valid.",
        "errors": [{"location": ["path", "code"], "reason": "Enter a valid UUID."}],
    }


@pytest.mark.parametrize(
    ("query", "name", "reason"),
    [
        ("level=abc", "level", "Enter a whole number."),
        ("level=4", "level", "Ensure this value is less than or equal to 3."),
        ("country=ESP", "country", "Enter at most 2 characters."),
        ("limit=abc", "limit", "Enter a whole number."),
        ("limit=0", "limit", "Ensure this value is greater than or equal to 1."),
        ("limit=100000", "limit", "Ensure this value is less than or equal to 1000."),
        ("offset=-1", "offset", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_bad_query_value_is_a_json_400_with_the_reason(client, db, query, name, reason):
    body = error_of(client.get(f"/api/v1/regions/?{query}"), 400)
    assert body["errors"] == [{"location": ["query", name], "reason": reason}]


@pytest.mark.parametrize("url", ["/api/v1/regions/?levle=2", "/api/v1/centres/?page=2"])
def test_unknown_query_parameter_is_refused_by_name(client_for, url):
    body = error_of(client_for("manager").get(url), 400)
    name = url.split("?")[1].split("=")[0]
    assert body["errors"] == [
        {
            "location": ["query", name],
            "reason": "This endpoint has no parameter of this name. Check its spelling.",
        }
    ]


def test_several_unknown_query_parameters_are_all_named(client, db):
    body = error_of(client.get("/api/v1/regions/?b=1&a=2&level=2"), 400)
    assert [error["location"] for error in body["errors"]] == [["query", "a"], ["query", "b"]]


def test_too_many_query_parameters_is_a_json_400(client, db, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    query = "&".join(f"p{number}=1" for number in range(11))
    body = error_of(client.get(f"/api/v1/regions/?{query}"), 400)
    assert body == {"detail": "The request could not be understood. Nothing was changed."}


@pytest.mark.parametrize("url", ["/api/v1/", "/api/v1/nowhere/", "/api/v1/centres/a/b/c"])
def test_unknown_address_under_the_api_is_a_json_404(client, db, url):
    body = error_of(client.get(url), 404)
    assert body == {
        "detail": "There is no API endpoint at this address. See the API documentation."
    }


def test_address_missing_its_trailing_slash_is_still_redirected(client, db):
    response = client.get("/api/v1/regions?level=2")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/regions/?level=2"


def test_write_to_an_unknown_address_is_a_json_404_not_a_csrf_page(db):
    client = Client(enforce_csrf_checks=True)
    for url in ("/api/v1/nowhere/", "/api/v1/regions"):
        assert error_of(client.post(url, {"a": "1"}), 404)


def test_wrong_method_is_a_json_405_listing_the_allowed_ones(client_for):
    response = client_for("manager").delete("/api/v1/centres/")
    assert error_of(response, 405) == {"detail": "This address does not accept the DELETE method."}
    assert response["Allow"] == "GET"


@pytest.mark.parametrize("url", ["/api/v1/openapi.json", "/api/v1/docs"])
def test_schema_and_docs_can_only_be_read(db, url):
    response = Client(enforce_csrf_checks=True).post(url)
    assert error_of(response, 405) == {"detail": "This address does not accept the POST method."}
    assert response["Allow"] == "GET, HEAD"


@with_test_api
def test_body_that_is_not_json_is_a_json_400(client, token):
    response = client.post(
        "/test-api/notes",
        "{not json",
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )
    assert error_of(response, 400) == {"detail": "The request body is not valid JSON."}


@with_test_api
def test_body_missing_fields_is_a_json_400_for_each(client, token):
    response = client.post(
        "/test-api/notes",
        {"stars": "many"},
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )
    assert error_of(response, 400)["errors"] == [
        {"location": ["body", "note", "text"], "reason": "This field is required."},
        {"location": ["body", "note", "stars"], "reason": "Enter a whole number."},
    ]


@with_test_api
def test_oversized_body_is_a_json_413_and_never_parsed(client, token, settings, caplog):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        "/test-api/notes",
        {"text": "x" * 2000, "stars": 1},
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )
    assert error_of(response, 413) == {"detail": "The request body is too large."}
    assert any(record.name.startswith("django.security.") for record in caplog.records)


@with_test_api
def test_oversized_form_from_a_session_is_a_json_413(network, settings):
    # The CSRF check reads the form, so the size limit is met during authentication.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = Client(enforce_csrf_checks=True)
    client.force_login(network.manager)
    client.cookies["csrftoken"] = "a" * 32
    response = client.post("/test-api/notes", {"text": "x" * 2000})
    assert error_of(response, 413) == {"detail": "The request body is too large."}


@with_test_api
def test_input_refused_by_a_service_gives_its_messages_by_field(client, token):
    response = client.post("/test-api/refusals", headers={"authorization": f"Bearer {token}"})
    assert error_of(response, 400) == {
        "detail": "A partner organisation with this name already exists. No.",
        "errors": [
            {
                "location": ["name"],
                "reason": "A partner organisation with this name already exists.",
            },
            {"location": [], "reason": "No."},
        ],
    }


def test_crash_inside_an_endpoint_is_a_logged_json_500(client_for, monkeypatch, caplog):
    def crash(self, user):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(CentreQuerySet, "visible_to", crash)
    with caplog.at_level(logging.ERROR, logger="eminder.api"):
        response = client_for("manager").get("/api/v1/centres/")
    body = error_of(response, 500)
    assert body == {"detail": "An internal error occurred. It has been logged."}
    assert "database on fire" not in response.content.decode()
    logged = [record for record in caplog.records if record.name == "eminder.api"]
    assert [record.exc_info[1].args for record in logged] == [("database on fire",)]


# Language. The API's own sentences are asserted through gettext, so these tests hold while
# the Greek catalog is being translated; Django's sentences (validation reasons) are real Greek
# already, and prove the language reached the error.


def test_anonymous_caller_gets_errors_in_the_accept_language(client, db):
    response = client.get("/api/v1/regions/?limit=0", headers={"accept-language": "el"})
    body = error_of(response, 400)
    assert response["Content-Language"] == "el"
    assert body["detail"] == in_language("el", "The request is not valid.")
    reason = in_language("el", "Ensure this value is greater than or equal to %(limit_value)s.")
    assert body["errors"][0]["reason"] == reason % {"limit_value": 1}
    assert body["errors"][0]["reason"] != "Ensure this value is greater than or equal to 1."


def test_anonymous_caller_is_asked_to_log_in_in_their_language(client, db):
    response = client.get("/api/v1/centres/", headers={"accept-language": "el"})
    assert response["Content-Language"] == "el"
    assert error_of(response, 401)["detail"] == in_language(
        "el", "Authentication required: log in, or send a personal API token."
    )


def test_logged_in_user_gets_errors_in_their_account_language(client_for, network):
    network.manager.language = "el"
    network.manager.save()
    response = client_for("manager").get(
        f"/api/v1/centres/{uuid.uuid4()}", headers={"accept-language": "en"}
    )
    assert response["Content-Language"] == "el"
    assert error_of(response, 404)["detail"] == in_language("el", "No such centre.")


def test_token_user_gets_errors_in_their_account_language(client, network):
    network.outsider.language = "el"
    network.outsider.save()
    secret = create_api_token(user=network.outsider, name="script")[1]
    response = client.get(
        "/api/v1/centres/not-a-uuid",
        headers={"authorization": f"Bearer {secret}", "accept-language": "en"},
    )
    body = error_of(response, 400)
    assert response["Content-Language"] == "el"
    assert body["errors"][0]["reason"] == in_language("el", "Enter a valid UUID.")
    assert body["errors"][0]["reason"] != "Enter a valid UUID."
