"""Who sees which enterprise: visible_to and the access helpers (404 hidden, 403 refused)."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from eminder.accounts.models import Membership
from eminder.enterprises.access import (
    can_edit_enterprises,
    can_link_owners,
    editable_centres,
    get_contact_for,
    get_enterprise_for,
    get_import_for,
)
from eminder.enterprises.models import Enterprise, ImportBatch
from eminder.enterprises.tests.conftest import make_enterprise
from eminder.testing.personas import make_user


def visible(user):
    return set(Enterprise.objects.visible_to(user).values_list("name", flat=True))


def test_coordinator_sees_every_enterprise(network, enterprise, foreign_enterprise):
    assert visible(network.coordinator) == {enterprise.name, foreign_enterprise.name}


@pytest.mark.parametrize("persona", ["manager", "advisor", "trainer"])
def test_staff_see_their_centres_enterprises_only(network, enterprise, foreign_enterprise, persona):
    assert visible(network.user(persona)) == {enterprise.name}


def test_outsider_never_sees_another_centres_enterprises(network, enterprise, foreign_enterprise):
    assert visible(network.outsider) == {foreign_enterprise.name}
    with pytest.raises(Http404):
        get_enterprise_for(network.outsider, enterprise.code)
    with pytest.raises(Http404):
        get_enterprise_for(network.outsider, enterprise.code, write=True)


def test_sme_owner_sees_only_their_own_enterprise(network, regions, enterprise):
    make_enterprise(network.centre, "Not theirs", regions["ES114"])
    assert visible(network.sme_owner) == {enterprise.name}


def test_a_second_owner_does_not_repeat_the_enterprise(network, enterprise):
    enterprise.owners.add(network.manager)  # linked but not an owner by role: changes nothing
    assert list(Enterprise.objects.visible_to(network.manager)) == [enterprise]


def test_owner_link_without_an_owner_membership_shows_nothing(network, foreign_enterprise):
    """Linked to an enterprise of a centre where they are not an SME owner: not visible."""
    foreign_enterprise.owners.add(network.sme_owner)
    assert foreign_enterprise.name not in visible(network.sme_owner)


def test_deactivated_owner_membership_hides_the_enterprise(network, enterprise):
    Membership.objects.filter(user=network.sme_owner).update(is_active=False)
    network.sme_owner.__dict__.pop("active_memberships", None)
    assert visible(network.sme_owner) == set()


def test_deactivated_account_and_anonymous_see_nothing(network, enterprise):
    from django.contrib.auth.models import AnonymousUser

    network.manager.is_active = False
    assert visible(network.manager) == set()
    assert not Enterprise.objects.visible_to(AnonymousUser()).exists()


def test_a_user_without_membership_sees_nothing(network, enterprise):
    assert visible(make_user("stranger")) == set()


@pytest.mark.parametrize("code", ["not-a-uuid", "", None, 42, uuid.uuid4()])
def test_bad_or_unknown_code_is_404(network, enterprise, code):
    with pytest.raises(Http404):
        get_enterprise_for(network.coordinator, code)


@pytest.mark.parametrize(
    ("persona", "may_edit"),
    [
        ("coordinator", True),
        ("manager", True),
        ("advisor", True),
        ("trainer", False),
        ("sme_owner", False),
    ],
)
def test_who_may_edit(network, enterprise, persona, may_edit):
    user = network.user(persona)
    assert get_enterprise_for(user, str(enterprise.code)) == enterprise
    assert can_edit_enterprises(user, enterprise.centre_id) is may_edit
    if may_edit:
        assert get_enterprise_for(user, enterprise.code, write=True) == enterprise
    else:
        with pytest.raises(PermissionDenied):
            get_enterprise_for(user, enterprise.code, write=True)


@pytest.mark.parametrize(
    ("persona", "may_link"),
    [("coordinator", True), ("manager", True), ("advisor", False), ("trainer", False)],
)
def test_only_manager_and_coordinator_link_owner_accounts(network, persona, may_link):
    assert can_link_owners(network.user(persona), network.centre.pk) is may_link


def test_editable_centres(network):
    assert editable_centres(network.manager) == [network.centre]
    assert editable_centres(network.advisor) == [network.centre]
    assert editable_centres(network.trainer) == []
    assert editable_centres(network.sme_owner) == []
    assert editable_centres(network.outsider) == [network.other_centre]
    assert set(editable_centres(network.coordinator)) == {network.centre, network.other_centre}


def test_contact_only_through_its_own_enterprise(network, enterprise, contact, foreign_enterprise):
    assert get_contact_for(network.manager, enterprise, contact.code) == contact
    with pytest.raises(Http404):
        get_contact_for(network.coordinator, foreign_enterprise, contact.code)
    with pytest.raises(Http404):
        get_contact_for(network.manager, enterprise, "nope")
    with pytest.raises(PermissionDenied):
        get_contact_for(network.trainer, enterprise, contact.code, write=True)


def test_a_staged_import_is_its_uploaders_only(network):
    batch = ImportBatch.objects.create(
        centre=network.centre, uploaded_by=network.manager, filename="f.csv"
    )
    assert get_import_for(network.manager, batch.code) == batch
    for persona in ("coordinator", "advisor", "outsider"):
        with pytest.raises(Http404):
            get_import_for(network.user(persona), batch.code)
