"""The advisor's page (`meantime serve`) timed as a person meets it, on this machine.

- page load: headless Chromium opens the page until it is ready to type into (the form built from
  the field table, the questions of a new idea asked, the saved cases listed; target under 2 s),
  the first time on a server just started;
- answer after a change, over HTTP: a 10,000-future run asked as the page asks after each change,
  until its answer is back (target under a second), and the line on the same futures without
  benefits the page asks for once that answer is shown; each on the clock and in the server's
  processor time (both cores' seconds together), which other work on a shared machine does not
  stretch;
- answer after a change, in the page: a new price typed into the form until the answer is drawn
  (headline, cards, charts), and until its follow-ups are in (the line without benefits, then,
  where benefits make it depend on savings, the extra capital's search).

Each is repeated (best and median shown). ``--screenshot FILE.png`` also saves the page with a
founder's idea answered, for the README and docs.

    .venv/bin/python bench/serve_page.py [--repeat 5] [--screenshot docs/images/serve-page.png]
"""

from __future__ import annotations

import argparse
import io
import os
import pathlib
import statistics
import sys
import tempfile
import time

from PIL import Image

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "python"))
from browser_tab import Tab  # noqa: E402
from serve_helpers import FOUNDERS_IDEA as IDEA  # noqa: E402
from serve_helpers import Server, Session  # noqa: E402

_SETTLED = "state.lastRun > {before} && state.{what} === state.lastRun"


def shown(times: list[float]) -> str:
    return f"best {min(times):.3f} s, median {statistics.median(times):.3f} s ({len(times)} runs)"


def small_png(png: bytes) -> bytes:
    """The screenshot in 64 colours (a page of text and flat charts loses nothing a reader sees)."""
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def cpu_seconds(pid: int) -> float:
    """The processor time a process has used so far, all its threads (user and system)."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def over_http(server: Server, repeat: int) -> dict[str, list[float]]:
    """Seconds for a 10,000-future answer, and for its line without benefits, after each change:
    on the clock, and the server's processor time (what the machine's load does not stretch)."""
    browser = Session(server.url)
    values = browser.start_values()["values"]
    times: dict[str, list[float]] = {"answer": [], "without": [], "answer_cpu": [], "without_cpu": []}
    for i in range(repeat + 1):
        request = {"values": dict(values, **{"business.price_per_session": str(10 + i)}), "paths": 10_000, "seed": 2026}
        cpu, start = cpu_seconds(server.process.pid), time.perf_counter()
        job = browser.finished(browser.request("POST", "/api/run", request))
        cpu_answered, answered = cpu_seconds(server.process.pid), time.perf_counter()
        assert job["state"] == "done", job
        without = browser.finished(browser.request("POST", "/api/without-benefits", request))
        assert without["state"] == "done", without
        if i:  # the first run warms the server (imports)
            times["answer"].append(answered - start)
            times["without"].append(time.perf_counter() - answered)
            times["answer_cpu"].append(cpu_answered - cpu)
            times["without_cpu"].append(cpu_seconds(server.process.pid) - cpu_answered)
    return times


def answer_the_questions(tab: Tab) -> None:
    for key, text in IDEA.items():
        tab.wait_until(f"!document.querySelector('.question[data-key={key}]').hidden", timeout=30)
        before = tab.eval("state.guidedTicket")
        tab.type(f"#q-{key}", text)
        tab.wait_until(f"state.guidedShown > {before}", timeout=30)


def in_the_page(url: str, folder: pathlib.Path, repeat: int, screenshot: pathlib.Path | None) -> dict[str, list]:
    times: dict[str, list] = {"load": [], "drawn": [], "whole": []}
    for i in range(repeat):
        tab = Tab(folder)
        try:
            start = time.perf_counter()
            tab.open(url + "/")
            tab.wait_until("document.body.dataset.ready === 'yes'", timeout=60)
            times["load"].append(time.perf_counter() - start)
            before = tab.eval("state.lastRun")
            answer_the_questions(tab)
            tab.wait_until(_SETTLED.format(before=before, what="completed"), timeout=60)
            before = tab.eval("state.lastRun")
            start = time.perf_counter()
            tab.type("#f-business-price_per_session", str(44 + i))
            tab.wait_until(_SETTLED.format(before=before, what="answered"), timeout=60)
            times["drawn"].append(time.perf_counter() - start)
            tab.wait_until(_SETTLED.format(before=before, what="completed"), timeout=60)
            times["whole"].append(time.perf_counter() - start)
            if screenshot and i == repeat - 1:
                before = tab.eval("state.lastRun")
                tab.type("#f-business-price_per_session", "45")  # back to the idea's £30 an hour
                tab.wait_until(_SETTLED.format(before=before, what="completed"), timeout=60)
                tab.eval("document.activeElement.blur(); window.scrollTo(0, 0)")
                screenshot.write_bytes(small_png(tab.screenshot()))
        finally:
            tab.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--screenshot", type=pathlib.Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server = Server(pathlib.Path(folder)).wait_ready()
        try:
            # The page first, so that its first opening meets a server that has answered nothing yet.
            page = in_the_page(server.url, pathlib.Path(folder), args.repeat, args.screenshot)
            http = over_http(server, args.repeat)
        finally:
            server.stop()
    print(f"page ready to type into:                      {shown(page['load'])}  (target under 2 s)")
    print(f"  the first time, the server just started:    {page['load'][0]:.3f} s")
    print(f"10,000 futures after a change, over HTTP:     {shown(http['answer'])}  (target under 1 s)")
    print(f"  the server's processor time (2 cores):      {shown(http['answer_cpu'])}")
    print(f"  then its line without benefits:             {shown(http['without'])}")
    print(f"  the server's processor time (2 cores):      {shown(http['without_cpu'])}")
    print(f"a price typed in the page, to the answer drawn: {shown(page['drawn'])}")
    print(f"  and to its follow-ups (no benefits, capital): {shown(page['whole'])}")
    if args.screenshot:
        print(f"wrote {args.screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
