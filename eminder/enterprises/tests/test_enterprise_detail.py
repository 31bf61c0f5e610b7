"""The enterprise page: its profile, contacts and timeline, for each persona."""

import pytest
from django.urls import reverse

from eminder.enterprises import services


def url(enterprise):
    return reverse("enterprises:detail", kwargs={"code": enterprise.code})


@pytest.mark.parametrize("persona", ["coordinator", "manager", "advisor", "trainer", "sme_owner"])
def test_readers_see_the_profile_and_contacts(client_for, enterprise, contact, persona):
    response = client_for(persona).get(url(enterprise))

    assert response.status_code == 200
    assert "Conservas Rías S.L." in response.text
    assert "G47.91 Retail sale via mail order houses or via Internet" in response.text
    assert "ES111 A Coruña" in response.text
    assert "Lucía Pereira" in response.text
    assert "Own web shop" in response.text


@pytest.mark.parametrize(
    ("persona", "can_edit"),
    [("manager", True), ("advisor", True), ("trainer", False), ("sme_owner", False)],
)
def test_edit_links_only_for_editors(client_for, enterprise, contact, persona, can_edit):
    response = client_for(persona).get(url(enterprise))

    edit = reverse("enterprises:edit", kwargs={"code": enterprise.code})
    assert (edit in response.text) is can_edit
    assert ("Owner accounts" in response.text) is can_edit


def test_outsider_gets_404(client_for, enterprise):
    response = client_for("outsider").get(url(enterprise))

    assert response.status_code == 404
    assert "Conservas" not in response.text


def test_timeline_shows_what_happened_newest_first(client_for, network, enterprise):
    services.update_enterprise(
        actor=network.advisor, enterprise=enterprise, values={"status": "active"}
    )
    contact = services.create_contact(
        actor=network.manager, enterprise=enterprise, values={"name": "Noa Lorenzo"}
    )
    services.erase_contact(actor=network.manager, contact=contact)

    timeline = client_for("trainer").get(url(enterprise)).context["timeline"]

    assert [(event.title, event.actor) for event in timeline] == [
        ("Erased a contact person", "Manager"),
        ("Added a contact person", "Manager"),
        ("Changed an enterprise's details", "Advisor"),
    ]
    assert timeline[2].detail == "Changed: status"
    assert timeline[1].detail == "a contact person no longer on file"


def test_timeline_names_contacts_still_on_file(network, enterprise):
    from eminder.enterprises.timeline import timeline_for

    services.create_contact(
        actor=network.manager, enterprise=enterprise, values={"name": "Noa Lorenzo"}
    )

    assert timeline_for(enterprise)[0].detail == "Noa Lorenzo"


def test_page_query_count_does_not_grow_with_contacts_or_events(
    client_for, network, enterprise, django_assert_num_queries
):
    client = client_for("manager")
    client.get(url(enterprise))  # warm the session
    for number in range(5):
        services.create_contact(
            actor=network.manager, enterprise=enterprise, values={"name": f"Person {number}"}
        )

    with django_assert_num_queries(9):
        client.get(url(enterprise))
