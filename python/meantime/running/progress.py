"""Progress bars for long runs (tqdm; the notebook widget under Jupyter via ``tqdm.auto``)."""

from __future__ import annotations

import time
from typing import Any, Callable, Optional

__all__ = ["ProgressBar"]

# A run's duration is judged once it has gone this long, from the share of paths done.
_JUDGE_AFTER_SECONDS = 0.2


def _new_bar(total: int) -> Any:
    options = dict(total=total, unit="path", unit_scale=True, desc="meantime", dynamic_ncols=True)
    try:
        from tqdm.auto import tqdm  # the widget in Jupyter, text elsewhere

        return tqdm(**options)
    except ImportError:  # Jupyter without ipywidgets: the notebook bar cannot be drawn
        from tqdm.std import tqdm

        return tqdm(**options)


class ProgressBar:
    """Reports a run's progress on a tqdm bar, at once or only when the run is long.

    The engine calls it as ``bar(done, total)`` about every 0.1 s on the calling thread.

    Parameters
    ----------
    total : int
        Paths in the run.
    always : bool, default False
        Show the bar from the start. Otherwise it appears once the run, judged from the share
        of paths done so far, looks like taking longer than ``after`` seconds.
    after : float, default 1.0
        See ``always``.
    clock : callable, optional
        Seconds as a float (for tests); ``time.monotonic`` by default.
    """

    def __init__(
        self, total: int, always: bool = False, after: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.total = total
        self.always = always
        self.after = after
        self._clock = clock
        self._start = clock()
        self.bar: Optional[Any] = None  # a tqdm bar, once shown (tqdm has no type information)

    def expected_seconds(self, done: int) -> float:
        """The run's whole duration as projected from the paths done so far."""
        elapsed = self._clock() - self._start
        if elapsed < _JUDGE_AFTER_SECONDS:
            return 0.0
        if done <= 0:
            return float("inf")
        return elapsed * self.total / done

    def __call__(self, done: int, total: int) -> bool:
        if self.bar is None and (self.always or self.expected_seconds(done) > self.after):
            self.bar = _new_bar(total)
        if self.bar is not None:
            self.bar.update(done - self.bar.n)
        return True

    def close(self) -> None:
        """Close the bar, if one was shown."""
        if self.bar is not None:
            self.bar.close()
