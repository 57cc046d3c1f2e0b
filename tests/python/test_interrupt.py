"""Ctrl-C stops a long run quickly, joins the engine's threads, and leaves the process usable.

Each test starts a run in a fresh Python process and sends it SIGINT, as a terminal's Ctrl-C
or Jupyter's "interrupt kernel" does.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import pinned_first_paths

# A run far longer than the test (about 10^9 paths); it must end on SIGINT.
CHILD = textwrap.dedent(
    """
    import os, signal, sys, threading, time
    # A process started in the background may inherit SIGINT ignored; a terminal's Python has
    # the default handler, which is what this test is about.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    import meantime

    def native_threads():
        # Threads the OS runs that Python did not start (the engine's workers, BLAS pools).
        return len(os.listdir("/proc/self/task")) - threading.active_count()

    before = native_threads()
    catch = sys.argv[1] == "catch"
    progress = {"bar": True, "off": False}[sys.argv[2]]
    print("running", flush=True)
    try:
        meantime.simulate(paths=10**9, keep_outcomes=False, progress=progress)
    except KeyboardInterrupt:
        if not catch:
            raise
        print("interrupted", flush=True)
        print("leaked threads", native_threads() - before, flush=True)
        result = meantime.simulate(paths=1000, seed=2026, progress=False)
        print("second run", result.outcomes.loc[0, "lowest_cash"], flush=True)
    """
)

# Generous for a loaded 2-core machine: the engine looks for Ctrl-C every 0.1 s, and a block of
# 256 paths takes about a millisecond.
PROMPT_SECONDS = 1.5


def start_and_interrupt(catch: str, progress: str) -> tuple[subprocess.Popen, float, list[str]]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, catch, progress],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "running"
    time.sleep(0.5)  # well into the run
    assert child.poll() is None, "the run ended by itself"
    sent = time.perf_counter()
    child.send_signal(signal.SIGINT)
    try:
        child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        pytest.fail("the run did not stop on SIGINT")
    return child, time.perf_counter() - sent, child.stdout.read().splitlines()


@pytest.mark.parametrize("progress", ["off", "bar"])
def test_ctrl_c_stops_a_long_run_and_the_next_run_works(progress):
    child, seconds, lines = start_and_interrupt("catch", progress)
    stderr = child.stderr.read()
    assert child.returncode == 0, stderr
    assert lines[0] == "interrupted"
    assert seconds < PROMPT_SECONDS, f"took {seconds:.2f} s to stop"
    assert lines[1] == "leaked threads 0"  # the engine's workers were joined
    # The C++ golden value of path 0: the process still works, and works right.
    assert lines[2] == f"second run {pinned_first_paths()[0][2]}"


def test_an_uncaught_ctrl_c_ends_the_process_with_keyboard_interrupt():
    child, seconds, _ = start_and_interrupt("raise", "off")
    stderr = child.stderr.read()
    assert "KeyboardInterrupt" in stderr
    assert child.returncode == -signal.SIGINT  # Python re-raises SIGINT on an unhandled KeyboardInterrupt
    assert seconds < PROMPT_SECONDS + 1.0  # includes the interpreter's shutdown


def test_a_run_releases_the_gil():
    # Another Python thread keeps running while the engine works: with the GIL held for the
    # whole run it would advance only before and after.
    import threading

    import meantime

    ticks = 0
    running = True

    def count() -> None:
        nonlocal ticks
        while running:
            ticks += 1

    counter = threading.Thread(target=count)
    counter.start()
    try:
        time.sleep(0.05)
        before = ticks
        meantime.simulate(paths=50_000, keep_outcomes=False, threads=1, progress=False)
        during = ticks - before
    finally:
        running = False
        counter.join()
    # About 10 million a second here; a held GIL would allow one switch interval (5 ms, some
    # 50,000) before the engine starts.
    assert during > 500_000
