"""Registering an enterprise from the form: validation, likely duplicates, the audit row."""

import pytest
from django.urls import reverse

from eminder.audits.models import AuditEntry
from eminder.enterprises.models import Enterprise
from eminder.enterprises.tests.conftest import make_enterprise
from eminder.testing.personas import make_centre, make_region

URL = reverse("enterprises:create")


def enterprise_data(network, regions, **changes):
    data = {
        "centre": str(network.centre.code),
        "name": "Algas do Atlántico S.L.",
        "registry_number": "b-15 000 006",
        "region": regions["ES111"].pk,
        "nace_code": "10.89",
        "size_class": "0-9",
        "turnover_band": "100k-500k",
        "founded_year": "2018",
        "website": "algas.example.org",
        "sales_channels": ["own_web_shop", "cross_border"],
        "advisor": network.advisor.pk,
        "status": "active",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_advisor_registers_an_enterprise(client_for, network, regions):
    response = client_for("advisor").post(URL, enterprise_data(network, regions))

    enterprise = Enterprise.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("enterprises:detail", kwargs={"code": enterprise.code})
    assert (
        enterprise.centre,
        enterprise.name,
        enterprise.registry_number,
        enterprise.region.code,
        enterprise.nace_code,
        enterprise.size_class,
        enterprise.turnover_band,
        enterprise.founded_year,
        enterprise.website,
        enterprise.sales_channels,
        enterprise.advisor,
        enterprise.status,
        enterprise.is_demo,
    ) == (
        network.centre,
        "Algas do Atlántico S.L.",
        "B15000006",
        "ES111",
        "C1089",
        "0-9",
        "100k-500k",
        2018,
        "https://algas.example.org",
        ["own_web_shop", "cross_border"],
        network.advisor,
        "active",
        False,
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.centre, entry.object_code) == (
        "enterprise.create",
        network.advisor,
        network.centre,
        str(enterprise.code),
    )


def test_the_form_offers_only_the_users_centres_regions_and_advisors(client_for, network, regions):
    form = client_for("manager").get(URL).context["form"]

    assert list(form.fields["centre"].queryset) == [network.centre]
    assert {r.code for r in form.fields["region"].queryset} == {"ES11", "ES111", "ES114"}
    assert set(form.fields["advisor"].queryset) == {network.manager, network.advisor}
    assert form.initial["centre"] == network.centre.code


def test_outsider_registers_only_in_their_own_centre(client_for, network, regions):
    data = enterprise_data(network, regions)

    response = client_for("outsider").post(URL, data)

    assert response.status_code == 400
    assert "centre" in response.context["form"].errors
    assert not Enterprise.objects.exists()


def test_coordinator_chooses_the_centre(client_for, network, regions):
    data = enterprise_data(
        network,
        regions,
        centre=str(network.other_centre.code),
        region=regions["PL633"].pk,
        advisor=None,
    )

    response = client_for("coordinator").post(URL, data)

    assert response.status_code == 302
    assert Enterprise.objects.get().centre == network.other_centre


def test_region_outside_the_chosen_centre_is_refused(client_for, network, regions):
    data = enterprise_data(
        network,
        regions,
        centre=str(network.other_centre.code),
        region=regions["ES111"].pk,
        advisor=None,
    )

    response = client_for("coordinator").post(URL, data)

    assert response.status_code == 400
    assert response.context["form"].errors["region"] == [
        "This region is outside the regions the centre covers."
    ]
    assert not Enterprise.objects.exists()
    assert not AuditEntry.objects.exists()


def test_advisor_of_another_centre_is_refused(client_for, network, regions):
    data = enterprise_data(
        network, regions, centre=str(network.other_centre.code), region=regions["PL633"].pk
    )

    response = client_for("coordinator").post(URL, data)

    assert response.status_code == 400
    assert response.context["form"].errors["advisor"] == [
        "The advisor must be the centre's manager or one of its advisors."
    ]
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("nace_code", "99.99", "99.99 is not a NACE Rev. 2 code"),
        ("nace_code", "B-E", "B-E is not a NACE Rev. 2 code"),
        ("size_class", "huge", "Select a valid choice."),
        ("founded_year", "1700", "Enter a year between 1800 and"),
        ("founded_year", "2999", "Enter a year between 1800 and"),
        ("website", "not a web address", "Enter a valid URL."),
        ("sales_channels", ["teleshopping"], "Select a valid choice."),
        ("sales_channels", ["physical_only", "own_web_shop"], "“Physical shop only” cannot be"),
        ("region", "999999", "Select a valid choice."),
        ("status", "bankrupt", "Select a valid choice."),
    ],
)
def test_invalid_input_is_refused_and_nothing_changes(
    client_for, network, regions, field, value, message
):
    response = client_for("manager").post(URL, enterprise_data(network, regions, **{field: value}))

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert not Enterprise.objects.exists()
    assert not AuditEntry.objects.exists()


def test_extra_regio_and_other_versions_are_not_offered(client_for, network, regions):
    extra = make_region("ESZZ", "Extra-Regio", 2)
    network.centre.regions.add(make_region("ES", "España", 0))

    response = client_for("manager").post(URL, enterprise_data(network, regions, region=extra.pk))

    assert response.status_code == 400
    assert "region" in response.context["form"].errors


def test_same_registry_number_in_the_centre_is_refused(client_for, network, regions, enterprise):
    data = enterprise_data(network, regions, registry_number="B-15000001", name="Other name")

    response = client_for("manager").post(URL, data)

    assert response.status_code == 400
    assert "already has an enterprise with this registry or VAT number" in response.text
    assert Enterprise.objects.count() == 1


def test_same_registry_number_in_another_centre_is_allowed(client_for, network, regions):
    make_enterprise(network.other_centre, "Twin", regions["PL633"], registry_number="B15000006")

    response = client_for("manager").post(URL, enterprise_data(network, regions))

    assert response.status_code == 302


def test_likely_duplicate_is_shown_and_needs_confirmation(client_for, network, regions, enterprise):
    data = enterprise_data(
        network, regions, name="CONSERVAS RIAS SA", registry_number="", region=regions["ES114"].pk
    )
    client = client_for("manager")

    response = client.post(URL, data)

    assert response.status_code == 400
    assert [d.enterprise for d in response.context["duplicates"]] == [enterprise]
    assert "This enterprise may already be registered." in response.text
    assert reverse("enterprises:detail", kwargs={"code": enterprise.code}) in response.text
    assert Enterprise.objects.count() == 1
    assert not AuditEntry.objects.exists()

    response = client.post(URL, {**data, "save_anyway": "on"})

    assert response.status_code == 302
    assert Enterprise.objects.count() == 2


def test_similar_name_in_another_nuts2_region_is_not_a_duplicate(client_for, network, regions):
    network.centre.regions.add(regions["ES61"])
    make_enterprise(network.centre, "Conservas Rías S.L.", regions["ES61"])
    data = enterprise_data(network, regions, name="Conservas Rías S.A.", registry_number="")

    response = client_for("manager").post(URL, data)

    assert response.status_code == 302


@pytest.mark.parametrize("persona", ["trainer", "sme_owner"])
def test_readers_may_not_register(client_for, network, regions, persona):
    response = client_for(persona).post(URL, enterprise_data(network, regions))

    assert response.status_code == 403
    assert not Enterprise.objects.exists()


def test_another_centre_in_the_same_country_is_not_offered(client_for, network, regions):
    third = make_centre("Centre of Andalucía", "Andalucía", regions["ES61"])

    response = client_for("manager").post(
        URL, enterprise_data(network, regions, centre=str(third.code))
    )

    assert response.status_code == 400
    assert not Enterprise.objects.exists()
