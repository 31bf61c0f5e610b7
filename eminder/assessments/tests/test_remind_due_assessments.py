"""The T1 reminder: the advisor is emailed once when the T1 is due, months after the T0."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from eminder.assessments.services import add_months, remind_due_assessments
from eminder.assessments.tests.conftest import start, submitted
from eminder.audits.models import AuditEntry

TODAY = date(2026, 4, 1)


@pytest.fixture
def old_t0(network, enterprise):
    return submitted(enterprise, network.advisor, assessed_on=date(2025, 3, 10))


def test_the_advisor_is_reminded_once_when_the_t1_is_due(
    network, old_t0, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_due_assessments(today=TODAY) == 1
        assert remind_due_assessments(today=TODAY) == 0

    [message] = mail.outbox
    assert message.to == [network.advisor.email]
    assert "Conservas Rías S.L." in message.subject
    old_t0.refresh_from_db()
    assert old_t0.t1_reminder_sent_at is not None
    entry = AuditEntry.objects.get(action="assessment.remind")
    assert entry.details == {"due_on": "2026-03-10", "recipients": ["advisor"]}


def test_nothing_is_due_before_the_configured_months(old_t0, settings):
    assert remind_due_assessments(today=date(2026, 3, 9)) == 0
    settings.T1_REMINDER_AFTER_MONTHS = 18
    assert remind_due_assessments(today=TODAY) == 0
    assert remind_due_assessments(today=date(2026, 9, 10)) == 1


def test_no_reminder_once_a_t1_is_started(network, enterprise, old_t0):
    start(enterprise, network.advisor, stage="T1")

    assert remind_due_assessments(today=TODAY) == 0


def test_no_reminder_for_an_enterprise_no_longer_supported(old_t0, enterprise):
    enterprise.status = "ceased"
    enterprise.save()

    assert remind_due_assessments(today=TODAY) == 0


def test_the_managers_are_reminded_when_there_is_no_advisor(
    network, enterprise, old_t0, django_capture_on_commit_callbacks
):
    enterprise.advisor = None
    enterprise.save()

    with django_capture_on_commit_callbacks(execute=True):
        remind_due_assessments(today=TODAY)

    assert [message.to for message in mail.outbox] == [[network.manager.email]]


def test_the_command_reports_how_many_were_sent(old_t0, capsys):
    call_command("remind_due_assessments")
    call_command("remind_due_assessments")

    assert capsys.readouterr().out.splitlines() == ["1 reminder sent.", "0 reminders sent."]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 3, 10), 12, date(2026, 3, 10)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
    ],
)
def test_months_are_added_to_the_same_day_or_the_months_last(day, months, expected):
    assert add_months(day, months) == expected
