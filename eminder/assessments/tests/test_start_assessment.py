"""Starting an assessment: staff-led or self-service, the modules chosen, the stage rules."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from eminder.assessments.models import Assessment, SelfServiceLink
from eminder.assessments.tests.conftest import T0_DAY, start, submitted
from eminder.audits.models import AuditEntry


def url(enterprise) -> str:
    return reverse("assessments:start", kwargs={"code": enterprise.code})


def form(**changes) -> dict:
    return {
        "stage": "T0",
        "assessed_on": T0_DAY.isoformat(),
        "mode": "staff",
        "language": "es",
        "optional_modules": ["ecommerce", "dii"],
        "respondent_email": "",
        **changes,
    }


def test_the_form_offers_the_next_stage_and_a_consenting_contact(client_for, enterprise):
    response = client_for("advisor").get(url(enterprise))

    assert response.status_code == 200
    assert response.context["form"].initial["stage"] == "T0"
    assert response.context["form"].initial["respondent_email"] == "lucia@example.org"


def test_advisor_starts_a_staff_led_assessment_and_lands_on_its_first_step(
    client_for, network, enterprise
):
    response = client_for("advisor").post(url(enterprise), form())

    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "assessments:step",
        kwargs={"code": assessment.code, "step": "dma_sme.digital_business_strategy"},
    )
    assert (assessment.stage, assessment.mode, assessment.status) == ("T0", "staff", "draft")
    assert (assessment.language, assessment.created_by) == ("es", network.advisor)
    modules = [(m.kind, str(m.instrument_version)) for m in assessment.modules.all()]
    assert modules == [
        ("dma_sme", "dma_sme v1"),
        ("ecommerce", "ecommerce v1"),
        ("dii", "dii_2023 v1"),
    ]
    entry = AuditEntry.objects.get(action="assessment.start")
    assert (entry.actor, entry.object_code) == (network.advisor, str(assessment.code))
    assert entry.details["modules"] == ["dma_sme", "ecommerce", "dii"]


def test_the_dma_is_always_there_and_the_others_only_when_chosen(network, enterprise):
    assessment = start(enterprise, network.advisor)

    assert [m.kind for m in assessment.modules.all()] == ["dma_sme"]
    assert assessment.modules.get().settings["d1_variant"] == "A"  # the settings used, kept


def test_a_self_service_assessment_emails_its_link_to_the_respondent(
    client_for, enterprise, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("advisor").post(
            url(enterprise),
            form(mode="self_service", respondent_email="lucia@example.org", language="gl"),
        )

    assessment = Assessment.objects.get()
    link = SelfServiceLink.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:detail", kwargs={"code": assessment.code})
    assert (link.assessment, link.email) == (assessment, "lucia@example.org")
    assert timedelta(days=13) < link.expires_at - timezone.now() <= timedelta(days=14)
    [message] = mail.outbox
    assert message.to == ["lucia@example.org"]
    assert "http://127.0.0.1:8000/self-assessment/" in message.body


def test_the_link_expiry_follows_the_setting(network, enterprise, settings):
    settings.SELF_SERVICE_LINK_DAYS = 3
    start(enterprise, network.advisor, mode="self_service", respondent_email="a@example.org")

    link = SelfServiceLink.objects.get()
    assert timedelta(days=2) < link.expires_at - timezone.now() <= timedelta(days=3)


def test_a_self_service_assessment_needs_an_email_address(client_for, enterprise):
    response = client_for("advisor").post(url(enterprise), form(mode="self_service"))

    assert response.status_code == 400
    assert response.context["form"].errors["respondent_email"]
    assert not Assessment.objects.exists()


def test_a_second_t0_is_refused_while_one_is_live(client_for, network, enterprise, draft):
    response = client_for("manager").post(url(enterprise), form())

    assert response.status_code == 400
    assert "already has a T0 assessment" in str(response.context["form"].errors["stage"])
    assert Assessment.objects.count() == 1


def test_a_t1_needs_a_submitted_t0(client_for, network, enterprise, draft):
    response = client_for("advisor").post(url(enterprise), form(stage="T1"))

    assert response.status_code == 400
    assert "needs a submitted T0" in str(response.context["form"].errors["stage"])


def test_a_t1_follows_a_submitted_t0(client_for, network, enterprise):
    submitted(enterprise, network.advisor)

    response = client_for("advisor").get(url(enterprise))
    assert response.context["form"].initial["stage"] == "T1"
    response = client_for("advisor").post(url(enterprise), form(stage="T1"))
    assert response.status_code == 302
    assert Assessment.objects.filter(stage="T1").exists()


def test_a_withdrawn_t0_frees_its_stage(network, enterprise, draft):
    from eminder.assessments.services import withdraw_assessment

    withdraw_assessment(actor=network.manager, assessment=draft, reason="Started by mistake")
    start(enterprise, network.advisor)

    assert Assessment.objects.filter(stage="T0").count() == 2


def test_a_date_in_the_future_is_refused(client_for, enterprise):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for("advisor").post(url(enterprise), form(assessed_on=tomorrow.isoformat()))

    assert response.status_code == 400
    assert response.context["form"].errors["assessed_on"] == ["This date is in the future."]


@pytest.mark.parametrize(
    ("persona", "status"), [("trainer", 403), ("sme_owner", 403), ("outsider", 404)]
)
def test_only_the_centres_editors_may_start(client_for, enterprise, persona, status):
    assert client_for(persona).post(url(enterprise), form()).status_code == status
    assert not Assessment.objects.exists()
