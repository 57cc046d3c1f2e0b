"""The questions of ``meantime new``: a founder's idea in plain words, turned into a scenario.

Each :class:`Question` says what it asks, why it matters, how an answer is read (pounds with a
``£``, "45 minutes", "£30 an hour" are all understood: the readers of :mod:`meantime.scenario.hints`),
the default it offers and why, and the field its answer sets; an answer is checked against the
engine's own rules as soon as it is given (:func:`check`). The terminal part
(:mod:`meantime.cli.new`) only asks and prints. A question whose field the engine does not
have is left out, so a question for a new field is one entry in :data:`QUESTIONS`.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, Callable, Mapping

from ..errors import ScenarioError
from . import hints
from .distributions import research_share
from .files import scenario_text
from .scenario import Scenario, default_scenario
from .schema import FIELD_BY_PATH

__all__ = [
    "Question",
    "QUESTIONS",
    "questions",
    "check",
    "scenario_of",
    "fields_of",
    "read_answers",
    "Reading",
    "file_text",
    "AnswerError",
]


class AnswerError(ValueError):
    """An answer that cannot be read or breaks a rule; the message says what to write."""


def _always(answers: dict) -> bool:
    return True


@dataclasses.dataclass(frozen=True)
class Question:
    """One question of ``meantime new``.

    Attributes
    ----------
    key : str
        The answer's name; ``--key-with-dashes`` is its flag.
    ask : str
        The question in plain words.
    help : str
        What it means for the model and how to write it.
    read : callable
        Text (and the answers so far) to a value; raises :class:`AnswerError` in words.
    default : str or None
        The answer offered (as text), or None: the question must be answered.
    because : str
        Why the default is offered.
    field : str
        The scenario field the answer sets ("" when it sets none, or several).
    when : callable
        Whether to ask, from the answers so far.
    """

    key: str
    ask: str
    help: str
    read: Callable[[str, dict], Any]
    default: str | None = None
    because: str = ""
    field: str = ""
    when: Callable[[dict], bool] = _always

    @property
    def flag(self) -> str:
        return "--" + self.key.replace("_", "-")


# -- reading answers ------------------------------------------------------------------------------


def _text(text: str, answers: dict) -> str:
    if not text.strip():
        raise AnswerError("a few words, please")
    return text.strip()


def _pounds(text: str, answers: dict) -> float:
    amount = hints.corrected_number(text)
    if amount is None:
        raise AnswerError(f"an amount in pounds, e.g. 2500 or £2,500; got {text!r}")
    if amount < 0:
        raise AnswerError(f"cannot be negative, got {amount:g}")
    return amount


def _price(text: str, answers: dict) -> tuple[str, float]:
    per_hour = hints.per_hour_of(text)
    if per_hour is not None:
        return ("hour", per_hour)
    amount = hints.corrected_number(text)
    if amount is None:
        raise AnswerError(f"a price in pounds, e.g. 15, or a price per hour, e.g. '£30 an hour'; got {text!r}")
    return ("session", amount)


def _session_hours(text: str, answers: dict) -> float:
    hours = hints.hours_of(text)
    if hours is None:
        raise AnswerError(f"a length in hours (1.5) or minutes ('90 minutes'); got {text!r}")
    if hours > 24:
        raise AnswerError(
            f"{hours:g} hours is longer than a day: did you mean {hours:g} minutes? "
            f"Write '{hours:g} minutes' or {hours / 60:g}"
        )
    return hours


def _week_hours(text: str, answers: dict) -> float:
    hours = hints.hours_of(text)
    if hours is None:
        raise AnswerError(f"a number of hours a week, e.g. 15; got {text!r}")
    return hours


def _whole(text: str, answers: dict) -> int:
    amount = hints.corrected_number(text)
    if amount is None or amount != int(amount) or amount < 0:
        raise AnswerError(f"a whole number, 0 or more; got {text!r}")
    return int(amount)


def _at_most(key: str, words: str) -> Callable[[str, dict], int]:
    def read(text: str, answers: dict) -> int:
        value = _whole(text, answers)
        if value > answers.get(key, value):
            raise AnswerError(f"at most the {answers[key]} {words}, got {value}")
        return value

    return read


def _yes_no(text: str, answers: dict) -> bool:
    t = text.strip().lower()
    if t in ("y", "yes", "true"):
        return True
    if t in ("n", "no", "false"):
        return False
    raise AnswerError(f"yes or no, got {text!r}")


def _one_of(*names: str) -> Callable[[str, dict], str]:
    def read(text: str, answers: dict) -> str:
        t = text.strip().lower()
        for name in names:
            if t == name.lower():
                return name
        raise AnswerError(f"one of {', '.join(names)}; got {text!r}")

    return read


def _age_band(text: str, answers: dict) -> str:
    t = " ".join(text.strip().lower().replace("_", " ").split())
    if t in ("under 25", "younger", "under", "<25"):
        return "under_25"
    if t in ("25 or over", "over 25", "aged 25 or over", "25+", "over", ">=25"):
        return "aged_25_or_over"
    raise AnswerError(f"under 25, or 25 or over; got {text!r}")


def _couple(answers: dict) -> bool:
    return answers.get("household") == "couple"


def _researched(answers: dict) -> bool:
    return answers.get("asked", 0) > 0


# -- the questions --------------------------------------------------------------------------------

#: In the order asked. ``field`` is where the answer goes; a question whose field the engine
#: lacks is left out (those with no field shape other answers, or only the file's comments).
QUESTIONS: tuple[Question, ...] = (
    Question(
        "service",
        "What is the service, in a few words?",
        "It heads the file, so the next reader knows what the figures are about.",
        _text,
    ),
    Question(
        "price",
        "What will you charge for one session, in pounds?",
        "The price of one session (e.g. 15), or a price per hour (e.g. '£30 an hour'): the next "
        "question turns an hourly price into a session's.",
        _price,
        field="business.price_per_session",
    ),
    Question(
        "session_hours",
        "How long is one session?",
        "In hours (1.5) or minutes ('90 minutes'). It sets how many sessions fit in your week.",
        _session_hours,
        "1",
        "a common length for one-to-one support; the price per hour depends on it",
        field="business.session_hours",
    ),
    Question(
        "hours_per_week",
        "How many hours a week will you work on the business, in all?",
        "Sessions, travel, admin and finding clients together; the model assumes about 7 in 10 of them are sessions.",
        _week_hours,
        field="business.founder_hours_per_week",
    ),
    Question(
        "population",
        "How many people live in the area you will serve?",
        "The town or district's population (the council's figures have it); the model works out how "
        "many of them hold a personal budget.",
        _pounds,
        field="market.population",
    ),
    Question(
        "asked",
        "How many budget holders (or their families) did you ask about the service?",
        "0 if you have not asked anyone yet: the model then treats every share of them wanting it as "
        "equally likely, and its answer is very uncertain.",
        _whole,
        field="market.fit_share",
    ),
    Question(
        "interested",
        "How many of them were interested?",
        "Interested: they would consider buying it.",
        _at_most("asked", "asked"),
        when=_researched,
        field="market.fit_share",
    ),
    Question(
        "committed",
        "How many of them said they would buy it as soon as you start?",
        "Committed clients: they start in the first months.",
        _at_most("interested", "interested"),
        "0",
        "most founders have no firm commitments before they start",
        when=_researched,
        field="market.committed_clients",
    ),
    Question(
        "household",
        "Do you live on your own or as a couple? (single / couple)",
        "Benefits and the household's money depend on it.",
        _one_of("single", "couple"),
        field="household.couple",
    ),
    Question(
        "age",
        "Are you under 25, or 25 or over?",
        "Universal Credit's standard allowance is lower under 25.",
        _age_band,
        "25 or over",
        "most founders are",
        field="household.age_band",
    ),
    Question(
        "limited_capability",
        "Has a work capability assessment found limited capability for work? (none / LCW / LCWRA)",
        "LCWRA (limited capability for work and work-related activity) adds to Universal Credit.",
        _one_of("none", "LCW", "LCWRA"),
        "none",
        "most founders have had no assessment",
        field="household.limited_capability",
    ),
    Question(
        "rent",
        "How much rent (or mortgage interest) does the household pay a month, in pounds?",
        "Housing costs: Universal Credit may help with rent.",
        _pounds,
        field="household.housing_costs_per_month",
    ),
    Question(
        "partner_earnings",
        "How much does your partner bring into the household a month, after tax?",
        "Their earnings or income, in pounds a month.",
        _pounds,
        when=_couple,
        field="household.partner_income_per_month",
    ),
    Question(
        "other_income",
        "Any other regular income a month, in pounds, not from this business or a partner?",
        "A pension, maintenance, a benefit not modelled... 0 if none.",
        _pounds,
        field="household.other_income_per_month",
    ),
    Question(
        "savings",
        "How much in savings can the household draw on, in pounds?",
        "What sees you through the months before the business pays its way.",
        _pounds,
        field="household.savings",
    ),
    Question(
        "living_costs",
        "What does the household need to live on a month, in pounds?",
        "Food, bills, travel... (and rent, unless you gave it above).",
        _pounds,
        field="household.living_costs_per_month",
    ),
    Question(
        "startup_costs",
        "What will it cost to start, in pounds, once?",
        "Training, a DBS check, equipment, a website... 0 if nothing.",
        _pounds,
        field="business.startup_costs",
    ),
    Question(
        "monthly_costs",
        "What will the business cost to run a month, in pounds, whatever the sessions?",
        "Insurance, phone, software, a room... 0 if nothing.",
        _pounds,
        field="business.fixed_costs_per_month",
    ),
)

#: Questions kept even though their field is missing: their answers shape other questions.
_SHAPING = {"household"}


def questions() -> list[Question]:
    """The questions this version of the engine has fields for, in order."""
    return [
        q
        for q in QUESTIONS
        if not q.field or q.field in FIELD_BY_PATH or q.key in _SHAPING or q.key in ("asked", "interested")
    ]


# -- answers to a scenario --------------------------------------------------------------------------


def _changes(answers: dict) -> dict[str, Any]:
    """Scenario fields from the answers given so far."""
    changes: dict[str, Any] = {}
    by_key = {q.key: q for q in QUESTIONS}
    for key, value in answers.items():
        question = by_key[key]
        field = question.field
        if not field or field not in FIELD_BY_PATH or key in ("price", "asked", "interested"):
            continue
        if key == "household":
            value = value == "couple"
        info = FIELD_BY_PATH[field]
        if info.type == "choice":  # the engine's spelling of the name chosen: "LCWRA" may be "lcwra"
            value = next((c for c in info.choices if c.lower() == str(value).lower()), value)
        changes[field] = value
    if "price" in answers:
        kind, amount = answers["price"]
        hours = answers.get("session_hours", 1.0)
        changes["business.price_per_session"] = amount * hours if kind == "hour" else amount
    if "asked" in answers:
        changes["market.fit_share"] = research_share(answers["asked"], answers.get("interested", 0))
    if answers.get("household") == "single" and "household.partner_income_per_month" in FIELD_BY_PATH:
        changes["household.partner_income_per_month"] = 0
    return changes


def check(question: Question, text: str, answers: dict) -> Any:
    """The answer to ``question`` read from ``text``, checked with the engine's rules together
    with the answers so far; raises :class:`AnswerError` saying what to write."""
    value = question.read(text, answers)
    try:
        default_scenario().replace(_changes({**answers, question.key: value}))
    except ScenarioError as error:
        raise AnswerError(error.rule) from None
    return value


def scenario_of(answers: dict) -> Scenario:
    """The scenario the answers describe: the engine's defaults for everything not asked."""
    return default_scenario().replace(_changes(answers))


def fields_of(answers: dict) -> dict[str, Any]:
    """The scenario fields the answers set and their values: what :func:`scenario_of` changes
    in the defaults (a single founder's answers also set the partner's income to 0)."""
    return _changes(answers)


@dataclasses.dataclass(frozen=True)
class Reading:
    """Answers given all at once (a form), read as ``meantime new --no-input`` reads its flags.

    Attributes
    ----------
    asked : list of Question
        The questions asked, in order (one whose ``when`` is false for the answers before it
        is not: a single founder is not asked the partner's income).
    answers : dict
        Each answer read and checked, by question key (an empty one takes the default offered).
    problems : dict
        By question key, why its answer cannot be used, in words.
    missing : list of str
        The keys of the questions asked with no answer and no default offered.
    offered : list of str
        The keys of the questions left empty whose default offered was taken.
    """

    asked: list[Question]
    answers: dict[str, Any]
    problems: dict[str, str]
    missing: list[str]
    offered: list[str]

    @property
    def complete(self) -> bool:
        return not self.problems and not self.missing


def read_answers(given: Mapping[str, str | None]) -> Reading:
    """Read every answer in ``given`` (question key -> text) in the questions' order, each checked
    with the answers before it, every problem and every question left unanswered named at once.

    Examples
    --------
    >>> reading = read_answers({"price": "£30 an hour", "session_hours": "90 minutes"})
    >>> fields_of(reading.answers)["business.price_per_session"]
    45.0
    >>> "savings" in reading.missing and "age" in reading.offered  # age offers "25 or over"
    True
    """
    answers: dict[str, Any] = {}
    asked: list[Question] = []
    problems: dict[str, str] = {}
    missing: list[str] = []
    offered: list[str] = []
    for q in questions():
        if not q.when(answers):
            continue
        asked.append(q)
        text = (given.get(q.key) or "").strip()
        if not text:
            if q.default is None:
                missing.append(q.key)
                continue
            offered.append(q.key)
            text = q.default
        try:
            answers[q.key] = check(q, text, answers)
        except AnswerError as error:
            problems[q.key] = str(error)
    return Reading(asked, answers, problems, missing, offered)


def file_text(answers: dict, today: datetime.date | None = None) -> str:
    """A complete scenario file: the answers, each marked as such with the question in words, and
    every other field with its meaning, unit, range and default."""
    scenario = scenario_of(answers)
    changes = _changes(answers)
    today = today or datetime.date.today()
    head = [
        f"# {answers.get('service', 'A start-up idea')}",
        f"# Written by `meantime new` on {today.isoformat()} from the answers below; every other field is",
        "# the built-in example's value, with its meaning. Change any of them here.",
        "#",
    ]
    by_field: dict[str, Question] = {}
    for q in questions():
        if q.key in answers:
            head.append(f"#   {q.ask} {_shown(answers[q.key])}")
            by_field.setdefault(q.field, q)
    head.append("")
    lines = scenario_text(scenario, "toml", annotate=True).split("\n")
    table = ""
    for i, line in enumerate(lines):
        if line.startswith("["):
            table = line.strip("[] ")
        elif " = " in line and not line.startswith("#"):
            path = f"{table}.{line.split(' = ', 1)[0]}" if table else line.split(" = ", 1)[0]
            if path in changes:
                lines[i] = f"{line}  # your answer"
    return "\n".join(head + lines)


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        kind, amount = value
        return f"£{amount:g} a session" if kind == "session" else f"£{amount:g} an hour"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
