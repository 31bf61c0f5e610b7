from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from eminder.accounts.models import Membership, Role, User
from eminder.audits.models import AuditEntry


@pytest.fixture
def run(monkeypatch):
    """Run the command; `passwords` are typed at its prompts (the terminal is the outside world)."""

    def do(*args, passwords=()):
        answers = iter(passwords)
        monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
        out = StringIO()
        call_command("create_coordinator", *args, stdout=out)
        return out.getvalue()

    return do


def test_creates_the_coordinator_with_the_password_typed_twice(db, run):
    output = run("sofia", "--email", "sofia@example.org", passwords=["Tr1cky-pass-2026"] * 2)

    user = User.objects.get(username="sofia")
    assert user.check_password("Tr1cky-pass-2026")
    assert Membership.objects.get(user=user).role == Role.COORDINATOR
    assert user.is_network_coordinator
    assert AuditEntry.objects.filter(action="membership.coordinator").count() == 1
    assert "sofia is the network coordinator." in output


def test_without_input_the_account_has_no_usable_password(db, run):
    output = run("sofia", "--email", "sofia@example.org", "--no-input")

    assert not User.objects.get(username="sofia").has_usable_password()
    assert "Forgotten your password?" in output


def test_gives_an_existing_account_the_role_and_is_safe_to_repeat(db, run):
    User.objects.create_user("maria", "maria@example.org", "x")
    run("maria", "--email", "maria@example.org")
    run("maria", "--email", "maria@example.org")

    assert Membership.objects.filter(user__username="maria", role=Role.COORDINATOR).count() == 1


@pytest.mark.parametrize(
    ("passwords", "message"),
    [(["Tr1cky-pass-2026", "other"], "The two passwords differ."), (["123"] * 2, "too short")],
)
def test_bad_passwords_are_refused_and_nothing_is_created(db, run, passwords, message):
    with pytest.raises(CommandError, match=message):
        run("sofia", "--email", "sofia@example.org", passwords=passwords)
    assert not User.objects.filter(username="sofia").exists()
