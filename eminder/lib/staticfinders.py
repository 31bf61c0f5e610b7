"""Serve plotly.min.js from the installed plotly package, so charts work offline.

The package folder also holds sample datasets, Jupyter templates and a widget bundle; this
finder offers the one file the pages load and nothing else, to runserver, tests and
collectstatic alike.
"""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PACKAGE_DATA = Path(plotly.__file__).resolve().parent / "package_data"
SERVED = "plotly.min.js"
PREFIX = "plotly"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=PACKAGE_DATA)
        self.storage.prefix = PREFIX  # type: ignore[attr-defined]

    def check(self, **kwargs) -> list:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs):
        if path != f"{PREFIX}/{SERVED}":
            return [] if find_all else None
        found = str(PACKAGE_DATA / SERVED)
        return [found] if find_all else found

    def list(self, ignore_patterns):
        yield SERVED, self.storage
