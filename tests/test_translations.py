"""Every user-visible string is translated into every locale, and nothing is left fuzzy.

The second test extracts the strings afresh from a copy of the code, so a string tagged in the
source but missing from a catalog fails too, not only an empty entry already in the catalog.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LOCALES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def statistics(po_file: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_is_complete(locale):
    stats = statistics(ROOT / "eminder" / "locale" / locale / "LC_MESSAGES" / "django.po")
    assert "untranslated" not in stats and "fuzzy" not in stats, stats


def test_every_string_in_the_code_is_in_every_catalog(tmp_path):
    shutil.copytree(
        ROOT / "eminder",
        tmp_path / "eminder",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo"),
    )
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [
            sys.executable,
            "../manage.py",
            "makemessages",
            "--all",
            "--no-obsolete",
            "--ignore",
            "testing/*",
            "--ignore",
            "*/tests/*",
            "--verbosity",
            "0",
        ],
        cwd=tmp_path / "eminder",
        check=True,
    )
    for locale in LOCALES:
        stats = statistics(tmp_path / "eminder" / "locale" / locale / "LC_MESSAGES" / "django.po")
        assert "untranslated" not in stats and "fuzzy" not in stats, (
            f"{locale}: {stats.strip()} — run `make messages` and translate the new strings"
        )
