"""Who the API takes a request to be from: a personal token, or the browser's session.

Writes are tried on a test-only API built like the real one, as production has no write
endpoint yet; the CSRF rule belongs to the session authentication every endpoint shares.
"""

import pytest
from django.test import Client
from django.urls import path
from ninja import Router, Schema

from eminder import urls as site_urls
from eminder.accounts.models import ApiToken
from eminder.accounts.services import create_api_token, revoke_api_token, set_membership_active
from eminder.api import EminderAPI

AUTH_REQUIRED = {"detail": "Authentication required: log in, or send a personal API token."}
TOKEN_REFUSED = {
    "detail": "This API token is not valid: it is mistyped, revoked, or its account is deactivated."
}

test_router = Router()
notes: list[str] = []


class NoteIn(Schema):
    text: str


@test_router.post("/notes")
def create_note(request, note: NoteIn):
    notes.append(f"{request.auth.username}: {note.text}")
    return {"text": note.text}


test_api = EminderAPI(title="Test API", urls_namespace="test_api_auth")
test_api.add_router("/", test_router)
# The whole site stays routable: error pages (CSRF failure) link to its other pages.
urlpatterns = [*site_urls.urlpatterns, path("test-api/", test_api.urls)]
with_test_api = pytest.mark.urls(__name__)


@pytest.fixture(autouse=True)
def _no_notes():
    notes.clear()


@pytest.fixture
def token(network):
    return create_api_token(user=network.advisor, name="script")


def bearer(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def test_token_authenticates_as_its_owner(client, token, network):
    response = client.get("/api/v1/accounts/me", headers=bearer(token[1]))
    assert response.status_code == 200
    assert response.json() == {
        "username": "advisor",
        "name": "Advisor",
        "email": "advisor@example.org",
        "language": "en",
        "memberships": [{"centre": str(network.centre.code), "role": "advisor"}],
    }


def test_token_use_is_recorded(client, token):
    assert token[0].last_used_at is None
    client.get("/api/v1/accounts/me", headers=bearer(token[1]))
    token[0].refresh_from_db()
    assert token[0].last_used_at is not None


def test_token_is_stored_only_as_a_hash(token):
    stored = ApiToken.objects.get()
    assert token[1] not in {stored.token_hash, stored.prefix}
    assert token[1].startswith(f"emk_{stored.prefix}")


def test_revoked_token_is_refused(client, token, network):
    revoke_api_token(user=network.advisor, token=token[0])
    response = client.get("/api/v1/accounts/me", headers=bearer(token[1]))
    assert response.status_code == 401
    assert response.json() == TOKEN_REFUSED
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_token_of_a_deactivated_user_is_refused(client, token, network):
    set_membership_active(
        actor=network.manager, membership=network.advisor.memberships.get(), active=False
    )
    response = client.get("/api/v1/accounts/me", headers=bearer(token[1]))
    assert response.status_code == 401
    assert response.json() == TOKEN_REFUSED


def test_refused_token_is_not_recorded_as_used(client, token, network):
    revoke_api_token(user=network.advisor, token=token[0])
    client.get("/api/v1/accounts/me", headers=bearer(token[1]))
    token[0].refresh_from_db()
    assert token[0].last_used_at is None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Bearer emk_",
        "Bearer emk_not-a-token",
        "Bearer {secret}x",
        "Bearer  {secret}",
        "Bearer {secret} {secret}",
        "Bearer {prefix}",
    ],
)
def test_wrong_bearer_token_is_refused(client, token, header):
    secret = token[1]
    header = header.format(secret=secret, prefix=secret[:12])
    response = client.get("/api/v1/accounts/me", headers={"authorization": header})
    assert response.status_code == 401
    assert response.json() == TOKEN_REFUSED


@pytest.mark.parametrize("header", ["Basic {secret}", "Token {secret}", "{secret}", "emk"])
def test_authorization_header_of_another_scheme_is_not_a_login(client, token, header):
    response = client.get(
        "/api/v1/accounts/me", headers={"authorization": header.format(secret=token[1])}
    )
    assert response.status_code == 401
    assert response.json() == AUTH_REQUIRED
    assert response["WWW-Authenticate"] == "Bearer"


def test_bearer_scheme_is_case_insensitive(client, token):
    response = client.get("/api/v1/accounts/me", headers={"authorization": f"bearer {token[1]}"})
    assert response.status_code == 200


def test_wrong_token_is_refused_even_beside_a_valid_session(client_for, token, network):
    revoke_api_token(user=network.advisor, token=token[0])
    response = client_for("manager").get("/api/v1/accounts/me", headers=bearer(token[1]))
    assert response.status_code == 401
    assert response.json() == TOKEN_REFUSED


def test_token_wins_over_the_session(client_for, token):
    response = client_for("manager").get("/api/v1/accounts/me", headers=bearer(token[1]))
    assert response.json()["username"] == "advisor"


def test_session_authenticates_reads(client_for, network):
    response = client_for("coordinator").get("/api/v1/accounts/me")
    assert response.status_code == 200
    assert response.json()["memberships"] == [{"centre": None, "role": "coordinator"}]


def test_session_of_a_deactivated_user_is_refused(client_for, network):
    client = client_for("advisor")
    set_membership_active(
        actor=network.manager, membership=network.advisor.memberships.get(), active=False
    )
    assert client.get("/api/v1/accounts/me").status_code == 401


@with_test_api
def test_session_write_without_csrf_token_is_refused(network):
    client = Client(enforce_csrf_checks=True)
    client.force_login(network.manager)
    response = client.post("/test-api/notes", {"text": "hello"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "The request was refused because its CSRF token is missing or wrong. "
        "Reload the page, or send a personal API token instead."
    }
    assert notes == []


@with_test_api
def test_session_write_with_csrf_token_is_accepted(network):
    client = Client(enforce_csrf_checks=True)
    client.force_login(network.manager)
    csrf_token = "k" * 32  # the shape of Django's CSRF secret
    client.cookies["csrftoken"] = csrf_token
    response = client.post(
        "/test-api/notes",
        {"text": "hello"},
        content_type="application/json",
        headers={"x-csrftoken": csrf_token},
    )
    assert response.status_code == 200
    assert notes == ["manager: hello"]


@with_test_api
def test_token_write_needs_no_csrf_token(token):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/test-api/notes",
        {"text": "hello"},
        content_type="application/json",
        headers=bearer(token[1]),
    )
    assert response.status_code == 200
    assert notes == ["advisor: hello"]


@with_test_api
def test_anonymous_write_is_refused(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/test-api/notes", {"text": "hello"}, content_type="application/json")
    assert response.status_code == 401
    assert notes == []
