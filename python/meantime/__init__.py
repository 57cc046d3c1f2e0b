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

from . import _core
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
from .errors import (
    ArgumentError,
    EssentialsMissing,
    Error,
    MemoryLimitError,
    MergeError,
    NotKeptError,
    RunCancelled,
    RunSettingsError,
    RunTimeout,
    ScenarioError,
)
from .running.result import FAILURE_CAUSES, MONTHLY_QUANTILES, SERIES, Result
from .running.simulation import simulate
from .running.town_result import TOWN_SERIES, TOWN_TOTALS, TownResult
from .scenario.records import RECORD_CLASSES, Record
from .scenario.schema import FieldInfo, scenario_fields
from .scenario.scenario import Scenario, default_scenario
from .analyses import (
    CAPACITY_OBJECTIVES,
    HEADLINES,
    PORTFOLIO_OBJECTIVES,
    PORTFOLIO_RULES,
    best_price,
    break_even,
    collective_effect,
    compare,
    market_capacity,
    MarketCapacity,
    Portfolio,
    portfolio,
    price_curve,
    required_capital,
    sensitivity,
    sweep,
)
from .scenario.files import ScenarioFileError
from . import plot

__version__ = "0.1.0"

# The record classes (Market, Clients, Business, Household, Run, ...) come from the engine's
# schema; they are exported by name so that `meantime.Business(...)` works.
globals().update({cls.__name__: cls for cls in RECORD_CLASSES.values()})

__all__ = [
    "Scenario",
    "Record",
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
] + [cls.__name__ for cls in RECORD_CLASSES.values()]
