"""Answering an assessment step by step: each step saved when it is valid, nothing saved when
it is not (with a message at each question, in the questionnaire's language), resumable, and
submitted once every step is complete."""

import pytest
from django.urls import reverse
from django.utils import translation

from eminder.assessments.instruments.errors import MESSAGES
from eminder.assessments.models import Assessment, ModuleResponse
from eminder.assessments.tests.conftest import DMA, dma_answers, put_answers, start
from eminder.enterprises.models import Enterprise

FIRST = "dma_sme.digital_business_strategy"
SECOND = "dma_sme.digital_readiness"


def step_url(assessment, step: str) -> str:
    return reverse("assessments:step", kwargs={"code": assessment.code, "step": step})


def submit_url(assessment) -> str:
    return reverse("assessments:submit", kwargs={"code": assessment.code})


def post_data(answers: dict) -> dict:
    """The form fields that give these answers (grids as `question.row`)."""
    data: dict = {}
    for question, value in answers.items():
        if isinstance(value, dict):
            for row, cell in value.items():
                data[f"{question}.{row}"] = cell
        elif isinstance(value, bool):
            data[question] = "yes" if value else "no"
        else:
            data[question] = value
    return data


def section_answers(section_id: str, answers: dict) -> dict:
    [section] = [s for s in DMA.sections if s.id == section_id]
    return {q.id: answers[q.id] for q in section.questions}


def dma(assessment) -> ModuleResponse:
    return assessment.modules.get(kind="dma_sme")


def test_a_valid_step_is_saved_and_the_next_step_follows(client_for, draft):
    answers = section_answers("digital_business_strategy", dma_answers())
    response = client_for("advisor").post(step_url(draft, FIRST), post_data(answers))

    assert response.status_code == 302
    assert response["Location"] == step_url(draft, SECOND)
    assert dma(draft).answers == {
        "q1": {"marketing_sales": ["invested"], "delivery": ["invested", "planned"]},
        "q2": ["needs_identified", "management_ready"],
    }


def test_a_step_shows_what_was_saved(client_for, draft):
    put_answers(draft, dma_sme={"q2": ["staff_ready"]})

    response = client_for("advisor").get(step_url(draft, FIRST))

    assert response.status_code == 200
    assert 'value="staff_ready" id="q2-staff_ready" checked' in response.text
    assert "Step 1 of 6" in response.text


def test_a_refused_step_saves_nothing_and_names_each_question(client_for, draft):
    put_answers(draft, dma_sme={"q3": ["website"]})
    data = {"q3": ["connectivity", "fax"], "q4.vr_ar": "testing"}

    response = client_for("advisor").post(step_url(draft, SECOND), data)

    assert response.status_code == 400
    [q3, q4] = response.context["questions"]
    assert q3.errors == [
        "The answer “fax” is not an option of question “3”. The options are: "
        + ", ".join(o.label.en for o in DMA.questions["q3"].options)
        + "."
    ]
    assert q4.errors == ["Row “Simulation and digital twins” of question “4” must be answered."]
    assert "Nothing on this page was saved." in response.text
    assert dma(draft).answers == {"q3": ["website"]}
    # What was typed is shown again, to be corrected rather than re-entered.
    assert 'value="testing" id="q4-vr_ar-testing" checked' in response.text


def test_messages_are_in_the_questionnaire_language(client_for, network, enterprise):
    assessment = start(enterprise, network.advisor, language="es")
    client = client_for("advisor")  # the advisor's own pages stay in English

    response = client.post(step_url(assessment, SECOND), {"q3": ["website"]})

    with translation.override("es"):
        expected = str(
            MESSAGES["missing_row"] % {"row": "Simulación y gemelos digitales", "question": 4}
        )
    assert (
        expected == "Debe responder a la fila «Simulación y gemelos digitales» de la pregunta «4»."
    )
    assert response.context["questions"][1].errors == [expected]
    assert DMA.questions["q4"].text.es in response.text
    assert "Language of the questionnaire" in response.text


def test_a_percentage_takes_a_decimal_comma(client_for, network, enterprise):
    assessment = start(enterprise, network.advisor, optional_modules=["ecommerce"])
    put_answers(
        assessment,
        ecommerce={"web_sales_own": True, "web_sales_marketplace": False, "edi_sales": False},
    )

    client_for("advisor").post(step_url(assessment, "ecommerce.value"), {"web_sales_share": "12,5"})

    assert assessment.modules.get(kind="ecommerce").answers["web_sales_share"] == 12.5


def test_a_number_that_is_not_one_is_named(client_for, network, enterprise):
    assessment = start(enterprise, network.advisor, optional_modules=["ecommerce"])
    put_answers(
        assessment,
        ecommerce={"web_sales_own": True, "web_sales_marketplace": False, "edi_sales": False},
    )

    response = client_for("advisor").post(
        step_url(assessment, "ecommerce.value"), {"web_sales_share": "a lot"}
    )

    assert response.context["questions"][0].errors == [
        "The answer to question “4” must be a number."
    ]


def test_the_exclusive_option_cannot_be_ticked_with_others(client_for, draft):
    data = {"q7": ["not_collected_digitally", "stored_digitally"], "q8": []}

    response = client_for("advisor").post(step_url(draft, "dma_sme.data_management"), data)

    assert response.status_code == 400
    assert "cannot be combined with others" in response.context["questions"][0].errors[0]


def test_htmx_gets_the_next_step_in_the_same_answer(client_for, draft):
    answers = section_answers("digital_business_strategy", dma_answers())

    response = client_for("advisor").post(
        step_url(draft, FIRST), post_data(answers), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert response["HX-Push-Url"] == step_url(draft, SECOND)
    assert response.text.lstrip().startswith('<div id="questionnaire">')
    assert "<html" not in response.text
    assert "Digital readiness" in response.text
    # The questionnaire-language form, outside the fragment, is pointed at the new step.
    assert (
        f'<input type="hidden" name="next" id="language-next" value="{step_url(draft, SECOND)}"'
        ' hx-swap-oob="true">'
    ) in response.text


def test_htmx_gets_a_refused_step_back_with_its_messages(client_for, draft):
    response = client_for("advisor").post(step_url(draft, SECOND), {}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200  # htmx swaps 2xx answers only
    assert "HX-Push-Url" not in response
    assert "Row “Simulation and digital twins” of question “4” must be answered." in response.text


def test_the_last_step_leads_to_the_review(client_for, draft):
    put_answers(draft, dma_sme=dma_answers())
    answers = section_answers("green_digitalisation", dma_answers())

    response = client_for("advisor").post(
        step_url(draft, "dma_sme.green_digitalisation"), post_data(answers), HTTP_HX_REQUEST="true"
    )

    assert response["HX-Push-Url"] == submit_url(draft)
    assert "Every step is complete." in response.text


def test_the_draft_page_resumes_at_the_first_unfinished_step(client_for, draft):
    answers = dma_answers()
    del answers["q5"]
    put_answers(draft, dma_sme=answers)

    response = client_for("advisor").get(reverse("assessments:detail", kwargs={"code": draft.code}))

    assert response.context["sitting"].resume_url() == step_url(
        draft, "dma_sme.human_centric_digitalisation"
    )
    assert [step["complete"] for step in response.context["steps"]] == [
        True,
        True,
        False,
        True,
        True,
        True,
    ]


def test_steps_that_do_not_apply_are_skipped(client_for, network, enterprise):
    assessment = start(enterprise, network.advisor, optional_modules=["ecommerce", "dii"])
    no_sales = {"web_sales_own": False, "web_sales_marketplace": False, "edi_sales": False}

    response = client_for("advisor").post(
        step_url(assessment, "ecommerce.channels"), post_data(no_sales)
    )

    assert response["Location"] == step_url(assessment, "dii_2023.items")


def test_an_incomplete_assessment_is_not_submitted_and_the_step_is_pointed_at(client_for, draft):
    answers = dma_answers()
    del answers["q9"]
    put_answers(draft, dma_sme=answers)
    client = client_for("advisor")

    response = client.post(submit_url(draft))

    assert response.status_code == 302
    assert response["Location"] == step_url(draft, "dma_sme.automation_ai") + "?check=1"
    draft.refresh_from_db()
    assert draft.status == "draft"
    page = client.get(response["Location"])
    assert page.status_code == 400
    assert "Some answers are missing or wrong. Complete this step first." in page.text
    assert "Question “9” must be answered." in page.text


def test_staff_led_assessment_from_start_to_results(client_for, network, enterprise):
    client = client_for("advisor")
    client.post(
        reverse("assessments:start", kwargs={"code": enterprise.code}),
        {"stage": "T0", "assessed_on": "2025-03-10", "mode": "staff", "language": "en"},
    )
    assessment = Assessment.objects.get()
    answers = dma_answers()
    for section in DMA.sections:
        key = f"dma_sme.{section.id}"
        response = client.post(
            step_url(assessment, key), post_data(section_answers(section.id, answers))
        )
        assert response.status_code == 302, response.context and response.context["questions"]

    review = client.get(submit_url(assessment))
    assert review.context["complete"]
    response = client.post(submit_url(assessment))

    assert response["Location"] == reverse("assessments:detail", kwargs={"code": assessment.code})
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    module = dma(assessment)
    assert (round(module.score, 2), module.level) == (15.71, "basic")
    assert Enterprise.objects.get().maturity_level == "basic"
    results = client.get(response["Location"])
    assert "15.7" in results.text and "Basic" in results.text


def test_a_submitted_assessments_steps_lead_to_its_results(client_for, t0):
    response = client_for("advisor").get(step_url(t0, FIRST))

    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:detail", kwargs={"code": t0.code})


@pytest.mark.parametrize(
    ("persona", "status"), [("trainer", 403), ("sme_owner", 404), ("outsider", 404)]
)
def test_only_editors_answer_a_draft(client_for, draft, persona, status):
    response = client_for(persona).post(step_url(draft, FIRST), {"q2": ["staff_ready"]})

    assert response.status_code == status
    assert dma(draft).answers == {}
