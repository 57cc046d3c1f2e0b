"""Uncertain parameters: a scenario field may be a number or a distribution, drawn once per path.

The families and their parameter names are the engine's (``Distribution.families()``). In a
dict (a scenario file, ``Scenario.to_dict()``) a distribution is written with its family under
``"dist"`` and its parameters by name, and a fixed value as a plain number::

    {"dist": "triangular", "min": 18, "mode": 22, "max": 25}
"""

from __future__ import annotations

import numbers
from typing import Any, Mapping

from .. import _core
from .spelling import spelled

__all__ = [
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
]


def format_number(x: float) -> str:
    """A number as a person would write it: ``60000`` rather than ``60000.0``."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


# The engine's distribution, named apart from the attribute `_core` that holds one.
_CoreDistribution = _core.Distribution


class Distribution:
    """A distribution family with its parameters, drawn once per path.

    Usually made with a helper (:func:`triangular`, :func:`research_share`, ...) or read from a
    dict with :meth:`from_dict`. Immutable, hashable and comparable.

    Parameters
    ----------
    kind : str
        The family: one of :meth:`families` (``"fixed"``, ``"uniform"``, ``"triangular"``,
        ``"pert"``, ``"normal"``, ``"lognormal"``, ``"beta"``, ``"gamma"``).
    **parameters : float
        Every parameter of the family by name (:meth:`parameter_names`).

    Raises
    ------
    ValueError
        For an unknown family, a missing or unknown parameter, or parameters that break the
        family's rule (``min <= mode <= max``, ``sd >= 0``...).

    Examples
    --------
    >>> from meantime import Distribution
    >>> d = Distribution("triangular", min=18, mode=22, max=25)
    >>> d
    triangular(min=18, mode=22, max=25)
    >>> d.to_dict()
    {'dist': 'triangular', 'min': 18.0, 'mode': 22.0, 'max': 25.0}
    >>> Distribution.from_dict(d.to_dict()) == d
    True
    """

    __slots__ = ("_core",)
    _core: _core.Distribution

    def __init__(self, kind: str, **parameters: float) -> None:
        if kind not in _core.distribution_names():
            raise ValueError(_unknown_family(kind))
        names = _core.distribution_parameter_names(kind)
        if kind == "research" and "prior" not in parameters:  # files written before the prior existed
            parameters = {**parameters, "prior": RESEARCH_PRIOR}
        unknown = [name for name in parameters if name not in names]
        missing = [name for name in names if name not in parameters]
        if unknown or missing:
            raise ValueError(
                f"{kind} takes the parameters {', '.join(names)}"
                + (f"; unknown: {', '.join(unknown)}" if unknown else "")
                + (f"; missing: {', '.join(missing)}" if missing else "")
            )
        values: list[float] = []
        for name in names:
            value = parameters[name]
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise ValueError(f"{kind}: {name} must be a number, got {type(value).__name__}")
            values.append(float(value))
        core = _core.Distribution(kind, values)
        problem = core.problem()
        if problem:
            raise ValueError(f"{kind}: {problem}")
        object.__setattr__(self, "_core", core)

    @classmethod
    def _wrap(cls, core: _CoreDistribution) -> "Distribution":
        d = object.__new__(cls)
        object.__setattr__(d, "_core", core)
        return d

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Distribution cannot be changed; make a new one")

    @staticmethod
    def families() -> list[str]:
        """The distribution families the engine knows."""
        return list(_core.distribution_names())

    @staticmethod
    def parameter_names(kind: str) -> list[str]:
        """The parameter names of the family ``kind``, in order."""
        if kind not in _core.distribution_names():
            raise ValueError(_unknown_family(kind))
        return list(_core.distribution_parameter_names(kind))

    @property
    def kind(self) -> str:
        """The family name."""
        return self._core.kind

    @property
    def parameters(self) -> dict[str, float]:
        """The parameters by name, in the family's order."""
        return dict(zip(self._core.parameter_names, self._core.parameters))

    @property
    def is_fixed(self) -> bool:
        """True for a certain value (the ``fixed`` family)."""
        return self.kind == "fixed"

    def mean(self) -> float:
        """The expected value."""
        return self._core.mean()

    @property
    def support(self) -> tuple[float, float]:
        """The smallest and largest value a draw can take (may be infinite)."""
        low, high = self._core.support
        return low, high

    def to_dict(self) -> float | dict[str, Any]:
        """The distribution as plain data: a number when fixed, else ``{"dist": kind, ...}``."""
        if self.is_fixed:
            return self._core.parameters[0]
        return {"dist": self.kind, **self.parameters}

    @classmethod
    def from_dict(cls, data: float | Mapping[str, Any]) -> "Distribution":
        """Read a distribution written by :meth:`to_dict`.

        Parameters
        ----------
        data : float or dict
            A number (a fixed value) or ``{"dist": kind, <parameter>: value, ...}``.

        Raises
        ------
        ValueError
            When ``data`` is neither, or names an unknown family or parameter.
        """
        if isinstance(data, Distribution):
            return data
        if isinstance(data, numbers.Real) and not isinstance(data, bool):
            return fixed(float(data))
        if not isinstance(data, Mapping) or "dist" not in data:
            raise ValueError(
                'a distribution is written as a number or {"dist": <family>, <parameter>: <value>, ...}, '
                f"got {data!r}"
            )
        parameters = dict(data)
        kind = parameters.pop("dist")
        return cls(kind, **parameters)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Distribution):
            return NotImplemented
        return self._core == other._core

    def __hash__(self) -> int:
        return hash(self._core)

    def __repr__(self) -> str:
        """As code: the family's helper function, or ``Distribution(kind, ...)`` for a family
        that has none here."""
        if self.is_fixed:
            return f"fixed({format_number(self._core.parameters[0])})"
        inside = ", ".join(f"{name}={format_number(value)}" for name, value in self.parameters.items())
        helper = _HELPERS.get(self.kind)
        if helper is None:
            return f"Distribution({self.kind!r}, {inside})"
        return f"{helper}({inside})"

    def __reduce__(self):
        return (_from_parameters, (self.kind, tuple(self._core.parameters)))


# The helper of each family (the engine's "research" family is made by research_share).
_HELPERS = {
    "fixed": "fixed",
    "uniform": "uniform",
    "triangular": "triangular",
    "pert": "pert",
    "normal": "normal",
    "lognormal": "lognormal",
    "beta": "beta",
    "gamma": "gamma",
    "research": "research_share",
}


def _from_parameters(kind: str, values: tuple[float, ...]) -> Distribution:
    return Distribution(kind, **dict(zip(_core.distribution_parameter_names(kind), values)))


def _unknown_family(kind: object) -> str:
    names = list(_core.distribution_names())
    message = f"unknown distribution {spelled(kind)}"
    suggestion = _core.closest_name(str(kind), names)
    if suggestion:
        message += f"; did you mean {spelled(suggestion)}?"
    return message + f" (valid: {', '.join(names)})"


def fixed(value: float) -> Distribution:
    """A certain value: ``fixed(60000)``. A plain number in a scenario means the same."""
    return Distribution("fixed", value=value)


def uniform(min: float, max: float) -> Distribution:
    """Any value between ``min`` and ``max`` equally likely.

    Examples
    --------
    >>> import meantime
    >>> meantime.uniform(0.02, 0.05)
    uniform(min=0.02, max=0.05)
    """
    return Distribution("uniform", min=min, max=max)


def triangular(min: float, mode: float, max: float) -> Distribution:
    """Triangular between ``min`` and ``max``, most likely at ``mode``.

    Examples
    --------
    >>> import meantime
    >>> meantime.triangular(18, 22, 25).mean()
    21.666666666666668
    """
    return Distribution("triangular", min=min, mode=mode, max=max)


def pert(min: float, mode: float, max: float) -> Distribution:
    """Beta-PERT (lambda = 4) between ``min`` and ``max`` around ``mode``: a smoother triangular.

    Examples
    --------
    >>> import meantime
    >>> meantime.pert(10, 12, 20).mean()
    13.0
    """
    return Distribution("pert", min=min, mode=mode, max=max)


def normal(mean: float, sd: float) -> Distribution:
    """Normal with ``mean`` and standard deviation ``sd``.

    A bounded field accepts it only when the bound lies beyond five standard deviations.

    Examples
    --------
    >>> import meantime
    >>> meantime.normal(1250, 100)
    normal(mean=1250, sd=100)
    """
    return Distribution("normal", mean=mean, sd=sd)


def lognormal(median: float, sigma: float) -> Distribution:
    """Lognormal with ``median`` and ``sigma`` the standard deviation of the log.

    Examples
    --------
    >>> import meantime
    >>> meantime.lognormal(60000, 0.2)
    lognormal(median=60000, sigma=0.2)
    """
    return Distribution("lognormal", median=median, sigma=sigma)


def beta(alpha: float, beta: float) -> Distribution:
    """Beta(``alpha``, ``beta``) on [0, 1]: a share or a probability.

    Examples
    --------
    >>> import meantime
    >>> meantime.beta(2, 8).mean()
    0.2
    """
    return Distribution("beta", alpha=alpha, beta=beta)


def gamma(shape: float, scale: float) -> Distribution:
    """Gamma with ``shape`` and ``scale`` (mean ``shape * scale``).

    Examples
    --------
    >>> import meantime
    >>> meantime.gamma(4, 0.5).mean()
    2.0
    """
    return Distribution("gamma", shape=shape, scale=scale)


# The prior mean of market research when none is given (the engine's kResearchPrior): a few
# percent, so that asking nobody gives no rosier an answer than asking (illustrative).
RESEARCH_PRIOR = 0.05


def research_share(asked: int, interested: int, prior: float = RESEARCH_PRIOR) -> Distribution:
    """Market research as a share: "asked ``asked``, ``interested`` were interested".

    The Beta(2m + interested, 2(1 - m) + asked - interested) posterior of a Beta(2m, 2(1 - m))
    prior with mean m = ``prior``, worth two people asked (m = 1/2 is the uniform prior; the
    default, a few percent, keeps asking nobody from looking better than asking): the
    engine's own ``research`` family where it has one (which keeps the counts), else that beta.

    Parameters
    ----------
    asked : int
        How many people were asked.
    interested : int
        How many of them were interested (0 <= interested <= asked).
    prior : float
        The share expected before asking anyone (0 < prior < 1).

    Returns
    -------
    Distribution

    Raises
    ------
    ValueError
        When the counts are not whole numbers with 0 <= interested <= asked.

    Examples
    --------
    >>> import meantime
    >>> round(meantime.research_share(40, 10).mean(), 4)  # (10 + 0.1) / 42
    0.2405
    >>> meantime.research_share(0, 0).mean()  # asking nobody: the prior's mean
    0.05
    """
    for name, value in (("asked", asked), ("interested", interested)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise ValueError(f"research_share: {name} must be a whole number, got {value!r}")
    if not 0 <= interested <= asked:
        raise ValueError(f"research_share: needs 0 <= interested <= asked, got asked={asked}, interested={interested}")
    if not 0 < prior < 1:
        raise ValueError(f"research_share: prior must be > 0 and < 1, got {prior!r}")
    if "research" in _core.distribution_names():
        return Distribution("research", asked=asked, interested=interested, prior=prior)
    return beta(2 * prior + interested, 2 * (1 - prior) + (asked - interested))
