"""Enterprises of the personas' network: one in the home centre owned by the SME owner, one
in the outsider's centre, and the NUTS 3 regions they sit in."""

from datetime import date

import pytest

from eminder.enterprises.models import Contact, Enterprise
from eminder.testing.personas import make_region


@pytest.fixture
def regions(network):
    """NUTS 3 regions below the two centres' NUTS 2 regions, and one outside both."""
    return {
        code: make_region(code, name, level)
        for code, name, level in [
            ("ES111", "A Coruña", 3),
            ("ES114", "Pontevedra", 3),
            ("PL633", "Trójmiejski", 3),
            ("ES61", "Andalucía", 2),
            ("ES11", "Galicia", 2),
            ("PL63", "Pomorskie", 2),
        ]
    }


def make_enterprise(centre, name, region, **values) -> Enterprise:
    values = {"nace_code": "G4791", "size_class": "0-9", **values}
    return Enterprise.objects.create(centre=centre, name=name, region=region, **values)


@pytest.fixture
def enterprise(network, regions) -> Enterprise:
    """The home centre's enterprise, advised by the advisor and owned by the SME owner."""
    enterprise = make_enterprise(
        network.centre,
        "Conservas Rías S.L.",
        regions["ES111"],
        registry_number="B15000001",
        advisor=network.advisor,
        sales_channels=["own_web_shop"],
    )
    enterprise.owners.add(network.sme_owner)
    return enterprise


@pytest.fixture
def foreign_enterprise(network, regions) -> Enterprise:
    """An enterprise of the outsider's centre."""
    return make_enterprise(network.other_centre, "Bursztyn Sp. z o.o.", regions["PL633"])


@pytest.fixture
def contact(enterprise) -> Contact:
    return Contact.objects.create(
        enterprise=enterprise,
        name="Lucía Pereira",
        role="Manager",
        email="lucia@example.org",
        phone="+34 981 000 001",
        consent_date=date(2025, 3, 1),
        consent_purpose="Support from the centre",
    )
