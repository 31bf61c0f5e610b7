from django.core.management.base import BaseCommand
from django.utils.translation import ngettext
from tqdm import tqdm

from eminder.regions.services import load_regions


class Command(BaseCommand):
    help = "Create or update the NUTS regions (1999-2021 versions) from the shipped code lists."

    def handle(self, *args, **options) -> None:
        with tqdm(total=1, unit="rows", disable=options["verbosity"] == 0) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.n = done
                bar.refresh()

            count = load_regions(progress=progress)
        message = ngettext(
            "Loaded %(count)d NUTS region code.", "Loaded %(count)d NUTS region codes.", count
        )
        self.stdout.write(message % {"count": count})
