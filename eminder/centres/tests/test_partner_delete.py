"""Removing a partner organisation from its centre."""

from django.urls import reverse

from eminder.audits.models import AuditEntry
from eminder.centres.models import Partner


def delete_url(centre, partner):
    kwargs = {"code": centre.code, "partner_code": partner.code}
    return reverse("centres:partner_delete", kwargs=kwargs)


def test_manager_removes_a_partner(client_for, network):
    response = client_for("manager").post(delete_url(network.centre, network.partner), follow=True)

    assert response.redirect_chain == [
        (reverse("centres:dashboard", kwargs={"code": network.centre.code}), 302)
    ]
    assert not Partner.objects.filter(pk=network.partner.pk).exists()
    assert "University of Galicia is removed from the centre&#x27;s partners." in (
        response.content.decode()
    )


def test_removal_is_audited_with_the_partner_named(client_for, network):
    code = str(network.partner.code)

    client_for("manager").post(delete_url(network.centre, network.partner))

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.centre) == (
        "partner.delete",
        network.manager,
        network.centre,
    )
    assert (entry.object_code, entry.object_label) == (code, "University of Galicia")


def test_coordinator_removes_a_partner(client_for, network):
    client_for("coordinator").post(delete_url(network.centre, network.partner))

    assert not network.centre.partners.exists()
    assert AuditEntry.objects.get().actor == network.coordinator


def test_get_removes_nothing(client_for, network):
    response = client_for("manager").get(delete_url(network.centre, network.partner))

    assert response.status_code == 405
    assert network.centre.partners.count() == 1


def test_partner_of_another_centre_through_this_centres_url_is_404(client_for, network):
    foreign = Partner.objects.create(
        centre=network.other_centre, name="Gdańsk Tech", kind="university", role="lead"
    )

    response = client_for("manager").post(delete_url(network.centre, foreign))

    assert response.status_code == 404
    assert Partner.objects.filter(pk=foreign.pk).exists()
    assert not AuditEntry.objects.exists()


def test_other_partners_stay(client_for, network):
    other = Partner.objects.create(
        centre=network.centre, name="Vigo Chamber", kind="chamber", role="associate"
    )

    client_for("manager").post(delete_url(network.centre, network.partner))

    assert list(network.centre.partners.all()) == [other]
