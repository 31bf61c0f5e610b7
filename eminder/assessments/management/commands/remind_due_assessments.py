from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from eminder.assessments.services import remind_due_assessments


class Command(BaseCommand):
    help = (
        "Email the advisor of every enterprise whose T1 assessment is due "
        "(EMINDER_T1_AFTER_MONTHS after its T0), once per T0. Run it daily."
    )

    def handle(self, *args: object, **options: object) -> None:
        sent = remind_due_assessments()
        self.stdout.write(
            ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", sent)
            % {"count": sent}
        )
