"""Forms of the statistics pages: the explorer's state (all in the URL) and the file upload."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.http import QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eminder.indicators import queries
from eminder.indicators.metrics import nuts2_regions, period_year
from eminder.indicators.models import Dataset
from eminder.indicators.monitor import preferred_codes

DEFAULT_DATASET = "isoc_ec_esels"
# The demo centres' countries and regions, where the dataset has them.
DEFAULT_GEOS = ("CY", "ES", "PL", "ES11", "CY00", "PL63")
# A dataset's EU figure: the first of these geos it has.
AGGREGATES = ("EU27_2020", "EU")
# Parameters that are not dimensions: the page state and the download.
RESERVED = frozenset({"dataset", "geo", "period", "format", "chart"})
UNKNOWN_CODE = gettext_lazy("This dataset has no code %(value)s here. Choose one of the list.")
UNKNOWN_GEO = gettext_lazy("This dataset has no figures for the geo code %(value)s.")
UNKNOWN_PERIOD = gettext_lazy("%(value)s is not a period of these figures.")
DIMENSION_NAMES: dict[str, Promise] = {
    "freq": gettext_lazy("Frequency"),
    "indic_is": gettext_lazy("Indicator"),
    "indicator": gettext_lazy("Indicator"),
    "unit": gettext_lazy("Unit"),
    "unit_measure": gettext_lazy("Unit"),
    "size_emp": gettext_lazy("Size class (persons employed)"),
    "nace_r2": gettext_lazy("Economic activity (NACE Rev. 2)"),
    "ind_type": gettext_lazy("Group of individuals"),
    "breakdown": gettext_lazy("Breakdown"),
}


def default_dataset(datasets: list[Dataset]) -> str:
    codes = [dataset.code for dataset in datasets]
    return DEFAULT_DATASET if DEFAULT_DATASET in codes else codes[0]


def option(code: str, label: str) -> tuple[str, str]:
    return code, code if label == code else f"{label} ({code})"


class DatasetForm(forms.Form):
    """Which dataset to explore: a form of its own, as each dataset has other dimensions."""

    dataset = forms.ChoiceField(label=gettext_lazy("Dataset"))

    def __init__(self, *, datasets: list[Dataset], current: Dataset) -> None:
        super().__init__(initial={"dataset": current.code}, auto_id="id_dataset_%s")
        field = self.fields["dataset"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(d.code, f"{d.code}: {d.title}" if d.title else d.code) for d in datasets]


@dataclass
class Selection:
    """The explorer's validated state: one code per dimension, the geos and the period."""

    dataset: Dataset
    filters: dict[str, str]
    geos: list[str]
    aggregate: str | None
    period: str | None
    labels: dict[str, dict[str, str]]
    names: dict[str, str]
    notes: list[str] = field(default_factory=list)

    @property
    def regional(self) -> bool:
        """NUTS-2 regions among the chosen geos: rank regions, and draw the map."""
        return bool(nuts2_regions(self.geos))

    @property
    def shown_geos(self) -> list[str]:
        """The geos of the time series: the EU figure first, always."""
        first = [self.aggregate] if self.aggregate else []
        return first + [geo for geo in self.geos if geo != self.aggregate]

    def params(self) -> dict[str, str]:
        """The page state as query parameters (geos comma-separated), for links and downloads."""
        return {
            "dataset": self.dataset.code,
            **self.filters,
            "geo": ",".join(self.shown_geos),
            **({"period": self.period} if self.period else {}),
        }

    def label(self, dimension: str) -> str:
        code = self.filters.get(dimension, "")
        return self.labels.get(dimension, {}).get(code, code)


class ExplorerForm(forms.Form):
    """The explorer's filters, built from the dataset's dimensions and the codes it holds.

    Each dimension offers the codes that exist with the codes chosen before it (in the dataset's
    dimension order). A code the dataset has, but not with those choices, is replaced by the
    most common one that fits, and the page says so; a code the dataset does not have at all,
    or a parameter that is no dimension of it, is an error.
    """

    def __init__(self, params: QueryDict, *, dataset: Dataset) -> None:
        self.dataset = dataset
        self.index = queries.SeriesIndex(dataset)
        self.notes: list[str] = []
        data, choices = self._resolve(params)
        labels = queries.labels_for_dimensions(
            {name: self.index.codes(name) for name in dataset.dimensions}
        )
        self.geo_codes = self.index.codes("geo")
        self.names = queries.geo_names(self.geo_codes)
        labels["geo"] = self.names
        self.labels = labels
        super().__init__(data)
        self.unknown = sorted(set(params) - RESERVED - set(dataset.dimensions))
        for name in dataset.dimensions:
            self.fields[name] = forms.ChoiceField(
                label=DIMENSION_NAMES.get(name, name),
                choices=[option(code, labels[name].get(code, code)) for code in choices[name]],
                error_messages={"invalid_choice": UNKNOWN_CODE},
            )
        self.fields["geo"] = forms.MultipleChoiceField(
            label=gettext_lazy("Countries, regions and the EU"),
            choices=[option(code, self.names[code]) for code in self._geo_order()],
            widget=forms.SelectMultiple(attrs={"size": 8}),
            error_messages={"invalid_choice": UNKNOWN_GEO},
            help_text=gettext_lazy("Hold Ctrl (or Cmd) to choose several."),
        )
        self.fields["period"] = forms.ChoiceField(
            label=gettext_lazy("Period of the ranking and the map"),
            choices=[(period, period) for period in reversed(self.periods)],
            required=False,
            error_messages={"invalid_choice": UNKNOWN_PERIOD},
        )

    def _geo_order(self) -> list[str]:
        """The EU first, then countries, then regions by NUTS level, each by name."""

        def key(code: str) -> tuple[bool, int, str]:
            return code not in AGGREGATES, len(code), self.names[code]

        return sorted(self.geo_codes, key=key)

    def _resolve(self, params: QueryDict) -> tuple[dict[str, object], dict[str, list[str]]]:
        """The form data: the requested codes, or fitting defaults where none is asked for."""
        preferred = preferred_codes(self.dataset.code)
        chosen: dict[str, str] = {}
        choices: dict[str, list[str]] = {}
        data: dict[str, object] = {}
        for name in self.dataset.dimensions:
            choices[name] = self.index.codes(name, chosen)
            requested = params.get(name)
            fits = requested in choices[name]
            if requested is None or (not fits and requested in self.index.codes(name)):
                default = self.index.most_common(name, chosen, [preferred.get(name, "")])
                if requested is not None and default is not None:
                    self.notes.append(self._replaced(name, requested, default))
                requested = default
            if requested is not None:
                data[name] = requested
                if requested in choices[name]:
                    chosen[name] = requested
        self.chosen = chosen
        data["geo"] = self._geos(params, chosen)
        self.periods = queries.periods_in_use(
            self.dataset, {name: [code] for name, code in chosen.items()}
        )
        data["period"] = self._period(params.get("period"))
        return data, choices

    def _replaced(self, dimension: str, requested: str, default: str) -> str:
        return _(
            "There are no figures for %(code)s (%(dimension)s) with the choices above it; "
            "showing %(default)s instead."
        ) % {
            "code": requested,
            "dimension": DIMENSION_NAMES.get(dimension, dimension),
            "default": default,
        }

    def _geos(self, params: QueryDict, chosen: Mapping[str, str]) -> list[str]:
        requested = [code.strip() for value in params.getlist("geo") for code in value.split(",")]
        requested = list(dict.fromkeys(code for code in requested if code))
        if requested:
            return requested
        in_use = set(self.index.codes("geo", chosen))
        return [geo for geo in (*AGGREGATES, *DEFAULT_GEOS) if geo in in_use]

    def _period(self, requested: str | None) -> str | None:
        latest = self.periods[-1] if self.periods else None
        if not requested or requested in self.periods:
            return requested or latest
        try:
            period_year(requested)
        except ValueError:
            return requested  # not a period at all: the field refuses it
        if latest is not None:
            self.notes.append(
                _("There are no figures for %(period)s with these choices; showing %(latest)s.")
                % {"period": requested, "latest": latest}
            )
        return latest

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if self.unknown:
            raise ValidationError(
                _("%(dataset)s has no dimension %(dimension)s. Its dimensions: %(known)s.")
                % {
                    "dataset": self.dataset.code,
                    "dimension": self.unknown[0],
                    "known": ", ".join(self.dataset.dimensions),
                }
            )
        return cleaned

    def selection(self) -> Selection:
        """The validated state; call after `is_valid()`."""
        data = self.cleaned_data
        aggregate = next((code for code in AGGREGATES if code in self.geo_codes), None)
        geos = [geo for geo in data["geo"] if geo != aggregate]
        with_data = set(self.index.codes("geo", self.chosen))
        notes = list(self.notes)
        missing = [
            geo for geo in [*([aggregate] if aggregate else []), *geos] if geo not in with_data
        ]
        if missing:
            notes.append(
                _("There are no figures for %(geos)s with these choices.")
                % {"geos": ", ".join(self.names.get(geo, geo) for geo in missing)}
            )
        return Selection(
            dataset=self.dataset,
            filters={name: data[name] for name in self.dataset.dimensions},
            geos=geos,
            aggregate=aggregate,
            period=data.get("period") or None,
            labels=self.labels,
            names=self.names,
            notes=notes,
        )


class UploadForm(forms.Form):
    """A statistics file to import in the background, and optionally the dataset it holds."""

    file = forms.FileField(
        label=gettext_lazy("Statistics file"),
        help_text=gettext_lazy(
            "A Eurostat TSV or SDMX-CSV file, one of e-MINDER's tidy CSV files, or the DESI CSV; "
            "plain or gzipped."
        ),
    )
    dataset = forms.CharField(
        label=gettext_lazy("Dataset code (optional)"),
        required=False,
        max_length=60,
        help_text=gettext_lazy(
            "Only needed when the file does not name its dataset, e.g. isoc_ec_esels."
        ),
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9_$-]+$",
                gettext_lazy("A dataset code has only letters, digits and underscores."),
            )
        ],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.STATISTICS_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s; the largest file accepted is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        return upload

    def clean_dataset(self) -> str:
        return self.cleaned_data["dataset"].strip().lower()
