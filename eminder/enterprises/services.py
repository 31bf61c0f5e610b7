"""Every write to enterprises and their contact people; the import's are in `imports.py`.

Audit entries about contact people name the enterprise as their object and carry only the
contact's code (`details["contact"]`), never a name, address or number: erasing a contact
then leaves no personal data behind in the audit log, and the enterprise's timeline (which
reads the entries whose object is the enterprise) shows contact events too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from eminder.accounts.models import Membership, Role
from eminder.audits.models import AuditEntry
from eminder.audits.services import record_action
from eminder.enterprises.access import EDITOR_ROLES, can_edit_enterprises, can_link_owners
from eminder.enterprises.duplicates import Candidate, Index, normalise_registry_number
from eminder.enterprises.models import Contact, Enterprise
from eminder.regions.models import CURRENT_NUTS_VERSION, Region

if TYPE_CHECKING:
    from eminder.accounts.models import User
    from eminder.centres.models import Centre

ENTERPRISE_FIELDS = (
    "name",
    "registry_number",
    "region",
    "nace_code",
    "size_class",
    "turnover_band",
    "founded_year",
    "website",
    "sales_channels",
    "advisor",
    "status",
)
CONTACT_FIELDS = (
    "name",
    "role",
    "email",
    "phone",
    "consent_date",
    "consent_purpose",
    "consent_withdrawn_on",
)


def refuse_unless_editor(actor: User, centre_id: int) -> None:
    if not can_edit_enterprises(actor, centre_id):
        raise PermissionDenied(
            _("Only the centre's manager and advisors or the network coordinator may do this.")
        )


@dataclass(frozen=True)
class CentreRules:
    """What an enterprise of one centre must respect, read once (an import checks many rows)."""

    centre_id: int
    region_prefixes: tuple[str, ...]
    advisor_ids: frozenset[int]

    @classmethod
    def load(cls, centre: Centre) -> CentreRules:
        advisors = Membership.objects.filter(
            centre=centre, role__in=EDITOR_ROLES, is_active=True, user__is_active=True
        ).values_list("user_id", flat=True)
        return cls(
            centre_id=centre.pk,
            region_prefixes=tuple(centre.regions.values_list("code", flat=True)),
            advisor_ids=frozenset(advisors),
        )

    def region_error(self, region: Region) -> str | None:
        if region.nuts_version != CURRENT_NUTS_VERSION or region.level not in (2, 3):
            return _("Choose a NUTS 2 or NUTS 3 region of the current NUTS version (2021).")
        if "ZZ" in region.code:
            return _("An Extra-Regio territory cannot be an enterprise's region.")
        if not region.code.startswith(self.region_prefixes):
            return _("This region is outside the regions the centre covers.")
        return None

    def advisor_error(self, advisor_id: int | None) -> str | None:
        if advisor_id is not None and advisor_id not in self.advisor_ids:
            return _("The advisor must be the centre's manager or one of its advisors.")
        return None


def validate_enterprise(
    enterprise: Enterprise,
    rules: CentreRules,
    *,
    check_unique: bool = True,
    check_advisor: bool = True,
    trusted: tuple[str, ...] = (),
) -> None:
    """Every rule of an enterprise: its fields, and those that depend on its centre.

    `trusted` names relations the caller read from the database itself (an import reads every
    region and advisor once), so that they are not looked up again row by row.
    """
    errors: dict[str, list[str]] = {}
    try:
        enterprise.full_clean(
            exclude=list(trusted), validate_unique=check_unique, validate_constraints=False
        )
    except ValidationError as error:
        errors = {field: list(messages) for field, messages in error.message_dict.items()}
    if enterprise.region_id and "region" not in errors:
        problem = rules.region_error(enterprise.region)
        if problem:
            errors["region"] = [problem]
    problem = rules.advisor_error(enterprise.advisor_id) if check_advisor else None
    if problem:
        errors.setdefault("advisor", []).append(problem)
    if check_unique and enterprise.registry_number and "registry_number" not in errors:
        others = Enterprise.objects.filter(
            centre_id=enterprise.centre_id, registry_number=enterprise.registry_number
        ).exclude(pk=enterprise.pk)
        if others.exists():
            errors["registry_number"] = [
                _("This centre already has an enterprise with this registry or VAT number.")
            ]
    if errors:
        raise ValidationError(errors)


def clean_values(values: dict[str, Any]) -> dict[str, Any]:
    """The enterprise values as stored: trimmed name, registry number in its compact form."""
    cleaned = {field: values[field] for field in ENTERPRISE_FIELDS if field in values}
    if "name" in cleaned:
        cleaned["name"] = " ".join(str(cleaned["name"]).split())
    if "registry_number" in cleaned:
        cleaned["registry_number"] = normalise_registry_number(cleaned["registry_number"] or "")
    return cleaned


def candidate_for(enterprise: Enterprise, key: str | None = None) -> Candidate:
    return Candidate(
        key=key or str(enterprise.code),
        name=enterprise.name,
        registry_number=enterprise.registry_number,
        nuts2=enterprise.region.code[:4] if enterprise.region_id else "",
    )


@dataclass(frozen=True)
class Duplicate:
    """A registered enterprise that a new or changed one may be."""

    enterprise: Enterprise
    similarity: float  # of the normalised names, 0 to 1

    @property
    def percent(self) -> float:
        return self.similarity * 100


def likely_duplicates(enterprise: Enterprise) -> list[Duplicate]:
    """Other enterprises of the centre, in the same NUTS 2 region, with a very similar name."""
    if not enterprise.region_id:
        return []
    nuts2 = enterprise.region.code[:4]
    others = {
        str(other.code): other
        for other in Enterprise.objects.filter(
            centre_id=enterprise.centre_id, region__code__startswith=nuts2
        )
        .exclude(pk=enterprise.pk)
        .select_related("region")
    }
    index = Index(candidate_for(other) for other in others.values())
    return [
        Duplicate(others[match.candidate.key], match.score)
        for match in index.matches(candidate_for(enterprise, key="new"))
        if match.reason == "name"
    ]


class LikelyDuplicates(Exception):
    """Saving would probably register an enterprise twice; nothing was saved."""

    def __init__(self, matches: list[Duplicate]) -> None:
        super().__init__(_("This enterprise may already be registered."))
        self.matches = matches


def audit_value(value: Any) -> Any:
    """A value as the audit log keeps it: a region by its code, a person by username."""
    if isinstance(value, Region):
        return value.code
    if hasattr(value, "get_username"):
        return value.get_username()
    return value


def create_enterprise(
    *,
    actor: User,
    centre: Centre,
    values: dict[str, Any],
    allow_duplicates: bool = False,
    ip_address: str | None = None,
) -> Enterprise:
    """Register an enterprise in a centre, unless it is likely registered already."""
    refuse_unless_editor(actor, centre.pk)
    with transaction.atomic():
        enterprise = Enterprise(centre=centre, **clean_values(values))
        validate_enterprise(enterprise, CentreRules.load(centre))
        matches = [] if allow_duplicates else likely_duplicates(enterprise)
        if matches:
            raise LikelyDuplicates(matches)
        enterprise.save()
        record_action(
            actor=actor,
            action="enterprise.create",
            target=enterprise,
            centre=centre,
            ip_address=ip_address,
        )
    return enterprise


def update_enterprise(
    *,
    actor: User,
    enterprise: Enterprise,
    values: dict[str, Any],
    allow_duplicates: bool = False,
    ip_address: str | None = None,
) -> dict[str, list[Any]]:
    """Change an enterprise's details; returns the changes (none: nothing is written)."""
    refuse_unless_editor(actor, enterprise.centre_id)
    with transaction.atomic():
        changes: dict[str, list[Any]] = {}
        for field, value in clean_values(values).items():
            old = getattr(enterprise, field)
            if old != value:
                changes[field] = [audit_value(old), audit_value(value)]
                setattr(enterprise, field, value)
        if not changes:
            return changes
        try:
            validate_enterprise(enterprise, CentreRules.load(enterprise.centre))
            renamed = {"name", "region"} & changes.keys()
            matches = [] if allow_duplicates or not renamed else likely_duplicates(enterprise)
            if matches:
                raise LikelyDuplicates(matches)
        except (ValidationError, LikelyDuplicates):
            # The caller's object shows the saved values again, as nothing was saved.
            enterprise.refresh_from_db()
            raise
        enterprise.save()
        record_action(
            actor=actor,
            action="enterprise.update",
            target=enterprise,
            centre=enterprise.centre,
            ip_address=ip_address,
            details={"changes": changes},
        )
    return changes


def owner_candidates(centre_id: int) -> QuerySet[User]:
    """Accounts that may be linked to an enterprise of the centre: its active SME owners."""
    from eminder.accounts.models import User

    return User.objects.filter(
        is_active=True,
        memberships__centre_id=centre_id,
        memberships__role=Role.SME_OWNER,
        memberships__is_active=True,
    ).order_by("last_name", "first_name", "username")


def set_enterprise_owners(
    *,
    actor: User,
    enterprise: Enterprise,
    owners: Iterable[User],
    ip_address: str | None = None,
) -> None:
    """Link exactly these SME-owner accounts to the enterprise (they then see it)."""
    if not can_link_owners(actor, enterprise.centre_id):
        raise PermissionDenied(
            _("Only the centre's manager or the network coordinator may link owner accounts.")
        )
    wanted = {user.pk: user for user in owners}
    allowed = {user.pk for user in owner_candidates(enterprise.centre_id)}
    if set(wanted) - allowed:
        raise ValidationError(
            {"owners": [_("Only SME-owner accounts of the enterprise's centre can be linked.")]}
        )
    with transaction.atomic():
        current = {user.pk: user for user in enterprise.owners.all()}
        added = sorted(wanted[pk].get_username() for pk in set(wanted) - set(current))
        removed = sorted(current[pk].get_username() for pk in set(current) - set(wanted))
        if not added and not removed:
            return
        enterprise.owners.set(list(wanted.values()))
        record_action(
            actor=actor,
            action="enterprise.owners",
            target=enterprise,
            centre=enterprise.centre,
            ip_address=ip_address,
            details={"added": added, "removed": removed},
        )


def create_contact(
    *,
    actor: User,
    enterprise: Enterprise,
    values: dict[str, Any],
    ip_address: str | None = None,
) -> Contact:
    """Add a contact person to an enterprise."""
    refuse_unless_editor(actor, enterprise.centre_id)
    with transaction.atomic():
        contact = Contact(
            enterprise=enterprise, **{f: values[f] for f in CONTACT_FIELDS if f in values}
        )
        contact.full_clean()
        contact.save()
        record_action(
            actor=actor,
            action="contact.create",
            target=enterprise,
            centre=enterprise.centre,
            ip_address=ip_address,
            details={"contact": str(contact.code)},
        )
    return contact


def update_contact(
    *,
    actor: User,
    contact: Contact,
    values: dict[str, Any],
    ip_address: str | None = None,
) -> list[str]:
    """Change a contact person; the audit entry names the fields changed, not their values."""
    enterprise = contact.enterprise
    refuse_unless_editor(actor, enterprise.centre_id)
    with transaction.atomic():
        changed = []
        for field in CONTACT_FIELDS:
            if field in values and getattr(contact, field) != values[field]:
                setattr(contact, field, values[field])
                changed.append(field)
        if not changed:
            return changed
        try:
            contact.full_clean()
        except ValidationError:
            contact.refresh_from_db()  # nothing was saved: the caller's object says so too
            raise
        contact.save()
        record_action(
            actor=actor,
            action="contact.update",
            target=enterprise,
            centre=enterprise.centre,
            ip_address=ip_address,
            details={"contact": str(contact.code), "fields": changed},
        )
    return changed


def export_contact_data(
    *, actor: User, contact: Contact, ip_address: str | None = None
) -> dict[str, Any]:
    """Everything kept about a contact person (for their access request); audited."""
    enterprise = contact.enterprise
    refuse_unless_editor(actor, enterprise.centre_id)
    with transaction.atomic():
        events = AuditEntry.objects.filter(
            object_type="enterprise",
            object_code=str(enterprise.code),
            details__contact=str(contact.code),
        ).order_by("created_at", "id")
        data = {
            "contact": {
                "code": str(contact.code),
                **{field: _json(getattr(contact, field)) for field in CONTACT_FIELDS},
                "created_at": contact.created_at.isoformat(),
            },
            "enterprise": {"code": str(enterprise.code), "name": enterprise.name},
            "centre": {"name": enterprise.centre.name, "email": enterprise.centre.email},
            "history": [
                {"when": entry.created_at.isoformat(), "what": entry.action_label}
                for entry in events
            ],
        }
        record_action(
            actor=actor,
            action="contact.export",
            target=enterprise,
            centre=enterprise.centre,
            ip_address=ip_address,
            details={"contact": str(contact.code)},
        )
    return data


def _json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def erase_contact(*, actor: User, contact: Contact, ip_address: str | None = None) -> None:
    """Delete a contact person and everything kept about them."""
    enterprise = contact.enterprise
    refuse_unless_editor(actor, enterprise.centre_id)
    with transaction.atomic():
        record_action(
            actor=actor,
            action="contact.erase",
            target=enterprise,
            centre=enterprise.centre,
            ip_address=ip_address,
            details={"contact": str(contact.code)},
        )
        contact.delete()
