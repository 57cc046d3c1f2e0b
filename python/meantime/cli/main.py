"""The ``meantime`` command: scenario files in, plain answers, tables and reports out.

::

    meantime run [SCENARIO]                 the answer in words, with a table
    meantime report [SCENARIO] -o FILE      the viability report (one HTML file)
    meantime validate SCENARIO...           check files, one line each
    meantime show-defaults [-o FILE]        every field, annotated: a file to start from
    meantime break-even | capital | sweep | compare | sensitivity   the analyses
    meantime best-price [SCENARIO]          the price to charge, and the prices tied with it
    meantime portfolio FUNDING.toml [--report FILE]  a funder's pot split among start-ups
    meantime capacity SCENARIO --max-providers K [--report FILE]  how many providers a market sustains
    meantime serve [--port P] [--host H]    the advisor's page in a browser

Every answer is in words and tables, never wider than the terminal (100 columns when piped);
``--format csv`` or ``--format json`` prints the answer's table for machines instead, unrounded.
Errors are one line on stderr and exit status 2 (``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings
from typing import Any, Callable, Optional, Sequence

from ..analyses import (
    HEADLINES,
    break_even,
    compare,
    market_capacity,
    portfolio,
    read_funding,
    required_capital,
    sensitivity,
    sweep,
)
from ..errors import Error, FewSamplesWarning, ScenarioError
from ..report.capacity import write_capacity_report
from ..report.portfolio import write_portfolio_report
from ..report.town import write_town_report
from ..report.viability import COMBINED_FAN_PATHS, write_report
from ..running.settings import DEFAULT_PATHS, DEFAULT_SEED
from ..running.simulation import founder_result, simulate
from ..running.town_result import TownResult
from ..scenario import essentials
from ..scenario.files import ScenarioFileError, file_format, scenario_text, tomllib
from ..scenario.questionnaire import AnswerError
from ..scenario.scenario import Scenario, default_scenario
from . import answers, output, tables
from . import best_price as cli_best_price
from . import new as cli_new
from .serve import add_serve

__all__ = ["main"]


class CommandError(Exception):
    """A problem to report in one line (exit status 2)."""


# -- the parser ----------------------------------------------------------------------------------------


def _add_simulation_options(group: Any, futures: str, set_example: str) -> None:
    """--paths, --seed, --threads, --months, --set and --no-progress, as every simulating command
    takes them (``futures`` says what --paths counts; ``set_example`` is --set's example)."""
    group.add_argument(
        "--paths", type=_positive, default=DEFAULT_PATHS, metavar="N", help=f"{futures} (default {DEFAULT_PATHS:,})"
    )
    group.add_argument(
        "--seed",
        type=_whole,
        default=DEFAULT_SEED,
        metavar="S",
        help=f"seed of the random streams: the same seed, the same answer (default {DEFAULT_SEED})",
    )
    group.add_argument(
        "--threads",
        type=_positive,
        default=None,
        metavar="T",
        help="worker threads (default: all cores; the answer does not depend on it)",
    )
    group.add_argument(
        "--months",
        type=_positive,
        default=None,
        metavar="M",
        help="horizon in months (default: the scenario's run.months)",
    )
    group.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        dest="changes",
        help=f"change one field, e.g. --set {set_example} (repeatable)",
    )
    group.add_argument("--no-progress", action="store_true", help="never show a progress bar")


def _parser() -> argparse.ArgumentParser:
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show the full traceback of an error"
    )
    defaults_option = argparse.ArgumentParser(add_help=False)
    defaults_option.add_argument(
        "--allow-defaults",
        action="store_true",
        help="let a scenario file leave essentials (price, hours, market size, the "
        "household's money) to the built-in example, as if it said "
        'based_on = "kitchen-table"; they are listed in the output',
    )

    run_options = argparse.ArgumentParser(add_help=False)
    group = run_options.add_argument_group("simulation")
    _add_simulation_options(group, "simulated futures", "business.price_per_session=12")
    group.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="run on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' / "
        "'local:N' for a local cluster of N worker processes (default 2); the answer "
        "is the same bits as without it (needs pip install 'meantime[dask]')",
    )
    group.add_argument(
        "--chunk-paths",
        type=_positive,
        default=None,
        metavar="N",
        help="paths per task on the cluster (with --scheduler; default 65,536)",
    )

    out_option = argparse.ArgumentParser(add_help=False)
    out_option.add_argument(
        "--out", "-o", metavar="FILE", help="also write the table to FILE: .csv, .parquet or .json by its extension"
    )
    format_option = argparse.ArgumentParser(add_help=False)
    format_option.add_argument(
        "--format",
        choices=tables.FORMATS,
        default="table",
        help="table: the answer in words and tables (default); csv or json: the answer's "
        "table for machines, every number unrounded, the Python API's column names",
    )

    parser = argparse.ArgumentParser(
        prog="meantime",
        parents=[debug],
        description="Will a micro-provider break even before the founder's money runs out? "
        "Monte Carlo answers for a scenario file (TOML, YAML or JSON).",
        epilog="Start with `meantime new` (it asks about the idea in plain words and writes idea.toml), "
        "then `meantime run idea.toml`.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help: str, parents: Sequence[argparse.ArgumentParser] = ()) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, description=help, parents=[debug, *parents])

    scenario_help = "scenario file (.toml, .yaml or .json; default: the built-in kitchen-table example)"
    cli_new.add_command(commands, [debug])
    run = command(
        "run",
        "simulate a scenario and answer in words (--format csv/json: Result.summary())",
        [run_options, out_option, format_option, defaults_option],
    )
    run.add_argument("scenario", nargs="?", help=scenario_help)
    run.set_defaults(handler=_run)

    report = command(
        "report", "write the viability report: one self-contained HTML file", [run_options, defaults_option]
    )
    report.add_argument("scenario", nargs="?", help=scenario_help)
    report.add_argument(
        "--out", "-o", metavar="FILE.html", default="report.html", help="the report to write (default report.html)"
    )
    report.add_argument("--title", help="the report's title (default: from the file's name)")
    report.add_argument(
        "--no-analyses",
        action="store_true",
        help="leave out the analyses (price curve, sensitivity, ...) even where available",
    )
    report.set_defaults(handler=_report)

    validate = command(
        "validate",
        "check scenario files: every mistake of each, in line order, and every "
        "essential taken from the built-in example",
        [defaults_option],
    )
    validate.add_argument("scenarios", nargs="+", metavar="scenario", help="scenario files")
    validate.set_defaults(handler=_validate)

    defaults = command("show-defaults", "write every field, with its unit, range and meaning: a file to start from")
    defaults.add_argument(
        "--out",
        "-o",
        metavar="FILE",
        help="write to FILE instead of the terminal (.toml is annotated; .yaml and .json are plain)",
    )
    defaults.set_defaults(handler=_show_defaults)

    break_even = command(
        "break-even",
        "sessions, clients and price needed, without simulation",
        [out_option, format_option, defaults_option],
    )
    break_even.add_argument("scenario", nargs="?", help=scenario_help)
    break_even.set_defaults(handler=_break_even)

    capital = command(
        "capital",
        "starting capital for a chance of getting through",
        [run_options, out_option, format_option, defaults_option],
    )
    capital.add_argument("scenario", nargs="?", help=scenario_help)
    capital.add_argument(
        "--survival",
        type=_probability,
        default=0.9,
        metavar="P",
        help="the chance of getting through to aim for, between 0 and 1 (default 0.9)",
    )
    capital.set_defaults(handler=_capital)

    sweep = command(
        "sweep",
        "the answers over a grid of values of one or more fields",
        [run_options, out_option, format_option, defaults_option],
    )
    sweep.add_argument("scenario", nargs="?", help=scenario_help)
    sweep.add_argument(
        "--vary",
        action="append",
        required=True,
        metavar="FIELD=VALUES",
        type=_grid_axis,
        help="a field and its values: business.price_per_session=8,10,12 or =8:14:2 "
        "(start:stop:step, stop included); repeat for a grid",
    )
    sweep.set_defaults(handler=_sweep)

    compare = command(
        "compare",
        "the answers of several scenarios side by side",
        [run_options, out_option, format_option, defaults_option],
    )
    compare.add_argument("scenarios", nargs="+", metavar="scenario", help="scenario files (two or more)")
    compare.set_defaults(handler=_compare)

    sensitive = command(
        "sensitivity",
        "which fields move an answer most: one at a time (tornado) or all together (Sobol indices)",
        [run_options, out_option, format_option, defaults_option],
    )
    sensitive.add_argument("scenario", nargs="?", help=scenario_help)
    sensitive.add_argument(
        "--range",
        action="append",
        required=True,
        metavar="FIELD=LOW:HIGH",
        type=_range,
        dest="ranges",
        help="a number field and its range, e.g. household.savings=2000:8000 (repeatable)",
    )
    sensitive.add_argument(
        "--metric",
        choices=list(HEADLINES),
        default="survival",
        metavar="ANSWER",
        help=f"the answer to explain: {', '.join(HEADLINES)} (default survival)",
    )
    sensitive.add_argument(
        "--method",
        choices=["tornado", "sobol"],
        default="tornado",
        help="tornado: one field at a time (default); sobol: all together, Sobol indices",
    )
    sensitive.add_argument(
        "--samples",
        type=_positive,
        default=None,
        metavar="N",
        help="Sobol's base sample size, a power of two (default: from 64, doubled until every index "
        "is within ± 0.1, at most 1,024; it says when too few)",
    )
    sensitive.set_defaults(handler=_sensitivity)

    portfolio = command(
        "portfolio",
        "split a funder's pot of start-up grants among a town's candidates "
        "(a funding file names the pot, rules, objective and candidate scenarios)",
    )
    portfolio.add_argument(
        "funding", help="funding file (.toml): pot, rule, objective, paths, seed and [candidates] name = scenario file"
    )
    group = portfolio.add_argument_group("simulation (each overrides the funding file)")
    group.add_argument(
        "--paths",
        type=_positive,
        default=None,
        metavar="N",
        help=f"simulated futures per start-up (default: the file's, else {DEFAULT_PATHS:,})",
    )
    group.add_argument(
        "--seed",
        type=_whole,
        default=None,
        metavar="S",
        help=f"seed of the random streams (default: the file's, else {DEFAULT_SEED})",
    )
    group.add_argument(
        "--threads",
        type=_positive,
        default=None,
        metavar="T",
        help="worker threads (default: all cores; the answer does not depend on it)",
    )
    group.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    group.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="run on a Dask cluster (as for `meantime run`); the same answer",
    )
    group.add_argument(
        "--chunk-paths",
        type=_positive,
        default=None,
        metavar="N",
        help="paths per task on the cluster (with --scheduler)",
    )
    portfolio.add_argument(
        "--report",
        metavar="FILE.html",
        default=None,
        help="also write the portfolio report: one self-contained HTML file",
    )
    portfolio.add_argument(
        "--out", "-o", metavar="FILE", help="also write the allocation table to FILE: .csv, .parquet or .json"
    )
    portfolio.add_argument(
        "--format",
        choices=tables.FORMATS,
        default="table",
        help="table: the answer in words and tables (default); csv or json: the allocation "
        "table, every number unrounded",
    )
    portfolio.set_defaults(handler=_portfolio)

    capacity = command(
        "capacity",
        "how many providers of one kind of service a town's budget holders sustain: "
        "towns of 1..K copies of the scenario's provider sharing its market",
        [out_option, format_option, defaults_option],
    )
    capacity.add_argument("scenario", nargs="?", help=scenario_help + "; a town's providers[0] is the one copied")
    capacity.add_argument(
        "--max-providers",
        "-k",
        type=_positive,
        default=5,
        metavar="K",
        help="try towns of 1 to K providers (default 5, at most 50)",
    )
    capacity.add_argument(
        "--objective",
        choices=["client_months", "clients_served"],
        default="client_months",
        help="what 'budget holders served' means for the best k (default client_months)",
    )
    capacity.add_argument(
        "--month",
        type=_positive,
        default=None,
        metavar="M",
        help="count the providers still trading at the end of month M (default: the horizon)",
    )
    # Towns run on this machine only: no --scheduler.
    _add_simulation_options(
        capacity.add_argument_group("simulation"), "simulated futures per town", "market.population=120000"
    )
    capacity.add_argument(
        "--report",
        metavar="FILE.html",
        default=None,
        help="also write the capacity report: one self-contained HTML file",
    )
    capacity.set_defaults(handler=_capacity)
    cli_best_price.add_command(
        command,
        [run_options, out_option, format_option, defaults_option],
        scenario_help,
        lambda args: (_scenario(args.scenario, args), _run_options(args), _label(args.scenario)),
    )
    add_serve(command)
    return parser


def _whole(text: str) -> int:
    try:
        return int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def _positive(text: str) -> int:
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, got {text!r}") from None
    if not 0 < value < 1:
        hint = f" (did you mean {value / 100:g}?)" if 1 < value < 100 else ""
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {text}{hint}")
    return value


def _value(text: str) -> Any:
    """A value typed on the command line, read as TOML (12, 0.3, true, {dist = ...}) or else as text."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def _range(text: str) -> tuple[str, tuple[float, float]]:
    field, equals, values = text.partition("=")
    low, colon, high = values.partition(":")
    try:
        if not equals or not field.strip() or not colon:
            raise ValueError
        return field.strip(), (float(low), float(high))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected FIELD=LOW:HIGH such as household.savings=2000:8000, got {text!r}"
        ) from None


def _grid_axis(text: str) -> tuple[str, list]:
    field, equals, values = text.partition("=")
    if not equals or not field or not values:
        raise argparse.ArgumentTypeError(
            f"expected FIELD=VALUES such as business.price_per_session=8,10,12, got {text!r}"
        )
    if ":" in values:
        try:
            start, stop, step = (float(v) for v in values.split(":"))
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected start:stop:step, got {values!r}") from None
        if step <= 0 or stop < start:
            raise argparse.ArgumentTypeError(f"expected start <= stop and a step above 0, got {values!r}")
        count = int(round((stop - start) / step)) + 1
        if count > 1000:
            raise argparse.ArgumentTypeError(f"{values!r} makes {count:,} values; at most 1,000")
        grid = [round(start + i * step, 10) for i in range(count)]
    else:
        grid = [_value(v.strip()) for v in values.split(",") if v.strip()]
    return field.strip(), grid


# -- shared steps ------------------------------------------------------------------------------------


def _scenario(path: str | None, args: argparse.Namespace):
    """The scenario from a file (or the default), with --set and --months applied. Essentials
    a file leaves out may be given with --set."""
    changes = {}
    for change in getattr(args, "changes", []):
        field, equals, value = change.partition("=")
        if not equals or not field.strip():
            raise CommandError(f"--set expects FIELD=VALUE, e.g. business.price_per_session=12; got {change!r}")
        changes[field.strip()] = _value(value.strip())
    if getattr(args, "months", None):
        changes["run.months"] = args.months
    allow = getattr(args, "allow_defaults", False)
    if not path:
        scenario = default_scenario()
    else:
        try:
            scenario = Scenario.from_file(path, allow_defaults=allow)
        except ScenarioFileError as error:
            if not error.missing or not all(essentials.is_stated(p, changes) for p in error.missing):
                raise
            scenario = Scenario.from_file(path, allow_defaults=True)  # --set states what the file leaves out
    return scenario.replace(changes) if changes else scenario


def _run_options(args: argparse.Namespace) -> dict:
    options = dict(paths=args.paths, seed=args.seed, progress=False if args.no_progress else None)
    client = getattr(args, "client", None)
    if client is None:
        if getattr(args, "chunk_paths", None) is not None:
            raise CommandError("--chunk-paths goes with --scheduler (it sizes the tasks sent to a cluster)")
        options["threads"] = args.threads
    else:  # each task runs one engine thread; --threads does not apply on a cluster
        options["client"] = client
        if args.chunk_paths is not None:
            options["chunk_paths"] = args.chunk_paths
    return options


@contextlib.contextmanager
def _cluster(args: argparse.Namespace):
    """A Dask client for --scheduler (a local cluster for 'local' or 'local:N'), closed afterwards."""
    address = getattr(args, "scheduler", None)
    if not address:
        yield None
        return
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise CommandError("--scheduler needs Dask: pip install 'meantime[dask]'") from None
    if address == "local" or address.startswith("local:"):
        workers = address.partition(":")[2] or "2"
        if not workers.isdigit() or int(workers) < 1:
            raise CommandError(f"--scheduler local:N needs a whole number of workers, got {address!r}")
        with (
            LocalCluster(
                n_workers=int(workers), threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
    else:
        with Client(address, timeout="10s") as client:
            yield client


def _label(path: str | None) -> str:
    return os.path.basename(path) if path else "the built-in kitchen-table example"


# -- commands --------------------------------------------------------------------------------------------


def _check_html(option: str, path: str) -> None:
    """A report goes to an .html (or .htm) file: a CommandError naming ``option`` otherwise."""
    if not path.lower().endswith((".html", ".htm")):
        raise CommandError(f"the report is an HTML file: give {option} a name ending in .html, got {path!r}")


def _say(args: argparse.Namespace, text: str) -> None:
    """A remark beside the answer (a file written): on stdout under words and tables, on stderr
    when stdout carries CSV or JSON for a machine."""
    if getattr(args, "format", "table") == "table":
        print("\n" + text)
    else:
        print(text, file=sys.stderr)


def _answer(
    args: argparse.Namespace, blocks: Callable[[], list], frame: Any, out: Any = None, what: str = "the table"
) -> int:
    """Print a command's answer (``blocks()`` for people, ``frame`` for --format csv/json) and
    write ``out`` (default ``frame``) to --out."""
    fmt = getattr(args, "format", "table")
    tables.show(blocks() if fmt == "table" else [], frame, fmt)
    if getattr(args, "out", None):
        output.write_table(frame if out is None else out, args.out)
        _say(args, f"wrote {what} to {args.out}")
    return 0


def _run(args: argparse.Namespace) -> int:
    scenario = _scenario(args.scenario, args)
    result = simulate(scenario, **_run_options(args), keep_outcomes=True)
    label = _label(args.scenario)

    def blocks() -> list:  # a town: a section per provider and one for the town
        shown = output.town_blocks(result, label) if scenario.providers else output.run_blocks(result, label)
        return shown + [text for text in [output.defaults_text(scenario)] if text]

    return _answer(args, blocks, result.summary(), out=result.monthly, what="the monthly table")


def _report(args: argparse.Namespace) -> int:
    _check_html("--out", args.out)
    scenario = _scenario(args.scenario, args)
    title = args.title or output.title_from(args.scenario)
    if scenario.providers:  # a town: a section per provider and one for the town
        town = simulate(scenario, **_run_options(args), keep_outcomes=True)
        assert isinstance(town, TownResult)  # a scenario with providers runs as a town
        write_town_report(town, args.out, title=title)
        print(tables.line(f"wrote {args.out}: {str(town).splitlines()[-3].strip()}"))
        return 0
    result = founder_result(
        simulate(scenario, **_run_options(args), keep_outcomes=False, keep_paths=args.paths <= COMBINED_FAN_PATHS)
    )
    write_report(result, args.out, title=title, analyses=not args.no_analyses)
    print(tables.line(f"wrote {args.out}: {str(result).splitlines()[0]}"))
    return 0


def _validate(args: argparse.Namespace) -> int:
    failed = 0
    default = dict(default_scenario())
    for path in args.scenarios:
        try:
            scenario = Scenario.from_file(path, allow_defaults=args.allow_defaults)
        except ScenarioError as error:
            print(f"meantime: error: {error}", file=sys.stderr)
            failed += 1
            continue
        changed = [field for field, value in scenario if default.get(field) != value]
        shown = ", ".join(changed[:4]) + (f" and {len(changed) - 4} more" if len(changed) > 4 else "")
        differ = f"{len(changed)} fields differ from the built-in default ({shown})"
        print(tables.line(f"ok: {path}: " + (differ if changed else "the built-in default scenario")))
        if output.defaults_text(scenario):
            print(tables.line(output.defaults_text(scenario), "  "))
        others = len(scenario.defaults_used(essential=False)) - len(scenario.defaults_used())
        if others:
            print(
                tables.line(
                    f"{others} other fields keep the built-in example's values (meantime show-defaults lists "
                    "them with their meaning)",
                    "  ",
                )
            )
    return 2 if failed else 0


def _show_defaults(args: argparse.Namespace) -> int:
    if args.out:
        fmt = file_format(args.out)
        text = scenario_text(default_scenario(), fmt, annotate=fmt == "toml")
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
        print(
            f"wrote {args.out}: every field of the default scenario"
            + (", with its unit, range and meaning" if fmt == "toml" else "")
        )
    else:
        sys.stdout.write(scenario_text(default_scenario(), "toml", annotate=True))
    return 0


def _break_even(args: argparse.Namespace) -> int:
    scenario = _scenario(args.scenario, args)
    frame = break_even(scenario)
    return _answer(args, lambda: answers.break_even_blocks(frame, _label(args.scenario)), frame)


def _capital(args: argparse.Namespace) -> int:
    scenario = _scenario(args.scenario, args)
    frame = required_capital(scenario, survival=args.survival, **_run_options(args))
    return _answer(args, lambda: answers.capital_blocks(frame, _label(args.scenario), scenario.run.months), frame)


def _horizon(scenario: Scenario, varied: Any) -> Optional[int]:
    """The months every run of an analysis covers, or None when the analysis varies them."""
    return None if "run.months" in varied else scenario.run.months


def _sweep(args: argparse.Namespace) -> int:
    scenario = _scenario(args.scenario, args)
    grid = dict(args.vary)
    frame = sweep(scenario, grid, **_run_options(args))
    horizon = _horizon(scenario, grid)
    return _answer(args, lambda: answers.sweep_blocks(frame, list(grid), _label(args.scenario), horizon), frame)


def _compare(args: argparse.Namespace) -> int:
    if len(args.scenarios) < 2:
        raise CommandError("compare needs two or more scenario files")
    scenarios = {}
    for path in args.scenarios:
        name = os.path.splitext(os.path.basename(path))[0]
        if name in scenarios:
            name = path
        scenarios[name] = _scenario(path, args)
    frame = compare(scenarios, **_run_options(args))
    months = sorted({s.run.months for s in scenarios.values()})
    label = ", ".join(scenarios) + (
        f" ({frame.attrs['paths']:,} simulated futures each, seed {frame.attrs['seed']})"
        if "paths" in frame.attrs
        else ""
    )
    return _answer(args, lambda: answers.compare_blocks(frame, label, months[0] if len(months) == 1 else None), frame)


def _sensitivity(args: argparse.Namespace) -> int:
    scenario = _scenario(args.scenario, args)
    ranges = dict(args.ranges)
    with warnings.catch_warnings():  # the answer says so in words, with the samples needed
        warnings.simplefilter("ignore", FewSamplesWarning)
        warnings.simplefilter("ignore", RuntimeWarning)  # an answer that never moves: said in words too
        warnings.filterwarnings("ignore", module="SALib")  # SALib's own notes of constant answers
        frame = sensitivity(
            scenario, ranges, metric=args.metric, method=args.method, samples=args.samples, **_run_options(args)
        )
    blocks = answers.sensitivity_blocks(frame, _label(args.scenario), args.metric, _horizon(scenario, ranges))
    if args.format != "table" and frame.attrs.get("few_samples"):
        print(f"meantime: {blocks[-1]}", file=sys.stderr)  # the machine reads the table; a person, this
    return _answer(args, lambda: blocks, frame)


def _portfolio(args: argparse.Namespace) -> int:
    if args.report:
        _check_html("--report", args.report)
    plan = read_funding(args.funding)
    arguments = plan.portfolio_arguments()
    arguments.setdefault("paths", DEFAULT_PATHS)
    arguments.setdefault("seed", DEFAULT_SEED)
    if args.paths is not None:
        arguments["paths"] = args.paths
    if args.seed is not None:
        arguments["seed"] = args.seed
    run = _run_options(argparse.Namespace(**{**vars(args), "paths": arguments["paths"], "seed": arguments["seed"]}))
    arguments.update({k: v for k, v in run.items() if k not in ("paths", "seed")})
    result = plan.check(lambda: portfolio(**arguments))
    _answer(
        args,
        lambda: answers.portfolio_blocks(result, _label(args.funding)),
        result.allocation,
        what="the allocation table",
    )
    if args.report:
        curve = plan.check(lambda: result.curve(plan.pots, progress=run["progress"]) if plan.pots is not None else None)
        write_portfolio_report(
            result, args.report, title=plan.title or output.title_from(args.funding), curve=curve, files=plan.files
        )
        _say(args, f"wrote {args.report}")
    return 0


def _capacity(args: argparse.Namespace) -> int:
    if args.report:
        _check_html("--report", args.report)
    scenario = _scenario(args.scenario, args)
    result = market_capacity(
        scenario,
        max_providers=args.max_providers,
        paths=args.paths,
        seed=args.seed,
        objective=args.objective,
        month=args.month,
        threads=args.threads,
        progress=False if args.no_progress else None,
    )
    _answer(args, lambda: answers.capacity_blocks(result, _label(args.scenario)), result.table)
    if args.report:
        title = f"How many providers can this market sustain? {output.title_from(args.scenario)}"
        write_capacity_report(result, args.report, title=title)
        _say(args, f"wrote {args.report}")
    return 0


# -- entry point -------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``meantime`` command with ``argv`` (default: the process's arguments); returns the
    exit status: 0 done, 2 an error (one line on stderr), 130 interrupted."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv)
    debug = getattr(args, "debug", False)
    try:
        with _cluster(args) as client:
            args.client = client
            return args.handler(args)
    except KeyboardInterrupt:
        if debug:
            raise
        # From the start of the line: a progress bar cut off mid-draw may have left no newline
        # (on a terminal, its remains are cleared).
        start = "\r\033[K" if sys.stderr.isatty() else "\r"
        print(f"{start}meantime: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped early (| head): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (CommandError, Error, ValueError, OSError, MemoryError, ImportError, TypeError, KeyError) as error:
        if debug:
            raise
        # Every mistake of a scenario on a line of its own; anything else in one line.
        text = str(error) if isinstance(error, (ScenarioError, AnswerError)) else output.one_line(error)
        print(f"meantime: error: {text}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
