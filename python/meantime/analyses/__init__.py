"""Analyses that answer the users' questions, each a function returning a pandas DataFrame.

- :func:`break_even`: sessions, clients and price needed; can the market and the diary supply
  them? (no simulation)
- :func:`required_capital`: the starting savings for a survival target, with a confidence
  interval.
- :func:`sweep`: a grid over any fields, common random numbers.
- :func:`price_curve`, :func:`best_price`: answers against price; the price that pays the
  founder most while surviving and staying affordable.
- :func:`sensitivity`: tornado or Sobol indices.
- :func:`compare`: scenarios side by side, with paired differences.
- :func:`collective_effect`: a town's collective members' survival with and without it.
- :func:`portfolio`: a funder's pot of start-up grants split among a town's candidates, by a rule
  (none, equal, by need, optimised), with what each buys.
- :func:`market_capacity`: how many providers of one kind a town's pool of budget holders
  sustains: survivors and budget holders served for 1..K providers sharing the pool.

Every analysis that simulates takes the run settings (:class:`~meantime.RunSettings`: ``paths``,
``seed``, ``threads``, ``progress`` -- one bar over the whole analysis -- and, where it can use a
cluster, ``client``, ``chunk_paths`` and ``retries``), one by one or together as ``settings=``;
runs every scenario with the same seed (common random numbers), and gives every probability with
its standard error. They run their scenarios through :class:`meantime.analyses._runs.Runs`.
"""

from ._funding_file import FundingPlan, read_funding
from ._headlines import HEADLINES
from .capacity import CAPACITY_OBJECTIVES, MarketCapacity, market_capacity
from .capital import required_capital
from .collective import collective_effect
from .comparison import compare
from .deterministic import break_even
from .portfolio import OBJECTIVES as PORTFOLIO_OBJECTIVES
from .portfolio import RULES as PORTFOLIO_RULES
from .portfolio import Portfolio, portfolio
from .price import PRICE_OBJECTIVES, best_price, price_curve
from .sensitivities import sensitivity
from .sweeps import sweep

__all__ = [
    "break_even",
    "required_capital",
    "sweep",
    "price_curve",
    "best_price",
    "sensitivity",
    "compare",
    "collective_effect",
    "portfolio",
    "Portfolio",
    "PORTFOLIO_OBJECTIVES",
    "PORTFOLIO_RULES",
    "market_capacity",
    "MarketCapacity",
    "CAPACITY_OBJECTIVES",
    "HEADLINES",
    "read_funding",
    "FundingPlan",
    "PRICE_OBJECTIVES",
]
