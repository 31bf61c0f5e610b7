from uuid import UUID

from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from eminder.centres.access import get_centre_for
from eminder.centres.models import Centre
from eminder.lib.requests import AuthenticatedRequest

router = Router(tags=["centres"])


class PartnerOut(Schema):
    code: UUID
    name: str
    kind: str
    role: str
    city: str
    website: str


class CentreOut(Schema):
    code: UUID
    name: str
    short_name: str
    email: str
    website: str
    working_languages: list[str]
    regions: list[str] = Field(..., description="NUTS 2021 codes of the regions covered")
    is_demo: bool

    @staticmethod
    def resolve_regions(centre: Centre) -> list[str]:
        return [region.code for region in centre.regions.all()]


class CentreDetailOut(CentreOut):
    partners: list[PartnerOut]

    @staticmethod
    def resolve_partners(centre: Centre) -> list:
        return list(centre.partners.all())


@router.get("", response=list[CentreOut], summary="Centres visible to you")
@paginate(LimitOffsetPagination)
def list_centres(request: AuthenticatedRequest):
    # The code breaks ties between equal names, so that pages never overlap or skip a centre.
    return (
        Centre.objects.visible_to(request.user).prefetch_related("regions").order_by("name", "code")
    )


@router.get("/{code}", response=CentreDetailOut, summary="One centre with its partners")
def get_centre(request: AuthenticatedRequest, code: UUID):
    return get_centre_for(request.user, code)
