import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from eminder.assessments.instruments import AnswerError, score_document


class Command(BaseCommand):
    help = (
        "Score a JSON answers document (docs/ANSWER-FORMAT.md) and print the scores as JSON. "
        "Nothing is saved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The answers document; - reads standard input.")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the messages and of the DMA advice (default: no advice, English).",
        )

    def handle(self, *args: object, **options: object) -> None:
        name, language = str(options["file"]), options["language"]
        with translation.override(str(language or settings.LANGUAGE_CODE)):
            content = self._read(name)
            try:
                scores = score_document(content, language=str(language) if language else None)
            except AnswerError as error:
                problems = "\n".join(
                    f"  {problem.location or '-'}: {problem.message}" for problem in error.problems
                )
                raise CommandError(
                    _("%(file)s cannot be scored:") % {"file": name} + "\n" + problems
                ) from None
        self.stdout.write(json.dumps(scores, ensure_ascii=False, indent=2))

    def _read(self, name: str) -> bytes:
        if name == "-":
            return sys.stdin.buffer.read()
        try:
            return Path(name).read_bytes()
        except OSError as error:
            raise CommandError(
                _("%(file)s cannot be read: %(reason)s") % {"file": name, "reason": error.strerror}
            ) from None
