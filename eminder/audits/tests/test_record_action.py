"""record_action: the one way every audited service writes its audit-log row."""

import re
from ipaddress import ip_address

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eminder.audits.actions import ACTION_LABELS, action_label
from eminder.audits.models import AuditEntry
from eminder.audits.services import record_action


def test_entry_holds_who_what_which_where_and_from_where(network):
    membership = network.advisor.memberships.get()

    entry = record_action(
        actor=network.manager,
        action="membership.role",
        target=membership,
        centre=network.centre,
        ip_address="2001:db8::1",
        details={"from": "advisor", "to": "trainer"},
    )

    stored = AuditEntry.objects.get()
    assert stored == entry
    assert stored.actor == network.manager
    assert stored.actor_label == "Manager"
    assert stored.action == "membership.role"
    assert stored.action_label == "Changed a role"
    assert stored.object_type == "membership"
    assert stored.object_code == str(membership.code)
    assert stored.object_label == str(membership)
    assert stored.centre == network.centre
    assert stored.ip_address == "2001:db8::1"
    assert stored.details == {"from": "advisor", "to": "trainer"}
    assert stored.created_at is not None


def test_target_without_a_code_is_named_by_its_key(network):
    record_action(actor=network.manager, action="account.login", target=network.manager)

    stored = AuditEntry.objects.get()
    assert (stored.object_type, stored.object_code, stored.object_label) == (
        "user",
        str(network.manager.pk),
        "Manager",
    )


def test_entry_without_actor_target_or_address_stays_blank(db):
    record_action(actor=None, action="account.logout", ip_address="")

    stored = AuditEntry.objects.get()
    assert stored.actor is None
    assert stored.actor_label == ""
    assert (stored.object_type, stored.object_code, stored.object_label) == ("", "", "")
    assert stored.centre is None
    assert stored.ip_address is None
    assert stored.details == {}


def test_unknown_action_is_refused_and_writes_nothing(network):
    with pytest.raises(ValueError, match=re.escape("Unknown audit action 'account.hack'")):
        record_action(actor=network.manager, action="account.hack")

    assert not AuditEntry.objects.exists()


def test_long_object_label_is_cut_to_fit(network):
    network.partner.name = "P" * 250

    record_action(actor=network.manager, action="partner.update", target=network.partner)

    assert AuditEntry.objects.get().object_label == str(network.partner)[:200]


def test_entry_still_names_an_erased_actor(network):
    record_action(actor=network.trainer, action="account.login", target=network.trainer)

    network.trainer.delete()

    stored = AuditEntry.objects.get()
    assert stored.actor is None
    assert stored.actor_label == "Trainer"


def test_every_action_has_a_sentence(db):
    for action in ACTION_LABELS:
        assert action_label(action) != action


def test_unlisted_action_is_shown_as_its_code():
    assert action_label("something.else") == "something.else"


@pytest.mark.django_db
@given(address=st.ip_addresses().map(str))
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_ip_address_is_kept(address):
    entry = record_action(actor=None, action="account.login", ip_address=address)

    entry.refresh_from_db()
    # Compared as addresses: the database may spell an IPv6 address in another valid way.
    assert ip_address(entry.ip_address) == ip_address(address)
