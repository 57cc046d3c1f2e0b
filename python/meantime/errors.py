"""The exceptions meantime raises.

Every error of the engine arrives as one of these classes (the compiled module translates
each C++ ``meantime::Error``), so nothing reaches you as ``RuntimeError: unknown``. All derive
from :class:`Error`; each also derives from the builtin exception a Python user would expect
(``ValueError`` for bad input, ``MemoryError`` for a run that would not fit).
"""

from __future__ import annotations

__all__ = [
    "Error",
    "ScenarioError",
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


class Error(Exception):
    """Base class of every meantime error."""


class ScenarioError(Error, ValueError):
    """A scenario field breaks a rule.

    Parameters
    ----------
    field : str
        The dotted path of the field, e.g. ``"business.price_per_session"``.
    rule : str
        The broken rule in plain words, with the offending value, e.g.
        ``"must be > 0 and <= 100000, got -12"``.

    Examples
    --------
    >>> import meantime
    >>> try:
    ...     meantime.default_scenario().replace(business__price_per_session=-12)
    ... except meantime.ScenarioError as error:
    ...     print(error.field)
    business.price_per_session
    """

    def __init__(self, field: str, rule: str, problems: "tuple[ScenarioError, ...]" = ()) -> None:
        super().__init__(_listed(f"{field}: {rule}", [f"{p.field}: {p.rule}" for p in problems]))
        self.field: str = field
        self.rule: str = rule
        self._problems = tuple(problems)

    @property
    def problems(self) -> "tuple[ScenarioError, ...]":
        """Every mistake found, in order (in a file, in line order): the first is this error's
        own ``field`` and ``rule``. One mistake: ``(self,)``."""
        return self._problems or (self,)

    def __reduce__(self):
        return (type(self), (self.field, self.rule, self._problems))


def _listed(first: str, lines: "list[str]") -> str:
    """One mistake in one line; several as a count and one line each, so none is hidden."""
    if len(lines) <= 1:
        return first
    return f"{len(lines)} mistakes:\n" + "\n".join(f"  {line}" for line in lines)


class EssentialsMissing(ScenarioError):
    """A scenario leaves essential values (the price, the hours, the market's size, the
    household's money) to the built-in example without saying so.

    The message lists every one missing and how to write it. ``missing`` holds their dotted
    paths.
    """

    def __init__(self, field: str, rule: str, missing: "tuple[str, ...]" = ()) -> None:
        super().__init__(field, rule)
        self.missing = tuple(missing)

    def __reduce__(self):
        return (type(self), (self.field, self.rule, self.missing))


class RunSettingsError(ScenarioError):
    """A run setting (``paths``, ``seed``, ``threads``...) is unusable; ``field`` names it."""


class ArgumentError(ScenarioError):
    """An argument of an analysis is unusable; ``field`` (also ``argument``) names it.

    Raised for a survival target outside (0, 1), an empty grid, an unknown field name in a grid
    or ranges (with the closest valid name), a negative price, a range whose low end is above
    its high end... A ``ValueError`` (and a :class:`ScenarioError`, as the argument usually
    holds scenario values).

    Examples
    --------
    >>> import meantime
    >>> try:
    ...     meantime.required_capital(meantime.default_scenario(), survival=1.5)
    ... except meantime.ArgumentError as error:
    ...     print(error)
    survival: must be between 0 and 1 (exclusive), got 1.5
    """

    @property
    def argument(self) -> str:
        """The argument's name, as in the function's signature (with the field, where one)."""
        return self.field


class MemoryLimitError(Error, MemoryError):
    """The per-path arrays of a run would not fit in memory.

    Raised before anything is allocated. The message gives the estimate and a remedy (keep
    fewer arrays, run fewer paths, or run in chunks).

    Parameters
    ----------
    message : str
        The estimate and the remedy in words.
    bytes_needed : int
        What the per-path arrays would take.
    bytes_available : int
        What the machine had available.
    """

    def __init__(self, message: str, bytes_needed: int, bytes_available: int) -> None:
        super().__init__(message)
        self.bytes_needed = bytes_needed
        self.bytes_available = bytes_available

    def __reduce__(self):
        return (type(self), (str(self), self.bytes_needed, self.bytes_available))


class RunCancelled(Error):
    """A run was stopped by its progress function returning False."""


class RunTimeout(Error, TimeoutError):
    """A run reached its time limit (``simulate(..., max_seconds=...)``) before every path was
    done. The engine's threads have stopped; no partial result is kept.

    Parameters
    ----------
    message : str
        The limit and how far the run got, in words.
    max_seconds : float
        The limit.
    paths_done : int
        Paths finished when the run stopped.
    """

    def __init__(self, message: str, max_seconds: float, paths_done: int) -> None:
        super().__init__(message)
        self.max_seconds = max_seconds
        self.paths_done = paths_done

    def __reduce__(self):
        return (type(self), (str(self), self.max_seconds, self.paths_done))


class MergeError(Error, ValueError):
    """Two results cannot be merged (different scenario or seed, or chunks not adjacent)."""


class NotKeptError(Error, LookupError):
    """The result did not keep what was asked for (outcomes or full path arrays)."""


class FewSamplesWarning(UserWarning):
    """An analysis ran too few samples for its own confidence intervals to be useful: its
    ranking may be noise. The message says how many samples would do (for Sobol indices see
    :func:`~meantime.sensitivity`, whose table also carries ``attrs["few_samples"]`` and
    ``attrs["samples_needed"]``)."""
