"""`manage.py load_demo`: the demo network, marked demo, safe to run again."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from eminder.accounts.models import Membership, Role, User
from eminder.centres.demo import CENTRES, DEMO_PASSWORD
from eminder.centres.models import Centre, Partner
from eminder.testing.personas import make_region, make_user

PERSONA_ROLES = {Role.MANAGER, Role.ADVISOR, Role.TRAINER, Role.SME_OWNER}


@pytest.fixture
def regions(db):
    return [
        make_region(code, name)
        for code, name in [("CY00", "Κύπρος"), ("ES11", "Galicia"), ("PL63", "Pomorskie")]
    ]


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def state() -> dict:
    return {
        "centres": sorted(Centre.objects.values_list("name", "is_demo")),
        "partners": sorted(Partner.objects.values_list("centre__name", "name", "is_demo")),
        "users": sorted(User.objects.values_list("username", "is_demo", "password")),
        "memberships": sorted(
            Membership.objects.values_list("user__username", "centre__name", "role")
        ),
        "regions": sorted(Centre.objects.values_list("name", "regions__code")),
    }


def test_creates_three_centres_with_their_regions_and_partners(regions):
    load_demo()

    assert sorted(Centre.objects.values_list("short_name", "regions__code")) == [
        ("Cyprus (demo)", "CY00"),
        ("Galicia (demo)", "ES11"),
        ("Pomorskie (demo)", "PL63"),
    ]
    assert Partner.objects.count() == sum(len(spec.partners) for spec in CENTRES) == 10


def test_everything_it_creates_is_marked_demo(regions):
    load_demo()

    assert not Centre.objects.filter(is_demo=False).exists()
    assert not Partner.objects.filter(is_demo=False).exists()
    assert not User.objects.filter(is_demo=False).exists()
    assert User.objects.filter(last_name__endswith="(demo)").count() == User.objects.count()


def test_one_login_per_persona_in_every_centre(regions):
    load_demo()

    coordinator = Membership.objects.get(role=Role.COORDINATOR)
    assert (coordinator.user.username, coordinator.centre) == ("coordinator", None)
    for centre in Centre.objects.all():
        roles = list(centre.memberships.values_list("role", flat=True))
        assert sorted(roles) == sorted(PERSONA_ROLES), centre
    assert Membership.objects.count() == User.objects.count() == 13


def test_every_demo_login_works_with_the_printed_password(regions):
    output = load_demo()

    assert f"password for all: {DEMO_PASSWORD}" in output
    for username in User.objects.values_list("username", flat=True):
        client = Client()
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)


def test_running_twice_changes_nothing(regions):
    load_demo()
    first = state()

    output = load_demo()

    assert state() == first
    assert "Demo data loaded." in output


def test_keeps_what_people_changed_in_the_demo(regions):
    load_demo()
    centre = Centre.objects.get(short_name="Galicia (demo)")
    centre.regions.clear()
    centre.email = "changed@example.org"
    centre.save()

    load_demo()

    centre.refresh_from_db()
    assert centre.email == "changed@example.org"
    assert not centre.regions.exists()


def test_summary_lists_every_login_with_role_and_centre(regions):
    lines = load_demo().splitlines()

    assert lines[0] == "Demo data loaded. Everything it created is marked as demo."
    logins = [line.split() for line in lines[2:]]
    assert logins[0] == ["coordinator", "Network", "coordinator"]
    assert ["gal.manager", "Centre", "manager", "Galicia", "(demo)"] in logins
    assert ["pom.owner", "SME", "owner", "Pomorskie", "(demo)"] in logins
    assert len(logins) == 13


def test_refuses_without_regions(db):
    with pytest.raises(CommandError, match=r"Load the NUTS regions first: .*load_regions"):
        load_demo()

    assert not Centre.objects.exists()
    assert not User.objects.exists()


def test_refuses_to_give_a_demo_role_to_a_real_account(regions):
    real = make_user("coordinator")

    with pytest.raises(CommandError, match="A user named coordinator exists and is not demo data"):
        load_demo()

    assert not real.memberships.exists()
    assert not Centre.objects.exists()
    assert User.objects.get() == real
