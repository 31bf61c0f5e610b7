"""The questionnaire pages, shared by staff (who interview the SME) and self-service respondents.

A `Sitting` is one assessment being answered, by a logged-in editor or through a link; it knows
its steps and the addresses of its pages. Each step is a form posted on its own: the answers are
saved when they are valid and the next step follows (an htmx request gets the next step's
fragment in the same response); when they are not, nothing is saved and the same step comes
back with a message at each question, in the questionnaire's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from eminder.accounts.models import User
from eminder.assessments import services
from eminder.assessments.forms import answers_from_post, question_views, step_values
from eminder.assessments.instruments import AnswerError, Problem
from eminder.assessments.models import Assessment, ModuleResponse, SelfServiceLink
from eminder.assessments.steps import Step, plan, step_problems
from eminder.lib.requests import client_ip, is_htmx

RESPONDENT_LAYOUT = "assessments/respondent_base.html"
STAFF_LAYOUT = "base.html"


@dataclass
class Sitting:
    request: HttpRequest
    assessment: Assessment
    link: SelfServiceLink | None = None
    token: str = ""

    @property
    def actor(self) -> User | None:
        """The staff member answering; None when a respondent answers through the link."""
        user = self.request.user
        return user if self.link is None and isinstance(user, User) else None

    @property
    def is_self_service(self) -> bool:
        return self.link is not None

    @property
    def layout(self) -> str:
        return RESPONDENT_LAYOUT if self.link else STAFF_LAYOUT

    @property
    def language(self) -> str:
        return self.assessment.language

    @cached_property
    def modules(self) -> list[ModuleResponse]:
        return services.modules_of(self.assessment)

    @cached_property
    def steps(self) -> list[Step]:
        return plan(self.modules)

    def reload(self) -> None:
        for name in ("modules", "steps"):
            self.__dict__.pop(name, None)

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise Http404(_("This step is not part of the assessment."))

    def answers(self, step: Step) -> dict[str, Any]:
        return self.modules[step.module].answers

    def url(self, page: str, **kwargs: str) -> str:
        """The address of a page of this sitting: "start", "step", "submit" or "language"."""
        if self.link:
            name = "respond" if page == "start" else f"respond_{page}"
            return reverse(f"assessments:{name}", kwargs={"token": self.token, **kwargs})
        name = "detail" if page == "start" else page
        return reverse(f"assessments:{name}", kwargs={"code": str(self.assessment.code), **kwargs})

    @property
    def start_url(self) -> str:
        return self.url("start")

    @property
    def submit_url(self) -> str:
        return self.url("submit")

    @property
    def language_url(self) -> str:
        return self.url("language")

    def step_url(self, step: Step) -> str:
        return self.url("step", step=step.key)

    def done(self) -> list[tuple[Step, bool]]:
        """Every step, and whether its answers are complete."""
        return [(step, not step_problems(step, self.answers(step))) for step in self.steps]

    def summary(self, language: str) -> list[dict[str, Any]]:
        """Every step's names in `language`, whether it is complete, and its address."""
        return [
            {
                "module": step.instrument.title.in_language(language),
                "title": step.section.label.in_language(language),
                "complete": complete,
                "url": self.step_url(step),
            }
            for step, complete in self.done()
        ]

    def resume_url(self) -> str:
        """Where to go on: the first step not done yet, else the page to submit."""
        for step, complete in self.done():
            if not complete:
                return self.step_url(step)
        return self.url("submit")


def step_page(request: HttpRequest, sitting: Sitting, key: str) -> HttpResponse:
    """Show a step, or save it and go on to the next one."""
    step = sitting.step(key)
    problems: list[Problem] = []
    posted = None
    if request.method == "POST":
        posted = answers_from_post(step.questions, request.POST)
        try:
            services.save_step(
                assessment=sitting.assessment,
                step_key=key,
                raw=posted,
                actor=sitting.actor,
                link=sitting.link,
            )
        except AnswerError as error:
            problems = list(error.problems)
        except ValidationError as error:  # submitted meanwhile, from another window
            messages.error(request, " ".join(error.messages))
            return redirect(sitting.url("start"))
        else:
            sitting.reload()
            return _next(request, sitting, key)
    elif "check" in request.GET:
        problems = step_problems(step, sitting.answers(step))
    return render_step(request, sitting, step, problems, posted)


def render_step(
    request: HttpRequest,
    sitting: Sitting,
    step: Step,
    problems: list[Problem],
    posted: dict[str, object] | None,
) -> HttpResponse:
    values = step_values(sitting.answers(step), posted, step)
    number = sitting.steps.index(step) + 1
    context = {
        "sitting": sitting,
        "assessment": sitting.assessment,
        "step": step,
        "number": number,
        "total": len(sitting.steps),
        "questions": question_views(step, values, problems, sitting.language),
        "has_errors": bool(problems),
        "other_problems": _other_problems(step, problems, sitting.language),
        "module_title": step.instrument.title.in_language(sitting.language),
        "section_title": step.section.label.in_language(sitting.language),
        "previous_url": sitting.step_url(sitting.steps[number - 2]) if number > 1 else "",
        "action": sitting.step_url(step),
        "layout": sitting.layout,
        "swapped": is_htmx(request),
    }
    if is_htmx(request):
        # htmx swaps only 2xx answers by default: the refused step comes back as a 200.
        return render(request, "assessments/step.html#questionnaire", context)
    return render(request, "assessments/step.html", context, status=400 if problems else 200)


def _other_problems(step: Step, problems: list[Problem], language: str) -> list[str]:
    """Problems not about one of the step's questions (an earlier step's, for instance)."""
    asked = {q.id for q in step.questions}
    with override(language):
        return [p.message for p in problems if p.question not in asked]


def _next(request: HttpRequest, sitting: Sitting, key: str) -> HttpResponse:
    keys = [step.key for step in sitting.steps]
    position = keys.index(key) + 1 if key in keys else len(keys)
    following = sitting.steps[position] if position < len(keys) else None
    url = sitting.step_url(following) if following else sitting.url("submit")
    if not is_htmx(request):
        return redirect(url)
    if following is not None:
        response = render_step(request, sitting, following, [], None)
    else:
        response = render_review(request, sitting, fragment=True)
    response["HX-Push-Url"] = url
    return response


def render_review(
    request: HttpRequest, sitting: Sitting, *, fragment: bool = False
) -> HttpResponse:
    steps = sitting.summary(sitting.language)
    context = {
        "sitting": sitting,
        "assessment": sitting.assessment,
        "steps": steps,
        "complete": all(step["complete"] for step in steps),
        "modules": [
            module.instrument.title.in_language(sitting.language) for module in sitting.modules
        ],
        "action": sitting.url("submit"),
        "layout": sitting.layout,
        "swapped": fragment,
    }
    template = "assessments/review.html#questionnaire" if fragment else "assessments/review.html"
    return render(request, template, context)


def submit(request: HttpRequest, sitting: Sitting) -> HttpResponse | None:
    """Submit the sitting; None when it was submitted, else the response to send instead."""
    try:
        services.submit_assessment(
            assessment=sitting.assessment,
            actor=sitting.actor,
            link=sitting.link,
            ip_address=client_ip(request),
        )
    except services.IncompleteAssessment as error:
        messages.error(request, error.messages[0])
        return redirect(sitting.url("step", step=error.step_key) + "?check=1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(sitting.url("start"))
    return None
