"""`manage.py score_answers FILE.json`: the scores as JSON, or every problem and exit code 1."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from eminder.assessments.tests.conftest import DII_ANSWERS, dma_answers


def document(**module) -> dict:
    return {
        "format": "eminder-answers",
        "format_version": 1,
        "modules": [
            {"instrument": "dma_sme", "version": 1, "answers": dma_answers(), **module},
            {"instrument": "dii_2023", "version": 1, "answers": DII_ANSWERS},
        ],
    }


@pytest.fixture
def write(tmp_path):
    def do(content: str | dict) -> Path:
        path = tmp_path / "answers.json"
        text = content if isinstance(content, str) else json.dumps(content)
        path.write_text(text, encoding="utf-8")
        return path

    return do


def test_prints_the_scores_as_json(write, capsys):
    call_command("score_answers", str(write(document())))

    scores = json.loads(capsys.readouterr().out)
    assert scores["format"] == "eminder-scores"
    [dma, dii] = scores["modules"]
    assert (round(dma["score"], 2), dma["level"], "advice" in dma) == (15.71, "basic", False)
    assert (dii["score"], dii["level"]) == (9.0, "high")


def test_with_a_language_the_dma_comes_with_its_advice(write, capsys):
    call_command("score_answers", str(write(document())), language="es")

    [dma, _dii] = json.loads(capsys.readouterr().out)["modules"]
    assert dma["advice_language"] == "es"
    assert len(dma["advice"]) == 6


def test_an_answer_outside_the_options_is_named_with_its_place(write):
    answers = dma_answers(q3=["fax"])

    with pytest.raises(CommandError) as error:
        call_command("score_answers", str(write(document(answers=answers))))

    assert "modules[0].answers.q3: The answer “fax” is not an option of question “q3”." in str(
        error.value
    )


def test_messages_follow_the_language_asked_for(write):
    with pytest.raises(CommandError) as error:
        call_command("score_answers", str(write("{")), language="es")

    assert "Las respuestas no son un JSON válido (línea 1, columna 2)." in str(error.value)


def test_a_missing_file_is_said(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("score_answers", str(tmp_path / "nothing.json"))


def test_a_malformed_file_exits_non_zero_with_a_clear_message(write):
    path = write('{"format": "eminder-answers",\n "modules": [}')

    result = subprocess.run(  # noqa: S603 - this interpreter and this project's manage.py
        [sys.executable, "manage.py", "score_answers", str(path)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert result.stdout == ""
    assert "The answers are not valid JSON (line 2, column 14)." in result.stderr
