"""The centre edit page: the manager (or the coordinator) changes details and regions."""

import pytest
from django.urls import reverse

from eminder.audits.models import AuditEntry
from eminder.centres.models import Centre
from eminder.regions.models import Region
from eminder.testing.personas import make_region


@pytest.fixture
def url(network):
    return reverse("centres:edit", kwargs={"code": network.centre.code})


@pytest.fixture
def regions(network):
    """The regions the form offers besides Galicia: a country, a NUTS 2 region."""
    return {
        "ES11": network.centre.regions.get(),
        "ES": make_region("ES", "España", level=0),
        "ES12": make_region("ES12", "Principado de Asturias"),
    }


def valid_data(offered, **changes):
    data = {
        "name": "Galician e-commerce centre",
        "short_name": "Galicia",
        "email": "hello@galicia.example.org",
        "phone": "+34 981 000 000",
        "website": "https://galicia.example.org",
        "address": "Rúa Nova 1\nSantiago",
        "working_languages": ["gl", "es"],
        "regions": [offered["ES11"].pk, offered["ES12"].pk],
    }
    data.update(changes)
    return data


def snapshot(centre: Centre) -> dict:
    centre = Centre.objects.get(pk=centre.pk)
    return {
        "name": centre.name,
        "short_name": centre.short_name,
        "email": centre.email,
        "phone": centre.phone,
        "website": centre.website,
        "address": centre.address,
        "working_languages": centre.working_languages,
        "regions": sorted(centre.regions.values_list("code", flat=True)),
    }


def test_form_shows_the_saved_values(client_for, network, url, regions):
    response = client_for("manager").get(url)

    assert response.status_code == 200
    form = response.context["form"]
    assert form["name"].value() == "Centre of Galicia"
    assert [r.code for r in form.fields["regions"].queryset] == ["ES", "ES11", "ES12", "PL63"]


def test_manager_saves_values_and_regions(client_for, network, url, regions):
    response = client_for("manager").post(url, valid_data(regions))

    assert response.status_code == 302
    assert response.url == reverse("centres:dashboard", kwargs={"code": network.centre.code})
    assert snapshot(network.centre) == {
        "name": "Galician e-commerce centre",
        "short_name": "Galicia",
        "email": "hello@galicia.example.org",
        "phone": "+34 981 000 000",
        "website": "https://galicia.example.org",
        "address": "Rúa Nova 1\nSantiago",
        "working_languages": ["gl", "es"],
        "regions": ["ES11", "ES12"],
    }


def test_saving_writes_one_audit_row_listing_the_changes(client_for, network, url, regions):
    client_for("manager").post(url, valid_data(regions), REMOTE_ADDR="192.0.2.7")

    entry = AuditEntry.objects.get()
    assert entry.action == "centre.update"
    assert entry.actor == network.manager
    assert entry.centre == network.centre
    assert entry.object_code == str(network.centre.code)
    assert entry.ip_address == "192.0.2.7"
    assert entry.details["changes"] == {
        "name": ["Centre of Galicia", "Galician e-commerce centre"],
        "email": ["galicia@example.org", "hello@galicia.example.org"],
        "phone": ["", "+34 981 000 000"],
        "website": ["", "https://galicia.example.org"],
        "address": ["", "Rúa Nova 1\nSantiago"],
        "working_languages": [["en"], ["gl", "es"]],
        "regions": [["ES11"], ["ES11", "ES12"]],
    }


def test_unchanged_form_records_no_changes(client_for, network, url, regions):
    data = valid_data(
        regions,
        name="Centre of Galicia",
        email="galicia@example.org",
        phone="",
        website="",
        address="",
        working_languages=["en"],
        regions=[regions["ES11"].pk],
    )

    client_for("manager").post(url, data)

    assert AuditEntry.objects.get().details == {"changes": {}}


def test_success_message_on_the_dashboard(client_for, url, regions):
    response = client_for("manager").post(url, valid_data(regions), follow=True)

    assert "The centre&#x27;s details are saved." in response.content.decode()


def test_coordinator_edits_any_centre(client_for, network, regions):
    url = reverse("centres:edit", kwargs={"code": network.other_centre.code})
    data = valid_data(regions, name="Pomeranian centre", regions=[regions["ES"].pk])

    response = client_for("coordinator").post(url, data)

    assert response.status_code == 302
    assert snapshot(network.other_centre)["name"] == "Pomeranian centre"
    assert snapshot(network.other_centre)["regions"] == ["ES"]
    assert snapshot(network.centre)["name"] == "Centre of Galicia"
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.centre) == (network.coordinator, network.other_centre)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        ("short_name", "x" * 41, "Ensure this value has at most 40 characters (it has 41)."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("website", "not a website", "Enter a valid URL."),
        ("working_languages", ["en", "fr"], "Select a valid choice. fr is not one of the"),
        ("working_languages", [], "This field is required."),
        ("regions", [], "This field is required."),
    ],
)
def test_invalid_input_is_refused_and_nothing_changes(
    client_for, network, url, regions, field, value, message
):
    before = snapshot(network.centre)

    response = client_for("manager").post(url, valid_data(regions, **{field: value}))

    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert response.context["form"].errors.keys() == {field}
    assert snapshot(network.centre) == before
    assert not AuditEntry.objects.exists()


def old_version_region():
    return Region.objects.create(
        code="PL63", nuts_version=2016, level=2, country_code="PL", name="Pomorskie"
    )


def nuts3_region():
    return make_region("ES111", "A Coruña", level=3)


@pytest.mark.parametrize("make", [old_version_region, nuts3_region])
def test_region_not_offered_is_refused(client_for, network, url, regions, make):
    """Only current countries and NUTS 2 regions are offered: no NUTS 3, no older version."""
    region = make()
    before = snapshot(network.centre)

    response = client_for("manager").post(url, valid_data(regions, regions=[region.pk]))

    assert response.status_code == 400
    assert f"Select a valid choice. {region.pk} is not one of the available choices." in (
        response.content.decode()
    )
    assert snapshot(network.centre) == before


def test_unknown_region_id_is_refused(client_for, network, url, regions):
    before = snapshot(network.centre)

    response = client_for("manager").post(url, valid_data(regions, regions=["999999", "x"]))

    assert response.status_code == 400
    assert snapshot(network.centre) == before


def test_invalid_page_keeps_the_saved_name_in_the_heading(client_for, url, regions):
    data = valid_data(regions, name="A name that was not saved", email="bad")

    response = client_for("manager").post(url, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Edit Centre of Galicia</h1>" in html
    assert 'value="A name that was not saved"' in html


def test_oversize_request_is_refused(client_for, network, url, regions, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    before = snapshot(network.centre)

    response = client_for("manager").post(url, valid_data(regions, address="x" * 20_000))

    assert response.status_code == 400
    assert snapshot(network.centre) == before
    assert not AuditEntry.objects.exists()


def test_website_without_scheme_is_taken_as_https(client_for, network, url, regions):
    client_for("manager").post(url, valid_data(regions, website="galicia.example.org"))

    assert snapshot(network.centre)["website"] == "https://galicia.example.org"
