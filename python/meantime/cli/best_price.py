"""``meantime best-price``: the price to charge, with the prices statistically tied with it, in
words and a table (or every price tried as CSV or JSON, the numbers unrounded)."""

from __future__ import annotations

import argparse
import functools
import math
import sys
from typing import Any, Callable

import pandas as pd

from ..analyses import PRICE_OBJECTIVES, best_price
from ..analyses.price import tie_words
from . import output, tables
from .tables import CONVENTION_LINE, Block, Grid, chance, count, pounds, signed

__all__ = ["add_command"]

#: What ``load(args)`` gives the command: the scenario (with --set and --months), the run
#: options (paths, seed, threads or a cluster, progress) and the scenario's label.
Load = Callable[[argparse.Namespace], "tuple[Any, dict, str]"]


def add_command(command: Callable[..., argparse.ArgumentParser], parents: list, scenario_help: str, load: Load) -> None:
    """Add ``best-price`` through ``command(name, help, parents)`` (main's parser helper)."""
    parser = command(
        "best-price",
        "the price to charge: the best price for an objective under limits, and the "
        "range of prices statistically tied with it",
        parents,
    )
    parser.add_argument("scenario", nargs="?", help=scenario_help)
    parser.add_argument(
        "--objective",
        type=_objective,
        default="income",
        metavar="OBJECTIVE",
        help="what to maximise: income (the founder's, a month), survival or clients (served); "
        "or weights added future by future, e.g. income=1,clients=20 (a client served "
        "counts as £20 a month of income) (default income)",
    )
    parser.add_argument(
        "--min-survival",
        type=_limit,
        default=0.9,
        metavar="P",
        help="the least chance of getting through, between 0 and 1, or 'none' (default 0.9)",
    )
    parser.add_argument(
        "--max-priced-out",
        type=_limit,
        default=0.5,
        metavar="P",
        help="the most share of interested budget holders priced out, between 0 and 1, or 'none' (default 0.5)",
    )
    parser.add_argument(
        "--step",
        type=_step,
        default=0.5,
        metavar="POUNDS",
        help="the step of the price list: 0.5 for 50p, 1 for whole pounds (default 0.5)",
    )
    parser.add_argument(
        "--prices",
        type=_price_list,
        default=None,
        metavar="PRICES",
        help="try only these prices instead of searching: 8,10,12 or 8:14:0.5 (start:stop:step)",
    )
    parser.set_defaults(handler=functools.partial(_best_price, load=load))


def _objective(text: str) -> Any:
    """``income`` or ``income=1,clients=20``."""
    if "=" not in text:
        if text not in PRICE_OBJECTIVES:
            raise argparse.ArgumentTypeError(
                f"expected {', '.join(PRICE_OBJECTIVES)} or weights such as income=1,clients=20, got {text!r}"
            )
        return text
    weights = {}
    for part in text.split(","):
        name, _, weight = part.partition("=")
        try:
            weights[name.strip()] = float(weight)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected weights such as income=1,clients=20, got {text!r}") from None
    return weights


def _limit(text: str) -> float | None:
    if text.strip().lower() == "none":
        return None
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1 or 'none', got {text!r}") from None
    if not 0 <= value <= 1:
        hint = f" (did you mean {value / 100:g}?)" if 1 < value <= 100 else ""
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {text}{hint}")
    return value


def _step(text: str) -> float:
    try:
        value = float(text.lstrip("£"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected pounds such as 0.5 or 1, got {text!r}") from None
    if not value > 0 or not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be above 0, got {text}")
    return value


def _price_list(text: str) -> list[float]:
    try:
        if ":" in text:
            start, stop, step = (float(v) for v in text.split(":"))
            if step <= 0 or stop < start:
                raise argparse.ArgumentTypeError(f"expected start <= stop and a step above 0, got {text!r}")
            count = int(round((stop - start) / step)) + 1
            if count > 1000:
                raise argparse.ArgumentTypeError(f"{text!r} makes {count:,} prices; at most 1,000")
            return [round(start + i * step, 10) for i in range(count)]
        return [float(v.lstrip("£")) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected prices such as 8,10,12 or 8:14:0.5, got {text!r}") from None


def _best_price(args: argparse.Namespace, load: Load) -> int:
    scenario, options, label = load(args)
    best = best_price(
        scenario,
        objective=args.objective,
        min_survival=args.min_survival,
        max_priced_out=args.max_priced_out,
        prices=args.prices,
        step=args.step,
        **options,
    )
    curve = pd.DataFrame(best.attrs["curve"]).set_index("price")
    row = best.iloc[0]
    # False everywhere when no price meets the limits (NaN bounds)
    curve["in_tie_range"] = (curve.index >= row.tied_low) & (curve.index <= row.tied_high)
    curve["best"] = curve.index == row.price
    blocks = best_price_blocks(best, curve, label, scenario.run.months) if args.format == "table" else []
    tables.show(blocks, curve, args.format)
    if args.out:
        output.write_table(curve, args.out)
        remark = f"wrote every price tried to {args.out}"
        if args.format == "table":
            print("\n" + remark)
        else:  # stdout carries the CSV or JSON
            print(remark, file=sys.stderr)
    return 0


def _value(name: str, x: float, std_error: float | None = None) -> str:
    """The objective's value in its unit, with its ± when a standard error is given."""
    if name == "income":
        return pounds(x, std_error)
    if name == "survival":
        return chance(x, std_error)
    return count(x, std_error, digits=1)


def _versus(name: str, x: float, std_error: float) -> str:
    """A price's objective less the best's, signed, with its ±."""
    if name == "income":
        return signed(x, std_error, digits=0, unit="£")
    if name == "survival":
        return signed(x, std_error, scale=100)  # points: the header says so
    return signed(x, std_error, digits=1)


def _broken(r: pd.Series, best: pd.DataFrame) -> str:
    """The limits a price breaks, briefly."""
    low, high = best.attrs.get("min_survival"), best.attrs.get("max_priced_out")
    broken = []
    if low is not None and r.survival < low:
        broken.append(f"survival < {100 * low:g}%")
    if high is not None and r.priced_out_share > high:
        broken.append(f"priced out > {100 * high:g}%")
    return "both limits broken" if len(broken) == 2 else "".join(broken)


def _limits(best: pd.DataFrame) -> str:
    attrs = best.attrs
    parts = []
    if attrs.get("min_survival") is not None:
        parts.append(f"at least {100 * attrs['min_survival']:g}% still going")
    if attrs.get("max_priced_out") is not None:
        parts.append(f"at most {100 * attrs['max_priced_out']:g}% of interested budget holders priced out")
    return " and ".join(parts) if parts else "no limits"


#: The answers shown beside the objective: (objective name, heading, cell).
_ANSWER_COLUMNS: list[tuple[str, str, Callable[[pd.Series], str]]] = [
    ("survival", "still going", lambda r: chance(r.survival)),
    ("", "priced out", lambda r: chance(r.priced_out_share)),
    ("income", "income", lambda r: pounds(r.founder_income)),
    ("clients", "clients", lambda r: count(r.clients_served)),
]
_HEADINGS = {"income": "founder's income a month", "survival": "still going", "clients": "clients served"}


def best_price_blocks(best: pd.DataFrame, curve: pd.DataFrame, label: str, months: int) -> list[Block]:
    """What ``meantime best-price`` shows: the answer in words, then every price tried."""
    row = best.iloc[0]
    name = best.attrs["objective"]
    words = {
        "income": "founder income",
        "survival": f"the chance of still going after {months} months",
        "clients": "clients served",
    }.get(name, best.attrs.get("objective_words", name))
    blocks: list[Block] = [
        f"meantime: {label} - the best price for {words}, with {_limits(best)}; "
        f"{best.attrs['paths']:,} futures at each of {len(curve)} prices, seed {best.attrs['seed']}"
    ]
    if math.isnan(row.price):
        blocks.append(f"No price works: {row.answer}.")
    else:
        blocks.append(
            f"Charge {pounds(row.price, pence=True)} a session; "
            f"{tie_words(curve, row.price, row.tied_low, row.tied_high, words)}.\n"
            f"At {pounds(row.price, pence=True)}: founder income {pounds(row.founder_income)} a month, "
            f"{chance(row.survival)} still going after {months} months, {chance(row.priced_out_share)} of "
            f"interested budget holders priced out, {count(row.clients_served)} clients served."
        )
    others = [c for c in _ANSWER_COLUMNS if c[0] != name]
    rows = []
    for price, r in curve.iterrows():
        if r.best:
            versus, mark = "best", "best"
        else:
            versus = _versus(name, r.difference, r.difference_se)
            mark = "tied" if r.in_tie_range else _broken(r, best)
        rows.append(
            (
                pounds(price, pence=True),
                _value(name, r.objective, r.objective_se),
                versus,
                *(cell(r) for _, _, cell in others),
                mark,
            )
        )
    versus_heading = "against the best, points" if name == "survival" else "against the best"
    headers = ["price", _HEADINGS.get(name, "objective"), versus_heading, *(h for _, h, _ in others), ""]
    blocks.append(Grid(headers, rows, right=[False] + [True] * (len(headers) - 2) + [False]))
    blocks.append(
        "Income: the founder's, a month. Against the best: the difference from the best price on the same futures (common random numbers); "
        "tied: its interval includes 0, in an unbroken run of prices around the best. " + CONVENTION_LINE
    )
    return blocks
