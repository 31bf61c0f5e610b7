"""erase_audit_ips: audit entries keep who and what, but lose the IP address after a while."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from eminder.audits.models import AuditEntry
from eminder.audits.services import erase_old_ip_addresses, record_action


def entry_aged(days: float, ip_address: str | None = "192.0.2.1") -> AuditEntry:
    entry = record_action(actor=None, action="account.login", ip_address=ip_address)
    # created_at is auto_now_add: age the entry afterwards.
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=timezone.now() - timedelta(days=days))
    return entry


def ip_of(entry: AuditEntry) -> str | None:
    entry.refresh_from_db()
    return entry.ip_address


def erase(*args: str) -> str:
    out = StringIO()
    call_command("erase_audit_ips", *args, stdout=out)
    return out.getvalue()


def test_entries_older_than_the_period_lose_their_ip_and_newer_keep_it(db, settings):
    settings.AUDIT_IP_RETENTION_DAYS = 90
    old, older = entry_aged(91), entry_aged(400)
    recent, fresh = entry_aged(89), entry_aged(0)

    output = erase()

    assert (ip_of(old), ip_of(older)) == (None, None)
    assert (ip_of(recent), ip_of(fresh)) == ("192.0.2.1", "192.0.2.1")
    assert output == "Erased the IP address of 2 audit entries.\n"


def test_only_the_ip_address_is_erased(network):
    entry = record_action(
        actor=network.manager,
        action="membership.role",
        target=network.advisor.memberships.get(),
        centre=network.centre,
        ip_address="192.0.2.9",
        details={"from": "advisor", "to": "trainer"},
    )
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=timezone.now() - timedelta(days=365))
    before = AuditEntry.objects.values().get()

    erase()

    after = AuditEntry.objects.values().get()
    assert after == {**before, "ip_address": None}


def test_days_option_sets_the_period(db):
    week_old, day_old = entry_aged(8), entry_aged(1)

    output = erase("--days", "7")

    assert (ip_of(week_old), ip_of(day_old)) == (None, "192.0.2.1")
    assert output == "Erased the IP address of 1 audit entry.\n"


def test_default_period_comes_from_the_settings(db, settings):
    settings.AUDIT_IP_RETENTION_DAYS = 30
    month_old, fortnight_old = entry_aged(31), entry_aged(14)

    erase()

    assert (ip_of(month_old), ip_of(fortnight_old)) == (None, "192.0.2.1")


def test_zero_days_erases_every_address(db):
    entries = [entry_aged(0.01), entry_aged(5)]

    erase("--days", "0")

    assert [ip_of(entry) for entry in entries] == [None, None]


def test_entries_already_without_an_address_are_not_counted(db):
    entry_aged(200, ip_address=None)
    entry_aged(200)

    assert erase_old_ip_addresses(older_than_days=90) == 1
    assert erase("--days", "90") == "Erased the IP address of 0 audit entries.\n"
