import getpass

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from eminder.accounts.models import User
from eminder.accounts.services import appoint_coordinator


class Command(BaseCommand):
    help = "Create the network coordinator's account (or give an existing account that role)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument(
            "--no-input",
            action="store_true",
            help="Do not ask for a password; the coordinator sets one by password reset.",
        )

    def handle(self, *args, username: str, email: str, no_input: bool, **options) -> None:
        password = None
        exists = User.objects.filter(username=username).exists()
        if not exists and not no_input:
            password = self.ask_password(User(username=username, email=email))
        try:
            appoint_coordinator(username=username, email=email, password=password)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(_("%(username)s is the network coordinator.") % {"username": username})
        if not exists and password is None:
            self.stdout.write(
                _("No password is set: use “Forgotten your password?” on the login page.")
            )

    def ask_password(self, user: User) -> str:
        first = getpass.getpass(_("Password: "))
        if first != getpass.getpass(_("Password again: ")):
            raise CommandError(_("The two passwords differ."))
        try:
            password_validation.validate_password(first, user)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        return first
