"""Changing an enterprise and linking SME-owner accounts to it."""

import pytest
from django.urls import reverse

from eminder.accounts.models import Membership, Role
from eminder.audits.models import AuditEntry
from eminder.enterprises.models import Enterprise
from eminder.enterprises.tests.conftest import make_enterprise
from eminder.testing.personas import make_user


def url(enterprise):
    return reverse("enterprises:edit", kwargs={"code": enterprise.code})


def form_data(enterprise, **changes):
    data = {
        "name": enterprise.name,
        "registry_number": enterprise.registry_number,
        "region": enterprise.region_id,
        "nace_code": enterprise.nace_code,
        "size_class": enterprise.size_class,
        "turnover_band": enterprise.turnover_band,
        "founded_year": enterprise.founded_year or "",
        "website": enterprise.website,
        "sales_channels": enterprise.sales_channels,
        "advisor": enterprise.advisor_id or "",
        "status": enterprise.status,
        "owners": [owner.pk for owner in enterprise.owners.all()],
    }
    data.update(changes)
    return data


def test_advisor_edits_and_the_changes_are_audited(client_for, network, regions, enterprise):
    data = form_data(
        enterprise, name="Conservas Rías Baixas S.L.", region=regions["ES114"].pk, status="active"
    )

    response = client_for("advisor").post(url(enterprise), data)

    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.region.code, enterprise.status) == (
        "Conservas Rías Baixas S.L.",
        "ES114",
        "active",
    )
    entry = AuditEntry.objects.get()
    assert entry.action == "enterprise.update"
    assert entry.details["changes"] == {
        "name": ["Conservas Rías S.L.", "Conservas Rías Baixas S.L."],
        "region": ["ES111", "ES114"],
        "status": ["prospect", "active"],
    }


def test_saving_without_changes_writes_nothing(client_for, enterprise):
    response = client_for("manager").post(url(enterprise), form_data(enterprise))

    assert response.status_code == 302
    assert not AuditEntry.objects.exists()


def test_the_form_shows_the_official_nace_notation(client_for, enterprise):
    response = client_for("manager").get(url(enterprise))

    assert response.context["form"]["nace_code"].value() == "G47.91"
    assert "centre" not in response.context["form"].fields


def test_invalid_edit_changes_nothing_and_keeps_the_saved_name(client_for, enterprise):
    data = form_data(enterprise, name="Renamed", founded_year="1066")

    response = client_for("manager").post(url(enterprise), data)

    assert response.status_code == 400
    assert response.context["enterprise"].name == "Conservas Rías S.L."
    assert Enterprise.objects.get(pk=enterprise.pk).name == "Conservas Rías S.L."
    assert not AuditEntry.objects.exists()


def test_renaming_into_a_likely_duplicate_needs_confirmation(
    client_for, network, regions, enterprise
):
    other = make_enterprise(network.centre, "Panadería Lugo", regions["ES114"])
    data = form_data(other, name="Conservas Rias")
    client = client_for("manager")

    response = client.post(url(other), data)

    assert response.status_code == 400
    assert [d.enterprise for d in response.context["duplicates"]] == [enterprise]
    assert response.context["enterprise"].name == "Panadería Lugo"
    assert Enterprise.objects.get(pk=other.pk).name == "Panadería Lugo"

    assert client.post(url(other), {**data, "save_anyway": "on"}).status_code == 302
    assert Enterprise.objects.get(pk=other.pk).name == "Conservas Rias"


def test_taking_another_enterprises_registry_number_is_refused(
    client_for, network, regions, enterprise
):
    other = make_enterprise(network.centre, "Panadería Lugo", regions["ES114"])

    response = client_for("manager").post(url(other), form_data(other, registry_number="B15000001"))

    assert response.status_code == 400
    assert response.context["form"].errors["registry_number"] == [
        "This centre already has an enterprise with this registry or VAT number."
    ]


@pytest.mark.parametrize("persona", ["trainer", "sme_owner"])
def test_readers_may_not_edit(client_for, enterprise, persona):
    response = client_for(persona).post(url(enterprise), form_data(enterprise, name="Mine"))

    assert response.status_code == 403
    assert Enterprise.objects.get(pk=enterprise.pk).name == "Conservas Rías S.L."


def test_outsider_gets_404(client_for, enterprise):
    response = client_for("outsider").post(url(enterprise), form_data(enterprise, name="Mine"))

    assert response.status_code == 404
    assert Enterprise.objects.get(pk=enterprise.pk).name == "Conservas Rías S.L."


# Owner accounts


@pytest.fixture
def second_owner(network):
    user = make_user("owner2")
    Membership.objects.create(user=user, centre=network.centre, role=Role.SME_OWNER)
    return user


def test_manager_links_owner_accounts(client_for, network, enterprise, second_owner):
    data = form_data(enterprise, owners=[second_owner.pk])

    response = client_for("manager").post(url(enterprise), data)

    assert response.status_code == 302
    assert list(enterprise.owners.all()) == [second_owner]
    entry = AuditEntry.objects.get()
    assert entry.action == "enterprise.owners"
    assert entry.details == {"added": ["owner2"], "removed": ["sme_owner"]}
    assert (
        client_for("sme_owner")
        .get(reverse("enterprises:detail", kwargs={"code": enterprise.code}))
        .status_code
        == 404
    )


def test_only_the_centres_sme_owners_are_offered(client_for, network, enterprise, second_owner):
    form = client_for("manager").get(url(enterprise)).context["form"]

    assert set(form.fields["owners"].queryset) == {network.sme_owner, second_owner}
    assert form.initial["owners"] == [network.sme_owner]


def test_an_account_that_is_not_an_sme_owner_cannot_be_linked(client_for, network, enterprise):
    response = client_for("manager").post(
        url(enterprise), form_data(enterprise, owners=[network.trainer.pk])
    )

    assert response.status_code == 400
    assert "owners" in response.context["form"].errors
    assert list(enterprise.owners.all()) == [network.sme_owner]


def test_advisor_edits_but_does_not_see_the_owner_field(
    client_for, network, enterprise, second_owner
):
    client = client_for("advisor")
    assert "owners" not in client.get(url(enterprise)).context["form"].fields

    response = client.post(url(enterprise), form_data(enterprise, owners=[second_owner.pk]))

    assert response.status_code == 302
    assert list(enterprise.owners.all()) == [network.sme_owner]
