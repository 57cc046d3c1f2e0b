"""`meantime serve` over HTTP on this machine: answers that match `meantime run`, clear messages
for bad and hostile input with the server still running, each browser only its own cases, the
token when served beyond this machine, and cases that survive a restart and a kill mid-save."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

pytest.importorskip("starlette", reason="meantime serve needs pip install 'meantime[serve]'")
pytest.importorskip("uvicorn", reason="meantime serve needs pip install 'meantime[serve]'")

from serve_helpers import FOUNDERS_IDEA, Server, Session  # noqa: E402  (tests/python/serve_helpers.py)

PATHS, SEED = 2_000, 7


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("serve-data"), "--max-paths", "200000").wait_ready()
    yield running
    running.stop()


def flowed(lines: list[str]) -> str:
    """Lines as one text with single spaces: the command line wraps its sentences to the
    terminal, the page does not, and the words must agree either way."""
    return " ".join(" ".join(lines).split())


def cli_words(tmp_path, values_file_text: str | None, paths: int, seed: int) -> list[str]:
    """The answer in words as `meantime run` prints it, from the headline to "(N simulated
    futures...)", each sentence's wrapped lines joined again."""
    args = [sys.executable, "-m", "meantime", "run", "--paths", str(paths), "--seed", str(seed), "--no-progress"]
    if values_file_text is not None:
        scenario = tmp_path / "case.toml"
        scenario.write_text(values_file_text)
        args.append(str(scenario))
    lines = subprocess.run(args, capture_output=True, text=True, timeout=120, check=True).stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if "futures survive" in line)
    last = next(i for i, line in enumerate(lines) if line.startswith(f"({paths:,} simulated futures"))
    sentences: list[str] = []
    for line in lines[first : last + 1]:
        # A wrapped sentence goes on in a line that does not start a new one (a capital or "(").
        if sentences and not (line[:1].isupper() or line.startswith("(")):
            sentences[-1] += " " + line
        else:
            sentences.append(line)
    return sentences


def test_a_run_answers_as_meantime_run_does_for_the_same_seed_and_paths(server, tmp_path):
    browser = Session(server.url)
    start = browser.start_values()
    values = dict(start["values"], **{"business.price_per_session": "14", "market.population": "45,000"})
    job = browser.finished(browser.request("POST", "/api/run", {"values": values, "paths": PATHS, "seed": SEED}))
    assert job["state"] == "done", job
    answer = job["result"]
    status, file_text = browser.request(
        "POST",
        "/api/scenario-file",
        {"values": values, "stated": ["business.price_per_session", "market.population"], "title": "Price 14"},
    )
    assert status == 200
    assert "price_per_session = 14" in file_text and "population = 45000" in file_text
    assert "session_hours" not in file_text  # defaults stay out of the file
    expected = cli_words(tmp_path, file_text, PATHS, SEED)
    assert answer["headline"] == expected[0]
    assert answer["paths"] == PATHS and answer["seed"] == SEED
    # The answer came in one run; the line on the same futures without benefits follows on request.
    assert not any(line.startswith("Without benefits") for line in answer["words"])
    without = browser.finished(
        browser.request("POST", "/api/without-benefits", {"values": values, "paths": PATHS, "seed": SEED})
    )
    assert without["state"] == "done", without
    # So does the extra capital's (a search on savings: benefits' capital limits apply).
    assert not any("more starting capital" in line for line in answer["words"])
    assert answer["extra_capital_90"] is None
    capital = browser.finished(
        browser.request("POST", "/api/capital", {"values": values, "paths": PATHS, "seed": SEED})
    )
    assert capital["state"] == "done", capital
    words = list(answer["words"])
    words.insert(answer["capital"]["at"], capital["result"]["line"])  # the later place first
    words.insert(answer["without_benefits"]["at"], without["result"]["line"])
    assert flowed(words) == flowed(expected)
    fan = answer["fan"]
    assert fan["survivors"]["count"] + fan["failures"]["count"] == PATHS
    assert len(answer["survival_curve"]) == answer["months"] == 36
    assert sum(answer["break_even"]["operating"]) <= PATHS


def test_every_wrong_value_is_named_with_its_rule_at_once(server):
    browser = Session(server.url)
    values = dict(
        browser.start_values()["values"],
        **{"business.price_per_session": "twelve", "market.population": "-5", "clients.churn_per_month": "30%"},
    )
    status, reply = browser.request("POST", "/api/run", {"values": values, "paths": PATHS})
    assert status == 400
    problems = reply["problems"]
    assert set(problems) == {"business.price_per_session", "market.population", "clients.churn_per_month"}
    assert "expected a number" in problems["business.price_per_session"]
    assert "0.3" in problems["clients.churn_per_month"]
    status, reply = browser.request("POST", "/api/run", {"values": {"business.price": "12"}, "paths": PATHS})
    assert status == 400 and "not a field" in reply["problems"]["business.price"]


def test_deeply_nested_values_and_requests_get_a_message(server):
    browser = Session(server.url)
    values = dict(browser.start_values()["values"], **{"funding.grants": "[" * 50_000 + "]" * 50_000})
    status, reply = browser.request("POST", "/api/run", {"values": values, "paths": PATHS})
    assert status == 400 and "nested" in reply["problems"]["funding.grants"]
    status, reply = browser.request(
        "POST",
        "/api/run",
        raw=b'{"values": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert status == 400 and "JSON" in reply["error"]
    assert server.running()


def test_runs_are_limited_in_paths(server):
    browser = Session(server.url)
    values = browser.start_values()["values"]
    status, reply = browser.request("POST", "/api/run", {"values": values, "paths": 10**9})
    assert status == 400 and "200,000" in reply["problems"]["paths"]


@pytest.mark.parametrize(
    "name, raw, words",
    [
        ("huge.toml", b"# padding\n" * 200_000, "too large"),
        ("binary.toml", bytes(range(256)) * 64, "binary"),
        ("deep.json", b"[" * 5000 + b"]" * 5000, "nested"),
        ("deep.toml", b"a = " + b"[" * 3000 + b"]" * 3000, "nested"),
        ("picture.png", b"\x89PNG\r\n\x1a\n", "not a scenario file"),
        ("latin1.toml", "[business]\n# caf\xe9\n".encode("latin-1"), "UTF-8"),
        ("list.json", b"[1, 2, 3]", "groups"),
        ("wrong.toml", b"[business]\nprice_per_session = -3\n", "price_per_session"),
    ],
)
def test_hostile_uploads_get_a_message_and_leave_the_server_running(server, name, raw, words):
    browser = Session(server.url)
    status, reply = browser.request("POST", f"/api/upload?name={name}", raw=raw)
    assert status == 400, reply
    assert words in reply["error"], reply
    assert server.running()
    assert browser.request("GET", "/api/fields")[0] == 200


def test_an_uploaded_file_states_its_fields_and_the_rest_are_defaults(server):
    browser = Session(server.url)
    raw = b"[business]\nprice_per_session = 13\n[household]\nsavings = 6000\n"
    status, reply = browser.request("POST", "/api/upload?name=my_idea.toml", raw=raw)
    assert status == 200, reply
    assert sorted(reply["stated"]) == ["business.price_per_session", "household.savings"]
    assert reply["values"]["business.price_per_session"] == "13"
    assert reply["name"] == "my idea"


def test_each_browser_sees_only_its_own_cases(server):
    alice, bob = Session(server.url), Session(server.url)
    values = alice.start_values()["values"]
    status, ids = alice.request(
        "POST", "/api/cases", {"case_name": "Alice's idea", "version_name": "v1", "values": values, "stated": []}
    )
    assert status == 200
    assert [c["name"] for c in alice.request("GET", "/api/cases")[1]["cases"]] == ["Alice's idea"]
    bob.start_values()
    assert bob.request("GET", "/api/cases")[1]["cases"] == []
    assert bob.request("GET", f"/api/versions/{ids['version']}")[0] == 404
    status, _ = bob.request(
        "POST",
        "/api/cases",
        {"case": ids["case"], "case_name": "taken", "version_name": "v2", "values": values, "stated": []},
    )
    assert status == 404
    assert bob.request("DELETE", f"/api/cases/{ids['case']}")[0] == 404
    assert alice.request("DELETE", f"/api/cases/{ids['case']}")[0] == 200
    assert alice.request("GET", "/api/cases")[1]["cases"] == []


def test_no_file_is_served_from_outside_the_pages_own_folder(server):
    browser = Session(server.url)
    for path in (
        "/static/../settings.py",
        "/static/..%2fsettings.py",
        "/static/%2e%2e/storage.py",
        "/static//etc/passwd",
        "/static/../../../../etc/passwd",
    ):
        status, body = browser.request("GET", path)
        assert status != 200 and "import" not in str(body) and "root:" not in str(body), path


def test_a_page_reached_under_another_name_is_refused(server):
    status, text = Session(server.url, headers={"Host": "evil.example:80"}).request("GET", "/")
    assert status == 403 and "localhost" in text


def test_beyond_this_machine_only_with_a_token(tmp_path):
    refused = subprocess.run(
        [sys.executable, "-m", "meantime", "serve", "--host", "0.0.0.0", "--port", "1", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in __import__("os").environ.items() if k != "MEANTIME_SERVE_TOKEN"},
    )
    assert refused.returncode == 2 and "token" in refused.stderr
    token = "a-long-secret-token"
    server = Server(tmp_path, "--token", token, host="0.0.0.0").wait_ready()
    try:
        for path in ("/", "/api/fields", "/api/cases", "/static/app.js"):
            status, text = Session(server.url).request("GET", path)
            assert status == 401 and "token" in text, (path, status)
        status, _ = Session(server.url).request("GET", "/api/fields?token=wrong-token-here")
        assert status == 401
        visitor = Session(server.url)
        status, page = visitor.request("GET", f"/?token={token}")
        assert status == 200 and "meantime" in page  # redirected, the token now in a cookie
        assert visitor.request("GET", "/api/fields")[0] == 200
        assert Session(server.url, headers={"Authorization": f"Bearer {token}"}).request("GET", "/api/cases")[0] == 200
    finally:
        server.stop()


def test_saved_cases_survive_a_restart_and_a_kill_in_the_middle_of_saving(tmp_path):
    server = Server(tmp_path).wait_ready()
    browser = Session(server.url)
    values = browser.start_values()["values"]
    status, first = browser.request(
        "POST", "/api/cases", {"case_name": "Before", "version_name": "v1", "values": values, "stated": []}
    )
    assert status == 200
    server.stop()
    server = Server(tmp_path, port=server.port).wait_ready()
    assert [c["name"] for c in browser.request("GET", "/api/cases")[1]["cases"]] == ["Before"]

    # Saves go on from four threads while the server is killed; each one the server confirmed
    # must be there afterwards, and the database must be sound.
    confirmed: list[int] = []
    stop = threading.Event()

    def keep_saving(worker: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                status, reply = browser.request(
                    "POST",
                    "/api/cases",
                    {
                        "case": first["case"],
                        "case_name": "Before",
                        "version_name": f"w{worker}-{n}",
                        "values": values,
                        "stated": [],
                    },
                    timeout=10,
                )
            except OSError:
                return
            if status == 200:
                confirmed.append(reply["version"])

    threads = [threading.Thread(target=keep_saving, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 60
    while len(confirmed) < 20 and time.monotonic() < deadline:
        time.sleep(0.01)
    server.kill()
    stop.set()
    for t in threads:
        t.join(timeout=30)
    assert len(confirmed) >= 20
    with sqlite3.connect(tmp_path / "cases.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    server = Server(tmp_path, port=server.port).wait_ready()
    try:
        listed = browser.request("GET", "/api/cases")[1]["cases"]
        kept = {v["id"] for c in listed for v in c["versions"]}
        assert set(confirmed) | {first["version"]} <= kept
        status, version = browser.request("GET", f"/api/versions/{confirmed[-1]}")
        assert status == 200 and version["scenario"] == json.loads(json.dumps(values))
    finally:
        server.stop()


def long_run_values(browser: Session) -> dict:
    return dict(browser.start_values()["values"], **{"run.months": "600"})  # 50 years: seconds of work


def test_a_long_run_shows_its_progress_and_a_newer_run_replaces_it(server):
    browser = Session(server.url)
    status, long_job = browser.request("POST", "/api/run", {"values": long_run_values(browser), "paths": 200_000})
    assert status == 202 and long_job["total"] == 200_000
    deadline = time.monotonic() + 60
    while long_job["done"] == 0 and long_job["state"] in ("waiting", "running"):
        assert time.monotonic() < deadline, "no progress reported within 60 s"
        time.sleep(0.05)
        long_job = browser.request("GET", f"/api/jobs/{long_job['id']}")[1]
    assert long_job["state"] == "running" and 0 < long_job["done"] < long_job["total"]
    quick = browser.finished(
        browser.request("POST", "/api/run", {"values": browser.start_values()["values"], "paths": PATHS, "seed": SEED})
    )
    assert quick["state"] == "done"
    replaced = browser.finished((200, browser.request("GET", f"/api/jobs/{long_job['id']}")[1]), timeout=60)
    assert replaced["state"] == "cancelled" and "replaced" in replaced["error"]


def test_a_run_longer_than_the_limit_is_stopped_with_a_message(tmp_path):
    server = Server(tmp_path, "--max-seconds", "1").wait_ready()
    try:
        browser = Session(server.url)
        job = browser.finished(
            browser.request("POST", "/api/run", {"values": long_run_values(browser), "paths": 1_000_000}), timeout=60
        )
        assert job["state"] == "failed" and "too long" in job["error"] and "fewer futures" in job["error"]
        assert job["done"] < job["total"]  # stopped part way, not run to its end
        assert server.running()
    finally:
        server.stop()


def test_the_questions_of_a_new_idea_answer_as_meantime_new_and_run_do(server, tmp_path):
    browser = Session(server.url)
    blank = browser.start_values()
    assert blank["stated"] == [] and not blank["guided"]["complete"]
    answers = dict(FOUNDERS_IDEA)
    status, reply = browser.request("POST", "/api/guided", {"answers": {**answers, "savings": "plenty"}})
    assert status == 200 and list(reply["problems"]) == ["savings"] and not reply["complete"]
    status, reply = browser.request("POST", "/api/guided", {"answers": answers})
    assert status == 200 and reply["complete"], reply
    values = {**blank["values"], **reply["values"]}
    job = browser.finished(browser.request("POST", "/api/run", {"values": values, "paths": PATHS, "seed": SEED}))
    assert job["state"] == "done", job
    flags = [part for key, text in answers.items() for part in (f"--{key.replace('_', '-')}", text)]
    idea = tmp_path / "idea.toml"
    subprocess.run(
        [sys.executable, "-m", "meantime", "new", "--no-input", "-o", str(idea), *flags],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert job["result"]["headline"] == cli_words(tmp_path, idea.read_text(), PATHS, SEED)[0]
    status, text = browser.request(
        "POST", "/api/scenario-file", {"values": values, "stated": reply["stated"], "title": "Budgeting help"}
    )
    assert status == 200 and "based_on" not in text  # every essential stated by the answers
    for wrong in ([], {"salary": "1"}, {"price": 15}):
        status, reply = browser.request("POST", "/api/guided", {"answers": wrong})
        assert status == 400 and reply["problems"], wrong


def test_a_versions_kept_answer_gains_its_line_without_benefits_and_its_capital(server):
    browser = Session(server.url)
    values = browser.start_values()["values"]
    status, ids = browser.request(
        "POST", "/api/cases", {"case_name": "Kept", "version_name": "v1", "values": values, "stated": []}
    )
    assert status == 200
    request = {"values": values, "paths": PATHS, "seed": SEED, "version": ids["version"]}
    assert browser.finished(browser.request("POST", "/api/run", request))["state"] == "done"
    assert browser.request("GET", f"/api/versions/{ids['version']}")[1]["answer"]["without_benefits"]["line"] is None
    line = browser.finished(browser.request("POST", "/api/without-benefits", request))["result"]["line"]
    kept = browser.request("GET", f"/api/versions/{ids['version']}")[1]["answer"]
    assert kept["without_benefits"]["line"] == line and line.startswith("Without benefits")
    assert Session(server.url).request("POST", "/api/without-benefits", request)[0] == 404  # not another's
    found = browser.finished(browser.request("POST", "/api/capital", request))["result"]
    kept = browser.request("GET", f"/api/versions/{ids['version']}")[1]["answer"]
    assert kept["capital"]["line"] == found["line"] and "more starting capital" in found["line"]
    assert kept["extra_capital_90"] == found["extra"] and kept["extra_capital_90_interval"] == found["interval"]
    assert Session(server.url).request("POST", "/api/capital", request)[0] == 404  # not another's
