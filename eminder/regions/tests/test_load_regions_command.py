"""`manage.py load_regions`: loads the code lists and says how many codes it loaded."""

import io

from django.core.management import call_command

from eminder.regions.models import Region


def test_prints_a_summary_and_a_progress_bar(db, capsys):
    out = io.StringIO()

    call_command("load_regions", stdout=out)

    count = Region.objects.count()
    assert out.getvalue() == f"Loaded {count} NUTS region codes.\n"
    assert count > 12_000
    assert "rows" in capsys.readouterr().err  # tqdm draws on stderr


def test_quiet_run_draws_no_progress_bar(db, capsys):
    out = io.StringIO()

    call_command("load_regions", verbosity=0, stdout=out)

    assert out.getvalue().startswith("Loaded ")
    assert capsys.readouterr().err == ""
