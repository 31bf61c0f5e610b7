"""get_centre_for and get_partner_for: 404 when not visible, 403 when not allowed."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from eminder.accounts.models import Membership
from eminder.centres.access import get_centre_for, get_partner_for
from eminder.centres.models import Partner


@pytest.mark.parametrize("code", ["not-a-uuid", "", None, 42, uuid.uuid4()])
def test_bad_or_unknown_code_is_404(network, code):
    with pytest.raises(Http404):
        get_centre_for(network.coordinator, code)


def test_code_as_string_or_uuid(network):
    assert get_centre_for(network.manager, str(network.centre.code)) == network.centre
    assert get_centre_for(network.manager, network.centre.code) == network.centre


def test_deactivated_membership_hides_the_centre(network):
    Membership.objects.filter(user=network.manager).update(is_active=False)

    with pytest.raises(Http404):
        get_centre_for(network.manager, network.centre.code)


def test_deactivated_account_sees_nothing(network):
    network.manager.is_active = False

    with pytest.raises(Http404):
        get_centre_for(network.manager, network.centre.code)


def test_staff_may_see_but_not_manage(network):
    assert get_centre_for(network.advisor, network.centre.code) == network.centre
    with pytest.raises(PermissionDenied, match="Only the centre's manager"):
        get_centre_for(network.advisor, network.centre.code, manage=True)


def test_sme_owner_may_not_open_the_staff_pages(network):
    with pytest.raises(PermissionDenied, match=r"This page is for the centre's staff\."):
        get_centre_for(network.sme_owner, network.centre.code)


def test_manager_of_another_centre_gets_404(network):
    with pytest.raises(Http404):
        get_centre_for(network.outsider, network.centre.code, manage=True)


def test_partner_only_through_its_own_centre(network):
    foreign = Partner.objects.create(
        centre=network.other_centre, name="Gdańsk Tech", kind="university", role="lead"
    )

    assert get_partner_for(network.coordinator, network.other_centre, foreign.code) == foreign
    with pytest.raises(Http404, match=r"No such partner organisation\."):
        get_partner_for(network.coordinator, network.centre, foreign.code)
    with pytest.raises(Http404, match=r"No such partner organisation\."):
        get_partner_for(network.coordinator, network.centre, "junk")


def test_partner_management_needs_manager_rights(network):
    with pytest.raises(PermissionDenied):
        get_partner_for(network.advisor, network.centre, network.partner.code, manage=True)
