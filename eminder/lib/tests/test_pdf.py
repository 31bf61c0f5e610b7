"""render_pdf: a template into a PDF with the print stylesheet."""

import shutil
import subprocess

import pytest

from eminder.lib.pdf import render_pdf


@pytest.fixture
def template(settings, tmp_path):
    (tmp_path / "sample.html").write_text(
        "<html><body><h1>{{ title }}</h1><p>Ελλάδα, Łódź, Galicia</p></body></html>",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    return "sample.html"


def test_renders_a_pdf_with_the_text(template, tmp_path):
    content = render_pdf(template, {"title": "Centre profile"})

    assert content.startswith(b"%PDF-")
    assert content.rstrip().endswith(b"%%EOF")
    if shutil.which("pdftotext"):
        path = tmp_path / "sample.pdf"
        path.write_bytes(content)
        text = subprocess.run(  # noqa: S603 - a fixed tool on our own file
            ["pdftotext", str(path), "-"],  # noqa: S607
            capture_output=True,
            check=True,
        ).stdout.decode()
        assert "Centre profile" in text
        assert "Ελλάδα, Łódź, Galicia" in text
