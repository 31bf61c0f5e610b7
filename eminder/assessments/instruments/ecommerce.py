"""The e-commerce module: one SME's answers mapped onto Eurostat's e-commerce indicators (§3).

The questions follow the ICT-usage survey: web sales via own websites or apps and via
marketplaces, EDI-type sales, their value as a share of turnover, the B2C share of web sales and
where the customers are. The result holds, for this SME, each `PC_ENT` indicator as true/false
(`indicators`, e.g. `E_ESELL`) and each `PC_TURN` indicator as a share 0-100 (`values`, e.g.
`E_ETURN`), so it can be set beside the percentages Eurostat publishes. Answers describe the
previous calendar year, which Eurostat files under the next survey year.
"""

from fractions import Fraction

from .answers import Answers
from .model import Instrument
from .results import ModuleResult

SCORING = "ecommerce"
YES_NO = ("web_sales_own", "web_sales_marketplace", "edi_sales")
SHARES = ("web_sales_share", "edi_sales_share", "web_sales_marketplace_share")
SHARES_WEB = ("web_sales_b2c_share",)
DESTINATIONS = ("web_sales_destinations", "edi_sales_destinations")
DESTINATION_OPTIONS = ("home", "other_eu", "rest_of_world")
SIZE_CLASSES = ("10-49", "50-249", "10-249", "GE250", "GE10")
DEFAULT_ACTIVITY = "C10-S951_X_K"  # NACE aggregate of the survey: C-N without K, plus S95.1
HUNDRED = Fraction(100)


def check(instrument: Instrument) -> list[str]:
    """The question ids and types this scorer reads must all be in the file."""
    wanted = dict.fromkeys(YES_NO, "yes_no") | dict.fromkeys(SHARES + SHARES_WEB, "percentage")
    wanted |= dict.fromkeys(DESTINATIONS, "multiple_choice")
    problems = [
        f"needs a {kind} question {question_id}"
        for question_id, kind in wanted.items()
        if question_id not in instrument.questions or instrument.questions[question_id].type != kind
    ]
    for question_id in DESTINATIONS:
        question = instrument.questions.get(question_id)
        if question and tuple(question.options_by_id) != DESTINATION_OPTIONS:
            problems.append(f"{question_id} has the options {', '.join(DESTINATION_OPTIONS)}")
    return problems


def score_ecommerce(instrument: Instrument, answers: Answers) -> ModuleResult:
    own, marketplace, edi = (answers.get(q) is True for q in YES_NO)
    web = own or marketplace
    web_share = _share(answers, "web_sales_share") if web else Fraction(0)
    edi_share = _share(answers, "edi_sales_share") if edi else Fraction(0)
    marketplace_part = _marketplace_part(answers, own, marketplace)  # of web sales, 0-100
    b2c_part = _share(answers, "web_sales_b2c_share") if web else Fraction(0)
    values = {
        "E_ETURN": web_share + edi_share,
        "E_AWSVAL": web_share,
        "E_AXSVAL": edi_share,
        "E_AWSVAL_COWN": web_share * (HUNDRED - marketplace_part) / HUNDRED,
        "E_AWSVAL_CMP": web_share * marketplace_part / HUNDRED,
        "E_AWSVAL_B2C": web_share * b2c_part / HUNDRED,
        "E_AWSVAL_B2BG": web_share * (HUNDRED - b2c_part) / HUNDRED,
    }
    indicators = {
        "E_AESELL": web or edi,
        "E_ESELL": values["E_ETURN"] >= 1,
        "E_AWSELL": web,
        "E_AXSELL": edi,
        "E_AWS_COWN": own,
        "E_AWS_CMP": marketplace,
        "E_AWS_CMP_GE20": web and marketplace_part >= 20,
        "E_AWS_B2C": web and b2c_part > 0,
        "E_AWS_B2BG": web and b2c_part < HUNDRED,
        "E_AWSVAL_B2C_GE10WS": web and b2c_part >= 10,
        "E_AWS_GT1_B2C_GT10WS": web_share > 1 and b2c_part > 10,
        **_destination_indicators(answers),
    }
    return ModuleResult(
        instrument=instrument.id,
        version=instrument.version,
        scoring=SCORING,
        fingerprint=instrument.fingerprint,
        confirmed=instrument.confirmed,
        settings=instrument.settings_values(),
        indicators=indicators,
        values={code: float(value) for code, value in values.items()},
    )


def _share(answers: Answers, question: str) -> Fraction:
    value = answers.get(question)
    return value if isinstance(value, Fraction) else Fraction(0)


def _marketplace_part(answers: Answers, own: bool, marketplace: bool) -> Fraction:
    """Marketplace share of web sales: asked only when both channels are used."""
    if own and marketplace:
        return _share(answers, "web_sales_marketplace_share")
    return HUNDRED if marketplace else Fraction(0)


def _destination_indicators(answers: Answers) -> dict[str, bool]:
    web, edi = (_ticked(answers, q) for q in DESTINATIONS)
    either = web | edi
    return {
        "E_AWSHM": "home" in web,
        "E_AWSEU": "other_eu" in web,
        "E_AWSWW": "rest_of_world" in web,
        "E_AWSFOR": bool(web & {"other_eu", "rest_of_world"}),
        "E_AESHM": "home" in either,
        "E_AESEU": "other_eu" in either,
        "E_AESWW": "rest_of_world" in either,
        "E_AESEUWW": bool(either & {"other_eu", "rest_of_world"}),
    }


def _ticked(answers: Answers, question: str) -> set[str]:
    value = answers.get(question)
    return set(value) if isinstance(value, tuple) else set()


def survey_year_of_sales(sales_year: int) -> int:
    """Eurostat files sales of year N under survey year N + 1 (methodology §3.2, fact 18)."""
    return sales_year + 1


def sales_year_of_survey(survey_year: int) -> int:
    return survey_year - 1


def size_class(persons_employed: int) -> str | None:
    """The Eurostat size class to compare with; None below 10 (no general benchmark exists)."""
    if persons_employed < 10:
        return None
    if persons_employed < 50:
        return "10-49"
    return "50-249" if persons_employed < 250 else "GE250"
