"""Demo assessments: a T0 for most demo enterprises and a T1 for some, with plausible answers.

Run after `enterprises.demo.load_demo_enterprises`. The answers are drawn from a generator
seeded by the enterprise, so every run gives the same ones; an enterprise that already has an
assessment at a stage gets no other, so running it again creates nothing new. Each sitting goes
through the services as an advisor's interview would: started, saved step by step, submitted.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from eminder.accounts.models import User
from eminder.assessments import services
from eminder.assessments.instruments.model import Question
from eminder.assessments.models import Assessment, Kind, Mode, Stage, Status
from eminder.enterprises.models import Enterprise

T0_FIRST_DATE = date(2025, 1, 20)
NO_T0 = {"withdrawn"}  # enterprise statuses left without an assessment
WITH_T1 = {"completed"}  # statuses whose enterprises also have their T1
EXTRA_T1_EVERY = 3  # ... and every third other enterprise with a T0
MAX_STEPS = 50


def load_demo_assessments() -> int:
    """Create the missing demo assessments; returns how many were created."""
    services.sync_instruments()
    enterprises = (
        Enterprise.objects.filter(is_demo=True)
        .select_related("centre", "advisor")
        .order_by("centre__name", "name")
    )
    created = 0
    for index, enterprise in enumerate(enterprises):
        if enterprise.status in NO_T0 or enterprise.advisor is None:
            continue
        t0_day = T0_FIRST_DATE + timedelta(days=11 * index)
        created += _sitting(enterprise, Stage.T0, t0_day, maturity=_maturity(enterprise))
        if enterprise.status in WITH_T1 or index % EXTRA_T1_EVERY == 0:
            t1_day = min(services.add_months(t0_day, 12), timezone.localdate())
            created += _sitting(enterprise, Stage.T1, t1_day, maturity=_maturity(enterprise) + 0.18)
    return created


def _maturity(enterprise: Enterprise) -> float:
    """How digitally mature the demo enterprise looks, from 0.15 to 0.65."""
    return 0.15 + random.Random(enterprise.name).random() * 0.5  # noqa: S311 - demo data


def _sitting(enterprise: Enterprise, stage: str, day: date, *, maturity: float) -> int:
    taken = enterprise.assessments.filter(stage=stage).exclude(status=Status.WITHDRAWN)
    if taken.exists():
        return 0
    advisor = enterprise.advisor
    assert isinstance(advisor, User)
    rng = random.Random(f"{enterprise.name}/{stage}")  # noqa: S311 - demo data
    with transaction.atomic():
        assessment = services.start_assessment(
            actor=advisor,
            enterprise=enterprise,
            stage=stage,
            assessed_on=day,
            mode=Mode.STAFF,
            language=advisor.language,
            optional_modules=[Kind.ECOMMERCE, Kind.DII] if rng.random() < 0.6 else [],
        )
        _answer(assessment, advisor, enterprise, rng, maturity)
        services.submit_assessment(assessment=assessment, actor=advisor)
        Assessment.objects.filter(pk=assessment.pk).update(is_demo=True)
    return 1


def _answer(
    assessment: Assessment, advisor: User, enterprise: Enterprise, rng: random.Random, p: float
) -> None:
    """Save plausible answers step by step, as an interview would (the steps that apply depend
    on the answers before them)."""
    for _attempt in range(MAX_STEPS):
        modules = services.modules_of(assessment)
        step = services.incomplete_step(modules)
        if step is None:
            return
        answers = modules[step.module].answers
        raw: dict[str, Any] = {}
        for question in step.questions:
            known = {**answers, **raw}
            if question.ask_if is not None and not question.ask_if.holds(known):
                continue
            raw[question.id] = _answer_to(question, rng, p, enterprise, known)
        services.save_step(assessment=assessment, step_key=step.key, raw=raw, actor=advisor)


def _answer_to(
    question: Question, rng: random.Random, p: float, enterprise: Enterprise, known: dict
) -> Any:
    channels = set(enterprise.sales_channels)
    if question.id == "web_sales_own":
        return "own_web_shop" in channels
    if question.id == "web_sales_marketplace":
        return "marketplaces" in channels
    if question.id == "edi_sales":
        return "b2b_edi" in channels
    if question.type == "yes_no":
        return rng.random() < p + 0.1
    if question.type == "percentage":
        # Web and EDI shares of turnover must add up to 100 at most.
        return rng.randint(5, 45)
    if question.type == "multiple_choice":
        return _ticks(question, rng, p)
    if question.type == "tick_grid":  # plans a little rarer than investments
        chance = {
            option.id: p * (0.8 if index else 1.0) for index, option in enumerate(question.options)
        }
        return {
            row: [option for option, odds in chance.items() if rng.random() < odds]
            for row in question.row_ids
        }
    top = len(question.options) - 1
    return {
        row: question.options[max(0, min(top, round(rng.gauss(p * top, 1.0))))].id
        for row in question.row_ids
    }


def _ticks(question: Question, rng: random.Random, p: float) -> list[str]:
    ticked = [o.id for o in question.options if not o.negative and rng.random() < p]
    negative = [o.id for o in question.options if o.negative]
    if not ticked and negative and rng.random() < 0.5:
        return negative[:1]
    if len(ticked) < question.min_choices:
        ticked = [question.options[0].id]
    return ticked
