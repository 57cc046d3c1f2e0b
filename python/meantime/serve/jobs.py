"""Runs in the background, a few at a time, each owned by one browser session.

The engine releases the GIL, so a run on a worker thread leaves the server answering; the page
asks for a job's progress until it is done. A session's new run replaces its unfinished one
(the person changed a value: the old answer is no longer wanted).
"""

from __future__ import annotations

import concurrent.futures
import secrets
import threading
import time
from typing import Any, Callable

from ..errors import Error, RunCancelled

__all__ = ["Job", "JobRunner", "TooBusy"]

#: Finished jobs are forgotten after this long (the page has fetched its answer by then).
_KEEP_SECONDS = 600
_MAX_WAITING_PER_OWNER = 4


class TooBusy(RuntimeError):
    """This session already has as many runs waiting as it may."""


class Job:
    def __init__(self, owner: str, kind: str, total: int) -> None:
        self.id = secrets.token_urlsafe(12)
        self.owner, self.kind, self.total = owner, kind, total
        self.done = 0
        self.state = "waiting"
        self.result: Any = None
        self.error: str | None = None
        self.finished_at: float | None = None
        self.cancelled = False
        self.finished = threading.Event()

    def progress(self, done: int, total: int) -> bool:
        self.done, self.total = done, total
        return not self.cancelled  # False stops the engine

    def view(self) -> dict[str, Any]:
        view = {"id": self.id, "kind": self.kind, "state": self.state, "done": self.done, "total": self.total}
        if self.state == "done":
            view["result"] = self.result
        if self.error:
            view["error"] = self.error
        return view


class JobRunner:
    """A pool of ``workers`` threads running jobs in order of arrival."""

    def __init__(self, workers: int) -> None:
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="meantime-run")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def submit(
        self,
        owner: str,
        kind: str,
        total: int,
        work: Callable[[Callable[[int, int], bool]], Any],
        replace: tuple[str, ...] = (),
    ) -> Job:
        """Queue ``work`` for ``owner``, first stopping the owner's unfinished jobs of the kinds in
        ``replace`` (a run after a change makes the previous run and its follow-up pointless)."""
        job = Job(owner, kind, total)
        with self._lock:
            self._forget_old()
            mine = [j for j in self._jobs.values() if j.owner == owner and not j.finished.is_set()]
            for other in mine:
                if other.kind in replace:
                    other.cancelled = True
            if sum(not j.cancelled for j in mine) >= _MAX_WAITING_PER_OWNER:
                raise TooBusy(
                    f"{_MAX_WAITING_PER_OWNER} runs are already waiting for this page: wait for them, "
                    "or ask for fewer futures"
                )
            self._jobs[job.id] = job
        self._pool.submit(self._run, job, work)
        return job

    def _run(self, job: Job, work: Callable[[Callable[[int, int], bool]], Any]) -> None:
        try:
            if job.cancelled:
                raise RunCancelled("replaced by a newer run")
            job.state = "running"
            job.result = work(job.progress)
            job.done = job.total
            job.state = "done"
        except RunCancelled:
            job.state, job.error = "cancelled", "replaced by a newer run"
        except TimeoutError as error:  # RunTimeout: the run-time limit
            job.state, job.error = "failed", f"the run took too long and was stopped ({error}); ask for fewer futures"
        except (Error, ValueError, MemoryError) as error:
            job.state, job.error = "failed", str(error)
        except Exception as error:  # the page must hear of any failure rather than wait for ever
            job.state, job.error = "failed", f"the run failed: {type(error).__name__}: {error}"
        finally:
            job.finished_at = time.monotonic()
            job.finished.set()

    def get(self, owner: str, job_id: str) -> Job | None:
        job = self._jobs.get(job_id)
        return job if job is not None and job.owner == owner else None

    def _forget_old(self) -> None:
        now = time.monotonic()
        for key in [k for k, j in self._jobs.items() if j.finished_at and now - j.finished_at > _KEEP_SECONDS]:
            del self._jobs[key]

    def close(self) -> None:
        with self._lock:
            for job in self._jobs.values():
                job.cancelled = True
        self._pool.shutdown(wait=True, cancel_futures=True)
