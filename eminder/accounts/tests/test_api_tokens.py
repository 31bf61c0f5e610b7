"""Personal API tokens: the secret is shown once, only its hash is kept, revoking is at once."""

import hashlib
import re

from django.test import Client
from django.urls import reverse

from eminder.accounts.models import ApiToken
from eminder.audits.models import AuditEntry

ME_URL = "/api/v1/accounts/me"
SECRET = re.compile(r'<p class="secret">(emk_[A-Za-z0-9_-]+)</p>')


def create_token(client: Client, name: str = "monthly export") -> str:
    """Create a token and return the secret the next page shows."""
    response = client.post("/accounts/tokens/", {"name": name})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    match = SECRET.search(client.get("/accounts/profile/").text)
    assert match
    return match.group(1)


def revoke(client: Client, token: ApiToken):
    return client.post(reverse("accounts:token_revoke", kwargs={"code": token.code}))


def call_me(secret: str):
    return Client().get(ME_URL, HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_new_token_is_shown_once_on_the_next_page(client_for, network):
    client = client_for("manager")

    secret = create_token(client)

    again = client.get("/accounts/profile/")
    assert secret not in again.text
    assert "monthly export" in again.text
    assert secret[:12] in again.text


def test_only_the_hash_of_the_secret_is_stored(client_for, network):
    secret = create_token(client_for("manager"))

    token = ApiToken.objects.get()
    assert token.user == network.manager
    assert token.name == "monthly export"
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[4:12]
    stored = [str(getattr(token, field.attname)) for field in ApiToken._meta.concrete_fields]
    assert not any(secret in value or secret[4:] in value for value in stored)


def test_token_creation_is_audited(client_for, network):
    client = client_for("manager")
    client.defaults["REMOTE_ADDR"] = "203.0.113.2"

    create_token(client)

    entry = AuditEntry.objects.get()
    token = ApiToken.objects.get()
    assert (entry.action, entry.actor, entry.object_code, entry.ip_address) == (
        "token.create",
        network.manager,
        str(token.code),
        "203.0.113.2",
    )


def test_secret_authenticates_at_the_api_and_marks_the_token_used(client_for, network):
    secret = create_token(client_for("manager"))

    response = call_me(secret)

    assert response.status_code == 200
    assert response.json()["username"] == "manager"
    assert ApiToken.objects.get().last_used_at is not None


def test_revoked_token_no_longer_authenticates(client_for, network):
    client = client_for("manager")
    secret = create_token(client)
    token = ApiToken.objects.get()

    response = revoke(client, token)

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert call_me(secret).status_code == 401
    page = client.get("/accounts/profile/")
    assert "The token “monthly export” is revoked." in page.text
    assert "You have no API token." in page.text


def test_revocation_is_audited(client_for, network):
    client = client_for("manager")
    create_token(client)
    token = ApiToken.objects.get()

    revoke(client, token)

    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.actor, entry.object_code) == (
        "token.revoke",
        network.manager,
        str(token.code),
    )


def test_revoking_twice_gets_404(client_for, network):
    client = client_for("manager")
    create_token(client)
    token = ApiToken.objects.get()
    revoke(client, token)
    revoked_at = ApiToken.objects.get().revoked_at

    response = revoke(client, token)

    assert response.status_code == 404
    assert ApiToken.objects.get().revoked_at == revoked_at


def test_another_users_token_cannot_be_revoked(client_for, network):
    secret = create_token(client_for("manager"))
    token = ApiToken.objects.get()

    response = revoke(client_for("coordinator"), token)

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert call_me(secret).status_code == 200


def test_another_users_tokens_are_not_listed(client_for, network):
    create_token(client_for("manager"), name="manager script")

    response = client_for("advisor").get("/accounts/profile/")

    assert "manager script" not in response.text


def test_token_of_a_deactivated_user_no_longer_authenticates(client_for, network):
    secret = create_token(client_for("advisor"))
    network.advisor.is_active = False
    network.advisor.save()

    assert call_me(secret).status_code == 401


def test_unknown_or_malformed_secrets_are_refused(client_for, network):
    secret = create_token(client_for("manager"))

    for wrong in (secret + "x", secret[:-1], secret.removeprefix("emk_"), "emk_", "nonsense"):
        assert call_me(wrong).status_code == 401, wrong


def test_token_without_a_name_is_refused(client_for, network):
    client = client_for("manager")

    response = client.post("/accounts/tokens/", {"name": ""}, follow=True)

    assert "Give the token a name of at most 100 characters." in response.text
    assert not ApiToken.objects.exists()
    assert not SECRET.search(response.text)


def test_token_with_too_long_a_name_is_refused(client_for, network):
    response = client_for("manager").post("/accounts/tokens/", {"name": "x" * 101}, follow=True)

    assert "Give the token a name of at most 100 characters." in response.text
    assert not ApiToken.objects.exists()


def test_token_creation_by_get_is_refused(client_for, network):
    response = client_for("manager").get("/accounts/tokens/", {"name": "script"})

    assert response.status_code == 405
    assert not ApiToken.objects.exists()
