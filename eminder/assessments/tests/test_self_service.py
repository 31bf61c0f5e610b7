"""Self-service through an emailed link: no account needed, one assessment of one enterprise
only, dead (410) once expired, replaced, withdrawn or submitted, and never forged."""

import time

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eminder.assessments import services
from eminder.assessments.access import LINK_SALT
from eminder.assessments.models import Assessment, SelfServiceLink
from eminder.assessments.tests.conftest import (
    DMA,
    ECOMMERCE_ANSWERS,
    dma_answers,
    put_answers,
    respond_url,
    start,
)
from eminder.assessments.tests.test_answer_steps import post_data, section_answers
from eminder.audits.models import AuditEntry

FIRST = "dma_sme.digital_business_strategy"


def complete_by_link(client: Client, token: str) -> None:
    for section in DMA.sections:
        data = post_data(section_answers(section.id, dma_answers()))
        response = client.post(respond_url(token, step=f"dma_sme.{section.id}"), data)
        assert response.status_code == 302
    for key, questions in [
        ("ecommerce.channels", ("web_sales_own", "web_sales_marketplace", "edi_sales")),
        ("ecommerce.value", ("web_sales_share",)),
        ("ecommerce.customers", ("web_sales_b2c_share", "web_sales_destinations")),
    ]:
        data = post_data({q: ECOMMERCE_ANSWERS[q] for q in questions})
        assert client.post(respond_url(token, step=key), data).status_code == 302


def test_the_link_opens_the_assessment_without_an_account(client, invitation):
    assessment, _link, token = invitation

    response = client.get(respond_url(token))

    assert response.status_code == 200
    assert assessment.enterprise.name in response.text
    assert response.context["sitting"].resume_url() == respond_url(token, step=FIRST)
    page = client.get(respond_url(token, step=FIRST))
    assert page.status_code == 200
    assert DMA.questions["q1"].text.en in page.text
    assert "Log in" not in page.text  # the respondent's own layout: no login, no navigation


def test_a_respondent_completes_and_submits_and_sees_the_scores(
    client, network, invitation, django_capture_on_commit_callbacks
):
    assessment, link, token = invitation
    complete_by_link(client, token)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(respond_url(token, "submit"))

    assert response.status_code == 200
    assert "your self-assessment is submitted" in response.text
    assert "15.7" in response.text and "dma-radar-data" in response.text
    assessment.refresh_from_db()
    link.refresh_from_db()
    assert assessment.status == "submitted"
    assert assessment.assessed_on == timezone.localdate()
    assert link.used_at is not None
    entry = AuditEntry.objects.get(action="assessment.submit")
    assert (entry.actor, entry.details["through_link"]) == (None, True)


def test_the_advisor_is_notified_by_email_when_the_respondent_submits(
    client, network, invitation, django_capture_on_commit_callbacks
):
    assessment, _link, token = invitation
    put_answers(assessment, dma_sme=dma_answers(), ecommerce=ECOMMERCE_ANSWERS)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(respond_url(token, "submit"))

    [message] = mail.outbox
    assert message.to == [network.advisor.email]
    assert assessment.enterprise.name in message.subject
    assert reverse("assessments:detail", kwargs={"code": assessment.code}) in message.body


def test_staff_submissions_notify_nobody(network, draft, django_capture_on_commit_callbacks):
    put_answers(draft, dma_sme=dma_answers())
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_assessment(assessment=draft, actor=network.advisor)

    assert mail.outbox == []


def test_the_managers_are_notified_when_the_enterprise_has_no_advisor(
    client, network, invitation, django_capture_on_commit_callbacks
):
    assessment, _link, token = invitation
    assessment.enterprise.advisor = None
    assessment.enterprise.save()
    put_answers(assessment, dma_sme=dma_answers(), ecommerce=ECOMMERCE_ANSWERS)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(respond_url(token, "submit"))

    assert [message.to for message in mail.outbox] == [[network.manager.email]]


@pytest.mark.parametrize("page", ["", "submit", "steps"])
def test_a_used_link_answers_410(client, invitation, page):
    assessment, _link, token = invitation
    put_answers(assessment, dma_sme=dma_answers(), ecommerce=ECOMMERCE_ANSWERS)
    client.post(respond_url(token, "submit"))

    url = respond_url(token, step=FIRST) if page == "steps" else respond_url(token, page)
    response = client.post(url, {"q2": ["staff_ready"]}) if page else client.get(url)

    assert response.status_code == 410
    assert "has been submitted" in response.text
    assert Assessment.objects.get().modules.get(kind="dma_sme").answers == dma_answers()


def test_an_expired_link_answers_410(client, invitation):
    _assessment, link, token = invitation
    SelfServiceLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())

    response = client.get(respond_url(token))

    assert response.status_code == 410
    assert "This link has expired." in response.text


def test_a_token_older_than_the_setting_answers_410(client, invitation, settings, monkeypatch):
    _assessment, _link, token = invitation
    settings.SELF_SERVICE_LINK_DAYS = 2
    later = time.time() + 3 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = client.get(respond_url(token))

    assert response.status_code == 410
    assert "This link has expired." in response.text


@pytest.mark.parametrize(
    "forge",
    [
        lambda token, link: "not-a-token",
        lambda token, link: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token, link: signing.dumps(str(link.code), salt="another.salt"),
        lambda token, link: signing.dumps(str(link.assessment.code), salt=LINK_SALT),
    ],
    ids=["garbage", "tampered", "other-salt", "assessment-code"],
)
def test_a_forged_token_answers_410(client, invitation, forge):
    _assessment, link, token = invitation

    response = client.get(respond_url(forge(token, link)))

    assert response.status_code == 410
    assert "This link is not valid." in response.text


def test_a_replaced_link_answers_410_and_the_new_one_works(
    client, network, invitation, django_capture_on_commit_callbacks
):
    assessment, _link, old_token = invitation
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for_advisor(network).post(
            reverse("assessments:send_link", kwargs={"code": assessment.code}),
            {"email": "owner@example.org"},
        )

    assert response.status_code == 302
    [message] = mail.outbox
    new_token = message.body.split("/self-assessment/")[1].split("/")[0]
    assert client.get(respond_url(old_token)).status_code == 410
    assert client.get(respond_url(new_token)).status_code == 200
    assert AuditEntry.objects.filter(action="assessment.link").count() == 1


def client_for_advisor(network) -> Client:
    client = Client()
    client.force_login(network.advisor)
    return client


def test_a_withdrawn_assessments_link_answers_410(client, network, invitation):
    assessment, _link, token = invitation
    services.withdraw_assessment(actor=network.advisor, assessment=assessment, reason="Wrong SME")

    assert client.get(respond_url(token)).status_code == 410


def test_a_link_reaches_its_own_assessment_and_nothing_else(client, network, neighbour, invitation):
    assessment, _link, token = invitation
    other = start(neighbour, network.advisor, optional_modules=["dii"])
    client.get(respond_url(token))

    # Another questionnaire's step is not part of this assessment.
    assert client.get(respond_url(token, step="dii_2023.items")).status_code == 404
    assert client.post(respond_url(token, step=FIRST), {"q2": ["staff_ready"]}).status_code == 302
    # The other enterprise's assessment is untouched and the staff pages are not opened.
    assert other.modules.get(kind="dma_sme").answers == {}
    for page in (other, assessment):
        response = client.get(reverse("assessments:detail", kwargs={"code": page.code}))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert client.get(f"/enterprises/{neighbour.code}/assessments/").status_code == 302


def test_an_sme_owner_logged_in_uses_the_link_like_anyone(client_for, invitation):
    _assessment, _link, token = invitation

    assert client_for("sme_owner").get(respond_url(token, step=FIRST)).status_code == 200
    assert client_for("outsider").get(respond_url(token, step=FIRST)).status_code == 200


def test_the_respondent_chooses_the_language_kept_on_the_assessment(client, invitation):
    assessment, _link, token = invitation
    page = respond_url(token, step=FIRST)

    response = client.post(respond_url(token, "language"), {"language": "es", "next": page})

    assert response.status_code == 302
    assert response["Location"] == page
    assessment.refresh_from_db()
    assert assessment.language == "es"
    response = client.get(page)
    assert '<html lang="es">' in response.text
    assert response["Content-Language"] == "es"
    assert DMA.questions["q1"].text.es in response.text


def test_a_language_change_never_redirects_elsewhere(client, invitation):
    _assessment, _link, token = invitation

    response = client.post(
        respond_url(token, "language"), {"language": "pl", "next": "https://evil.example/"}
    )

    assert response["Location"] == respond_url(token)


def test_the_gone_page_is_in_the_questionnaire_language(client, network, enterprise):
    assessment = start(
        enterprise,
        network.advisor,
        mode="self_service",
        respondent_email="a@example.org",
        language="es",
    )
    link = SelfServiceLink.objects.get()
    SelfServiceLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    from eminder.assessments.access import link_token

    response = client.get(respond_url(link_token(link)))

    assert response.status_code == 410
    assert '<html lang="es">' in response.text
    assert assessment.language == "es"
