from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from eminder.audits.services import record_action
from eminder.centres.models import Centre, Partner

if TYPE_CHECKING:
    from eminder.accounts.models import User
    from eminder.regions.models import Region

CENTRE_FIELDS = ("name", "short_name", "email", "phone", "website", "address", "working_languages")
PARTNER_FIELDS = ("name", "kind", "role", "city", "website")


def _changed(obj: Any, values: dict[str, Any], fields: Iterable[str]) -> dict[str, list[Any]]:
    changes = {}
    for field in fields:
        if field in values and getattr(obj, field) != values[field]:
            changes[field] = [getattr(obj, field), values[field]]
            setattr(obj, field, values[field])
    return changes


def create_centre(
    *,
    actor: User,
    values: dict[str, Any],
    regions: Iterable[Region],
    ip_address: str | None = None,
) -> Centre:
    """Set up a new coordination centre in the network (the network coordinator's task)."""
    if not actor.is_network_coordinator:
        raise PermissionDenied(_("Only the network coordinator may set up a centre."))
    with transaction.atomic():
        centre = Centre(**{f: values[f] for f in CENTRE_FIELDS if f in values})
        centre.full_clean()
        centre.save()
        centre.regions.set(regions)
        record_action(
            actor=actor,
            action="centre.create",
            target=centre,
            centre=centre,
            ip_address=ip_address,
            details={"regions": sorted(region.code for region in regions)},
        )
    return centre


def update_centre(
    *,
    actor: User,
    centre: Centre,
    values: dict[str, Any],
    regions: Iterable[Region] | None = None,
    ip_address: str | None = None,
) -> Centre:
    """Change a centre's details and covered regions, recording what changed."""
    with transaction.atomic():
        changes = _changed(centre, values, CENTRE_FIELDS)
        centre.full_clean()
        centre.save()
        if regions is not None:
            old = sorted(centre.regions.values_list("code", flat=True))
            new = sorted(region.code for region in regions)
            if old != new:
                centre.regions.set(regions)
                changes["regions"] = [old, new]
        record_action(
            actor=actor,
            action="centre.update",
            target=centre,
            centre=centre,
            ip_address=ip_address,
            details={"changes": changes},
        )
    return centre


def create_partner(
    *, actor: User, centre: Centre, values: dict[str, Any], ip_address: str | None = None
) -> Partner:
    """Add a partner organisation to a centre."""
    with transaction.atomic():
        partner = Partner(centre=centre, **{f: values[f] for f in PARTNER_FIELDS if f in values})
        partner.full_clean()
        partner.save()
        record_action(
            actor=actor,
            action="partner.create",
            target=partner,
            centre=centre,
            ip_address=ip_address,
        )
    return partner


def update_partner(
    *, actor: User, partner: Partner, values: dict[str, Any], ip_address: str | None = None
) -> Partner:
    """Change a partner organisation's details."""
    with transaction.atomic():
        changes = _changed(partner, values, PARTNER_FIELDS)
        partner.full_clean()
        partner.save()
        record_action(
            actor=actor,
            action="partner.update",
            target=partner,
            centre=partner.centre,
            ip_address=ip_address,
            details={"changes": changes},
        )
    return partner


def delete_partner(*, actor: User, partner: Partner, ip_address: str | None = None) -> None:
    """Remove a partner organisation from its centre."""
    with transaction.atomic():
        record_action(
            actor=actor,
            action="partner.delete",
            target=partner,
            centre=partner.centre,
            ip_address=ip_address,
        )
        partner.delete()
