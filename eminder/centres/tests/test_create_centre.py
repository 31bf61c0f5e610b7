"""The network coordinator sets up a new centre; nobody else can."""

import pytest
from django.urls import reverse

from eminder.audits.models import AuditEntry
from eminder.centres.models import Centre
from eminder.centres.services import create_centre
from eminder.testing.personas import make_region

URL = reverse("centres:create")


@pytest.fixture
def cyprus(db):
    return make_region("CY00", "Κύπρος")


def valid_data(region):
    return {
        "name": "Coordination Centre Cyprus",
        "short_name": "Cyprus",
        "email": "cy@example.org",
        "working_languages": ["el", "en"],
        "regions": [region.pk],
    }


def test_coordinator_sets_up_a_centre_and_is_sent_to_invite_its_manager(
    client_for, network, cyprus
):
    response = client_for("coordinator").post(URL, valid_data(cyprus))

    centre = Centre.objects.get(short_name="Cyprus")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:staff", kwargs={"code": centre.code})
    assert list(centre.regions.values_list("code", flat=True)) == ["CY00"]
    assert centre.working_languages == ["el", "en"]
    entry = AuditEntry.objects.get(action="centre.create")
    assert (entry.actor, entry.centre, entry.details) == (
        network.coordinator,
        centre,
        {"regions": ["CY00"]},
    )


def test_invalid_centre_is_refused_and_nothing_is_saved(client_for, network, cyprus):
    data = {**valid_data(cyprus), "name": "", "email": "not-an-email"}

    response = client_for("coordinator").post(URL, data)

    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not Centre.objects.filter(short_name="Cyprus").exists()
    assert not AuditEntry.objects.filter(action="centre.create").exists()


@pytest.mark.parametrize("persona", ["manager", "advisor", "outsider"])
def test_others_are_refused(client_for, network, cyprus, persona):
    response = client_for(persona).post(URL, valid_data(cyprus))

    assert response.status_code == 403
    assert not Centre.objects.filter(short_name="Cyprus").exists()


def test_service_refuses_anyone_but_the_coordinator(network, cyprus):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        create_centre(
            actor=network.manager,
            values={"name": "X", "short_name": "X", "working_languages": ["en"]},
            regions=[cyprus],
        )
    assert not Centre.objects.filter(name="X").exists()
