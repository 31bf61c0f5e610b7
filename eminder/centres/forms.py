from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from eminder.centres.models import Centre, Partner
from eminder.regions.models import Region


class WebsiteField(forms.URLField):
    """A web address; one typed without a scheme is taken as https (Django 6's default)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(assume_scheme="https", **kwargs)


class CentreForm(forms.ModelForm):
    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions covered"),
        queryset=Region.objects.current().filter(level__lte=2).order_by("code"),
        help_text=_(
            "Countries and NUTS 2 regions (NUTS 2021). Hold Ctrl (⌘ on a Mac) to choose several."
        ),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    class Meta:
        model = Centre
        fields = [
            "name",
            "short_name",
            "email",
            "phone",
            "website",
            "address",
            "working_languages",
            "regions",
        ]
        field_classes = {"website": WebsiteField}


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "role", "city", "website"]
        field_classes = {"website": WebsiteField}

    def __init__(self, *args, centre: Centre, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.centre = centre

    def validate_unique(self) -> None:
        # The centre is set on the instance, not a form field, so check the pair ourselves.
        super().validate_unique()
        name = self.cleaned_data.get("name")
        others = Partner.objects.filter(centre=self.instance.centre, name__iexact=name)
        if name and others.exclude(pk=self.instance.pk).exists():
            self.add_error("name", _("This centre already has a partner with this name."))
