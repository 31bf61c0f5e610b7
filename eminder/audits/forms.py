from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from eminder.audits.actions import ACTION_LABELS

if TYPE_CHECKING:
    from eminder.audits.models import AuditEntry
    from eminder.centres.models import Centre


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *ACTION_LABELS.items()],
    )
    centre: forms.ModelChoiceField[Centre] = forms.ModelChoiceField(
        label=_("Centre"),
        required=False,
        queryset=None,
        empty_label=_("All centres"),
        to_field_name="code",
    )
    who = forms.CharField(label=_("Who"), required=False, max_length=100)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, centres: QuerySet[Centre], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["centre"]).queryset = centres

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def apply(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        data = self.cleaned_data
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        if data.get("centre"):
            entries = entries.filter(centre=data["centre"])
        if data.get("who"):
            entries = entries.filter(actor_label__icontains=data["who"])
        if data.get("since"):
            entries = entries.filter(created_at__date__gte=data["since"])
        if data.get("until"):
            entries = entries.filter(created_at__date__lte=data["until"])
        return entries
