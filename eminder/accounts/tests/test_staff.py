"""The staff page of a centre: its members, their status and the open invitations."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from eminder.accounts.models import Invitation, Membership, Role
from eminder.testing.personas import make_user


def staff_url(centre) -> str:
    return reverse("accounts:staff", kwargs={"code": centre.code})


def invitation(centre, email: str, **extra) -> Invitation:
    extra.setdefault("expires_at", timezone.now() + timedelta(days=7))
    return Invitation.objects.create(centre=centre, email=email, role=Role.ADVISOR, **extra)


def test_manager_sees_the_centres_members_only(client_for, network):
    response = client_for("manager").get(staff_url(network.centre))

    for person in ("advisor", "trainer", "sme_owner", "manager"):
        assert f"{person}@example.org" in response.text
    assert "outsider@example.org" not in response.text
    assert "coordinator@example.org" not in response.text


def test_deactivated_member_is_listed_with_a_reactivate_button(client_for, network):
    Membership.objects.filter(user=network.advisor).update(is_active=False)

    response = client_for("manager").get(staff_url(network.centre))

    assert "Deactivated" in response.text
    assert "Reactivate" in response.text


def test_open_invitations_are_listed_and_accepted_ones_are_not(client_for, network):
    invitation(network.centre, "waiting@example.org")
    invitation(network.centre, "late@example.org", expires_at=timezone.now() - timedelta(days=1))
    invitation(network.centre, "joined@example.org", accepted_at=timezone.now())
    invitation(network.other_centre, "elsewhere@example.org")

    response = client_for("manager").get(staff_url(network.centre))

    assert "waiting@example.org" in response.text
    assert "late@example.org" in response.text
    assert "Expired" in response.text
    assert "joined@example.org" not in response.text
    assert "elsewhere@example.org" not in response.text


def test_staff_page_query_count_does_not_grow_with_members(
    client_for, network, django_assert_num_queries
):
    client = client_for("manager")
    for number in range(10):
        Membership.objects.create(
            user=make_user(f"member{number}"), centre=network.centre, role=Role.TRAINER
        )
        invitation(network.centre, f"invited{number}@example.org", invited_by=network.manager)

    with django_assert_num_queries(6):
        response = client.get(staff_url(network.centre))

    assert response.status_code == 200
    assert "member9@example.org" in response.text
    assert "invited9@example.org" in response.text
