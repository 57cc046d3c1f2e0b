"""``meantime new``: ask about the idea in the terminal and write a complete scenario file.

Every question is also a flag (``--price 15``, ``--savings "£2,500"``), so it runs unattended;
``--no-input`` never asks, and fails listing every question left without an answer. In a
terminal the questions are asked with prompt_toolkit, which checks each answer as it is typed;
without one (a pipe, a script) with plain ``input()``. The questions themselves, and how
answers are read and checked, are in :mod:`meantime.scenario.questionnaire`.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Callable

from ..scenario.questionnaire import AnswerError, Question, check, file_text, questions, scenario_of

__all__ = ["add_command", "new"]


def add_command(commands: Any, parents: list) -> None:
    """The ``new`` command and its flags, one a question."""
    parser = commands.add_parser(
        "new",
        parents=parents,
        help="answer a few questions about the idea in plain words and get a complete scenario file",
        description="Asks about the idea in plain words (the service, price, hours, the town, your market "
        "research, the household's money, the costs) and writes a complete, commented scenario "
        "file. Every question is also a flag, so it can run unattended.",
    )
    parser.add_argument(
        "--out", "-o", metavar="FILE.toml", default="idea.toml", help="the scenario file to write (default idea.toml)"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument(
        "--no-input", action="store_true", help="never ask: take every answer from the flags (and the defaults offered)"
    )
    answers = parser.add_argument_group("answers (each is a question; what it asks is its help)")
    for q in questions():
        default = f" (default {q.default}: {q.because})" if q.default is not None else ""
        answers.add_argument(q.flag, dest=f"answer_{q.key}", metavar="ANSWER", help=f"{q.ask}{default}")
    parser.set_defaults(handler=new)


def _prompter() -> Callable[[str, Question, dict], str]:
    """prompt_toolkit's prompt, checking each answer as it is typed, in a terminal; else input()."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return lambda message, question, answers: input(message)
    # Imported here, not at the top: it takes about half a second, which every other command
    # (and Ctrl-C during start-up) would pay for a prompt only a person at a terminal sees.
    from prompt_toolkit import prompt
    from prompt_toolkit.validation import ValidationError, Validator

    class Checked(Validator):
        """Refuses an answer the questionnaire cannot read, with its words, before Enter takes it."""

        def __init__(self, question: Question, answers: dict) -> None:
            self.question, self.answers = question, answers

        def validate(self, document: Any) -> None:
            text = document.text
            if not text.strip() and self.question.default is not None:
                return
            try:
                check(self.question, text, self.answers)
            except AnswerError as error:
                raise ValidationError(message=str(error), cursor_position=len(text)) from None

    return lambda message, question, answers: prompt(
        message, validator=Checked(question, answers), validate_while_typing=False
    )


def _ask(question: Question, answers: dict, prompter: Callable | None) -> Any:
    print(f"\n{question.ask}\n  {question.help}")
    if question.default is not None:
        print(f"  Press Enter for {question.default}: {question.because}.")
    while True:
        try:
            text = prompter("> ", question, answers) if prompter else input("> ")
        except EOFError:
            raise AnswerError(f"no answer to {question.ask!r}: give it as {question.flag} ANSWER") from None
        if not text.strip() and question.default is not None:
            text = question.default
        try:
            return check(question, text, answers)
        except AnswerError as error:
            print(f"  {error}")


def new(args: argparse.Namespace) -> int:
    if os.path.exists(args.out) and not args.force:
        raise AnswerError(f"{args.out} exists: choose another name with --out, or replace it with --force")
    if not args.out.lower().endswith(".toml"):
        raise AnswerError(f"the scenario file is TOML: give --out a name ending in .toml, got {args.out!r}")
    answers: dict = {}
    problems: list[str] = []
    prompter = None if args.no_input else _prompter()
    if prompter is not None and sys.stdin.isatty():
        print("A few questions about the idea; each explains itself. Ctrl-C stops without writing anything.")
    for q in questions():
        if not q.when(answers):
            continue
        given = getattr(args, f"answer_{q.key}")
        if given is None and args.no_input and q.default is not None:
            given = q.default
        if given is not None:
            try:
                answers[q.key] = check(q, given, answers)
            except AnswerError as error:
                problems.append(f"{q.flag} {given!r}: {error}")
        elif args.no_input:
            problems.append(f"{q.flag} is needed: {q.ask}")
        elif not problems:
            answers[q.key] = _ask(q, answers, prompter)
    if problems:
        raise AnswerError(
            (
                "\n  ".join([f"{len(problems)} answers to give or correct:"] + problems)
                if len(problems) > 1
                else problems[0]
            )
        )
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(file_text(answers))
    scenario = scenario_of(answers)
    print(
        f"\nwrote {args.out}: {scenario.business.price_per_session:g} pounds a session of "
        f"{scenario.business.session_hours:g} hours, {scenario.business.founder_hours_per_week:g} hours a week, "
        f"savings of {scenario.household.savings.to_dict():g} pounds."
    )
    print(f"Next: meantime run {args.out}   (or meantime report {args.out} -o report.html)")
    return 0
