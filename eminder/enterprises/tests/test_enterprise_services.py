"""The services refuse the same things whoever calls them (views, API, commands, demo)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from eminder.audits.models import AuditEntry
from eminder.enterprises import services
from eminder.enterprises.models import Contact, Enterprise


def values(regions, **changes):
    return {
        "name": "Algas do Atlántico",
        "region": regions["ES111"],
        "nace_code": "C1089",
        "size_class": "0-9",
        **changes,
    }


@pytest.mark.parametrize("persona", ["trainer", "sme_owner", "outsider"])
def test_only_editors_of_the_centre_register(network, regions, persona):
    with pytest.raises(PermissionDenied):
        services.create_enterprise(
            actor=network.user(persona), centre=network.centre, values=values(regions)
        )
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize("persona", ["trainer", "sme_owner", "outsider"])
def test_only_editors_change_enterprises_and_contacts(network, enterprise, contact, persona):
    user = network.user(persona)
    attempts = [
        lambda: services.update_enterprise(actor=user, enterprise=enterprise, values={"name": "X"}),
        lambda: services.create_contact(actor=user, enterprise=enterprise, values={"name": "X"}),
        lambda: services.update_contact(actor=user, contact=contact, values={"name": "X"}),
        lambda: services.export_contact_data(actor=user, contact=contact),
        lambda: services.erase_contact(actor=user, contact=contact),
        lambda: services.set_enterprise_owners(actor=user, enterprise=enterprise, owners=[]),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert Contact.objects.get().name == "Lucía Pereira"
    assert Enterprise.objects.get().name == "Conservas Rías S.L."
    assert not AuditEntry.objects.exists()


def test_advisor_may_not_link_owner_accounts(network, enterprise):
    with pytest.raises(PermissionDenied, match="link owner accounts"):
        services.set_enterprise_owners(actor=network.advisor, enterprise=enterprise, owners=[])
    assert list(enterprise.owners.all()) == [network.sme_owner]


def test_service_errors_name_their_field(network, regions):
    with pytest.raises(ValidationError) as raised:
        services.create_enterprise(
            actor=network.manager,
            centre=network.centre,
            values=values(
                regions, region=regions["PL633"], nace_code="B-E", advisor=network.outsider
            ),
        )
    assert set(raised.value.message_dict) == {"region", "nace_code", "advisor"}


def test_an_old_nuts_version_is_refused(network, regions):
    from eminder.regions.models import Region

    old = Region.objects.create(code="ES111", nuts_version=2016, level=3, country_code="ES")

    with pytest.raises(ValidationError) as raised:
        services.create_enterprise(
            actor=network.manager, centre=network.centre, values=values(regions, region=old)
        )
    assert raised.value.message_dict["region"] == [
        "Choose a NUTS 2 or NUTS 3 region of the current NUTS version (2021)."
    ]


def test_a_failed_update_leaves_the_callers_object_as_saved(network, enterprise):
    with pytest.raises(ValidationError):
        services.update_enterprise(
            actor=network.manager, enterprise=enterprise, values={"name": "New", "nace_code": "X"}
        )
    assert enterprise.name == "Conservas Rías S.L."


def test_registry_numbers_are_stored_compact(network, regions):
    enterprise = services.create_enterprise(
        actor=network.manager,
        centre=network.centre,
        values=values(regions, registry_number=" es-b 1500.0006 "),
    )
    assert enterprise.registry_number == "ESB15000006"


def test_the_database_refuses_a_repeated_registry_number(network, regions, enterprise):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Enterprise.objects.create(
            centre=network.centre,
            name="Twin",
            region=regions["ES111"],
            nace_code="C10",
            size_class="0-9",
            registry_number="B15000001",
        )
