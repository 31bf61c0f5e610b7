"""The questionnaire as a sequence of steps, one per section of each module, and their checks.

Pure: instruments and answer dicts (the canonical JSON form) in, steps and problems out. A step
is saved on its own: its answers are checked together with the earlier sections of the same
module (a condition only ever looks back at earlier questions), so a step can be complete while
later ones are still empty. A step none of whose questions applies, given the earlier answers,
is left out (e-commerce sales shares when the enterprise sold nothing online, or before the
respondent has said how it sells).
"""

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from eminder.assessments.instruments import AnswerError, Instrument, Problem, validate_answers
from eminder.assessments.instruments.model import Question, Section

Answers = Mapping[str, Any]


@dataclass(frozen=True)
class Step:
    key: str  # "<instrument id>.<section id>", unique within an assessment
    module: int  # position of the module in the assessment
    instrument: Instrument
    section: Section
    questions: tuple[Question, ...]  # those put to the respondent, given the answers so far


class Module(Protocol):
    """What a step plan needs of a module: its instrument and its saved answers."""

    @property
    def instrument(self) -> Instrument: ...

    answers: Any


def plan(modules: Sequence[Module]) -> list[Step]:
    """The steps of an assessment's modules (in their order), given their saved answers."""
    return steps_of([(module.instrument, module.answers) for module in modules])


def step_key(instrument: Instrument, section: Section) -> str:
    return f"{instrument.id}.{section.id}"


def is_asked(question: Question, section: Section, answers: Answers) -> bool:
    """Whether the question is shown, given the saved answers of its module.

    A condition on a question of the same section cannot be judged before the step is sent:
    such a question is shown, and its answer dropped on saving when it does not apply.
    """
    if question.ask_if is None:
        return True
    if question.ask_if.questions() & {q.id for q in section.questions}:
        return True
    return question.ask_if.holds(answers)


def steps_of(modules: Sequence[tuple[Instrument, Answers]]) -> list[Step]:
    """Every step of the assessment, in order, leaving out those with no question to ask."""
    found = []
    for position, (instrument, answers) in enumerate(modules):
        for section in instrument.sections:
            asked = tuple(q for q in section.questions if is_asked(q, section, answers))
            if asked:
                key = step_key(instrument, section)
                found.append(Step(key, position, instrument, section, asked))
    return found


def step_problems(step: Step, answers: Answers) -> list[Problem]:
    """What is missing or wrong in the saved answers of one step (empty: the step is done)."""
    section_ids = {q.id for q in step.section.questions}
    try:
        validate_answers(_up_to(step.instrument, step.section), _within(step, answers))
    except AnswerError as error:
        return [p for p in error.problems if p.question in section_ids]
    return []


def first_incomplete(steps: Sequence[Step], answers: Sequence[Answers]) -> Step | None:
    """The first step whose answers are missing or wrong; None when every step is done."""
    for step in steps:
        if step_problems(step, answers[step.module]):
            return step
    return None


def save_section(step: Step, answers: Answers, raw: Mapping[str, object]) -> dict[str, Any]:
    """The module's answers with the step's raw answers checked and merged in.

    Raises AnswerError (problems named by question) and changes nothing when a raw answer is
    wrong. Later answers that no longer apply, given the new ones, are dropped.
    """
    section_ids = {q.id for q in step.section.questions}
    kept = {key: value for key, value in answers.items() if key not in section_ids}
    given = _applicable(step.section, kept, raw)
    prefix = _up_to(step.instrument, step.section)
    candidate = {q: value for q, value in {**kept, **given}.items() if q in prefix.questions}
    checked = validate_answers(prefix, candidate).as_json()
    return _pruned(step.instrument, {**kept, **checked})


def _up_to(instrument: Instrument, section: Section) -> Instrument:
    """The instrument cut after `section`: what a step is checked against. The questions of
    earlier sections become optional, so that steps may be answered in any order."""
    ids = [s.id for s in instrument.sections]
    position = ids.index(section.id)
    earlier = tuple(
        dataclasses.replace(
            s, questions=tuple(dataclasses.replace(q, required=False) for q in s.questions)
        )
        for s in instrument.sections[:position]
    )
    return dataclasses.replace(instrument, sections=(*earlier, section))


def _within(step: Step, answers: Answers) -> dict[str, Any]:
    prefix = _up_to(step.instrument, step.section)
    return {q: value for q, value in answers.items() if q in prefix.questions}


def _applicable(section: Section, earlier: Answers, raw: Mapping[str, object]) -> dict[str, Any]:
    """The raw answers of the section, without those to questions that do not apply."""
    known = dict(earlier)
    given = {}
    for question in section.questions:
        value = raw.get(question.id)
        if question.ask_if is not None and not question.ask_if.holds(known):
            continue
        if value is not None:
            known[question.id] = value
            given[question.id] = value
    return given


def _pruned(instrument: Instrument, answers: Answers) -> dict[str, Any]:
    """The answers in questionnaire order, without those whose condition no longer holds."""
    kept: dict[str, Any] = {}
    for question in instrument.questions.values():
        if question.id not in answers:
            continue
        if question.ask_if is not None and not question.ask_if.holds(kept):
            continue
        kept[question.id] = answers[question.id]
    return kept
