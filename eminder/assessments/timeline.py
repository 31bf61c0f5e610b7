"""Assessments on their enterprise's timeline: each submitted one, with its maturity score.

Drafts and withdrawn assessments stay out: the timeline is read by the enterprise's SME owners
too, who see submitted results only.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from eminder.assessments.models import Kind, ModuleResponse, Status
from eminder.enterprises.models import Enterprise
from eminder.enterprises.timeline import Event
from eminder.lib.formatting import format_number


def assessment_events(enterprise: Enterprise) -> Iterable[Event]:
    modules = (
        ModuleResponse.objects.filter(
            kind=Kind.DMA, assessment__enterprise=enterprise, assessment__status=Status.SUBMITTED
        )
        .select_related("assessment")
        .order_by("-assessment__submitted_at")
    )
    for module in modules:
        assessment = module.assessment
        if assessment.submitted_at is None:
            continue
        yield Event(
            when=assessment.submitted_at,
            title=_("Submitted the %(stage)s digital maturity assessment")
            % {"stage": assessment.stage},
            detail=_("Score %(score)s of 100: %(level)s.")
            % {"score": format_number(module.score), "level": module.level_label},
            kind="assessment",
        )
