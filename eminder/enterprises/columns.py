"""The columns of an enterprise import file: names, the model fields they fill, and codes.

Described for people in docs/ENTERPRISE-IMPORT.md, on the import page and in the template.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from eminder.enterprises.models import SalesChannel, SizeClass, Status, TurnoverBand


@dataclass(frozen=True)
class Column:
    name: str
    field: str  # the model field, on Enterprise or (contact_*) on Contact
    required: bool
    help: Promise


COLUMNS = (
    Column("name", "name", True, gettext_lazy("The enterprise's name, with its legal form.")),
    Column(
        "registry_number",
        "registry_number",
        False,
        gettext_lazy("Registry or VAT number; spaces and punctuation are ignored."),
    ),
    Column(
        "region",
        "region",
        True,
        gettext_lazy("NUTS 2021 code of a NUTS 2 or 3 region the centre covers, e.g. ES111."),
    ),
    Column("nace", "nace_code", True, gettext_lazy("NACE Rev. 2 code, e.g. G47.91 or 47.91.")),
    Column("size_class", "size_class", True, gettext_lazy("Persons employed: one of the codes.")),
    Column("turnover_band", "turnover_band", False, gettext_lazy("One of the codes.")),
    Column("founded", "founded_year", False, gettext_lazy("Year founded, e.g. 2004.")),
    Column("website", "website", False, gettext_lazy("Web address; https:// may be left out.")),
    Column(
        "sales_channels",
        "sales_channels",
        False,
        gettext_lazy("Codes separated by commas or semicolons."),
    ),
    Column("status", "status", False, gettext_lazy("One of the codes; prospect if empty.")),
    Column(
        "advisor",
        "advisor",
        False,
        gettext_lazy("Username or email of the centre's manager or an advisor."),
    ),
    Column("contact_name", "name", False, gettext_lazy("A contact person's name.")),
    Column("contact_role", "role", False, gettext_lazy("Their role in the enterprise.")),
    Column("contact_email", "email", False, gettext_lazy("Their email address.")),
    Column("contact_phone", "phone", False, gettext_lazy("Their phone number.")),
    Column(
        "consent_date",
        "consent_date",
        False,
        gettext_lazy("Day they agreed to be contacted: YYYY-MM-DD or DD/MM/YYYY."),
    ),
    Column(
        "consent_purpose",
        "consent_purpose",
        False,
        gettext_lazy("What they agreed to be contacted about."),
    ),
)
COLUMN_NAMES = [column.name for column in COLUMNS]
_CONTACT_PREFIXES = ("contact_", "consent_")
ENTERPRISE_COLUMNS = {c.field: c.name for c in COLUMNS if not c.name.startswith(_CONTACT_PREFIXES)}
CONTACT_COLUMNS = {c.field: c.name for c in COLUMNS if c.name.startswith(_CONTACT_PREFIXES)}
CODED_COLUMNS = {
    "size_class": SizeClass,
    "turnover_band": TurnoverBand,
    "status": Status,
    "sales_channels": SalesChannel,
}
SIZE_ALIASES = {"ge250": SizeClass.LARGE.value}
