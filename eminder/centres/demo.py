"""The demo network: three centres, their partners and one login per persona, all marked demo.

Running it again changes nothing that is already there. Later capabilities add their demo data
beside this (enterprises, assessments), keyed the same way so reloading stays safe.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from eminder.accounts.models import Membership, Role, User
from eminder.centres.models import Centre, Partner
from eminder.regions.models import Region

DEMO_PASSWORD = "demo-eminder-2026"  # noqa: S105 - printed on purpose: demo logins only


class DemoConflict(Exception):
    """Real data stands where the demo would go; nothing is loaded."""


@dataclass(frozen=True)
class DemoCentre:
    key: str
    name: str
    short_name: str
    regions: tuple[str, ...]
    languages: tuple[str, ...]
    email: str
    phone: str
    address: str
    partners: tuple[tuple[str, str, str, str], ...]
    people: tuple[tuple[str, str, str, str, str], ...]  # username, first, last, role, language


CENTRES = (
    DemoCentre(
        key="cy",
        name="e-MINDER Coordination Centre Cyprus (demo)",
        short_name="Cyprus (demo)",
        regions=("CY00",),
        languages=("el", "en"),
        email="cyprus@demo.e-minder.invalid",
        phone="+357 22 000 000",
        address="Demo Street 1\n1000 Nicosia\nCyprus",
        partners=(
            ("Nicosia University of Technology (demo)", "university", "lead", "Nicosia"),
            ("Cyprus Digital Commerce Cluster (demo)", "cluster", "member", "Limassol"),
            ("Larnaca Chamber of Trade (demo)", "chamber", "associate", "Larnaca"),
        ),
        people=(
            ("cy.manager", "Eleni", "Georgiou", Role.MANAGER, "el"),
            ("cy.advisor", "Andreas", "Christou", Role.ADVISOR, "el"),
            ("cy.trainer", "Maria", "Ioannou", Role.TRAINER, "en"),
            ("cy.owner", "Nikos", "Pavlou", Role.SME_OWNER, "el"),
        ),
    ),
    DemoCentre(
        key="gal",
        name="Centro de Coordinación e-MINDER Galicia (demo)",
        short_name="Galicia (demo)",
        regions=("ES11",),
        languages=("gl", "es", "en"),
        email="galicia@demo.e-minder.invalid",
        phone="+34 981 000 000",
        address="Rúa de Demostración 1\n15700 Santiago de Compostela\nEspaña",
        partners=(
            (
                "Universidade Atlántica de Galicia (demo)",
                "university",
                "lead",
                "Santiago de Compostela",
            ),
            ("Instituto Tecnolóxico do Noroeste (demo)", "technology_institute", "member", "Vigo"),
            ("Clúster Galego do Comercio Dixital (demo)", "cluster", "member", "A Coruña"),
        ),
        people=(
            ("gal.manager", "Uxía", "Fernández", Role.MANAGER, "gl"),
            ("gal.advisor", "Xoán", "Rodríguez", Role.ADVISOR, "es"),
            ("gal.trainer", "Carmen", "López", Role.TRAINER, "es"),
            ("gal.owner", "Brais", "Otero", Role.SME_OWNER, "gl"),
        ),
    ),
    DemoCentre(
        key="pom",
        name="Centrum Koordynacyjne e-MINDER Pomorze (demo)",
        short_name="Pomorskie (demo)",
        regions=("PL63",),
        languages=("pl", "en"),
        email="pomorze@demo.e-minder.invalid",
        phone="+48 58 000 00 00",
        address="ul. Demonstracyjna 1\n80-001 Gdańsk\nPolska",
        partners=(
            ("Politechnika Bałtycka (demo)", "university", "lead", "Gdańsk"),
            ("Pomorski Instytut Technologiczny (demo)", "technology_institute", "member", "Gdynia"),
            ("Pomorski Klaster Handlu Elektronicznego (demo)", "cluster", "member", "Sopot"),
            ("Regionalna Agencja Rozwoju (demo)", "public_body", "associate", "Słupsk"),
        ),
        people=(
            ("pom.manager", "Katarzyna", "Nowak", Role.MANAGER, "pl"),
            ("pom.advisor", "Piotr", "Kowalski", Role.ADVISOR, "pl"),
            ("pom.trainer", "Anna", "Wiśniewska", Role.TRAINER, "en"),
            ("pom.owner", "Tomasz", "Zieliński", Role.SME_OWNER, "pl"),
        ),
    ),
)
COORDINATOR = ("coordinator", "Sofia", "Martins", "en")


def _demo_user(username: str, first: str, last: str, language: str) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": f"{last} (demo)",
            "email": f"{username}@demo.e-minder.invalid",
            "language": language,
            "is_demo": True,
        },
    )
    if not user.is_demo:
        # Never hand a demo role, let alone the coordinator's, to a real account.
        raise DemoConflict(
            _("A user named %(username)s exists and is not demo data: the demo was not loaded.")
            % {"username": username}
        )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def load_demo() -> list[tuple[str, str, str]]:
    """Create the demo network if missing; returns (username, role, centre) for every login."""
    logins = []
    with transaction.atomic():
        coordinator = _demo_user(*COORDINATOR)
        Membership.objects.get_or_create(
            user=coordinator, centre=None, defaults={"role": Role.COORDINATOR}
        )
        logins.append((coordinator.username, str(Role.COORDINATOR.label), ""))
        for spec in CENTRES:
            centre = _demo_centre(spec)
            for username, first, last, role, language in spec.people:
                user = _demo_user(username, first, last, language)
                Membership.objects.get_or_create(user=user, centre=centre, defaults={"role": role})
                logins.append((username, str(Role(role).label), centre.short_name))
    return logins


def _demo_centre(spec: DemoCentre) -> Centre:
    centre, created = Centre.objects.get_or_create(
        name=spec.name,
        defaults={
            "short_name": spec.short_name,
            "email": spec.email,
            "phone": spec.phone,
            "address": spec.address,
            "working_languages": list(spec.languages),
            "is_demo": True,
        },
    )
    if created:
        centre.regions.set(Region.objects.current().filter(code__in=spec.regions))
    for name, kind, role, city in spec.partners:
        Partner.objects.get_or_create(
            centre=centre,
            name=name,
            defaults={"kind": kind, "role": role, "city": city, "is_demo": True},
        )
    return centre
