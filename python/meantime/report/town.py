"""The HTML report of a town: the town's section (providers still trading, budget holders served,
demand lost) and one section per provider (its headline answers and charts), drawn by the template
``town.html.j2`` (every text escaped)."""

from __future__ import annotations

import datetime
import os
import warnings

from ..plot import clients_over_time
from ..running.town_result import TownResult, provider_label
from ..running.uncertainty import CONVENTION, half_width
from ..version import __version__
from .page import chart, headlines
from .templating import Row, Table, render

__all__ = ["write_town_report", "town_report_html"]


def _survivors_chart(result: TownResult, ax):
    table = result.survivors()
    ax.bar(table.index, 100 * table["share"], color="0.45", edgecolor="black")
    ax.set_xlabel(f"providers still trading after {result.months} months")
    ax.set_ylabel("share of futures (%)")
    ax.set_xticks(list(table.index))
    return ax


def _alive_chart(result: TownResult, ax):
    months = result.monthly.index
    styles = ["-", "--", ":", "-."]
    for i, provider in enumerate(result.providers):
        ax.plot(
            months,
            100 * provider.monthly["survival"],
            color="black",
            linestyle=styles[i % len(styles)],
            label=provider_label(i),
        )
    ax.set_xlabel("month")
    ax.set_ylabel("futures still trading (%)")
    ax.set_ylim(0, 100)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))  # beside the axes, off the data
    return ax


def _provider(i: int, result) -> dict:
    b = result.scenario.business
    return dict(
        label=provider_label(i),
        offer=f"£{b.price_per_session:,.2f} a session of {b.session_hours:g} h, "
        f"{b.founder_hours_per_week:g} founder hours a week",
        cards=headlines(result),
        words=str(result).splitlines(),
        chart=chart(
            lambda ax: clients_over_time(result, ax=ax),
            f"Clients of {provider_label(i)}",
            "Clients each month: the median future with the middle half and nine in ten of futures.",
        ),
    )


def town_report_html(result: TownResult, title: str | None = None) -> str:
    """The report of a town run as HTML text; see :func:`write_town_report`."""
    summary = result.summary()
    town_rows = [
        Row([row.meaning, f"{row.estimate:,.3g}", f"± {half_width(row.std_error):,.2g}", row.unit])
        for row in summary[summary["provider"] == "town"].itertuples()
    ]
    s = result.scenario
    setting = []
    if s.town.shared_market:
        setting.append(
            f"the providers share one market of budget holders (a town of {s.market.population.mean:,.0f}); "
            f"prospects choose among the offers they can afford (price coefficient "
            f"{s.town.price_coefficient:g} per pound an hour)"
        )
    else:
        setting.append("each provider has its own market")
    if s.collective.enabled:
        members = [provider_label(i) for i, p in enumerate(s.providers) if p.collective_member]
        setting.append(
            f"{', '.join(members)} form a collective ({s.collective.split.replace('_', ' ')} split"
            f"{', with illness cover' if s.collective.cover else ''})"
        )
    charts = [
        chart(
            lambda ax: _survivors_chart(result, ax),
            "Providers still trading",
            "How many of the town's providers are still trading at the horizon, as shares of futures.",
        ),
        chart(
            lambda ax: _alive_chart(result, ax),
            "Each provider's survival",
            "The share of futures in which each provider is still trading, month by month.",
        ),
    ]
    return render(
        "town.html.j2",
        title=title or "A town's micro-providers",
        version=__version__,
        date=datetime.date.today().isoformat(),
        paths=result.path_count,
        months=result.months,
        seed=result.seed,
        setting="; ".join(setting),
        town_words=[line.strip() for line in str(result).splitlines()[-3:]],
        convention=CONVENTION[:1].upper() + CONVENTION[1:],
        town_table=Table(["answer", "estimate", "±", "unit"], town_rows, id="town-table"),
        charts=charts,
        providers=[_provider(i, provider) for i, provider in enumerate(result.providers)],
    )


def write_town_report(result: TownResult, path: str | os.PathLike, title: str | None = None) -> None:
    """Write a town run's report (one section for the town, one per provider) as one HTML file.

    Examples
    --------
    >>> import meantime, pathlib, tempfile
    >>> town = meantime.Scenario(providers=[{"stream": 1}, {"stream": 2}])
    >>> result = meantime.simulate(town, paths=500, seed=1, progress=False)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "town.html"
    >>> result.report(path, title="Two providers")
    >>> "providers[1]" in path.read_text()
    True
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        text = town_report_html(result, title=title)
    with open(os.fspath(path), "w", encoding="utf-8") as f:
        f.write(text)
