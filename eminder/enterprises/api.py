"""Enterprises in the JSON API: read-only, exactly what the user may see on the pages.

Contact people are not in the API: their data stays on the pages of those who edit them.
"""

from datetime import datetime
from uuid import UUID

from django.db.models import QuerySet
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from eminder.enterprises.access import get_enterprise_for
from eminder.enterprises.models import Enterprise
from eminder.lib.requests import AuthenticatedRequest

router = Router(tags=["enterprises"])


class EnterpriseOut(Schema):
    code: UUID
    name: str
    registry_number: str
    centre: UUID = Field(..., description="Code of the centre supporting the enterprise")
    region: str = Field(..., description="NUTS 2021 code of its NUTS 2 or NUTS 3 region")
    nace_code: str = Field(..., description="NACE Rev. 2 activity, Eurostat's code (G4791)")
    size_class: str = Field(..., description="Persons employed: 0-9, 10-49, 50-249 or 250+")
    turnover_band: str
    founded_year: int | None
    website: str
    sales_channels: list[str]
    status: str
    maturity_level: str = Field(..., description="Empty until a maturity assessment")
    advisor: str | None = Field(None, description="Username of the assigned advisor")
    is_demo: bool
    updated_at: datetime

    @staticmethod
    def resolve_centre(enterprise: Enterprise) -> UUID:
        return enterprise.centre.code

    @staticmethod
    def resolve_region(enterprise: Enterprise) -> str:
        return enterprise.region.code

    @staticmethod
    def resolve_advisor(enterprise: Enterprise) -> str | None:
        return enterprise.advisor.get_username() if enterprise.advisor else None


class EnterpriseDetailOut(EnterpriseOut):
    nace_label: str = Field(..., description="The activity's name (English, German or French)")
    owners: list[str] = Field(..., description="Usernames of the linked SME-owner accounts")

    @staticmethod
    def resolve_owners(enterprise: Enterprise) -> list[str]:
        return [user.get_username() for user in enterprise.owners.order_by("username")]


@router.get("", response=list[EnterpriseOut], summary="Enterprises visible to you")
@paginate(LimitOffsetPagination)
def list_enterprises(request: AuthenticatedRequest) -> QuerySet[Enterprise]:
    return (
        Enterprise.objects.visible_to(request.user)
        .select_related("centre", "region", "advisor")
        .order_by("name", "code")
    )


@router.get("/{code}", response=EnterpriseDetailOut, summary="One enterprise")
def get_enterprise(request: AuthenticatedRequest, code: UUID) -> Enterprise:
    return get_enterprise_for(request.user, code)
