"""The HTML report of a town: the town's section (providers still trading, budget holders served,
demand lost) and one section per provider (its headline answers and charts)."""

from __future__ import annotations

import datetime
import os
import warnings
from html import escape

from ..plot import clients_over_time
from ..running.town_result import TownResult, provider_label
from ..running.uncertainty import half_width
from ..version import __version__
from .page import figure_html, headline_cards, page_html

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
    ax.legend(frameon=False)
    return ax


def _provider_section(i: int, result) -> str:
    cards = headline_cards(result, id_prefix=f"provider-{i}-")
    words = "".join(f"<p>{escape(line)}</p>" for line in str(result).splitlines())
    b = result.scenario.business
    offer = (
        f"£{b.price_per_session:,.2f} a session of {b.session_hours:g} h, "
        f"{b.founder_hours_per_week:g} founder hours a week"
    )
    chart = figure_html(
        lambda ax: clients_over_time(result, ax=ax),
        f"Clients of {provider_label(i)}",
        "Clients each month: the median future with the middle half and nine in ten of futures.",
    )
    return (
        f'<section id="provider-{i}"><h2>{escape(provider_label(i))}</h2><p class="meta">{escape(offer)}</p>'
        f'<div class="cards">{cards}</div>{words}{chart}</section>'
    )


def town_report_html(result: TownResult, title: str | None = None) -> str:
    """The report of a town run as HTML text; see :func:`write_town_report`."""
    title = title or "A town's micro-providers"
    summary = result.summary()
    town_rows = summary[summary["provider"] == "town"]
    rows = "".join(
        f"<tr><td>{escape(row.meaning)}</td><td>{row.estimate:,.3g}</td><td>± {half_width(row.std_error):,.2g}</td>"
        f"<td>{escape(row.unit)}</td></tr>"
        for row in town_rows.itertuples()
    )
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
        figure_html(
            lambda ax: _survivors_chart(result, ax),
            "Providers still trading",
            "How many of the town's providers are still trading at the horizon, as shares of futures.",
        ),
        figure_html(
            lambda ax: _alive_chart(result, ax),
            "Each provider's survival",
            "The share of futures in which each provider is still trading, month by month.",
        ),
    ]
    sections = "".join(_provider_section(i, provider) for i, provider in enumerate(result.providers))
    town_words = "".join(f"<p>{escape(line.strip())}</p>" for line in str(result).splitlines()[-3:])
    body = f"""<h1>{escape(title)}</h1>
<p class="meta">meantime {escape(__version__)} &middot; {datetime.date.today().isoformat()} &middot;
{result.path_count:,} simulated futures over {result.months} months, seed {result.seed}</p>
<section id="town">
<h2>The town</h2>
<p>{escape("; ".join(setting))}.</p>
{town_words}
<table><thead><tr><th>answer</th><th>estimate</th><th>± (95% interval)</th><th>unit</th></tr></thead>
<tbody>{rows}</tbody></table>
{"".join(charts)}
</section>
{sections}
<p class="note">A model is a way of thinking through the uncertainty, not a forecast.</p>"""
    return page_html(title, body)


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
