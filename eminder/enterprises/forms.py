from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eminder.accounts.models import User
from eminder.centres.forms import WebsiteField
from eminder.centres.models import Centre
from eminder.enterprises import nace
from eminder.enterprises.access import EDITOR_ROLES
from eminder.enterprises.duplicates import normalise_registry_number
from eminder.enterprises.models import (
    Contact,
    Enterprise,
    MaturityLevel,
    SalesChannel,
    SizeClass,
    Status,
)
from eminder.regions.models import Region

if TYPE_CHECKING:
    from collections.abc import Sequence

MAX_IMPORT_BYTES = 5 * 1024 * 1024
NOT_ASSESSED = "none"


def regions_of(centres: Sequence[Centre]) -> QuerySet[Region]:
    """Current NUTS 2 and 3 regions within the centres' regions, Extra-Regio left out."""
    covered = Q(pk__in=[])
    for code in Region.objects.filter(centres__in=centres).values_list("code", flat=True):
        covered |= Q(code__startswith=code)
    return (
        Region.objects.current()
        .filter(covered, level__in=(2, 3))
        .exclude(code__contains="ZZ")
        .order_by("code")
    )


def advisors_of(centres: Sequence[Centre]) -> QuerySet[User]:
    """Active managers and advisors of the centres: who may be an enterprise's advisor."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__centre__in=centres,
            memberships__role__in=EDITOR_ROLES,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class EnterpriseForm(forms.ModelForm):
    sales_channels = forms.MultipleChoiceField(
        label=_("Sales channels in use"),
        choices=SalesChannel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owners = forms.ModelMultipleChoiceField(
        label=_("Owner accounts"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("SME-owner accounts of the centre that see this enterprise, and only it."),
    )
    save_anyway = forms.BooleanField(
        label=_("Save anyway: this is a different enterprise."), required=False
    )

    class Meta:
        model = Enterprise
        fields = [
            "centre",
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
        ]
        field_classes = {"website": WebsiteField}

    def __init__(
        self,
        *args: Any,
        centres: Sequence[Centre],
        owner_choices: QuerySet[User] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["centre"]  # an enterprise stays with its centre
            self.initial["nace_code"] = nace.official_notation(self.instance.nace_code)
        else:
            centre_field = cast(forms.ModelChoiceField, self.fields["centre"])
            centre_field.queryset = Centre.objects.filter(pk__in=[c.pk for c in centres])
            centre_field.to_field_name = "code"
            if len(centres) == 1:
                self.initial.setdefault("centre", centres[0].code)
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = regions_of(centres)
        cast(forms.ModelChoiceField, self.fields["advisor"]).queryset = advisors_of(centres)
        if owner_choices is None:
            del self.fields["owners"]
        else:
            cast(forms.ModelMultipleChoiceField, self.fields["owners"]).queryset = owner_choices
            self.initial.setdefault("owners", list(self.instance.owners.all()))

    def clean_nace_code(self) -> str:
        typed = self.cleaned_data.get("nace_code", "")
        code = nace.normalise_nace(typed)
        if code is None:
            raise forms.ValidationError(
                _("%(value)s is not a NACE Rev. 2 code (a section, division, group or class)."),
                params={"value": typed},
            )
        return code

    def clean_registry_number(self) -> str:
        return normalise_registry_number(self.cleaned_data.get("registry_number", ""))

    def values(self) -> dict[str, Any]:
        """The enterprise's values for the service (not the centre, owners or confirmation)."""
        skip = {"centre", "owners", "save_anyway"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "name",
            "role",
            "email",
            "phone",
            "consent_date",
            "consent_purpose",
            "consent_withdrawn_on",
        ]
        widgets = {
            "consent_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "consent_withdrawn_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class EnterpriseFilterForm(forms.Form):
    """The list's filters; every choice comes from what the user can see."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    centre = forms.ChoiceField(label=_("Centre"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    sector = forms.ChoiceField(label=_("Sector (NACE section)"), required=False)
    size = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", _("All sizes")), *SizeClass.choices]
    )
    maturity = forms.ChoiceField(
        label=_("Maturity level"),
        required=False,
        choices=[
            ("", _("All levels")),
            (NOT_ASSESSED, _("Not assessed yet")),
            *MaturityLevel.choices,
        ],
    )
    advisor = forms.ChoiceField(label=_("Advisor"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices]
    )

    def __init__(self, *args: Any, enterprises: QuerySet[Enterprise], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        centres = Centre.objects.filter(pk__in=enterprises.values("centre")).order_by("name")
        centre_choices = [(str(c.code), c.short_name) for c in centres]
        if len(centre_choices) > 1:
            self._choices("centre", _("All centres"), centre_choices)
        else:
            del self.fields["centre"]
        self._choices("region", _("All regions"), self._regions(enterprises))
        language = (get_language() or "en")[:2]
        sectors = [(code, f"{code} {label}") for code, label in nace.sections(language)]
        self._choices("sector", _("All sectors"), sectors)
        advisors = User.objects.filter(pk__in=enterprises.values("advisor")).order_by(
            "last_name", "first_name", "username"
        )
        self._choices("advisor", _("All advisors"), [(u.username, str(u)) for u in advisors])

    def _choices(
        self, name: str, everything: str | Promise, choices: list[tuple[str, str]]
    ) -> None:
        cast(forms.ChoiceField, self.fields[name]).choices = [("", everything), *choices]

    @staticmethod
    def _regions(enterprises: QuerySet[Enterprise]) -> list[tuple[str, str]]:
        """The regions enterprises are in, with their NUTS 2 regions (which include NUTS 3)."""
        codes = set(enterprises.order_by().values_list("region__code", flat=True).distinct())
        codes |= {code[:4] for code in codes}
        regions = Region.objects.current().filter(code__in=codes).order_by("code")
        return [(r.code, str(r)) for r in regions]

    def apply(self, enterprises: QuerySet[Enterprise]) -> QuerySet[Enterprise]:
        data = self.cleaned_data
        if data.get("q"):
            words = data["q"].split()
            for word in words:
                enterprises = enterprises.filter(
                    Q(name__icontains=word)
                    | Q(registry_number__icontains=normalise_registry_number(word) or word)
                )
        if data.get("centre"):
            enterprises = enterprises.filter(centre__code=data["centre"])
        if data.get("region"):
            enterprises = enterprises.filter(region__code__startswith=data["region"])
        if data.get("sector"):
            enterprises = enterprises.filter(nace_code__startswith=data["sector"])
        if data.get("size"):
            enterprises = enterprises.filter(size_class=data["size"])
        if data.get("maturity"):
            level = "" if data["maturity"] == NOT_ASSESSED else data["maturity"]
            enterprises = enterprises.filter(maturity_level=level)
        if data.get("advisor"):
            enterprises = enterprises.filter(advisor__username=data["advisor"])
        if data.get("status"):
            enterprises = enterprises.filter(status=data["status"])
        return enterprises


class ImportForm(forms.Form):
    centre = forms.ModelChoiceField(
        label=_("Centre"), queryset=Centre.objects.none(), to_field_name="code"
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8) or Excel (.xlsx), with the columns described below."),
    )

    def __init__(self, *args: Any, centres: Sequence[Centre], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["centre"])
        field.queryset = Centre.objects.filter(pk__in=[c.pk for c in centres]).order_by("name")
        if len(centres) == 1:
            self.initial.setdefault("centre", centres[0].code)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s. Split it into smaller files."),
                params={"size": filesizeformat(MAX_IMPORT_BYTES)},
            )
        if not (upload.name or "").lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a CSV file (.csv) or an Excel workbook (.xlsx)."))
        return upload


class ImportConfirmForm(forms.Form):
    mode = forms.ChoiceField(
        choices=[
            ("all", _("Import every row")),
            ("valid_only", _("Import only the valid rows")),
        ]
    )
