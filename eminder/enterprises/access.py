"""The one way views, the API and tasks read enterprises, contacts and imports for a user.

Who may do what:

* read an enterprise (detail, timeline, contacts): the network coordinator; the manager,
  advisors and trainers of its centre; its SME owners (accounts linked in `Enterprise.owners`
  who hold an active SME-owner membership of that centre);
* edit it, add, change, export or erase its contacts, import into its centre: the coordinator,
  the centre's manager and its advisors (trainers and SME owners only read);
* link SME-owner accounts to it: the coordinator and the centre's manager, since that grants
  access to the enterprise's data;
* a staged import: only the person who uploaded it.

Not visible to the user: 404 (the object's existence is not revealed). Visible, but the action
is not the user's to take: 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from eminder.accounts.models import Role
from eminder.centres.models import Centre
from eminder.enterprises.models import Contact, Enterprise, ImportBatch

if TYPE_CHECKING:
    from eminder.accounts.models import User

EDITOR_ROLES = {Role.MANAGER, Role.ADVISOR}


def can_edit_enterprises(user: User, centre_id: int) -> bool:
    """Whether the user may register and change the enterprises of this centre."""
    return user.is_network_coordinator or user.role_in(centre_id) in EDITOR_ROLES


def can_link_owners(user: User, centre_id: int) -> bool:
    return user.is_network_coordinator or user.role_in(centre_id) == Role.MANAGER


def editable_centres(user: User) -> list[Centre]:
    """The centres whose enterprises the user may register, change and import."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_network_coordinator:
        return list(Centre.objects.order_by("name"))
    return [m.centre for m in user.active_memberships if m.role in EDITOR_ROLES and m.centre]


def _parse_code(code: object, message: str) -> UUID:
    try:
        return code if isinstance(code, UUID) else UUID(str(code))
    except ValueError:
        raise Http404(message) from None


def get_enterprise_for(user: User, code: object, *, write: bool = False) -> Enterprise:
    """The enterprise with this code if the user may see it; `write` asks for editing rights."""
    missing = _("No such enterprise.")
    enterprise = (
        Enterprise.objects.visible_to(user)
        .select_related("centre", "region", "advisor")
        .filter(code=_parse_code(code, missing))
        .first()
    )
    if enterprise is None:
        raise Http404(missing)
    if write and not can_edit_enterprises(user, enterprise.centre_id):
        raise PermissionDenied(
            _("Only the centre's manager and advisors or the network coordinator may do this.")
        )
    return enterprise


def get_contact_for(
    user: User, enterprise: Enterprise, code: object, *, write: bool = False
) -> Contact:
    """A contact person of this (already checked) enterprise."""
    missing = _("No such contact person.")
    contact = enterprise.contacts.filter(code=_parse_code(code, missing)).first()
    if contact is None:
        raise Http404(missing)
    if write and not can_edit_enterprises(user, enterprise.centre_id):
        raise PermissionDenied(
            _("Only the centre's manager and advisors or the network coordinator may do this.")
        )
    return contact


def get_import_for(user: User, code: object) -> ImportBatch:
    """A staged import, for the person who uploaded it only."""
    missing = _("No such import.")
    batch = (
        ImportBatch.objects.visible_to(user)
        .select_related("centre")
        .filter(code=_parse_code(code, missing))
        .first()
    )
    if batch is None:
        raise Http404(missing)
    return batch
