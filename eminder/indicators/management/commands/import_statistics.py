import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from eminder.indicators.fetch import fetch_dataset
from eminder.indicators.records import StatisticsFileError
from eminder.indicators.services import import_statistics


class Command(BaseCommand):
    help = (
        "Import Eurostat statistics files (TSV, SDMX-CSV 1.0/2.0, plain or gzipped), each all or "
        "nothing; importing a file again updates its values."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="*", type=Path)
        parser.add_argument("--dataset", help="Dataset code, where the file does not say it.")
        parser.add_argument(
            "--fetch",
            metavar="DATASET",
            action="append",
            default=[],
            help="Download the dataset's current file from Eurostat first (needs a network).",
        )

    def handle(self, *args, files: list[Path], dataset: str | None, fetch: list[str], **options):
        if not files and not fetch:
            raise CommandError(_("Name at least one file, or a dataset to fetch."))
        with tempfile.TemporaryDirectory() as directory:
            try:
                fetched = [fetch_dataset(code, Path(directory)) for code in fetch]
                for path in [*files, *fetched]:
                    self.import_one(path, dataset, quiet=options["verbosity"] == 0)
            except StatisticsFileError as error:
                raise CommandError(str(error)) from None

    def import_one(self, path: Path, dataset: str | None, *, quiet: bool) -> None:
        if not path.is_file():
            raise CommandError(_("%(file)s: no such file.") % {"file": path})
        with tqdm(
            total=path.stat().st_size, unit="B", unit_scale=True, desc=path.name, disable=quiet
        ) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.n = done
                bar.refresh()

            run = import_statistics(path=path, dataset=dataset, progress=progress)
        self.stdout.write(
            _("%(file)s, dataset %(dataset)s: observations read: %(count)d; new: %(new)d.")
            % {
                "file": path.name,
                "count": run.observations,
                "dataset": run.dataset.code,
                "new": run.created,
            }
        )
