"""What the ``meantime`` command prints and writes: terminal tables, files of tables, one-line errors."""

from __future__ import annotations

import math
import os
from typing import Any, Sequence

import pandas as pd

from ..running.town_result import provider_label

__all__ = ["table_text", "run_text", "frame_text", "write_table", "title_from", "one_line"]


def table_text(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool] | None = None) -> str:
    """A plain aligned table: a header, a rule, the rows (numbers right-aligned)."""
    right = right or [False] + [True] * (len(headers) - 1)
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(c).rjust(w) if r else str(c).ljust(w) for c, w, r in zip(cells, widths, right)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def _percent(p: float) -> str:
    return "-" if math.isnan(p) else f"{100 * p:.1f}%"


def _money(x: float) -> str:
    if math.isnan(x):
        return "-"
    return f"-£{-x:,.0f}" if x < 0 else f"£{x:,.0f}"


def _month(x: float) -> str:
    return "not within the horizon" if math.isnan(x) else f"month {x:.0f}"


def run_text(result, label: str) -> str:
    """The terminal output of ``meantime run``: headline table, a year-by-year table, the answer."""
    summary = result.summary()
    horizon = result.months

    def est(key: str) -> float:
        return float(summary.loc[key, "estimate"]) if key in summary.index else math.nan

    def se(key: str) -> str:
        return _percent(float(summary.loc[key, "std_error"]))

    headline = [
        (f"still going after {horizon} months", _percent(est("survival")), se("survival")),
        (f"covers its own costs by month {horizon}", _percent(est("operating_break_even")),
         se("operating_break_even")),
        (f"pays the founder's way by month {horizon}", _percent(est("living_break_even")), se("living_break_even")),
        ("half of all futures cover their costs by", _month(est("median_month_operating_break_even")), ""),
        ("half of all futures pay the founder's way by", _month(est("median_month_living_break_even")), ""),
        ("lowest combined cash, worst 1 future in 10", _money(est("lowest_cash_q10")), ""),
        ("extra starting capital for a 9 in 10 chance", _money(est("extra_capital_for_90_percent")), ""),
    ]
    if result.scenario.benefits.enabled:
        h = result.scenario.household
        headline += [
            ("limited capability for work", {"none": "none assessed", "lcw": "LCW", "lcwra": "LCWRA"}[
                h.limited_capability], ""),
            ("benefits, share of the household's income", _percent(est("benefits_share_of_income")), ""),
            ("minimum income floor bites in (futures)", _percent(est("floor_bites")), se("floor_bites")
             if "floor_bites" in summary.index else ""),
            ("half of those see it bite by", _month(est("median_month_floor_bites")), ""),
            (f"still going after {horizon} months without benefits", _percent(est("survival_without_benefits")),
             se("survival_without_benefits")),
        ]
    groups = result.scenario.group.enabled
    if groups:
        pooled = result.scenario.group.pricing == "pooled"

        def mean(key: str) -> str:
            return f"{est(key):,.1f}"

        headline += [
            ("groups formed, per future (mean)", mean("mean_groups_formed"), ""),
            ("groups that collapsed below their minimum (mean)", mean("mean_groups_collapsed"), ""),
            ("members who joined a group (mean)", mean("mean_group_members_served"), ""),
            ("group meetings held / cancelled (mean)",
             f"{mean('mean_group_meetings_held')} / {mean('mean_group_meetings_cancelled')}", ""),
        ]
        if pooled:
            headline.append(("members priced out as their share rose (mean)", mean("mean_group_members_priced_out"),
                             ""))
    monthly = result.monthly
    marks = sorted({m for m in (3, 6, 12, 24, 36, 48, 60, horizon) if m <= horizon})
    one_to_one = not groups or result.scenario.group.one_to_one
    by_month = [
        (str(m), _percent(monthly.loc[m, "survival"]),
         *([f"{monthly.loc[m, 'clients_q50']:.0f}"] if one_to_one else []),
         *([f"{monthly.loc[m, 'group_members_q50']:.0f}"] if groups else []),
         _money(monthly.loc[m, "revenue_mean"]), _money(monthly.loc[m, "business_cash_q50"]),
         _money(monthly.loc[m, "household_cash_q50"]))
        for m in marks
    ]
    month_headers = ["month", "still going", *(["clients (median)"] if one_to_one else []),
                     *(["group members (median)"] if groups else []), "revenue (mean)", "business cash (median)",
                     "household cash (median)"]
    seconds = f", {result.seconds:.1f} s" if math.isfinite(result.seconds) else ""
    return "\n".join([
        f"meantime: {label} - {result.path_count:,} simulated futures x {horizon} months, seed {result.seed}"
        f"{seconds}",
        "",
        table_text(["answer", "estimate", "± std. error"], headline),
        "",
        table_text(month_headers, by_month, right=[True] * len(month_headers)),
        "",
        str(result),
    ])


def town_text(result, label: str) -> str:
    """``meantime run`` for a town: one section per provider, then the town's."""
    parts = [f"meantime: {label} - a town of {len(result.providers)} providers, {result.path_count:,} simulated "
             f"futures x {result.months} months, seed {result.seed}"]
    for i, provider in enumerate(result.providers):
        parts += ["", "=" * 100, "", run_text(provider, f"{label}, {provider_label(i)}")]
    survivors = result.survivors()
    monthly = result.monthly
    marks = sorted({m for m in (3, 6, 12, 24, 36, 48, 60, result.months) if m <= result.months})
    parts += [
        "", "=" * 100, "", "The town",
        "",
        table_text(["providers still trading", "share of futures", "± std. error"],
                   [(str(k), _percent(row.share), _percent(row.std_error)) for k, row in survivors.iterrows()],
                   right=[True] * 3),
        "",
        table_text(["month", "offers trading (mean)", "active clients (mean)", "new clients (mean)",
                    "could afford none (mean)", "full diary (mean)"],
                   [(str(m), f"{monthly.loc[m, 'offers_alive_mean']:.2f}", f"{monthly.loc[m, 'active_clients_mean']:.1f}",
                     f"{monthly.loc[m, 'new_clients_mean']:.2f}", f"{monthly.loc[m, 'lost_to_price_mean']:.2f}",
                     f"{monthly.loc[m, 'lost_to_capacity_mean']:.2f}") for m in marks],
                   right=[True] * 6),
        "",
        "\n".join(str(result).splitlines()[-4:]),
    ]
    return "\n".join(parts)


def frame_text(frame: Any) -> str:
    """A DataFrame for the terminal: every column, numbers to four significant figures; a wide
    table of a few rows (break-even, required capital) is shown turned, one answer a line."""
    notes = ""
    if "verdict" in frame.columns:  # sentences read better under the table than in it
        notes = "\n" + "\n".join(f"{index}: {text}" for index, text in frame["verdict"].items())
        frame = frame.drop(columns=["verdict"])
    if len(frame) <= 4 and len(frame.columns) > 6:
        frame = frame.T
    with pd.option_context("display.width", 120, "display.max_columns", None, "display.max_rows", 200,
                           "display.float_format", lambda x: f"{x:,.4g}"):
        return frame.to_string() + notes


def write_table(frame: Any, path: str) -> None:
    """Write a table as CSV, Parquet or JSON, by the file's extension."""
    ext = os.path.splitext(path)[1].lower()
    flat = frame.reset_index() if frame.index.name or any(frame.index.names) else frame
    if ext == ".csv":
        flat.to_csv(path, index=False)
    elif ext == ".json":
        flat.to_json(path, orient="records", indent=2)
    elif ext in (".parquet", ".pq"):
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ImportError("writing Parquet needs pyarrow: pip install 'meantime[parquet]' "
                              "(or write .csv or .json)") from None
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
