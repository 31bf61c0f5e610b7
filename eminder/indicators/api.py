"""`/api/v1/statistics/`: official statistics as imported, public like the explorer.

Observations are filtered by dataset, geo, time and any dimension by its Eurostat code, e.g.
`?dataset=isoc_ec_esels&indic_is=E_ESELL&size_emp=GE10&geo=PL&time=2024`. Several codes are
separated by commas (`geo=PL,ES`).
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination, paginate

from eminder.api import accepts_any_query_parameter
from eminder.indicators import queries
from eminder.indicators.models import Dataset

router = Router(tags=["statistics"], auth=None)

# Query parameters that are not dimensions of a dataset.
RESERVED = {"dataset", "geo", "time", "limit", "offset"}


class ObservationOut(Schema):
    dataset: str
    dimensions: dict[str, str] = Field(..., description="Breakdown codes, by dimension")
    geo: str
    time: str
    value: float | None
    flags: str = Field(..., description="Eurostat status letters, e.g. 'bu'")
    confidentiality: str = Field(..., description="Confidentiality status, e.g. 'C'")


class DatasetOut(Schema):
    code: str
    title: str
    source: str
    licence: str
    last_update: str
    dimensions: list[str]


class DimensionOut(Schema):
    dimension: str
    codes: list[dict[str, str]] = Field(..., description="code and label")


def _codes(raw: str | None) -> list[str]:
    return [code.strip() for code in (raw or "").split(",") if code.strip()]


def _refuse(location: str, reason: str) -> ValidationError:
    return ValidationError([{"loc": ("query", location), "msg": reason, "type": "value_error"}])


@router.get("/datasets", response=list[DatasetOut], summary="Imported datasets")
@paginate(LimitOffsetPagination)
def list_datasets(request: HttpRequest):
    return Dataset.objects.order_by("code")


@router.get(
    "/datasets/{code}/dimensions",
    response=list[DimensionOut],
    summary="A dataset's dimensions and the codes in use",
)
def list_dimensions(request: HttpRequest, code: str):
    dataset = queries.get_dataset(code)
    result = []
    for dimension in [*dataset.dimensions, "geo"]:
        codes = queries.codes_in_use(dataset, dimension)
        labels = queries.labels_for(dimension, codes)
        result.append(
            {
                "dimension": dimension,
                "codes": [{"code": c, "label": labels[c]} for c in codes],
            }
        )
    return result


@router.get(
    "/observations",
    response=list[ObservationOut],
    summary="Observations, filtered by dataset, geo, time and any dimension",
)
@paginate(LimitOffsetPagination)
@accepts_any_query_parameter  # dimensions differ by dataset; unknown ones are refused below
def list_observations(
    request: HttpRequest, dataset: str, geo: str | None = None, time: str | None = None
):
    found = queries.get_dataset(dataset)
    dimension_filters = {
        name: str(value) for name, value in request.GET.items() if name not in RESERVED
    }
    unknown = queries.unknown_dimensions(found, dimension_filters)
    if unknown:
        raise _refuse(
            unknown[0],
            _("%(dataset)s has no dimension %(dimension)s. Its dimensions: %(known)s.")
            % {
                "dataset": found.code,
                "dimension": unknown[0],
                "known": ", ".join(found.dimensions),
            },
        )
    filters = {dimension: _codes(raw) for dimension, raw in dimension_filters.items()}
    observations = queries.observations_for(
        found,
        filters,
        geos=_codes(geo) or None,
        periods=_codes(time) or None,
    )
    return (
        {
            "dataset": found.code,
            "dimensions": obs.series.dimensions,
            "geo": obs.series.geo,
            "time": obs.period,
            "value": obs.value,
            "flags": obs.flags,
            "confidentiality": obs.confidentiality,
        }
        for obs in observations
    )
