"""What the ``meantime`` command prints and writes: the answers of ``run`` in words and tables
(laid out by :mod:`~meantime.cli.tables`), files of tables, one-line errors."""

from __future__ import annotations

import math
import os
from typing import Any, Optional, Sequence

from ..running.town_result import provider_label
from ..running.words import limited_capability
from ..scenario.spelling import spelled
from .tables import Block, Grid, chance, count, flat_frame, machine_text, month, pounds, render

__all__ = [
    "table_text",
    "run_blocks",
    "town_blocks",
    "write_table",
    "title_from",
    "one_line",
    "defaults_text",
    "SECTION",
]

#: Between the sections of a town's answer.
SECTION = "=" * 40


def defaults_text(scenario: Any) -> str:
    """The essentials a scenario took from the built-in example, one line, or ``""``: what an
    answer rests on that its user did not say."""
    borrowed = scenario.defaults_used()
    if not borrowed:
        return ""
    values = ", ".join(f"{path} = {spelled(value)}" for path, value in borrowed.items())
    return f"From the built-in kitchen-table example, not stated: {values}"


def table_text(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Optional[Sequence[bool]] = None) -> str:
    """One table as text, laid out by rich to the output's width (split into parts when too
    wide), for a command that writes the rest of its answer itself: the first column names the
    rows; ``right`` says which columns align right (default: all but the first)."""
    return render([Grid(headers, rows, right=right)])


def _with_interval(estimate: float, low: float, high: float) -> str:
    """Pounds with their 95% interval, which need not be symmetric: ``£3,281 (£3,227 to £3,328)``."""
    if math.isnan(estimate) or math.isnan(low) or math.isnan(high) or low == high:
        return pounds(estimate)
    return f"{pounds(estimate)} ({pounds(low)} to {pounds(high)})"


def run_blocks(result, label: str, last_line: bool = True) -> list[Block]:
    """What ``meantime run`` shows: the run, a table of headline answers, a year-by-year table,
    the answer in words (without its last line, on futures, seed and what ± is, unless ``last_line``)."""
    summary = result.summary()
    horizon = result.months

    def est(key: str) -> float:
        return float(summary.loc[key, "estimate"]) if key in summary.index else math.nan

    def share(key: str) -> str:
        return chance(est(key), float(summary.loc[key, "std_error"]) if key in summary.index else None)

    headline = [
        (f"still going after {horizon} months", share("survival")),
        (f"covers its own costs by month {horizon}", share("operating_break_even")),
        (f"pays the founder's way by month {horizon}", share("living_break_even")),
        ("half of all futures cover their costs by", month(est("median_month_operating_break_even"))),
        ("half of all futures pay the founder's way by", month(est("median_month_living_break_even"))),
        ("lowest combined cash, worst 1 future in 10", pounds(est("lowest_cash_q10"))),
        (
            "extra starting capital for a 9 in 10 chance",
            _with_interval(
                est("extra_capital_for_90_percent"),
                est("extra_capital_for_90_percent_low"),
                est("extra_capital_for_90_percent_high"),
            ),
        ),
    ]
    if result.scenario.benefits.enabled:
        h = result.scenario.household
        headline += [
            (
                "limited capability for work",
                limited_capability(h.limited_capability, short=True),
            ),
            ("benefits, share of the household's income", chance(est("benefits_share_of_income"))),
            ("minimum income floor bites in (futures)", share("floor_bites")),
            ("half of those see it bite by", month(est("median_month_floor_bites"))),
            (f"still going after {horizon} months without benefits", share("survival_without_benefits")),
        ]
    groups = result.scenario.group.enabled
    if groups:
        headline += [
            ("groups formed, per future (mean)", count(est("mean_groups_formed"))),
            ("groups that collapsed below their minimum (mean)", count(est("mean_groups_collapsed"))),
            ("members who joined a group (mean)", count(est("mean_group_members_served"))),
            (
                "group meetings held / cancelled (mean)",
                f"{count(est('mean_group_meetings_held'))} / {count(est('mean_group_meetings_cancelled'))}",
            ),
        ]
        if result.scenario.group.pricing == "pooled":
            headline.append(
                ("members priced out as their share rose (mean)", count(est("mean_group_members_priced_out")))
            )
    monthly = result.monthly
    marks = sorted({m for m in (3, 6, 12, 24, 36, 48, 60, horizon) if m <= horizon})
    one_to_one = not groups or result.scenario.group.one_to_one
    by_month = [
        (
            str(m),
            chance(monthly.loc[m, "survival"]),
            *([count(monthly.loc[m, "clients_q50"], digits=0)] if one_to_one else []),
            *([count(monthly.loc[m, "group_members_q50"], digits=0)] if groups else []),
            pounds(monthly.loc[m, "revenue_mean"]),
            pounds(monthly.loc[m, "business_cash_q50"]),
            pounds(monthly.loc[m, "household_cash_q50"]),
        )
        for m in marks
    ]
    month_headers = [
        "month",
        "still going",
        *(["clients"] if one_to_one else []),
        *(["group members"] if groups else []),
        "revenue",
        "business cash",
        "household cash",
    ]
    seconds = f", {result.seconds:.1f} s" if math.isfinite(result.seconds) else ""
    return [
        f"meantime: {label} - {result.path_count:,} simulated futures x {horizon} months, seed {result.seed}{seconds}",
        Grid(["answer", "estimate (± 95%)"], headline),
        Grid(
            month_headers,
            by_month,
            title="Month by month (people and cash: the median future; revenue: the mean)",
            right=[True] * len(month_headers),
        ),
        str(result) if last_line else "\n".join(str(result).splitlines()[:-1]),
    ]


def town_blocks(result, label: str) -> list[Block]:
    """``meantime run`` for a town: one section per provider, then the town's."""
    blocks: list[Block] = [
        f"meantime: {label} - a town of {len(result.providers)} providers, "
        f"{result.path_count:,} simulated futures x {result.months} months, seed {result.seed}"
    ]
    for i, provider in enumerate(result.providers):
        # Each provider's words without their last line (futures, seed, what ± is): the town's says it once.
        blocks += [SECTION, *run_blocks(provider, f"{label}, {provider_label(i)}", last_line=False)]
    survivors = result.survivors()
    monthly = result.monthly
    marks = sorted({m for m in (3, 6, 12, 24, 36, 48, 60, result.months) if m <= result.months})
    blocks += [
        SECTION,
        Grid(
            ["providers still trading", "share of futures"],
            [(str(k), chance(row.share, row.std_error)) for k, row in survivors.iterrows()],
            title="The town",
            right=[True, True],
        ),
        Grid(
            [
                "month",
                "offers trading (mean)",
                "active clients (mean)",
                "new clients (mean)",
                "could afford none (mean)",
                "full diary (mean)",
            ],
            [
                (
                    str(m),
                    count(monthly.loc[m, "offers_alive_mean"], digits=2),
                    count(monthly.loc[m, "active_clients_mean"]),
                    count(monthly.loc[m, "new_clients_mean"], digits=2),
                    count(monthly.loc[m, "lost_to_price_mean"], digits=2),
                    count(monthly.loc[m, "lost_to_capacity_mean"], digits=2),
                )
                for m in marks
            ],
            right=[True] * 6,
        ),
        "\n".join(line.strip() for line in str(result).splitlines()[-3:]),
    ]
    return blocks


def write_table(frame: Any, path: str) -> None:
    """Write a table as CSV, Parquet or JSON, by the file's extension (CSV and JSON as
    :func:`~meantime.cli.tables.machine_text` prints them: unrounded)."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".csv", ".json"):  # every number as it is held, as --format csv and json print it
        text = machine_text(frame, ext[1:])
        with open(path, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    elif ext in (".parquet", ".pq"):
        flat = flat_frame(frame)
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ImportError(
                "writing Parquet needs pyarrow: pip install 'meantime[parquet]' (or write .csv or .json)"
            ) from None
        flat.to_parquet(path, index=False)
    else:
        raise ValueError(f"cannot tell the table format from {path!r}: name it .csv, .parquet or .json")


def title_from(path: str | None) -> str:
    """A report title from a file name: peer_support_group.toml -> "Peer support group"."""
    if not path:
        return "Kitchen table (meantime's built-in example)"
    stem = os.path.splitext(os.path.basename(path))[0].replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else "Viability report"


def one_line(error: BaseException) -> str:
    """An error as one line: its message with line breaks folded."""
    text = str(error) if str(error) else type(error).__name__
    if isinstance(error, KeyError) and len(error.args) == 1:
        text = str(error.args[0])
    if isinstance(error, OSError) and error.filename and error.strerror:
        text = f"{error.filename}: {error.strerror}"
    return " ".join(text.split())
