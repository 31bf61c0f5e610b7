"""Importing enterprises from CSV or XLSX: stage the file, review it row by row, then confirm.

The services of the import (the rest of the app's writes are in `services.py`):

* `stage_import` reads the file and keeps its cells in an `ImportBatch`; nothing else changes.
* `review_import` checks every row against the registry as it is now: errors, the enterprise
  a row matches, likely duplicates. The report page and the confirmation both call it.
* `confirm_import` writes the rows in one transaction: all of them, or, only when the user
  explicitly chose it, just the valid ones. Then the batch is done and its cells are cleared.

Matching, so that importing the same file again changes nothing (docs/ENTERPRISE-IMPORT.md):
a row is the enterprise of the centre with the same registry number, else the one with the
same normalised name in the same NUTS 2 region (unless both have different registry numbers).
A matched enterprise is updated with the row's non-empty cells; when they hold what is stored
already, the row is "unchanged" and nothing is written. Two rows of one file that are the same
enterprise are an error on the second.
"""

from __future__ import annotations

import datetime
from copy import copy
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eminder.accounts.models import User
from eminder.audits.services import record_action
from eminder.enterprises.columns import (
    CODED_COLUMNS,
    COLUMN_NAMES,
    COLUMNS,
    CONTACT_COLUMNS,
    ENTERPRISE_COLUMNS,
    SIZE_ALIASES,
)
from eminder.enterprises.duplicates import Candidate, Index, normalise_name
from eminder.enterprises.models import Contact, Enterprise, ImportBatch, Status
from eminder.enterprises.nace import normalise_nace
from eminder.enterprises.services import (
    CentreRules,
    audit_value,
    candidate_for,
    clean_values,
    refuse_unless_editor,
    validate_enterprise,
)
from eminder.enterprises.tables import EXTRA_CELLS, TableError, read_table
from eminder.regions.models import Region

if TYPE_CHECKING:
    from eminder.centres.models import Centre

IMPORT_KEPT_FOR = timedelta(days=1)


# Read from the database once per review (see _Context), so not looked up again for each row.
TRUSTED_RELATIONS = ("centre", "region", "advisor")
ACTION_COUNTS = {"create": "created", "update": "updated", "unchanged": "unchanged"}


def stage_import(*, actor: User, centre: Centre, filename: str, content: bytes) -> ImportBatch:
    """Keep the cells of an uploaded file until its uploader confirms; nothing else changes."""
    refuse_unless_editor(actor, centre.pk)
    try:
        table = read_table(content, filename)
    except TableError as error:
        raise ValidationError(str(error)) from None
    unknown = [name for name in table.columns if name not in COLUMN_NAMES]
    if unknown:
        raise ValidationError(
            _("Unknown columns: %(columns)s. The columns are described on this page.")
            % {"columns": ", ".join(unknown)}
        )
    missing = [c.name for c in COLUMNS if c.required and c.name not in table.columns]
    if missing:
        raise ValidationError(
            _("The file lacks these required columns: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    with transaction.atomic():
        # Staged cells may hold contact details: none outlives IMPORT_KEPT_FOR.
        ImportBatch.objects.filter(created_at__lt=timezone.now() - IMPORT_KEPT_FOR).delete()
        return ImportBatch.objects.create(
            centre=centre,
            uploaded_by=actor,
            filename=filename[-255:],
            rows=[{"_row": number, **cells} for number, cells in table.rows],
        )


@dataclass
class Similar:
    """A likely duplicate: a registered enterprise, or an earlier row of the same file."""

    name: str
    score: float
    enterprise: Enterprise | None = None
    row: int | None = None

    @property
    def percent(self) -> float:
        return self.score * 100


@dataclass
class RowReview:
    """One row checked: its errors, or what importing it would do."""

    number: int
    name: str
    errors: list[str] = field(default_factory=list)
    similar: list[Similar] = field(default_factory=list)
    existing: Enterprise | None = None
    enterprise: Enterprise | None = None  # as it would be saved
    changes: dict[str, list[Any]] = field(default_factory=dict)  # field: [old, new]
    contact_values: dict[str, Any] = field(default_factory=dict)
    contact: Contact | None = None  # the existing contact person the row names
    contact_changed: bool = False
    failed: set[str] = field(default_factory=set)  # columns whose cell could not be read

    @property
    def action(self) -> str:
        if self.errors:
            return "invalid"
        if self.existing is None:
            return "create"
        return "update" if self.changes or self.contact_changed else "unchanged"

    @property
    def changed_columns(self) -> list[str]:
        columns = [ENTERPRISE_COLUMNS[name] for name in self.changes]
        return columns + (["contact_name"] if self.contact_changed else [])


@dataclass
class ImportReview:
    rows: list[RowReview]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def invalid(self) -> int:
        return self.count("invalid")

    @property
    def valid(self) -> int:
        return len(self.rows) - self.invalid

    @property
    def similar(self) -> int:
        return sum(1 for row in self.rows if row.similar and not row.errors)


class _Context:
    """What reviewing a file's rows needs from the database, read once."""

    def __init__(self, centre: Centre) -> None:
        self.centre = centre
        self.rules = CentreRules.load(centre)
        covered = Q()
        for prefix in self.rules.region_prefixes:
            covered |= Q(code__startswith=prefix)
        regions = Region.objects.current().filter(covered, level__in=(2, 3))
        self.regions = {r.code: r for r in regions} if self.rules.region_prefixes else {}
        self.advisors: dict[str, User] = {}
        for user in User.objects.filter(pk__in=self.rules.advisor_ids).order_by("pk"):
            self.advisors[user.username.lower()] = user
            if user.email:
                self.advisors.setdefault(user.email.lower(), user)
        enterprises = list(
            Enterprise.objects.filter(centre=centre)
            .select_related("region", "advisor")
            .prefetch_related("contacts")
        )
        self.by_number = {e.registry_number: e for e in enterprises if e.registry_number}
        self.by_name = {(e.nuts2_code, normalise_name(e.name)): e for e in enterprises}
        self.by_code = {str(e.code): e for e in enterprises}
        self.index = Index(candidate_for(e) for e in enterprises)


def review_import(batch: ImportBatch) -> ImportReview:
    """Every row of the batch checked against the registry as it is now."""
    context = _Context(batch.centre)
    reviews: list[RowReview] = []
    seen: dict[object, int] = {}
    in_file = Index()
    for cells in batch.rows:
        review = _review_row(cells, context)
        if not review.errors:
            _check_repeats(review, seen, in_file)
        reviews.append(review)
    return ImportReview(rows=reviews)


def _review_row(cells: dict[str, Any], context: _Context) -> RowReview:
    review = RowReview(number=int(cells.get("_row", 0)), name=str(cells.get("name", "")))
    if cells.get(EXTRA_CELLS):
        review.errors.append(_("This row has cells in columns without a name."))
    values = clean_values(_enterprise_values(cells, context, review))
    review.contact_values = _contact_values(cells, review)
    existing = _match(values, context)
    enterprise = _applied(existing, context.centre, values)
    if existing is None and not str(cells.get("region", "")).strip():
        _column_error(review, "region", _("A new enterprise needs a region."))
    try:
        validate_enterprise(
            enterprise,
            context.rules,
            check_unique=False,
            check_advisor="advisor" in values,
            trusted=TRUSTED_RELATIONS,
        )
    except ValidationError as error:
        _add_errors(review, error, ENTERPRISE_COLUMNS)
    if review.contact_values:
        _review_contact(review, existing, enterprise)
    if review.errors:
        return review
    review.existing, review.enterprise = existing, enterprise
    if existing is not None:
        review.changes = {
            name: [audit_value(getattr(existing, name)), audit_value(value)]
            for name, value in values.items()
            if getattr(existing, name) != value
        }
    else:
        review.similar = [
            Similar(m.candidate.name, m.score, enterprise=context.by_code[m.candidate.key])
            for m in context.index.matches(candidate_for(enterprise, key="row"))
            if m.reason == "name"
        ]
    return review


def _applied(existing: Enterprise | None, centre: Centre, values: dict[str, Any]) -> Enterprise:
    """The enterprise as it would be saved: a new one, or a copy of the matched one updated."""
    if existing is None:
        enterprise = Enterprise(centre=centre, status=Status.PROSPECT)
    else:
        enterprise = copy(existing)
    for name, value in values.items():
        setattr(enterprise, name, value)
    return enterprise


def _match(values: dict[str, Any], context: _Context) -> Enterprise | None:
    number = values.get("registry_number", "")
    if number and number in context.by_number:
        return context.by_number[number]
    region = values.get("region")
    if region is None or not values.get("name"):
        return None
    existing = context.by_name.get((region.code[:4], normalise_name(values["name"])))
    if existing is not None and number and existing.registry_number:
        return None  # the same name, but another registry number: another enterprise
    return existing


def _check_repeats(review: RowReview, seen: dict[object, int], in_file: Index) -> None:
    """The second row of one enterprise is an error; nearly the same name is a warning."""
    enterprise = review.enterprise
    assert enterprise is not None
    nuts2 = enterprise.nuts2_code
    keys: list[object] = [("name", nuts2, normalise_name(enterprise.name))]
    if enterprise.registry_number:
        keys.append(("number", enterprise.registry_number))
    if review.existing is not None:
        keys.append(("existing", review.existing.pk))
    for key in keys:
        if key in seen:
            review.errors.append(
                _("Row %(row)d already holds this enterprise.") % {"row": seen[key]}
            )
            return
    for key in keys:
        seen[key] = review.number
    candidate = Candidate(
        key=str(review.number),
        name=enterprise.name,
        registry_number=enterprise.registry_number,
        nuts2=nuts2,
    )
    if review.existing is None:
        review.similar += [
            Similar(m.candidate.name, m.score, row=int(m.candidate.key))
            for m in in_file.matches(candidate)
        ]
    in_file.add(candidate)


def _add_errors(review: RowReview, error: ValidationError, columns: dict[str, str]) -> None:
    """The model's errors, but not again for a cell already reported as unreadable."""
    for field_name, messages in error.message_dict.items():
        column = columns.get(field_name, "")
        if column in review.failed:
            continue
        for message in messages:
            if column:
                _column_error(review, column, message)
            else:
                review.errors.append(message)


def _column_error(review: RowReview, column: str, message: str) -> None:
    review.failed.add(column)
    review.errors.append(_("%(column)s: %(message)s") % {"column": column, "message": message})


def _enterprise_values(
    cells: dict[str, Any], context: _Context, review: RowReview
) -> dict[str, Any]:
    """The row's non-empty enterprise cells, as model values; problems go to `errors`."""
    values: dict[str, Any] = {}
    for field_name, column in ENTERPRISE_COLUMNS.items():
        text = str(cells.get(column, "") or "").strip()
        if not text:
            continue
        try:
            values[field_name] = _parse(field_name, text, context)
        except ValidationError as error:
            _column_error(review, column, error.messages[0])
    return values


def _parse(field_name: str, text: str, context: _Context) -> Any:
    if field_name == "region":
        region = context.regions.get(text.upper())
        if region is None:
            raise ValidationError(
                _("%(value)s is not a NUTS 2 or NUTS 3 code (NUTS 2021) of the centre's regions.")
                % {"value": text}
            )
        return region
    if field_name == "nace_code":
        code = normalise_nace(text)
        if code is None:
            raise ValidationError(
                _("%(value)s is not a NACE Rev. 2 code (a section, division, group or class).")
                % {"value": text}
            )
        return code
    if field_name == "founded_year":
        if not text.isdigit() or len(text) > 4:
            raise ValidationError(_("Enter a year such as 2004."))
        return int(text)
    if field_name == "website":
        return text if "://" in text else f"https://{text}"
    if field_name == "advisor":
        user = context.advisors.get(text.lower())
        if user is None:
            raise ValidationError(
                _("No manager or advisor of the centre has the username or email %(value)s.")
                % {"value": text}
            )
        return user
    if field_name in CODED_COLUMNS:
        return _coded(field_name, text)
    return text


def _coded(field_name: str, text: str) -> Any:
    choices = CODED_COLUMNS[field_name]
    allowed = {value.lower(): value for value in choices.values}
    if field_name == "size_class":
        allowed.update(SIZE_ALIASES)
    parts = [text]
    if field_name == "sales_channels":
        parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    wrong = [part for part in parts if part.lower() not in allowed]
    if wrong:
        raise ValidationError(
            _("Unknown code %(value)s. Use one of: %(codes)s.")
            % {"value": ", ".join(wrong), "codes": ", ".join(choices.values)}
        )
    codes = [allowed[part.lower()] for part in parts]
    return codes if field_name == "sales_channels" else codes[0]


def _contact_values(cells: dict[str, Any], review: RowReview) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field_name, column in CONTACT_COLUMNS.items():
        text = str(cells.get(column, "") or "").strip()
        if not text:
            continue
        if field_name == "consent_date":
            parsed = _date(text)
            if parsed is None:
                _column_error(review, column, _("Enter a date as YYYY-MM-DD or DD/MM/YYYY."))
                continue
            values[field_name] = parsed
        else:
            values[field_name] = text
    if values and "name" not in values:
        _column_error(review, "contact_name", _("A contact person needs a name."))
    return values


def _date(text: str) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _review_contact(review: RowReview, existing: Enterprise | None, enterprise: Enterprise) -> None:
    values = review.contact_values
    if existing is not None and "name" in values:
        review.contact = _same_contact(existing, values)
    contact = copy(review.contact) if review.contact else Contact(enterprise=enterprise)
    for name, value in values.items():
        setattr(contact, name, value)
    try:
        # Not the constraints: Contact.clean checks the same rule without a query per row.
        contact.full_clean(
            exclude=["enterprise"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        _add_errors(review, error, CONTACT_COLUMNS)
        return
    review.contact_changed = review.contact is None or any(
        getattr(review.contact, name) != value for name, value in values.items()
    )


def _same_contact(enterprise: Enterprise, values: dict[str, Any]) -> Contact | None:
    email = str(values.get("email", "")).lower()
    name = normalise_name(values["name"])
    for contact in enterprise.contacts.all():
        if (email and contact.email.lower() == email) or normalise_name(contact.name) == name:
            return contact
    return None


def confirm_import(
    *,
    actor: User,
    batch: ImportBatch,
    valid_only: bool = False,
    ip_address: str | None = None,
) -> dict[str, int]:
    """Write the batch's rows, all or (when chosen) only the valid ones; then clear its cells."""
    refuse_unless_editor(actor, batch.centre_id)
    with transaction.atomic():
        # Locked, so that a double submission cannot import the file twice.
        locked = ImportBatch.objects.select_for_update().select_related("centre").get(pk=batch.pk)
        if locked.status == ImportBatch.Status.DONE:
            raise ValidationError(_("This file has already been imported."))
        review = review_import(locked)
        if review.invalid and not valid_only:
            raise ValidationError(
                ngettext(
                    "%(count)d row is not valid, so nothing was imported. Correct the file, "
                    "or choose to import only the valid rows.",
                    "%(count)d rows are not valid, so nothing was imported. Correct the file, "
                    "or choose to import only the valid rows.",
                    review.invalid,
                )
                % {"count": review.invalid}
            )
        if not review.valid:
            raise ValidationError(_("No row is valid, so nothing was imported."))
        summary = {"created": 0, "updated": 0, "unchanged": 0, "skipped": review.invalid}
        for row in review.rows:
            if row.action in ("create", "update"):
                _write_row(actor, locked, row, ip_address)
            if row.action in ACTION_COUNTS:
                summary[ACTION_COUNTS[row.action]] += 1
        _finish(actor, locked, summary, ip_address)
    return summary


def _write_row(actor: User, batch: ImportBatch, row: RowReview, ip_address: str | None) -> None:
    enterprise = row.enterprise
    assert enterprise is not None
    source = {"import": str(batch.code)}
    if row.action == "create" or row.changes:
        enterprise.save()
        record_action(
            actor=actor,
            action="enterprise.create" if row.action == "create" else "enterprise.update",
            target=enterprise,
            centre=batch.centre,
            ip_address=ip_address,
            details=source if row.action == "create" else {"changes": row.changes, **source},
        )
    if not row.contact_changed:
        return
    contact = row.contact or Contact(enterprise=enterprise)
    changed = [name for name, v in row.contact_values.items() if getattr(contact, name) != v]
    for name, value in row.contact_values.items():
        setattr(contact, name, value)
    contact.enterprise = enterprise
    contact.save()
    details: dict[str, Any] = {"contact": str(contact.code), **source}
    if row.contact is not None:
        details["fields"] = changed
    record_action(
        actor=actor,
        action="contact.update" if row.contact else "contact.create",
        target=enterprise,
        centre=batch.centre,
        ip_address=ip_address,
        details=details,
    )


def _finish(
    actor: User, batch: ImportBatch, summary: dict[str, int], ip_address: str | None
) -> None:
    batch.status = ImportBatch.Status.DONE
    batch.rows = []  # the cells may hold contact details: not kept once imported
    batch.summary = summary
    batch.imported_at = timezone.now()
    batch.save(update_fields=["status", "rows", "summary", "imported_at"])
    record_action(
        actor=actor,
        action="enterprise.import",
        target=batch,
        centre=batch.centre,
        ip_address=ip_address,
        details={"file": batch.filename, **summary},
    )
