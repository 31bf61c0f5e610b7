from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from eminder.regions.models import Region

# Region codes are public reference data: no authentication needed.
router = Router(tags=["regions"], auth=None)


class RegionOut(Schema):
    code: str
    nuts_version: int
    level: int
    country_code: str
    name: str
    name_latin: str
    successor: str | None = Field(None, alias="successor.code")


class RegionFilter(FilterSchema):
    level: int | None = Field(None, ge=0, le=3)
    country: Annotated[str | None, FilterLookup("country_code__iexact"), Field(max_length=2)] = None
    nuts_version: int = 2021
    code: Annotated[str | None, FilterLookup("code__istartswith"), Field(max_length=12)] = None


@router.get("", response=list[RegionOut], summary="NUTS regions")
@paginate(LimitOffsetPagination)
def list_regions(request, filters: Query[RegionFilter]):
    return filters.filter(Region.objects.select_related("successor")).order_by("code")
