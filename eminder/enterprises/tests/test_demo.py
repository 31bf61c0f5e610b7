"""Demo enterprises: eight per demo centre (thirteen in Galicia), marked demo, owners linked."""

import pytest

from eminder.audits.models import AuditEntry
from eminder.centres.demo import load_demo
from eminder.enterprises.demo import ENTERPRISES, load_demo_enterprises
from eminder.enterprises.models import Contact, Enterprise
from eminder.enterprises.nace import is_activity
from eminder.testing.personas import make_region


@pytest.fixture
def demo_network(db):
    for code, name in [("CY00", "Κύπρος"), ("ES11", "Galicia"), ("PL63", "Pomorskie")]:
        make_region(code, name)
    for code, name in [("CY000", "Κύπρος"), ("ES111", "A Coruña"), ("ES114", "Pontevedra")]:
        make_region(code, name, 3)  # the other NUTS 3 regions are missing: NUTS 2 is used
    load_demo()


def state():
    return sorted(
        Enterprise.objects.values_list("centre__short_name", "name", "region__code", "is_demo")
    )


def test_demo_enterprises_per_centre_all_marked_demo(demo_network):
    assert load_demo_enterprises() == 29

    for centre, count in (("Cyprus (demo)", 8), ("Galicia (demo)", 13), ("Pomorskie (demo)", 8)):
        assert Enterprise.objects.filter(centre__short_name=centre).count() == count
    assert not Enterprise.objects.filter(is_demo=False).exists()
    assert not Enterprise.objects.exclude(name__endswith="(demo)").exists()
    assert Contact.objects.filter(is_demo=True, consent_date__isnull=False).count() == 29
    assert all(contact.has_consent for contact in Contact.objects.all())


def test_regions_fall_back_to_nuts2_when_nuts3_is_missing(demo_network):
    load_demo_enterprises()

    regions = dict(Enterprise.objects.values_list("name", "region__code"))
    assert regions["Conservas Rías Baixas S.L. (demo)"] == "ES114"
    assert regions["Queixería do Courel S.L. (demo)"] == "ES11"
    assert regions["Bursztyn Bałtycki Sp. z o.o. (demo)"] == "PL63"


@pytest.mark.parametrize("owner", ["cy.owner", "gal.owner", "pom.owner"])
def test_each_owner_persona_sees_one_enterprise_of_their_centre(demo_network, owner):
    from eminder.accounts.models import User

    load_demo_enterprises()
    user = User.objects.get(username=owner)

    visible = list(Enterprise.objects.visible_to(user))
    assert len(visible) == 1
    assert visible[0].centre.memberships.filter(user=user, role="sme_owner").exists()


def test_running_again_changes_nothing(demo_network):
    load_demo_enterprises()
    before, audit_rows = state(), AuditEntry.objects.count()

    assert load_demo_enterprises() == 0

    assert state() == before
    assert AuditEntry.objects.count() == audit_rows


def test_demo_timelines_start_with_the_registration(demo_network):
    load_demo_enterprises()
    from eminder.enterprises.timeline import timeline_for

    enterprise = Enterprise.objects.get(name="Halloumi Heritage Ltd (demo)")
    titles = [event.title for event in timeline_for(enterprise)]
    assert titles[-1] == "Registered an enterprise"
    assert "Added a contact person" in titles


def test_without_the_demo_network_nothing_is_created(db):
    assert load_demo_enterprises() == 0
    assert not Enterprise.objects.exists()


def test_every_demo_activity_code_is_in_the_classification():
    for items in ENTERPRISES.values():
        for item in items:
            assert is_activity(item.nace), item
