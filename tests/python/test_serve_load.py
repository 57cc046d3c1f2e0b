"""A bounded load on `meantime serve` at 127.0.0.1: 20 browsers at once, each running a few
versions of its own case and saving them; every answer must be the right one for its own values
(none lost, none crossed with another browser's) and each browser must list only its own cases."""

from __future__ import annotations

import concurrent.futures

import pytest

pytest.importorskip("starlette", reason="meantime serve needs pip install 'meantime[serve]'")
pytest.importorskip("uvicorn", reason="meantime serve needs pip install 'meantime[serve]'")

import meantime  # noqa: E402
from serve_helpers import Server, Session  # noqa: E402

BROWSERS, RUNS_EACH, PATHS, SEED = 20, 3, 1_000, 11


def price(browser: int, run: int) -> int:
    return 8 + (browser * RUNS_EACH + run) % 12  # 12 distinct prices, shared by several browsers


def signature(result) -> tuple:
    """What tells one answer from another: the headline, survival, the operating break-even (the
    capital follows the answer on its own request where benefits apply)."""
    return str(result).splitlines()[0], result.survival(), result.operating_break_even_by()


def test_twenty_browsers_at_once_each_get_their_own_right_answers(tmp_path):
    expected = {
        p: signature(
            meantime.simulate(
                meantime.default_scenario().replace(business__price_per_session=p),
                paths=PATHS,
                seed=SEED,
                progress=False,
            )
        )
        for p in {price(b, r) for b in range(BROWSERS) for r in range(RUNS_EACH)}
    }
    assert len(set(expected.values())) > 1  # different prices give different answers to tell apart
    server = Server(tmp_path).wait_ready()

    def one_browser(b: int) -> list[tuple[int, str, dict]]:
        browser = Session(server.url)
        values = browser.start_values()["values"]
        seen = []
        for r in range(RUNS_EACH):
            mine = dict(values, **{"business.price_per_session": str(price(b, r))})
            job = browser.finished(
                browser.request("POST", "/api/run", {"values": mine, "paths": PATHS, "seed": SEED}), timeout=240
            )
            status, _ = browser.request(
                "POST",
                "/api/cases",
                {
                    "case_name": f"browser {b}",
                    "version_name": f"run {r}",
                    "values": mine,
                    "stated": ["business.price_per_session"],
                },
            )
            assert status == 200
            seen.append((price(b, r), job["state"], job.get("result") or {}))
        cases = browser.request("GET", "/api/cases")[1]["cases"]
        assert [c["name"] for c in cases] == [f"browser {b}"] * RUNS_EACH
        return seen

    try:
        with concurrent.futures.ThreadPoolExecutor(BROWSERS) as pool:
            results = list(pool.map(one_browser, range(BROWSERS)))
        assert server.running()
    finally:
        server.stop()
    answers = [a for browser in results for a in browser]
    assert len(answers) == BROWSERS * RUNS_EACH
    for p, state, result in answers:
        assert state == "done"
        assert (result["headline"], result["survival"]["p"], result["operating"]["p"]) == expected[p], p
