"""The landing page sends each person where their work is."""

from django.urls import reverse

from eminder.accounts.models import Membership

HOME = reverse("home")


def test_coordinator_goes_to_the_network_overview(client_for, network):
    assert client_for("coordinator").get(HOME).url == reverse("centres:overview")


def test_staff_go_to_their_centres_dashboard(client_for, network):
    dashboard = reverse("centres:dashboard", kwargs={"code": network.centre.code})

    for persona in ("manager", "advisor", "trainer"):
        assert client_for(persona).get(HOME).url == dashboard, persona


def test_sme_owner_sees_the_centres_contact(client_for, network):
    response = client_for("sme_owner").get(HOME)

    assert response.status_code == 200
    assert response.context["owner_centres"] == [network.centre]
    html = response.content.decode()
    assert "<strong>Centre of Galicia</strong>" in html
    assert 'href="mailto:galicia@example.org"' in html


def test_account_without_a_role_is_told_to_ask_for_an_invitation(client_for, network):
    Membership.objects.filter(user=network.sme_owner).update(is_active=False)

    response = client_for("sme_owner").get(HOME)

    assert "Your account has no active role in a centre yet." in response.content.decode()


def test_anonymous_visitor_is_offered_the_login(client_for, network):
    response = client_for("anonymous").get(HOME)

    assert reverse("accounts:login") in response.content.decode()
