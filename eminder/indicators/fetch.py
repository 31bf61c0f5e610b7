"""Refresh a dataset from Eurostat's public dissemination API (only when a network is there)."""

import shutil
import urllib.request
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from eminder.indicators.records import StatisticsFileError

TIMEOUT_SECONDS = 60


def fetch_dataset(code: str, directory: Path) -> Path:
    """Download the dataset's current TSV (gzipped) into `directory`; returns the file's path."""
    code = code.strip().lower()
    if not code.replace("_", "").isalnum():
        raise StatisticsFileError(code, None, _("this is not a Eurostat dataset code."))
    url = f"{settings.EUROSTAT_API_URL.rstrip('/')}/{code}?format=TSV&compressed=true"
    target = directory / f"estat_{code}.tsv.gz"
    try:
        with (
            urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response,  # noqa: S310
            target.open("wb") as handle,
        ):
            shutil.copyfileobj(response, handle)
    except OSError as error:
        raise StatisticsFileError(
            code, None, _("Eurostat could not be reached (%(error)s).") % {"error": error}
        ) from None
    return target
