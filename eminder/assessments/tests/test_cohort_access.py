"""Who may open the cohort pages, the EDIH export and the SME's PDF report: every persona.

This module also holds what the cohort, export and report tests share: the URL configuration
that mounts `cohort_urls` (until `eminder/urls.py` includes it) and builders that create
enterprises and submitted assessments directly with the models, scored by the instruments
package so that results are realistic.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest
from django.urls import include, path, reverse
from django.utils import timezone

from eminder import urls as root_urls
from eminder.assessments.instruments import Instrument, load_instrument, score
from eminder.assessments.models import Assessment, Kind, Mode, ModuleResponse, Status
from eminder.assessments.services import stored_version
from eminder.enterprises.models import Enterprise
from eminder.testing.personas import PERSONAS

# The project's URLs, plus the cohort pages when the project does not include them yet.
urlpatterns = list(root_urls.urlpatterns)
if not any(getattr(pattern, "namespace", None) == "cohorts" for pattern in urlpatterns):
    urlpatterns.append(path("", include("eminder.assessments.cohort_urls")))
URLS = __name__

pytestmark = pytest.mark.urls(URLS)

DMA = load_instrument("dma_sme", 1)
ECOMMERCE = load_instrument("ecommerce", 1)
DII = load_instrument("dii_2023", 1)
STAGES = ("T0", "T1", "T2")


# --- Builders --------------------------------------------------------------------------------


def dma_answers(share: float) -> dict[str, object]:
    """Answers that give about `share` (0 to 1) of every question's points: the overall score is
    then about 100 x share (0.1 basic, 0.4 average, 0.6 moderately advanced, 0.9 advanced)."""
    answers: dict[str, object] = {}
    for question in DMA.questions.values():
        if question.type == "multiple_choice":
            positive = [option.id for option in question.options if not option.negative]
            answers[question.id] = positive[: round(share * len(positive))]
        elif question.type == "scale_grid":
            ranked = sorted(question.options, key=lambda option: option.points or Fraction(0))
            choice = ranked[round(share * (len(ranked) - 1))].id
            answers[question.id] = dict.fromkeys(question.row_ids, choice)
        else:  # the tick grid: the first rows ticked in every column
            ticked = question.row_ids[: round(share * len(question.row_ids))]
            answers[question.id] = {row: [o.id for o in question.options] for row in ticked}
    return answers


def ecommerce_answers(sells: bool) -> dict[str, object]:
    if not sells:
        return {"web_sales_own": False, "web_sales_marketplace": False, "edi_sales": False}
    return {
        "web_sales_own": True,
        "web_sales_marketplace": False,
        "edi_sales": False,
        "web_sales_share": 12,
        "web_sales_b2c_share": 40,
        "web_sales_destinations": ["home"],
    }


def dii_answers(yes: int) -> dict[str, bool]:
    return {question: index < yes for index, question in enumerate(DII.questions)}


def make_sme(centre, name: str, *, size: str = "10-49", nace: str = "G4791", **extra) -> Enterprise:
    return Enterprise.objects.create(
        centre=centre,
        name=name,
        region=centre.regions.first(),
        nace_code=nace,
        size_class=size,
        **extra,
    )


def _module(assessment: Assessment, kind: str, position: int, instrument: Instrument, raw) -> None:
    result = score(instrument, raw)
    ModuleResponse.objects.create(
        assessment=assessment,
        kind=kind,
        position=position,
        instrument_version=stored_version(instrument),
        settings=instrument.settings_values(),
        answers={},
        result=result.to_dict(),
        score=result.score,
        level=result.level or "",
        scored_at=timezone.now(),
    )


def assess(
    enterprise: Enterprise,
    stage: str = "T0",
    *,
    share: float = 0.4,
    sells: bool | None = None,
    dii_yes: int | None = None,
    language: str = "en",
    status: str = Status.SUBMITTED,
    **extra,
) -> Assessment:
    """A scored assessment: the DMA always, e-commerce when `sells` is given, the DII when
    `dii_yes` is."""
    assessment = Assessment.objects.create(
        enterprise=enterprise,
        stage=stage,
        assessed_on=datetime.date(2025, 3, 1) + datetime.timedelta(days=200 * STAGES.index(stage)),
        mode=Mode.STAFF,
        language=language,
        status=status,
        submitted_at=timezone.now() if status == Status.SUBMITTED else None,
        **extra,
    )
    _module(assessment, Kind.DMA, 0, DMA, dma_answers(share))
    if sells is not None:
        _module(assessment, Kind.ECOMMERCE, 1, ECOMMERCE, ecommerce_answers(sells))
    if dii_yes is not None:
        _module(assessment, Kind.DII, 2, DII, dii_answers(dii_yes))
    return assessment


# --- Permissions -----------------------------------------------------------------------------


def statuses(anonymous, coordinator, manager, advisor, trainer, sme_owner, outsider):
    values = (anonymous, coordinator, manager, advisor, trainer, sme_owner, outsider)
    return dict(zip(PERSONAS, values, strict=True))


CENTRE_STAFF = statuses(302, 200, 200, 200, 200, 403, 404)
EXPECTED = {
    "cohorts:cohort": CENTRE_STAFF,
    "cohorts:edih_export": CENTRE_STAFF,
    "cohorts:network_edih_export": statuses(302, 200, 403, 403, 403, 403, 403),
    "cohorts:report_pdf": statuses(302, 200, 200, 200, 200, 200, 404),
}


@pytest.fixture
def owned_assessment(network) -> Assessment:
    enterprise = make_sme(network.centre, "Conservas Rías S.L.", size="0-9")
    enterprise.owners.add(network.sme_owner)
    return assess(enterprise, sells=True, dii_yes=6)


def url_of(name: str, network, assessment: Assessment) -> str:
    if name == "cohorts:network_edih_export":
        return reverse(name)
    code = assessment.code if name == "cohorts:report_pdf" else network.centre.code
    return reverse(name, kwargs={"code": code})


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_status_by_persona(name, persona, network, client_for, owned_assessment):
    response = client_for(persona).get(url_of(name, network, owned_assessment))

    assert response.status_code == EXPECTED[name][persona], f"{name} as {persona}"


def test_every_cohort_url_is_checked():
    from eminder.assessments import cohort_urls

    assert {f"cohorts:{pattern.name}" for pattern in cohort_urls.urlpatterns} == set(EXPECTED)


def test_an_sme_owner_gets_404_for_another_enterprises_report(network, client_for):
    other = assess(make_sme(network.centre, "Not theirs S.L."))

    response = client_for("sme_owner").get(
        reverse("cohorts:report_pdf", kwargs={"code": other.code})
    )

    assert response.status_code == 404


def test_a_draft_has_no_report_even_for_staff(network, client_for):
    draft = assess(make_sme(network.centre, "Draft S.L."), status=Status.DRAFT)

    response = client_for("manager").get(reverse("cohorts:report_pdf", kwargs={"code": draft.code}))

    assert response.status_code == 404


def test_another_centres_staff_cannot_export_through_a_guessed_centre_code(network, client_for):
    response = client_for("outsider").get(
        reverse("cohorts:edih_export", kwargs={"code": network.centre.code}), {"format": "xlsx"}
    )

    assert response.status_code == 404
