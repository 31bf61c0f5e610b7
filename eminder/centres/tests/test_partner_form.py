"""Adding and editing a centre's partner organisations."""

import pytest
from django.urls import reverse

from eminder.audits.models import AuditEntry
from eminder.centres.models import Partner

DUPLICATE = "This centre already has a partner with this name."


def create_url(centre):
    return reverse("centres:partner_create", kwargs={"code": centre.code})


def edit_url(centre, partner):
    return reverse(
        "centres:partner_edit", kwargs={"code": centre.code, "partner_code": partner.code}
    )


def partner_data(**changes):
    data = {
        "name": "Galician Digital Cluster",
        "kind": "cluster",
        "role": "member",
        "city": "Vigo",
        "website": "https://cluster.example.org",
    }
    data.update(changes)
    return data


def test_manager_adds_a_partner(client_for, network):
    response = client_for("manager").post(create_url(network.centre), partner_data())

    assert response.status_code == 302
    assert response.url == reverse("centres:dashboard", kwargs={"code": network.centre.code})
    partner = Partner.objects.get(name="Galician Digital Cluster")
    assert (partner.centre, partner.kind, partner.role, partner.city, partner.website) == (
        network.centre,
        "cluster",
        "member",
        "Vigo",
        "https://cluster.example.org",
    )
    assert not partner.is_demo


def test_adding_writes_an_audit_row(client_for, network):
    client_for("manager").post(create_url(network.centre), partner_data())

    entry = AuditEntry.objects.get()
    partner = Partner.objects.get(name="Galician Digital Cluster")
    assert (entry.action, entry.actor, entry.centre) == (
        "partner.create",
        network.manager,
        network.centre,
    )
    assert (entry.object_type, entry.object_code, entry.object_label) == (
        "partner",
        str(partner.code),
        "Galician Digital Cluster",
    )


def test_manager_edits_a_partner(client_for, network):
    url = edit_url(network.centre, network.partner)

    response = client_for("manager").post(url, partner_data(name="University of Santiago"))

    assert response.status_code == 302
    partner = Partner.objects.get(pk=network.partner.pk)
    assert (partner.name, partner.kind, partner.role, partner.city) == (
        "University of Santiago",
        "cluster",
        "member",
        "Vigo",
    )
    entry = AuditEntry.objects.get()
    assert entry.action == "partner.update"
    assert entry.details["changes"] == {
        "name": ["University of Galicia", "University of Santiago"],
        "kind": ["university", "cluster"],
        "role": ["lead", "member"],
        "city": ["Santiago", "Vigo"],
        "website": ["", "https://cluster.example.org"],
    }


def test_edit_form_shows_the_partner(client_for, network):
    response = client_for("manager").get(edit_url(network.centre, network.partner))

    assert response.context["form"]["name"].value() == "University of Galicia"
    assert (
        reverse(
            "centres:partner_delete",
            kwargs={"code": network.centre.code, "partner_code": network.partner.code},
        )
        in response.content.decode()
    )


def test_coordinator_adds_a_partner_to_any_centre(client_for, network):
    response = client_for("coordinator").post(create_url(network.other_centre), partner_data())

    assert response.status_code == 302
    assert Partner.objects.get(name="Galician Digital Cluster").centre == network.other_centre


@pytest.mark.parametrize("name", ["University of Galicia", "university of GALICIA"])
def test_duplicate_name_in_the_same_centre_is_refused(client_for, network, name):
    response = client_for("manager").post(create_url(network.centre), partner_data(name=name))

    assert response.status_code == 400
    assert response.context["form"].errors == {"name": [DUPLICATE]}
    assert DUPLICATE in response.content.decode()
    assert network.centre.partners.count() == 1
    assert not AuditEntry.objects.exists()


def test_renaming_to_another_partners_name_is_refused(client_for, network):
    other = Partner.objects.create(
        centre=network.centre, name="Vigo Chamber", kind="chamber", role="associate"
    )

    response = client_for("manager").post(
        edit_url(network.centre, other), partner_data(name="University of Galicia")
    )

    assert response.status_code == 400
    assert DUPLICATE in response.content.decode()
    assert Partner.objects.get(pk=other.pk).name == "Vigo Chamber"


def test_keeping_its_own_name_is_allowed(client_for, network):
    url = edit_url(network.centre, network.partner)

    response = client_for("manager").post(url, partner_data(name="University of Galicia"))

    assert response.status_code == 302
    assert Partner.objects.get(pk=network.partner.pk).city == "Vigo"


def test_same_name_in_another_centre_is_allowed(client_for, network):
    url = create_url(network.other_centre)

    response = client_for("outsider").post(url, partner_data(name="University of Galicia"))

    assert response.status_code == 302
    assert Partner.objects.filter(name="University of Galicia").count() == 2
    assert network.other_centre.partners.get().name == "University of Galicia"


def test_partner_of_another_centre_through_this_centres_url_is_404(client_for, network):
    foreign = Partner.objects.create(
        centre=network.other_centre, name="Gdańsk Tech", kind="university", role="lead"
    )
    url = edit_url(network.centre, foreign)

    for client in (client_for("manager"), client_for("coordinator")):
        assert client.get(url).status_code == 404
        assert client.post(url, partner_data()).status_code == 404
    assert Partner.objects.get(pk=foreign.pk).name == "Gdańsk Tech"
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", ""), ("name", "x" * 201), ("kind", "pirate"), ("role", ""), ("website", "nope")],
)
def test_invalid_input_is_refused_and_nothing_changes(client_for, network, field, value):
    url = edit_url(network.centre, network.partner)

    response = client_for("manager").post(url, partner_data(**{field: value}))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    partner = Partner.objects.get(pk=network.partner.pk)
    assert (partner.name, partner.kind, partner.city) == (
        "University of Galicia",
        "university",
        "Santiago",
    )
    assert not AuditEntry.objects.exists()


def test_invalid_edit_keeps_the_saved_name_in_the_page(client_for, network):
    url = edit_url(network.centre, network.partner)

    response = client_for("manager").post(url, partner_data(name="Renamed", kind="pirate"))

    assert response.status_code == 400
    assert response.context["partner"].name == "University of Galicia"
