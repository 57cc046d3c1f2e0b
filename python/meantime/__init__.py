"""meantime: will a micro-provider break even before the founder's money runs out?

A Monte Carlo library for tiny local support businesses selling to personal-budget holders.
The engine is C++ (``meantime._core``); this package is its Python face.

Examples
--------
>>> import meantime
>>> s = meantime.default_scenario().replace(business__price_per_session=12)
>>> result = meantime.simulate(s, paths=2_000, seed=1)
>>> table = result.summary()          # headline answers with standard errors
>>> monthly = result.monthly          # per-month statistics, indexed by month
>>> outcomes = result.outcomes        # one row per path, no copies
>>> print(result)                     # doctest: +SKIP
7 in 10 futures survive 36 months (...)
"""

# The engine, and the subpackages reached as meantime.plot and meantime.report (importing them also
# gives the results' plot and report methods their views: see running/views.py).
from . import _core, plot, report  # noqa: F401
from .analyses import (
    CAPACITY_OBJECTIVES,
    HEADLINES,
    PORTFOLIO_OBJECTIVES,
    PORTFOLIO_RULES,
    PRICE_OBJECTIVES,
    MarketCapacity,
    Portfolio,
    best_price,
    break_even,
    collective_effect,
    compare,
    market_capacity,
    portfolio,
    price_curve,
    required_capital,
    sensitivity,
    sweep,
)
from .errors import (
    ArgumentError,
    Error,
    EssentialsMissing,
    FewSamplesWarning,
    MemoryLimitError,
    MergeError,
    NotKeptError,
    RunCancelled,
    RunSettingsError,
    RunTimeout,
    ScenarioError,
)
from .running.result import FAILURE_CAUSES, MONTHLY_QUANTILES, SERIES, Result
from .running.settings import DEFAULT_PATHS, DEFAULT_SEED, RunSettings
from .running.simulation import simulate
from .running.town_result import TOWN_SERIES, TOWN_TOTALS, TownResult
from .scenario import (
    benefits,  # noqa: F401  (meantime.benefits.universal_credit(...))
    records,
)
from .scenario.distributions import (
    Distribution,
    beta,
    fixed,
    gamma,
    lognormal,
    normal,
    pert,
    research_share,
    triangular,
    uniform,
)
from .scenario.files import ScenarioFileError
from .scenario.record_base import RECORD_CLASSES  # noqa: F401  (by path: meantime.RECORD_CLASSES["market"])
from .scenario.records import *  # noqa: F403  (Record, and the record classes: records.__all__)
from .scenario.scenario import Scenario, default_scenario
from .scenario.schema import FieldInfo, scenario_fields
from .version import __version__  # noqa: F401

__all__ = [
    "Scenario",
    "benefits",
    "FieldInfo",
    "default_scenario",
    "scenario_fields",
    "Distribution",
    "fixed",
    "uniform",
    "triangular",
    "pert",
    "normal",
    "lognormal",
    "beta",
    "gamma",
    "research_share",
    "simulate",
    "RunSettings",
    "DEFAULT_SEED",
    "DEFAULT_PATHS",
    "break_even",
    "required_capital",
    "sweep",
    "price_curve",
    "best_price",
    "PRICE_OBJECTIVES",
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
    "Result",
    "TownResult",
    "TOWN_SERIES",
    "TOWN_TOTALS",
    "SERIES",
    "FAILURE_CAUSES",
    "MONTHLY_QUANTILES",
    "Error",
    "ScenarioError",
    "ScenarioFileError",
    "EssentialsMissing",
    "RunSettingsError",
    "ArgumentError",
    "MemoryLimitError",
    "RunCancelled",
    "RunTimeout",
    "MergeError",
    "NotKeptError",
    "FewSamplesWarning",
]
# Record and the record classes, one per group and list of the engine's schema, by name.
__all__ += records.__all__
