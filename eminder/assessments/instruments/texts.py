"""Texts in the five languages every instrument carries, and the choice of one of them."""

from dataclasses import dataclass

# The platform's languages (settings.LANGUAGES); an instrument file must give every text in each.
LANGUAGES: tuple[str, ...] = ("en", "el", "es", "gl", "pl")
SOURCE_LANGUAGE = "en"


def normalise_language(language: str | None) -> str:
    """The instrument language for a request language: "es-ES" -> "es", unknown -> English."""
    if not language:
        return SOURCE_LANGUAGE
    base = language.replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGUAGES else SOURCE_LANGUAGE


@dataclass(frozen=True, slots=True)
class Text:
    """One respondent-facing text in every platform language."""

    en: str
    el: str
    es: str
    gl: str
    pl: str

    def in_language(self, language: str | None) -> str:
        """The text in `language` (a Django language code); English when it is not one of ours."""
        text: str = getattr(self, normalise_language(language))
        return text

    def as_dict(self) -> dict[str, str]:
        return {language: getattr(self, language) for language in LANGUAGES}
