"""The personas every test builds: one network, two centres, one user per role.

`centre` is the home centre of the manager, advisor, trainer and SME owner; `other_centre`
belongs to the outsider, a manager there. Objects are built directly, not through services:
fixtures set the scene, the tests exercise the behaviour.
"""

from dataclasses import dataclass

import pytest

from eminder.accounts.models import Membership, Role, User
from eminder.centres.models import Centre, Partner
from eminder.regions.models import Region

PASSWORD = "correct-horse-battery-staple"
PERSONAS = ("anonymous", "coordinator", "manager", "advisor", "trainer", "sme_owner", "outsider")


def make_user(username: str, *, language: str = "en", **extra) -> User:
    user = User(
        username=username,
        email=f"{username}@example.org",
        language=language,
        first_name=username.capitalize(),
        **extra,
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def make_region(code: str, name: str, level: int = 2) -> Region:
    region, _ = Region.objects.get_or_create(
        code=code,
        nuts_version=2021,
        defaults={"level": level, "country_code": code[:2], "name": name},
    )
    return region


def make_centre(name: str, short_name: str, region: Region) -> Centre:
    centre = Centre.objects.create(
        name=name,
        short_name=short_name,
        email=f"{short_name.lower()}@example.org",
        working_languages=["en"],
    )
    centre.regions.set([region])
    return centre


@dataclass
class Network:
    centre: Centre
    other_centre: Centre
    partner: Partner
    coordinator: User
    manager: User
    advisor: User
    trainer: User
    sme_owner: User
    outsider: User

    def user(self, persona: str) -> User | None:
        return None if persona == "anonymous" else getattr(self, persona)


@pytest.fixture
def network(db) -> Network:
    home = make_centre("Centre of Galicia", "Galicia", make_region("ES11", "Galicia"))
    other = make_centre("Centre of Pomerania", "Pomorskie", make_region("PL63", "Pomorskie"))
    partner = Partner.objects.create(
        centre=home,
        name="University of Galicia",
        kind=Partner.Kind.UNIVERSITY,
        role=Partner.Role.LEAD,
        city="Santiago",
    )
    people = {}
    for persona, centre, role in [
        ("coordinator", None, Role.COORDINATOR),
        ("manager", home, Role.MANAGER),
        ("advisor", home, Role.ADVISOR),
        ("trainer", home, Role.TRAINER),
        ("sme_owner", home, Role.SME_OWNER),
        ("outsider", other, Role.MANAGER),
    ]:
        people[persona] = make_user(persona)
        Membership.objects.create(user=people[persona], centre=centre, role=role)
    return Network(centre=home, other_centre=other, partner=partner, **people)


@pytest.fixture
def client_for(client, network):
    """`client_for("manager")` is a test client logged in as that persona."""
    from django.test import Client

    def make(persona: str) -> Client:
        new_client = Client()
        user = network.user(persona)
        if user is not None:
            new_client.force_login(user)
        return new_client

    return make
