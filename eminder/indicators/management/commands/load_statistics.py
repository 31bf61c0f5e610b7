from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from eminder.indicators.records import StatisticsFileError
from eminder.indicators.services import REFERENCE_DIR, import_statistics, load_code_labels


class Command(BaseCommand):
    help = "Load the shipped reference statistics and Eurostat code labels; safe to run again."

    def handle(self, *args, **options) -> None:
        labels = load_code_labels()
        self.stdout.write(_("Code labels loaded: %(count)d.") % {"count": labels})
        files = sorted(path for path in REFERENCE_DIR.iterdir() if path.is_file())
        try:
            for path in tqdm(files, unit="file", disable=options["verbosity"] == 0):
                run = import_statistics(path=path)
                self.stdout.write(
                    _("%(file)s, dataset %(dataset)s: observations read: %(count)d.")
                    % {"file": path.name, "count": run.observations, "dataset": run.dataset.code}
                )
        except StatisticsFileError as error:
            raise CommandError(str(error)) from None
