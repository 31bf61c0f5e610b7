"""Assessments in the JSON API: score an answers document without saving it, and read the
assessments the user may see (exactly those of the pages: SME owners see submitted ones).

`POST /score` takes the document of docs/ANSWER-FORMAT.md as the request body and answers
with the scores (`score_document`), advice in the caller's language included. A document that
cannot be scored gets a 400 whose `errors` name each problem: code, questionnaire, question,
location in the document and a message in the caller's language.
"""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from eminder.assessments.access import get_assessment_for
from eminder.assessments.instruments import AnswerError, score_document
from eminder.assessments.models import Assessment, Kind, ModuleResponse
from eminder.enterprises.access import get_enterprise_for
from eminder.lib.requests import AuthenticatedRequest

router = Router(tags=["assessments"])
DEFAULT_SCORE_MAX_BYTES = 256 * 1024


def score_max_bytes() -> int:
    """Largest answers document `POST /score` reads (`EMINDER_SCORE_MAX_BYTES`)."""
    return int(getattr(settings, "ASSESSMENT_SCORE_MAX_BYTES", DEFAULT_SCORE_MAX_BYTES))


class ProblemOut(Schema):
    code: str
    instrument: str | None
    question: str | None
    location: str = Field(..., description="Where in the document, e.g. modules[0].answers.q3")
    message: str


class ScoreErrorOut(Schema):
    detail: str
    errors: list[ProblemOut]


class DetailOut(Schema):
    detail: str


SCORE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": "An answers document: docs/ANSWER-FORMAT.md",
                    "required": ["format", "format_version", "modules"],
                }
            }
        },
    }
}


@router.post(
    "/score",
    response={200: dict[str, Any], 400: ScoreErrorOut, 413: DetailOut},
    summary="Score an answers document without saving it",
    openapi_extra=SCORE_BODY,
)
def score_answers(request: HttpRequest) -> Status:
    limit = score_max_bytes()
    # Checked before reading when the client says the size, and again after.
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit or len(request.body) > limit:
        detail = _("The answers document is larger than %(limit)d bytes.") % {"limit": limit}
        return Status(413, {"detail": detail})
    try:
        return Status(200, score_document(request.body, language=get_language()))
    except AnswerError as error:
        detail = ngettext(
            "The answers cannot be scored: %(count)d problem was found.",
            "The answers cannot be scored: %(count)d problems were found.",
            len(error.problems),
        ) % {"count": len(error.problems)}
        return Status(400, {"detail": detail, "errors": error.as_list()})


class AssessmentOut(Schema):
    code: UUID
    enterprise: UUID = Field(..., description="Code of the enterprise assessed")
    enterprise_name: str
    stage: str = Field(..., description="T0, T1 or T2")
    assessed_on: date
    mode: str = Field(..., description="staff or self_service")
    language: str
    status: str = Field(..., description="draft, submitted or withdrawn")
    submitted_at: datetime | None
    correction_count: int
    dma_score: float | None = Field(None, description="Overall digital maturity, 0-100")
    dma_level: str = Field("", description="basic, average, moderately_advanced or advanced")
    dii_score: float | None = Field(None, description="Digital Intensity Index, 0-12")
    dii_level: str = Field("", description="very_low, low, high or very_high")

    @staticmethod
    def resolve_enterprise(assessment: Assessment) -> UUID:
        return assessment.enterprise.code

    @staticmethod
    def resolve_enterprise_name(assessment: Assessment) -> str:
        return assessment.enterprise.name

    @staticmethod
    def _module(assessment: Assessment, kind: str) -> ModuleResponse | None:
        return next((m for m in assessment.modules.all() if m.kind == kind), None)

    @staticmethod
    def resolve_dma_score(assessment: Assessment) -> float | None:
        module = AssessmentOut._module(assessment, Kind.DMA)
        return module.score if module else None

    @staticmethod
    def resolve_dma_level(assessment: Assessment) -> str:
        module = AssessmentOut._module(assessment, Kind.DMA)
        return module.level if module else ""

    @staticmethod
    def resolve_dii_score(assessment: Assessment) -> float | None:
        module = AssessmentOut._module(assessment, Kind.DII)
        return module.score if module else None

    @staticmethod
    def resolve_dii_level(assessment: Assessment) -> str:
        module = AssessmentOut._module(assessment, Kind.DII)
        return module.level if module else ""


class ModuleOut(Schema):
    kind: str = Field(..., description="dma_sme, ecommerce or dii")
    instrument: str
    version: int
    settings: dict[str, Any]
    answers: dict[str, Any] = Field(..., description="In the answer format; partial in a draft")
    result: dict[str, Any] | None = Field(None, description="The scores, once submitted")

    @staticmethod
    def resolve_instrument(module: ModuleResponse) -> str:
        return module.instrument_version.instrument

    @staticmethod
    def resolve_version(module: ModuleResponse) -> int:
        return module.instrument_version.version


class AssessmentDetailOut(AssessmentOut):
    modules: list[ModuleOut]

    @staticmethod
    def resolve_modules(assessment: Assessment) -> list[ModuleResponse]:
        return list(assessment.modules.all())


@router.get("", response=list[AssessmentOut], summary="Assessments visible to you")
@paginate(LimitOffsetPagination)
def list_assessments(
    request: AuthenticatedRequest, enterprise: UUID | None = None
) -> QuerySet[Assessment]:
    assessments = Assessment.objects.visible_to(request.user)
    if enterprise is not None:
        assessments = assessments.filter(enterprise=get_enterprise_for(request.user, enterprise))
    return (
        assessments.select_related("enterprise")
        .prefetch_related("modules")
        .order_by("enterprise__name", "enterprise__code", "stage", "created_at", "code")
    )


@router.get("/{code}", response=AssessmentDetailOut, summary="One assessment with its answers")
def get_assessment(request: AuthenticatedRequest, code: UUID) -> Assessment:
    assessment = get_assessment_for(request.user, code)
    # Its modules read at once, without the stored questionnaire texts (not shown here).
    modules = ModuleResponse.objects.select_related("instrument_version").defer(
        "instrument_version__content"
    )
    prefetch_related_objects([assessment], Prefetch("modules", queryset=modules))
    return assessment
