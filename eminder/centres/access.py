"""The one way views, the API and tasks read centres and partners for a user.

Not visible to the user: 404 (the object's existence is not revealed). Visible, but the action
is not the user's to take: 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from eminder.accounts.models import STAFF_ROLES, Role
from eminder.centres.models import Centre, Partner

if TYPE_CHECKING:
    from eminder.accounts.models import User


def can_manage_centre(user: User, centre: Centre) -> bool:
    return user.is_network_coordinator or user.role_in(centre.pk) == Role.MANAGER


def is_centre_staff(user: User, centre: Centre) -> bool:
    return user.is_network_coordinator or user.role_in(centre.pk) in STAFF_ROLES


def _parse_code(code: object) -> UUID:
    try:
        return code if isinstance(code, UUID) else UUID(str(code))
    except ValueError:
        raise Http404(_("No such centre.")) from None


def get_centre_for(user: User, code: object, *, manage: bool = False) -> Centre:
    """The centre with this code if the user may see it; `manage` asks for manager rights."""
    centre = Centre.objects.visible_to(user).filter(code=_parse_code(code)).first()
    if centre is None:
        raise Http404(_("No such centre."))
    if manage and not can_manage_centre(user, centre):
        raise PermissionDenied(
            _("Only the centre's manager or the network coordinator may do this.")
        )
    if not manage and not is_centre_staff(user, centre):
        raise PermissionDenied(_("This page is for the centre's staff."))
    return centre


def get_partner_for(user: User, centre: Centre, code: object, *, manage: bool = False) -> Partner:
    try:
        partner = centre.partners.get(code=_parse_code(code))
    except (Partner.DoesNotExist, Http404):
        raise Http404(_("No such partner organisation.")) from None
    if manage and not can_manage_centre(user, centre):
        raise PermissionDenied(
            _("Only the centre's manager or the network coordinator may do this.")
        )
    return partner
