"""A respondent opens a self-service link, switches to Spanish, answers every step (each saved
and the next one swapped in by htmx), is told in Spanish what is missing, submits and sees the
scores, all under the Content Security Policy."""

from django.utils import timezone
from playwright.sync_api import Page, expect

from eminder.assessments import services
from eminder.assessments.access import link_token
from eminder.assessments.instruments import load_instrument
from eminder.assessments.models import Assessment, SelfServiceLink
from eminder.enterprises.models import Enterprise
from eminder.testing.personas import make_region
from tests.browser.test_accessibility import violations

DMA = load_instrument("dma_sme", 1)
ECOMMERCE = load_instrument("ecommerce", 1)
DMA_ANSWERS = {
    "q1": {"marketing_sales": ["invested"], "delivery": ["invested", "planned"]},
    "q2": ["needs_identified", "management_ready"],
    "q3": ["connectivity", "website", "ecommerce_sales"],
    "q4": dict.fromkeys(DMA.questions["q4"].row_ids, "considering"),
    "q5": ["short_trainings"],
    "q6": [],
    "q7": ["stored_digitally"],
    "q8": ["offsite_backup"],
    "q9": dict.fromkeys(DMA.questions["q9"].row_ids, "not_used"),
    "q10": ["paperless"],
    "q11": dict.fromkeys(DMA.questions["q11"].row_ids, "partially"),
}
ECOMMERCE_ANSWERS = {
    "web_sales_own": True,
    "web_sales_marketplace": False,
    "edi_sales": False,
    "web_sales_share": "12,5",  # as a Spanish respondent writes it
    "web_sales_b2c_share": "80",
    "web_sales_destinations": ["home", "other_eu"],
}


def answer(page: Page, answers: dict) -> None:
    """Tick, choose and type the answers of the step on the page."""
    form = page.locator("#questionnaire form")
    for question, value in answers.items():
        if isinstance(value, dict):
            for row, cells in value.items():
                for cell in [cells] if isinstance(cells, str) else cells:
                    form.locator(f'input[name="{question}.{row}"][value="{cell}"]').check()
        elif isinstance(value, bool):
            form.locator(f'input[name="{question}"][value="{"yes" if value else "no"}"]').check()
        elif isinstance(value, list):
            for option in value:
                form.locator(f'input[name="{question}"][value="{option}"]').check()
        else:
            form.locator(f'input[name="{question}"]').fill(value)


def save_and_expect(page: Page, heading: str) -> None:
    page.locator("#questionnaire form button[type=submit]").click()
    expect(page.get_by_role("heading", level=2)).to_have_text(heading)


def section_answers(instrument, section, answers: dict) -> dict:
    return {q.id: answers[q.id] for q in section.questions if q.id in answers}


def test_a_respondent_answers_a_self_assessment_in_spanish(
    transactional_db, network, page, live_server, csp_violations
):
    enterprise = Enterprise.objects.create(
        centre=network.centre,
        name="Conservas Rías S.L.",
        region=make_region("ES111", "A Coruña", 3),
        nace_code="C1020",
        size_class="10-49",
        advisor=network.advisor,
    )
    services.start_assessment(
        actor=network.advisor,
        enterprise=enterprise,
        stage="T0",
        assessed_on=timezone.localdate(),
        mode="self_service",
        language="en",
        optional_modules=["ecommerce"],
        respondent_email="lucia@example.org",
    )
    token = link_token(SelfServiceLink.objects.get())

    page.goto(f"{live_server.url}/self-assessment/{token}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language").select_option("es")  # submits itself
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert Assessment.objects.get().language == "es"
    page.locator("main a.button").click()
    # Set on the page once: still there at the end if every step came by htmx, not by a reload.
    page.evaluate("window.stepsSwappedIn = true")

    sections = [(DMA, s, DMA_ANSWERS) for s in DMA.sections]
    sections += [(ECOMMERCE, s, ECOMMERCE_ANSWERS) for s in ECOMMERCE.sections]
    expect(page.get_by_role("heading", level=2)).to_have_text(sections[0][1].label.es)
    for index, (instrument, section, answers) in enumerate(sections):
        if section.id == "digital_readiness":
            assert violations(page) == []  # a grid step
            # Sent without the technology grid: nothing is saved, the grid is pointed at.
            answer(page, {"q3": answers["q3"]})
            save_and_expect(page, section.label.es)
            expect(page.locator("#q4-errors")).to_contain_text(
                "Debe responder a la fila «Simulación y gemelos digitales» de la pregunta «4»."
            )
        answer(page, section_answers(instrument, section, answers))
        following = sections[index + 1][1].label.es if index + 1 < len(sections) else None
        if following:
            save_and_expect(page, following)
            path = f"/self-assessment/{token}/steps/{sections[index + 1][0].id}."
            path += f"{sections[index + 1][1].id}/"
            assert page.url == live_server.url + path
            # A language change would come back to this step, not to the one first loaded.
            expect(page.locator("#language-next")).to_have_value(path)
    page.locator("#questionnaire form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/self-assessment/{token}/submit/")
    assert page.evaluate("window.stepsSwappedIn") is True

    page.locator("#questionnaire form button[type=submit]").click()
    page.wait_for_load_state()

    cards = page.locator(".card .figure")
    expect(cards.nth(0)).to_have_text("15,7")
    expect(cards.nth(1)).to_have_text(DMA.levels[0].label.es)
    expect(page.locator(".chart-plot .main-svg").first).to_be_visible()
    expect(page.get_by_text(DMA.sections[4].advice.es)).to_be_visible()
    assessment = Assessment.objects.get()
    assert (assessment.status, assessment.language) == ("submitted", "es")
    assert violations(page) == []
    assert csp_violations == []

    # The link has done its work.
    response = page.goto(f"{live_server.url}/self-assessment/{token}/")
    assert response.status == 410
