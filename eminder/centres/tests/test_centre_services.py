"""The centre and partner services, as the API and scripts call them: validated and audited."""

import pytest
from django.core.exceptions import ValidationError

from eminder.audits.models import AuditEntry
from eminder.centres import services
from eminder.centres.models import Centre, Partner
from eminder.testing.personas import make_region


def test_update_centre_refuses_invalid_values_and_records_nothing(network):
    with pytest.raises(ValidationError) as error:
        services.update_centre(
            actor=network.manager,
            centre=network.centre,
            values={"name": "", "email": "bad"},
            regions=[make_region("ES12", "Asturias")],
        )

    assert set(error.value.message_dict) == {"name", "email"}
    centre = Centre.objects.get(pk=network.centre.pk)
    assert (centre.name, centre.email) == ("Centre of Galicia", "galicia@example.org")
    assert list(centre.regions.values_list("code", flat=True)) == ["ES11"]
    assert not AuditEntry.objects.exists()


def test_update_centre_ignores_fields_it_does_not_own(network):
    services.update_centre(
        actor=network.manager, centre=network.centre, values={"is_demo": True, "phone": "1"}
    )

    centre = Centre.objects.get(pk=network.centre.pk)
    assert (centre.is_demo, centre.phone) == (False, "1")
    assert AuditEntry.objects.get().details == {"changes": {"phone": ["", "1"]}}


def test_update_centre_without_regions_keeps_them(network):
    services.update_centre(actor=network.manager, centre=network.centre, values={})

    assert list(network.centre.regions.values_list("code", flat=True)) == ["ES11"]


def test_create_partner_refuses_an_exact_duplicate(network):
    with pytest.raises(ValidationError):
        services.create_partner(
            actor=network.manager,
            centre=network.centre,
            values={"name": "University of Galicia", "kind": "university", "role": "lead"},
        )

    assert network.centre.partners.count() == 1
    assert not AuditEntry.objects.exists()


def test_create_partner_refuses_an_unknown_kind(network):
    with pytest.raises(ValidationError) as error:
        services.create_partner(
            actor=network.manager,
            centre=network.centre,
            values={"name": "Sopot Agency", "kind": "pirate", "role": "member"},
        )

    assert set(error.value.message_dict) == {"kind"}
    assert not Partner.objects.filter(name="Sopot Agency").exists()


def test_update_partner_records_only_what_changed(network):
    services.update_partner(
        actor=network.manager,
        partner=network.partner,
        values={"name": "University of Galicia", "city": "Lugo"},
        ip_address="2001:db8::1",
    )

    entry = AuditEntry.objects.get()
    assert entry.details == {"changes": {"city": ["Santiago", "Lugo"]}}
    assert entry.ip_address == "2001:db8::1"
    assert Partner.objects.get(pk=network.partner.pk).city == "Lugo"


def test_delete_partner_keeps_the_audit_row(network):
    code = str(network.partner.code)

    services.delete_partner(actor=network.manager, partner=network.partner)

    assert not Partner.objects.exists()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_code, entry.object_label) == (
        "partner.delete",
        code,
        "University of Galicia",
    )
