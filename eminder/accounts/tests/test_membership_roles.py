"""A centre manager changes a member's role, deactivates and reactivates a membership."""

from django.test import Client
from django.urls import reverse

from eminder.accounts.models import Membership, Role
from eminder.audits.models import AuditEntry
from eminder.testing.personas import PASSWORD


def membership_of(user, centre=None) -> Membership:
    return user.memberships.get(centre=centre) if centre else user.memberships.get()


def role_url(membership: Membership, centre=None) -> str:
    code = (centre or membership.centre).code
    return reverse(
        "accounts:membership_role", kwargs={"code": code, "membership_code": membership.code}
    )


def active_url(membership: Membership, centre=None) -> str:
    code = (centre or membership.centre).code
    return reverse(
        "accounts:membership_active", kwargs={"code": code, "membership_code": membership.code}
    )


def staff_url(centre) -> str:
    return reverse("accounts:staff", kwargs={"code": centre.code})


def can_log_in(username: str) -> bool:
    client = Client()
    client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    return "_auth_user_id" in client.session


# Changing a role


def test_manager_changes_an_advisor_to_trainer(client_for, network):
    membership = membership_of(network.advisor)
    client = client_for("manager")
    client.defaults["REMOTE_ADDR"] = "203.0.113.6"

    response = client.post(role_url(membership), {"role": "trainer"})

    assert response.status_code == 302
    assert response["Location"] == staff_url(network.centre)
    membership.refresh_from_db()
    assert membership.role == Role.TRAINER
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.centre, entry.ip_address) == (
        "membership.role",
        network.manager,
        network.centre,
        "203.0.113.6",
    )
    assert entry.object_code == str(membership.code)
    assert entry.details == {"from": "advisor", "to": "trainer"}
    assert "The role of Advisor is changed." in client.get(response["Location"]).text


def test_new_role_takes_effect_at_once(client_for, network):
    client_for("manager").post(role_url(membership_of(network.advisor)), {"role": "manager"})

    response = client_for("advisor").get(staff_url(network.centre))

    assert response.status_code == 200


def test_coordinator_changes_a_role(client_for, network):
    membership = membership_of(network.trainer)

    client_for("coordinator").post(role_url(membership), {"role": "sme_owner"})

    membership.refresh_from_db()
    assert membership.role == Role.SME_OWNER
    assert AuditEntry.objects.get().actor == network.coordinator


def test_manager_cannot_change_own_role(client_for, network):
    membership = membership_of(network.manager)
    client = client_for("manager")

    response = client.post(role_url(membership), {"role": "advisor"}, follow=True)

    assert "You cannot change your own role." in response.text
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER
    assert not AuditEntry.objects.exists()


def test_choosing_the_same_role_writes_no_audit_entry(client_for, network):
    membership = membership_of(network.advisor)

    client_for("manager").post(role_url(membership), {"role": "advisor"})

    membership.refresh_from_db()
    assert membership.role == Role.ADVISOR
    assert not AuditEntry.objects.exists()


def test_coordinator_role_cannot_be_given(client_for, network):
    membership = membership_of(network.advisor)

    response = client_for("manager").post(
        role_url(membership), {"role": "coordinator"}, follow=True
    )

    assert "Choose one of the roles offered." in response.text
    membership.refresh_from_db()
    assert membership.role == Role.ADVISOR
    assert not AuditEntry.objects.exists()


def test_unknown_role_is_refused(client_for, network):
    membership = membership_of(network.advisor)

    response = client_for("manager").post(role_url(membership), {"role": "owner"}, follow=True)

    assert "Choose one of the roles offered." in response.text
    membership.refresh_from_db()
    assert membership.role == Role.ADVISOR


def test_outsider_gets_404_for_a_role_change(client_for, network):
    membership = membership_of(network.advisor)

    response = client_for("outsider").post(role_url(membership), {"role": "trainer"})

    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.role == Role.ADVISOR
    assert not AuditEntry.objects.exists()


def test_membership_of_another_centre_gets_404_through_own_centre(client_for, network):
    """A manager cannot reach another centre's member by pairing them with their own centre."""
    membership = membership_of(network.outsider)

    response = client_for("manager").post(
        role_url(membership, centre=network.centre), {"role": "trainer"}
    )

    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER


def test_advisor_gets_403_for_a_role_change(client_for, network):
    membership = membership_of(network.trainer)

    response = client_for("advisor").post(role_url(membership), {"role": "manager"})

    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.TRAINER
    assert not AuditEntry.objects.exists()


def test_role_change_by_get_is_refused(client_for, network):
    membership = membership_of(network.advisor)

    response = client_for("manager").get(role_url(membership), {"role": "trainer"})

    assert response.status_code == 405
    membership.refresh_from_db()
    assert membership.role == Role.ADVISOR


# Deactivating and reactivating


def test_deactivating_the_only_membership_deactivates_the_user(client_for, network):
    membership = membership_of(network.advisor)
    client = client_for("manager")

    response = client.post(active_url(membership), {"active": "0"})

    assert response.status_code == 302
    membership.refresh_from_db()
    network.advisor.refresh_from_db()
    assert membership.is_active is False
    assert network.advisor.is_active is False
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.centre, entry.object_code) == (
        "membership.deactivate",
        network.manager,
        network.centre,
        str(membership.code),
    )
    assert "Advisor is deactivated." in client.get(response["Location"]).text


def test_deactivated_user_cannot_log_in(client_for, network):
    assert can_log_in("advisor")

    client_for("manager").post(active_url(membership_of(network.advisor)), {"active": "0"})

    assert not can_log_in("advisor")


def test_deactivation_ends_the_users_open_session(client_for, network):
    advisor = client_for("advisor")
    assert advisor.get("/accounts/profile/").status_code == 200

    client_for("manager").post(active_url(membership_of(network.advisor)), {"active": "0"})

    response = advisor.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_user_with_another_active_membership_stays_active(client_for, network):
    Membership.objects.create(user=network.advisor, centre=network.other_centre, role=Role.TRAINER)
    membership = membership_of(network.advisor, network.centre)

    client_for("manager").post(active_url(membership), {"active": "0"})

    network.advisor.refresh_from_db()
    assert network.advisor.is_active is True
    assert can_log_in("advisor")
    advisor = client_for("advisor")
    assert advisor.get(staff_url(network.centre)).status_code == 404


def test_reactivation_lets_the_user_log_in_again(client_for, network):
    membership = membership_of(network.advisor)
    client = client_for("manager")
    client.post(active_url(membership), {"active": "0"})

    response = client.post(active_url(membership), {"active": "1"})

    membership.refresh_from_db()
    network.advisor.refresh_from_db()
    assert (membership.is_active, network.advisor.is_active) == (True, True)
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "membership.deactivate",
        "membership.reactivate",
    ]
    assert "Advisor is active again." in client.get(response["Location"]).text
    assert can_log_in("advisor")


def test_deactivating_twice_writes_one_audit_entry(client_for, network):
    membership = membership_of(network.advisor)
    client = client_for("manager")

    client.post(active_url(membership), {"active": "0"})
    client.post(active_url(membership), {"active": "0"})

    assert [e.action for e in AuditEntry.objects.all()] == ["membership.deactivate"]
    network.advisor.refresh_from_db()
    assert network.advisor.is_active is False


def test_manager_cannot_deactivate_themself(client_for, network):
    membership = membership_of(network.manager)

    response = client_for("manager").post(active_url(membership), {"active": "0"}, follow=True)

    assert "You cannot deactivate yourself." in response.text
    membership.refresh_from_db()
    network.manager.refresh_from_db()
    assert (membership.is_active, network.manager.is_active) == (True, True)
    assert not AuditEntry.objects.exists()


def test_outsider_gets_404_for_a_deactivation(client_for, network):
    membership = membership_of(network.advisor)

    response = client_for("outsider").post(active_url(membership), {"active": "0"})

    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.is_active is True


def test_advisor_gets_403_for_a_deactivation(client_for, network):
    membership = membership_of(network.trainer)

    response = client_for("advisor").post(active_url(membership), {"active": "0"})

    assert response.status_code == 403
    membership.refresh_from_db()
    network.trainer.refresh_from_db()
    assert (membership.is_active, network.trainer.is_active) == (True, True)


def test_deactivation_by_get_is_refused(client_for, network):
    membership = membership_of(network.advisor)

    response = client_for("manager").get(active_url(membership), {"active": "0"})

    assert response.status_code == 405
    membership.refresh_from_db()
    assert membership.is_active is True
