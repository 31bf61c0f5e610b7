"""Numbers as each language writes them: 14.7% in English, 14,7 % in Spanish."""

from decimal import ROUND_HALF_UP, Decimal

from django.template import Library
from django.utils.formats import number_format
from django.utils.translation import pgettext

register = Library()


def _rounded(value: float | Decimal, decimals: int) -> Decimal:
    # number_format cuts extra digits off (2.96 would show as 2.9): round half up first.
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded  # never "-0.0"


def format_number(value: float | Decimal | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    return number_format(
        _rounded(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )


def format_percent(value: float | Decimal | None, decimals: int = 1) -> str:
    """A percentage with the decimal mark and the spacing before % of the active language."""
    if value is None:
        return "–"
    # Translators: how a percentage is written; keep %(value)s and write %% for the sign.
    return pgettext("percentage", "%(value)s%%") % {"value": format_number(value, decimals)}


def format_points(value: float | Decimal | None, decimals: int = 1) -> str:
    """A difference in percentage points, always signed."""
    if value is None:
        return "–"
    rounded = _rounded(value, decimals)
    sign = "+" if rounded > 0 else ("−" if rounded < 0 else "±")
    # Translators: a difference in percentage points, e.g. "+3.5 pp"; keep %(value)s.
    return pgettext("percentage points", "%(value)s pp") % {
        "value": sign + format_number(abs(rounded), decimals)
    }


register.filter("number", format_number)
register.filter("percent", format_percent)
register.filter("points", format_points)
