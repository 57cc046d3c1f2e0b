"""Plots (matplotlib) of runs and analyses, readable in black and white.

Every function draws on the ``ax=`` it is given (a new figure otherwise), returns that Axes,
labels its axes with their units, and tells its series apart by grey level, hatching, line style
and marker rather than by colour. Legends sit under the axes, off the data; error bars and
bands of an estimate are 95% intervals (:mod:`meantime.running.uncertainty`).

Of a run (:class:`~meantime.Result`; also its methods ``plot_cash``, ``plot_survival``,
``plot_break_even`` and ``plot_clients``):

- :func:`cash_fan` -- business, household or combined cash: the median future with the middle
  50% and 90% of futures (of those still going, when the run kept its paths), and a few single
  futures, each stopping where it fails;
- :func:`failures_over_time` -- the share of futures failed by each month, to draw beside the fan;
- :func:`survival_curve` -- the share of futures still going, with its confidence band;
- :func:`break_even_months` -- when operating and living break-even come, and how often never;
- :func:`clients_over_time` -- clients and the waiting list.

Of analysis tables (pandas DataFrames; each function documents the columns it reads):

- :func:`price_curve` -- survival, founder's income and the share priced out, against price;
- :func:`tornado` -- which assumptions move the answer most;
- :func:`sweep_heatmap` -- an answer over a grid of two fields.

Of a funder's portfolio (:func:`meantime.portfolio`):

- :func:`portfolio_allocation` -- each start-up's chances without and with its grant;
- :func:`pot_curve` -- expected services alive against the size of the pot, by rule;
- :func:`cost_per_survivor` -- pounds granted per surviving service against the pot.

Of a town's market capacity (:func:`meantime.market_capacity`):

- :func:`capacity_curve` -- expected survivors or budget holders served against the number of
  providers who start;
- :func:`survivors_distribution` -- how many of them are still trading, as stacked shares.

Examples
--------
>>> import matplotlib; matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> import meantime
>>> result = meantime.simulate(paths=1_000, seed=1, keep_paths=True, progress=False)
>>> fig, axes = plt.subplots(1, 2, figsize=(10, 4))
>>> _ = meantime.plot.cash_fan(result, ax=axes[0])
>>> _ = meantime.plot.survival_curve(result, ax=axes[1])
"""

from .analyses import price_curve, sweep_heatmap, tornado
from .capacity import capacity_curve, survivors_distribution
from .portfolio import allocation as portfolio_allocation
from .portfolio import cost_per_survivor, pot_curve
from .runs import break_even_months, cash_fan, cash_quantiles, clients_over_time, failures_over_time, survival_curve

__all__ = [
    "cash_fan",
    "cash_quantiles",
    "failures_over_time",
    "survival_curve",
    "break_even_months",
    "clients_over_time",
    "price_curve",
    "tornado",
    "sweep_heatmap",
    "portfolio_allocation",
    "pot_curve",
    "cost_per_survivor",
    "capacity_curve",
    "survivors_distribution",
]

from ..running.views import provide
from .capacity import capacity_panels

# The results' own plot methods (Result.plot_cash(), MarketCapacity.plot()...) draw with these:
# the running and analyses layers sit below this one and cannot import it.
provide("cash_fan", cash_fan)
provide("survival_curve", survival_curve)
provide("break_even_months", break_even_months)
provide("clients_over_time", clients_over_time)
provide("capacity_panels", capacity_panels)
