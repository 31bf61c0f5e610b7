from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from eminder.assessments.services import InstrumentConflict, sync_instruments


class Command(BaseCommand):
    help = (
        "Store the shipped questionnaire versions not stored yet. Stored versions never change: "
        "a shipped file that differs from its stored copy is refused."
    )

    def handle(self, *args: object, **options: object) -> None:
        try:
            report = sync_instruments()
        except InstrumentConflict as error:
            raise CommandError(str(error)) from None
        for name in report.stored:
            self.stdout.write(_("Stored %(version)s.") % {"version": name})
        self.stdout.write(
            _("Questionnaire versions: %(stored)d stored now, %(unchanged)d stored before.")
            % {"stored": len(report.stored), "unchanged": len(report.unchanged)}
        )
