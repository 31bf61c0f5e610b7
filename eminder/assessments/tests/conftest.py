"""Enterprises and assessments of the personas' network, and answers that can be scored.

The home centre's enterprise is advised by the advisor and owned by the SME owner; a second
enterprise of the same centre and one of the outsider's centre show what a user or a link must
not reach. Helpers build assessments through the services (start, answers, submit).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from eminder.assessments import services
from eminder.assessments.access import link_token
from eminder.assessments.instruments import load_instrument
from eminder.assessments.models import Assessment, Kind, ModuleResponse, SelfServiceLink
from eminder.enterprises.models import Contact, Enterprise
from eminder.testing.personas import make_region

DMA = load_instrument("dma_sme", 1)
DII = load_instrument("dii_2023", 1)
T0_DAY = date(2025, 3, 10)


def grid(question: str, option: str) -> dict[str, str]:
    return dict.fromkeys(DMA.questions[question].row_ids, option)


def dma_answers(**changes: Any) -> dict[str, Any]:
    """Complete DMA answers, weak everywhere: dimensions 16.7, 25, 7.1, 15.5, 0 and 30 (overall
    15.7, basic), so every dimension gets its advice."""
    answers = {
        "q1": {"marketing_sales": ["invested"], "delivery": ["invested", "planned"]},
        "q2": ["needs_identified", "management_ready"],
        "q3": ["connectivity", "website", "ecommerce_sales"],
        "q4": grid("q4", "considering"),
        "q5": ["short_trainings"],
        "q6": [],
        "q7": ["stored_digitally"],
        "q8": ["offsite_backup"],
        "q9": grid("q9", "not_used"),
        "q10": ["paperless"],
        "q11": grid("q11", "partially"),
    }
    return answers | changes


def strong_dma_answers() -> dict[str, Any]:
    """Answers scoring 80 or more in every dimension (automation and AI the lowest, 80, then
    digital readiness, 90)."""
    every = {q.id: [o.id for o in q.options if not o.negative] for q in DMA.questions.values()}
    return {
        "q1": {row: ["invested", "planned"] for row in DMA.questions["q1"].row_ids},
        "q2": every["q2"],
        "q3": every["q3"],
        "q4": grid("q4", "implementing"),
        "q5": every["q5"],
        "q6": every["q6"],
        "q7": every["q7"],
        "q8": every["q8"],
        "q9": grid("q9", "implementing"),
        "q10": every["q10"],
        "q11": grid("q11", "yes"),
    }


ECOMMERCE_ANSWERS = {
    "web_sales_own": True,
    "web_sales_marketplace": False,
    "edi_sales": False,
    "web_sales_share": 12.5,
    "web_sales_b2c_share": 80,
    "web_sales_destinations": ["home", "other_eu"],
}
DII_ANSWERS = dict.fromkeys(DII.questions, True) | {"erp": False, "crm": False, "ai_any": False}


@pytest.fixture
def regions(network):
    return {
        "ES111": make_region("ES111", "A Coruña", 3),
        "PL633": make_region("PL633", "Trójmiejski", 3),
    }


def make_enterprise(centre, name: str, region, **values) -> Enterprise:
    values = {"nace_code": "G4791", "size_class": "0-9", **values}
    return Enterprise.objects.create(centre=centre, name=name, region=region, **values)


@pytest.fixture
def enterprise(network, regions) -> Enterprise:
    enterprise = make_enterprise(
        network.centre,
        "Conservas Rías S.L.",
        regions["ES111"],
        advisor=network.advisor,
        sales_channels=["own_web_shop"],
    )
    enterprise.owners.add(network.sme_owner)
    Contact.objects.create(
        enterprise=enterprise,
        name="Lucía Pereira",
        email="lucia@example.org",
        consent_date=date(2025, 3, 1),
        consent_purpose="Support from the centre",
    )
    return enterprise


@pytest.fixture
def neighbour(network, regions) -> Enterprise:
    """Another enterprise of the same centre."""
    return make_enterprise(network.centre, "Algas do Atlántico S.L.", regions["ES111"])


@pytest.fixture
def foreign_enterprise(network, regions) -> Enterprise:
    return make_enterprise(network.other_centre, "Bursztyn Sp. z o.o.", regions["PL633"])


def start(enterprise: Enterprise, actor, **values: Any) -> Assessment:
    values = {
        "stage": "T0",
        "assessed_on": T0_DAY,
        "mode": "staff",
        "language": "en",
        **values,
    }
    return services.start_assessment(actor=actor, enterprise=enterprise, **values)


def put_answers(assessment: Assessment, **answers: dict[str, Any]) -> None:
    """Store answers as they are (the scene of a test, not the behaviour under test)."""
    for kind, values in answers.items():
        ModuleResponse.objects.filter(assessment=assessment, kind=kind).update(answers=values)


def submitted(
    enterprise: Enterprise, actor, *, answers: dict[str, Any] | None = None, **values: Any
) -> Assessment:
    assessment = start(enterprise, actor, **values)
    modules = {m.kind: m for m in assessment.modules.all()}
    given = {Kind.DMA: answers or dma_answers(), Kind.ECOMMERCE: ECOMMERCE_ANSWERS}
    given[Kind.DII] = DII_ANSWERS
    put_answers(assessment, **{kind: given[kind] for kind in modules})
    return services.submit_assessment(assessment=assessment, actor=actor)


@pytest.fixture
def draft(network, enterprise) -> Assessment:
    """A staff-led T0 draft of the enterprise, DMA only, nothing answered."""
    return start(enterprise, network.advisor)


@pytest.fixture
def t0(network, enterprise) -> Assessment:
    """The enterprise's submitted T0 (DMA, e-commerce and DII)."""
    return submitted(enterprise, network.advisor, optional_modules=["ecommerce", "dii"])


@pytest.fixture
def invitation(network, enterprise, django_capture_on_commit_callbacks):
    """A self-service T0 draft with its emailed link: (assessment, link, token)."""
    with django_capture_on_commit_callbacks(execute=True):
        assessment = start(
            enterprise,
            network.advisor,
            mode="self_service",
            respondent_email="lucia@example.org",
            optional_modules=["ecommerce"],
        )
    link = SelfServiceLink.objects.get(assessment=assessment)
    return assessment, link, link_token(link)


def respond_url(token: str, page: str = "", step: str = "") -> str:
    base = f"/self-assessment/{token}/"
    if step:
        return f"{base}steps/{step}/"
    return f"{base}{page}/" if page else base
