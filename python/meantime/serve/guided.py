"""The blank guided case: the questions of ``meantime new``, asked on the page.

The questions, how their answers are read ("£30 an hour", "90 minutes") and checked, the
defaults they offer and the fields they set all come from
:mod:`meantime.scenario.questionnaire`; this module turns the answers typed so far into what the
page shows: the questions to ask now (a couple is asked the partner's income, a single founder
is not), each answer's problem in words, the questions still unanswered, and the values the
answers give the form's fields (those set by a question left empty are marked as offered).
"""

from __future__ import annotations

from typing import Any, Mapping

from ..scenario.questionnaire import fields_of, questions, read_answers, scenario_of
from .forms import FormError, values_of

__all__ = ["guided", "question_keys"]

_ANSWER_LIMIT = 200  # the longest answer is a service's few words


def question_keys() -> list[str]:
    """Every question's key, in the order asked."""
    return [q.key for q in questions()]


def guided(given: Any) -> dict[str, Any]:
    """What the page shows for ``given`` (question key -> the text typed, "" for none yet).

    Returns ``{"questions": [...], "problems": {key: words}, "missing": [keys], "complete": bool,
    "values": {path: value}, "stated": [paths], "offered": [paths], "title": str or None}``: every question in order
    with its words, help, default offered, field and whether it is asked now; ``values`` the form's values of the fields the
    answers set (those are the case's stated fields), ``title`` the service's few words.
    """
    if not isinstance(given, Mapping):
        raise FormError({"answers": "must map each question's key to the text of its answer"})
    keys = set(question_keys())
    wrong = {str(k)[:40]: "is not a question of meantime new" for k in given if k not in keys}
    wrong.update(
        {k: "must be text" for k, v in given.items() if k in keys and v is not None and not isinstance(v, str)}
    )
    wrong.update(
        {
            k: f"is too long: at most {_ANSWER_LIMIT} characters"
            for k, v in given.items()
            if k in keys and isinstance(v, str) and len(v) > _ANSWER_LIMIT
        }
    )
    if wrong:
        raise FormError(wrong)
    reading = read_answers(given)
    asked = {q.key for q in reading.asked}
    changes = fields_of(reading.answers)
    shown = values_of(scenario_of(reading.answers))
    return {
        "questions": [
            {
                "key": q.key,
                "ask": q.ask,
                "help": q.help,
                "default": q.default,
                "because": q.because,
                "field": q.field,
                "asked": q.key in asked,
                "answer": given.get(q.key) or "",
            }
            for q in questions()
        ],
        "problems": reading.problems,
        "missing": reading.missing,
        "complete": reading.complete,
        "values": {path: shown[path] for path in changes if path in shown},
        "stated": sorted(path for path in changes if path in shown),
        # Fields set only by a question left empty: stated (the file says them, as `meantime new`
        # writes them), but still not the founder's own, so the form marks them.
        "offered": sorted({q.field for q in reading.asked if q.key in reading.offered and q.field in shown}),
        "title": reading.answers.get("service"),
    }
