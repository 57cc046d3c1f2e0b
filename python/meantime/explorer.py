"""The live explorer: controls for the main assumptions that re-run the simulation as they move.

``Explorer()`` shows sliders and fields (ipywidgets) for the price, the founder's hours, the
savings, the market research, churn, costs and benefits. Each change builds a new scenario from
them, simulates it (10,000 futures by default, always with the same seed, so two settings share
their random numbers and the difference between them is the change, not luck), and redraws the
headline answer and a figure: the combined-cash fan chart beside the survival curve. Assumptions
the scenario rejects (interested more than asked, negative savings) show the scenario's message
in the headline instead of a traceback.

This is what ``notebooks/06_live_explorer.ipynb`` shows, and ``scripts/dev explorer`` serves as a
web page with Voila. The widgets need ipywidgets (``pip install 'meantime[explorer]'``);
:func:`start_values` and :func:`scenario_from` are plain Python.

Examples
--------
>>> import meantime
>>> import meantime.explorer as ex
>>> values = ex.start_values(meantime.default_scenario())
>>> values["price"], values["asked"], values["interested"]
(11.0, 40, 10)
>>> s = ex.scenario_from(meantime.default_scenario(), dict(values, price=13))
>>> s.business.price_per_session
13.0
"""

from __future__ import annotations

import html
import io
import re
import time
from dataclasses import dataclass
from typing import Any, Mapping

from .errors import ArgumentError, Error
from .plot import cash_fan, survival_curve
from .running.result import Result
from .running.settings import DEFAULT_SEED
from .running.simulation import founder_result, simulate
from .scenario.distributions import Distribution, fixed, research_share, uniform
from .scenario.scenario import Scenario, default_scenario

__all__ = ["Control", "CONTROLS", "Explorer", "start_values", "scenario_from"]


@dataclass(frozen=True)
class Control:
    """One assumption on the explorer: its widget, label, range and the scenario field it sets.

    ``kind`` is ``"slider"`` (bounded, moved with the mouse), ``"money"`` or ``"count"`` (typed
    fields: the scenario's own rules check them, so a bad value gets its message) or ``"switch"``.
    """

    name: str
    label: str
    path: str
    kind: str
    low: float = 0.0
    high: float = 0.0
    step: float = 1.0
    readout: str = ".0f"
    help: str = ""


#: The assumptions the explorer shows, in order.
CONTROLS: tuple[Control, ...] = (
    Control(
        "price",
        "Price per session (£)",
        "business.price_per_session",
        "slider",
        5,
        30,
        0.5,
        ".2f",
        "what one session costs the client; a higher price pays more but prices out some budget holders",
    ),
    Control(
        "founder_hours",
        "Founder's hours a week",
        "business.founder_hours_per_week",
        "slider",
        5,
        40,
        1,
        ".0f",
        "all the founder's working hours, admin and travel included",
    ),
    Control(
        "churn",
        "Clients who stop each month",
        "clients.churn_per_month",
        "slider",
        0.01,
        0.15,
        0.005,
        ".1%",
        "the average monthly chance that a client stops coming (each future draws its own, around this)",
    ),
    Control(
        "asked",
        "Market research: people asked",
        "market.fit_share",
        "count",
        help="how many budget holders the founder asked whether they would use the service",
    ),
    Control(
        "interested",
        "Market research: interested",
        "market.fit_share",
        "count",
        help="how many of them said yes: the share the service fits is uncertain, more so when few were asked",
    ),
    Control(
        "savings",
        "Starting savings (£)",
        "household.savings",
        "money",
        help="the founder's money at the start, to live on until the business pays",
    ),
    Control(
        "living_costs",
        "Living costs a month (£)",
        "household.living_costs_per_month",
        "money",
        help="what the household spends a month",
    ),
    Control(
        "fixed_costs",
        "Business fixed costs a month (£)",
        "business.fixed_costs_per_month",
        "money",
        help="room hire, insurance, phone: paid whether or not clients come",
    ),
    Control(
        "benefits",
        "Claim Universal Credit",
        "benefits.enabled",
        "switch",
        help="top up the household's income while the business is small (with the minimum income floor)",
    ),
)
_BY_NAME = {c.name: c for c in CONTROLS}


def _spread(distribution, path: str) -> float:
    """Half the width of a uniform distribution, 0 for a fixed value: what the churn slider keeps."""
    if distribution.kind == "uniform":
        return (distribution.parameters["max"] - distribution.parameters["min"]) / 2
    if distribution.is_fixed:
        return 0.0
    raise ValueError(f"{path}: the explorer moves a fixed value or a uniform range, got {distribution!r}")


def _one_value(value, path: str) -> float:
    """A number field, or a distribution field holding one fixed value (savings may be uncertain)."""
    if isinstance(value, Distribution):
        if not value.is_fixed:
            raise ValueError(f"{path}: the explorer sets one value, and this scenario has a range: {value!r}")
        return float(value.mean())
    return float(value)


def start_values(scenario: Scenario) -> dict[str, Any]:
    """The controls' values read from ``scenario`` (by control name).

    Raises
    ------
    ValueError
        When ``market.fit_share`` is not market research (:func:`~meantime.research_share`),
        ``clients.churn_per_month`` is neither a fixed value nor a uniform range, or the savings
        are uncertain: the explorer has no control that would keep them as they are.
    """
    fit = scenario.market.fit_share
    if fit.kind != "research":
        raise ValueError(
            f"market.fit_share: the explorer's research fields need research_share(asked, interested), got {fit!r}"
        )
    churn = scenario.clients.churn_per_month
    _spread(churn, "clients.churn_per_month")
    return {
        "price": float(scenario.business.price_per_session),
        "founder_hours": float(scenario.business.founder_hours_per_week),
        "churn": round(float(churn.mean()), 12),
        "asked": int(fit.parameters["asked"]),
        "interested": int(fit.parameters["interested"]),
        "savings": _one_value(scenario.household.savings, "household.savings"),
        "living_costs": float(scenario.household.living_costs_per_month),
        "fixed_costs": float(scenario.business.fixed_costs_per_month),
        "benefits": bool(scenario.benefits.enabled),
    }


def scenario_from(base: Scenario, values: Mapping[str, Any]) -> Scenario:
    """``base`` with the controls' ``values`` (by control name; others keep ``base``'s value).

    Churn keeps ``base``'s spread around the new average (the default's 3% to 5% becomes 5% to
    7% at 6%), never below zero.

    Raises
    ------
    ScenarioError, ValueError
        When the scenario rejects a value (the message names the field and the rule).
    """
    current = start_values(base)
    unknown = set(values) - set(current)
    if unknown:
        raise KeyError(f"unknown explorer control(s): {', '.join(sorted(unknown))}; known: {', '.join(current)}")
    v = {**current, **values}
    half = _spread(base.clients.churn_per_month, "clients.churn_per_month")
    churn = float(v["churn"])
    # Rounded so that 6% ± 1 point is uniform(0.05, 0.07), not 0.049999999999999996.
    churn_distribution = (
        fixed(churn) if half == 0 else uniform(round(max(0.0, churn - half), 12), round(churn + half, 12))
    )
    return base.replace(
        {
            "business.price_per_session": float(v["price"]),
            "business.founder_hours_per_week": float(v["founder_hours"]),
            "clients.churn_per_month": churn_distribution,
            "market.fit_share": research_share(
                int(v["asked"]), int(v["interested"]), base.market.fit_share.parameters["prior"]
            ),
            "household.savings": float(v["savings"]),
            "household.living_costs_per_month": float(v["living_costs"]),
            "business.fixed_costs_per_month": float(v["fixed_costs"]),
            "benefits.enabled": bool(v["benefits"]),
        }
    )


def _headline_html(result: Result) -> str:
    """The run's answer in words: the survival sentence large, the rest below it."""
    lines = [html.escape(line) for line in str(result).splitlines()]
    first, rest = lines[0], lines[1:]
    return (
        f'<div class="meantime-headline"><p style="font-size:1.5em;font-weight:bold;margin:0.2em 0">{first}</p>'
        + "".join(f'<p style="margin:0.15em 0">{line}</p>' for line in rest)
        + "</div>"
    )


def _error_html(message: str) -> str:
    return (
        '<div class="meantime-headline meantime-error">'
        '<p style="font-size:1.3em;font-weight:bold;margin:0.2em 0">These assumptions cannot be simulated</p>'
        f'<p style="margin:0.15em 0">{html.escape(message)}</p>'
        '<p style="margin:0.15em 0">Change the value named above; the chart still shows the last assumptions '
        "that could be simulated.</p></div>"
    )


class Explorer:
    """Controls for the main assumptions, the headline answer and the cash fan chart, live.

    Parameters
    ----------
    scenario : Scenario, optional
        Where the controls start, and every assumption they do not show. Default:
        :func:`~meantime.default_scenario`.
    paths : int, default 10_000
        Futures per run: about a third of a second on two cores, and survival within about
        ±0.5 percentage points (one standard error).
    seed : int, default 2026
        The same for every run (common random numbers), so a move of one control changes the
        answer by its own effect, not by fresh luck.
    threads : int, optional
        As for :func:`~meantime.simulate`.

    Attributes
    ----------
    controls : dict of ipywidgets widgets, by control name (see :data:`CONTROLS`)
    headline : ipywidgets.HTML -- the answer in words, or why the assumptions cannot run
    chart : ipywidgets.Image -- the figure as a PNG
    figure : matplotlib.figure.Figure -- combined-cash fan chart and survival curve
    status : ipywidgets.HTML -- paths, seed and seconds of the last run
    reset_button : ipywidgets.Button -- every control back to where it started
    result : Result -- the last run that succeeded
    error : str or None -- the scenario's message when the current values were rejected
    widget : ipywidgets.VBox -- all of it; displaying the Explorer displays this

    Examples
    --------
    >>> from meantime.explorer import Explorer
    >>> explorer = Explorer(paths=2_000)
    >>> explorer.headline_text.startswith("5 in 10 futures survive 36 months")
    True
    >>> explorer.controls["price"].value = 20    # as if the slider moved: it runs again
    >>> explorer.result.scenario.business.price_per_session
    20.0
    """

    def __init__(
        self,
        scenario: Scenario | None = None,
        *,
        paths: int = 10_000,
        seed: int = DEFAULT_SEED,
        threads: int | None = None,
    ) -> None:
        import ipywidgets as widgets
        from matplotlib.figure import Figure

        self.base = default_scenario() if scenario is None else scenario
        if len(self.base.providers) > 0:
            raise ArgumentError("scenario", "the explorer shows one founder's scenario, not a town of providers")
        self.paths, self.seed, self.threads = paths, seed, threads
        self.result: Result | None = None
        self.error: str | None = None
        self.runs = 0
        self._start = start_values(self.base)
        self.controls = {c.name: self._make_control(widgets, c, self._start[c.name]) for c in CONTROLS}
        for name, control in self.controls.items():
            control.add_class(f"meantime-control-{name}")  # for the page's tests and styling
        self.headline = widgets.HTML()
        self.headline.add_class("meantime-headline-box")
        self.chart = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="1100px"))
        self.chart.add_class("meantime-chart")
        self.status = widgets.HTML()
        self.status.add_class("meantime-status")
        self.reset_button = widgets.Button(
            description="Back to the start", tooltip="every control back to where it started"
        )
        self.reset_button.on_click(lambda _button: self.set(**self._start))
        self.figure = Figure(figsize=(11, 4), layout="constrained")
        sliders = [self.controls[c.name] for c in CONTROLS if c.kind == "slider"]
        fields = [self.controls[c.name] for c in CONTROLS if c.kind != "slider"]
        self.widget = widgets.VBox(
            [
                self.headline,
                widgets.HBox(
                    [widgets.VBox(sliders), widgets.VBox(fields)], layout=widgets.Layout(flex_flow="row wrap")
                ),
                widgets.HBox([self.reset_button, self.status]),
                self.chart,
            ]
        )
        self._quiet = False
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.update()

    @staticmethod
    def _make_control(widgets, c: Control, start: Any):
        common = dict(
            description=c.label,
            description_allow_html=False,
            tooltip=c.help,
            style={"description_width": "17em"},
            layout=widgets.Layout(width="34em"),
        )
        if c.kind == "switch":
            return widgets.Checkbox(value=bool(start), indent=True, **common)
        if c.kind == "count":
            return widgets.IntText(value=int(start), continuous_update=False, **common)
        if c.kind == "money":
            return widgets.FloatText(value=float(start), step=50, continuous_update=False, **common)
        # The range stretches to hold a starting value outside it.
        return widgets.FloatSlider(
            value=float(start),
            min=min(c.low, start),
            max=max(c.high, start),
            step=c.step,
            readout_format=c.readout,
            continuous_update=False,
            **common,
        )

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    # -- the values --------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The controls' current values, by control name."""
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values: Any) -> None:
        """Set some controls (by name) and run once, as if they had all moved together."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise KeyError(
                f"unknown explorer control(s): {', '.join(sorted(unknown))}; known: {', '.join(self.controls)}"
            )
        self._quiet = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._quiet = False
        self.update()

    def _changed(self, _change: Mapping[str, Any]) -> None:
        if not self._quiet:
            self.update()

    # -- running and drawing ----------------------------------------------------------------------

    def update(self) -> None:
        """Build the scenario from the controls, run it, and redraw the headline and the figure.

        A value the scenario rejects leaves the last run's figure and puts the scenario's message
        (naming the field and the rule) in the headline.
        """
        try:
            scenario = scenario_from(self.base, self.values())
        except (Error, ValueError) as error:  # the scenario's own rules: ScenarioError, research_share
            self.error = str(error)
            self.headline.value = _error_html(self.error)
            return
        start = time.perf_counter()
        result = founder_result(
            simulate(
                scenario,
                paths=self.paths,
                seed=self.seed,
                threads=self.threads,
                keep_outcomes=False,
                keep_paths=True,
                progress=False,
            )
        )
        self.result, self.error = result, None
        self.runs += 1
        self._draw(result)  # the chart first: a page showing the new headline shows the new chart too
        self.headline.value = _headline_html(result)
        self.status.value = (
            f'<span style="color:#444">{result.path_count:,} futures, seed {result.seed}, '
            f"in {time.perf_counter() - start:.1f} s</span>"
        )

    def _draw(self, result: Result) -> None:
        self.figure.clear()
        cash_axes, survival_axes = self.figure.subplots(1, 2, width_ratios=[3, 2])
        cash_fan(result, which="combined", ax=cash_axes, sample_paths=5)
        survival_curve(result, ax=survival_axes)
        survival_axes.set_title("Futures still going, month by month")  # the headline has the number
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=90)
        self.chart.value = buffer.getvalue()

    @property
    def headline_text(self) -> str:
        """The headline as plain text (what the page shows above the controls)."""
        text = re.sub(r"</p>", "\n", self.headline.value)
        return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
