"""Contact people: adding and changing them, consent, and their data exported or erased."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from eminder.audits.models import AuditEntry
from eminder.enterprises.models import Contact


def create_url(enterprise):
    return reverse("enterprises:contact_create", kwargs={"code": enterprise.code})


def contact_url(name, contact):
    return reverse(
        f"enterprises:{name}",
        kwargs={"code": contact.enterprise.code, "contact_code": contact.code},
    )


def contact_data(**changes):
    data = {
        "name": "Breixo Souto",
        "role": "Founder",
        "email": "breixo@example.org",
        "phone": "+34 981 000 006",
        "consent_date": "2025-04-01",
        "consent_purpose": "Advice on selling online",
        "consent_withdrawn_on": "",
    }
    data.update(changes)
    return data


def test_advisor_adds_a_contact_person(client_for, network, enterprise):
    response = client_for("advisor").post(create_url(enterprise), contact_data())

    assert response.status_code == 302
    contact = enterprise.contacts.get()
    assert (contact.name, contact.email, contact.consent_date, contact.has_consent) == (
        "Breixo Souto",
        "breixo@example.org",
        date(2025, 4, 1),
        True,
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_type, entry.object_code, entry.details) == (
        "contact.create",
        "enterprise",
        str(enterprise.code),
        {"contact": str(contact.code)},
    )


def test_audit_entries_hold_no_personal_data(client_for, contact):
    client = client_for("manager")
    client.post(contact_url("contact_edit", contact), contact_data(name="Lucía P. Pereira"))
    client.get(contact_url("contact_export", contact))
    client.post(contact_url("contact_erase", contact))

    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "contact.update",
        "contact.export",
        "contact.erase",
    ]
    for entry in AuditEntry.objects.all():
        text = json.dumps(entry.details) + entry.object_label + entry.actor_label
        for personal in ("Lucía", "Pereira", "breixo", "lucia@", "981"):
            assert personal not in text


def test_changing_a_contact_records_the_fields_not_the_values(client_for, contact):
    response = client_for("manager").post(
        contact_url("contact_edit", contact),
        contact_data(name=contact.name, consent_withdrawn_on="2025-05-01"),
    )

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.consent_withdrawn_on == date(2025, 5, 1)
    assert not contact.has_consent
    assert AuditEntry.objects.get().details["fields"] == [
        "role",
        "email",
        "phone",
        "consent_date",
        "consent_purpose",
        "consent_withdrawn_on",
    ]


TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"phone": "call me"}, "phone", "Enter a phone number"),
        ({"consent_purpose": ""}, "consent_purpose", "Give both the date and the purpose"),
        ({"consent_date": ""}, "consent_date", "Give both the date and the purpose"),
        ({"consent_date": TOMORROW}, "consent_date", "This date is in the future."),
        (
            {"consent_withdrawn_on": "2025-03-01"},
            "consent_withdrawn_on",
            "Consent can only be withdrawn on or after the day it was given.",
        ),
        ({"consent_date": "2025-13-01"}, "consent_date", "Enter a valid date."),
    ],
)
def test_invalid_contact_is_refused_and_nothing_changes(
    client_for, enterprise, changes, field, message
):
    response = client_for("manager").post(create_url(enterprise), contact_data(**changes))

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert not Contact.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_contact_without_consent_is_marked_do_not_contact(client_for, enterprise):
    client = client_for("manager")
    client.post(create_url(enterprise), contact_data(consent_date="", consent_purpose=""))

    page = client.get(reverse("enterprises:detail", kwargs={"code": enterprise.code}))

    assert "None recorded: do not contact." in page.text


def test_export_gives_everything_kept_about_the_person(client_for, network, contact):
    client_for("manager").post(contact_url("contact_edit", contact), contact_data(role="Owner"))

    response = client_for("advisor").get(contact_url("contact_export", contact))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["contact"]["name"] == "Breixo Souto"
    assert data["contact"]["email"] == "breixo@example.org"
    assert data["contact"]["consent_date"] == "2025-04-01"
    assert data["enterprise"]["name"] == "Conservas Rías S.L."
    assert [event["what"] for event in data["history"]] == ["Changed a contact person"]
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.actor) == ("contact.export", network.advisor)


def test_erase_deletes_the_person(client_for, contact):
    response = client_for("manager").post(contact_url("contact_erase", contact))

    assert response.status_code == 302
    assert not Contact.objects.exists()
    assert AuditEntry.objects.get().action == "contact.erase"


def test_erase_needs_post(client_for, contact):
    assert client_for("manager").get(contact_url("contact_erase", contact)).status_code == 405
    assert Contact.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("trainer", 403), ("sme_owner", 403), ("outsider", 404)]
)
def test_only_editors_change_export_or_erase(client_for, contact, persona, status):
    client = client_for(persona)

    assert client.post(contact_url("contact_edit", contact), contact_data()).status_code == status
    assert client.get(contact_url("contact_export", contact)).status_code == status
    assert client.post(contact_url("contact_erase", contact)).status_code == status
    assert client.post(create_url(contact.enterprise), contact_data()).status_code == status
    contact.refresh_from_db()
    assert contact.name == "Lucía Pereira"
    assert Contact.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_contact_of_another_enterprise_through_this_url_is_404(
    client_for, enterprise, foreign_enterprise
):
    foreign = Contact.objects.create(enterprise=foreign_enterprise, name="Jan Kreft")
    url = reverse(
        "enterprises:contact_erase",
        kwargs={"code": enterprise.code, "contact_code": foreign.code},
    )

    assert client_for("coordinator").post(url).status_code == 404
    assert Contact.objects.filter(pk=foreign.pk).exists()
