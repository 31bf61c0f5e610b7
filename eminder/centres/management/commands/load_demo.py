from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from eminder.assessments.demo import load_demo_assessments
from eminder.centres.demo import DEMO_PASSWORD, DemoConflict, load_demo
from eminder.enterprises.demo import load_demo_enterprises
from eminder.regions.models import Region


class Command(BaseCommand):
    help = "Create the demo network (three centres, partners, one login per persona), marked demo."

    def handle(self, *args, **options) -> None:
        if not Region.objects.current().exists():
            raise CommandError(_("Load the NUTS regions first: python manage.py load_regions"))
        try:
            logins = load_demo()
            load_demo_enterprises()
            load_demo_assessments()
        except DemoConflict as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Demo data loaded. Everything it created is marked as demo."))
        self.stdout.write(
            _("Demo logins (password for all: %(password)s):") % {"password": DEMO_PASSWORD}
        )
        for username, role, centre in logins:
            self.stdout.write(f"  {username:<14} {role:<22} {centre}")
