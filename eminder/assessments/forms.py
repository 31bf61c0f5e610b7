"""The forms of assessments, and the questionnaire step as a form.

A step's fields come from its instrument: `answers_from_post` turns the posted fields into the
raw answers `validate_answers` checks, and `question_views` gives the template each question
with its texts in the respondent's language, the values to show and the problems found.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from eminder.assessments.instruments import Instrument, Problem
from eminder.assessments.instruments.model import Question
from eminder.assessments.models import Mode, Stage
from eminder.assessments.services import OPTIONAL_KINDS, REASON_MAX_LENGTH, current_instrument
from eminder.assessments.steps import Step

YES, NO = "yes", "no"


class StartForm(forms.Form):
    stage = forms.ChoiceField(label=gettext_lazy("Stage"), choices=Stage.choices)
    assessed_on = forms.DateField(
        label=gettext_lazy("Date of the assessment"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("A self-service assessment takes the date it is submitted."),
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("How is it answered?"), choices=Mode.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the questionnaire"), choices=settings.LANGUAGES
    )
    optional_modules = forms.MultipleChoiceField(
        label=gettext_lazy("Besides the digital maturity questionnaire"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    respondent_email = forms.EmailField(
        label=gettext_lazy("Email address of the respondent"),
        required=False,
        help_text=gettext_lazy("For a self-service assessment: the link is sent to it."),
    )

    def __init__(self, *args: Any, stage: str, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language()
        modules = self.fields["optional_modules"]
        assert isinstance(modules, forms.MultipleChoiceField)
        modules.choices = [
            (kind, current_instrument(kind).title.in_language(language)) for kind in OPTIONAL_KINDS
        ]
        self.initial.update(
            {
                "stage": stage,
                "assessed_on": timezone.localdate(),
                "mode": Mode.STAFF,
                "language": (language or settings.LANGUAGE_CODE)[:2],
                "respondent_email": email,
            }
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Kept in the audit log."),
    )


class LinkForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address of the respondent"))


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)


# --- The questionnaire step ------------------------------------------------------------------


def answers_from_post(questions: Sequence[Question], data: QueryDict) -> dict[str, object]:
    """The raw answers of the step's questions, as the answer format writes them.

    Unchecked boxes are an answer (nothing ticked); an empty field or no radio button chosen is
    no answer. Anything malformed is passed on as it is, for `validate_answers` to name.
    """
    raw: dict[str, object] = {}
    for question in questions:
        value = _posted(question, data)
        if value is not None:
            raw[question.id] = value
    return raw


def _posted(question: Question, data: QueryDict) -> object:
    name = question.id
    if question.type == "yes_no":
        value = data.get(name)
        return {YES: True, NO: False}.get(value, value) if value else None
    if question.type == "single_choice":
        return data.get(name) or None
    if question.type == "multiple_choice":
        return data.getlist(name)
    if question.type == "scale_grid":
        return {row: data[f"{name}.{row}"] for row in question.row_ids if data.get(f"{name}.{row}")}
    if question.type == "tick_grid":
        return {row: data.getlist(f"{name}.{row}") for row in question.row_ids}
    return _number(data.get(name, ""))


def _number(text: str) -> object:
    """A number as typed: "12,5" or "12.5"; text that is no number is returned unchanged."""
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        return text
    if not value.is_finite():
        return text
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass
class Choice:
    value: str
    label: str
    checked: bool
    input_id: str


@dataclass
class GridRow:
    name: str
    label: str
    choices: list[Choice]


@dataclass
class QuestionView:
    """One question as the step template shows it."""

    id: str
    number: int
    type: str
    text: str
    help: str
    choices: list[Choice] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[GridRow] = field(default_factory=list)
    value: str = ""  # a number question's field
    errors: list[str] = field(default_factory=list)

    @property
    def is_grid(self) -> bool:
        return self.type in {"scale_grid", "tick_grid"}

    @property
    def input_type(self) -> str:
        return "checkbox" if self.type in {"multiple_choice", "tick_grid"} else "radio"


def question_numbers(instrument: Instrument) -> dict[str, int]:
    """Questions are numbered through their questionnaire (the DMA's q4 is question 4)."""
    return {question_id: n for n, question_id in enumerate(instrument.questions, start=1)}


def question_views(
    step: Step, values: Mapping[str, Any], problems: Sequence[Problem], language: str
) -> list[QuestionView]:
    """The step's questions in `language`, showing `values`, each with its problems."""
    numbers = question_numbers(step.instrument)
    views = []
    for question in step.questions:
        errors = [
            problem_message(p, step.instrument, language)
            for p in problems
            if p.question == question.id
        ]
        value = values.get(question.id)
        views.append(_view(question, numbers[question.id], value, errors, language))
    return views


def _view(
    question: Question, number: int, value: Any, errors: list[str], language: str
) -> QuestionView:
    view = QuestionView(
        id=question.id,
        number=number,
        type=question.type,
        text=question.text.in_language(language),
        help=question.help.in_language(language) if question.help else "",
        errors=errors,
    )
    if question.type == "yes_no":
        with translation.override(language):
            labels = [(YES, _("Yes")), (NO, _("No"))]
        chosen = {True: YES, False: NO}.get(value) if isinstance(value, bool) else None
        view.choices = [Choice(v, label, v == chosen, f"{question.id}-{v}") for v, label in labels]
    elif question.type in {"single_choice", "multiple_choice"}:
        chosen_ids = set(value) if isinstance(value, list | tuple) else {value}
        view.choices = _choices(question, question.id, chosen_ids, language)
    elif view.is_grid:
        view.columns = [option.label.in_language(language) for option in question.options]
        cells = value if isinstance(value, Mapping) else {}
        view.rows = []
        for row in question.rows:
            name = f"{question.id}.{row.id}"
            ticked = _ids(cells.get(row.id))
            view.rows.append(
                GridRow(
                    name,
                    row.label.in_language(language),
                    _choices(question, name, ticked, language),
                )
            )
    elif value is not None:
        view.value = str(value)
    return view


def _ids(value: object) -> set[object]:
    return set(value) if isinstance(value, list | tuple) else {value}


def _choices(question: Question, name: str, chosen: set[object], language: str) -> list[Choice]:
    return [
        Choice(
            option.id,
            option.label.in_language(language),
            option.id in chosen,
            f"{name.replace('.', '-')}-{option.id}",
        )
        for option in question.options
    ]


def problem_message(problem: Problem, instrument: Instrument, language: str) -> str:
    """The problem's message in `language`, naming questions by number, rows and options by
    their labels, as the form shows them."""
    params = dict(problem.params)
    numbers = question_numbers(instrument)
    question = instrument.questions.get(str(params.get("question", "")))
    if question is not None:
        params["question"] = numbers[question.id]
        labels = {option.id: option.label.in_language(language) for option in question.options}
        rows = {row.id: row.label.in_language(language) for row in question.rows}
        if "option" in params:
            params["option"] = labels.get(params["option"], params["option"])
        if "options" in params:
            params["options"] = ", ".join(labels.values())
        if "row" in params:
            params["row"] = rows.get(params["row"], params["row"])
    if "questions" in params:
        ids = [q.strip("“” ") for q in str(params["questions"]).split(",")]
        params["questions"] = ", ".join(f"“{numbers.get(q, q)}”" for q in ids)
    with translation.override(language):
        return dataclasses.replace(problem, params=params).message


def step_values(
    saved: Mapping[str, Any], posted: Mapping[str, object] | None, step: Step
) -> Mapping[str, Any]:
    """What the step shows: the saved answers, or what was just posted when it was refused."""
    if posted is None:
        return saved
    return {q.id: posted.get(q.id) for q in step.questions}
