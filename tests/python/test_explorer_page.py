"""The live explorer as a web page: Voila serves notebooks/06_live_explorer.ipynb as
``scripts/dev explorer`` does, and headless Chromium opens it like an advisor would.

The page loads with no console errors and shows the headline answer; pressing the right-arrow key
on the price slider moves it one step and the headline changes to the answer for the new price
(computed here independently); typing more interested than asked puts the scenario's message on
the page, not a traceback. Screenshots are kept in build/explorer-screenshot.png and build/explorer-rejected-screenshot.png
to look at.
Waits are generous (a kernel starts and simulates on a shared machine) but every one is bounded.
"""

from __future__ import annotations

import base64
import io
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time

import pytest

pytest.importorskip(
    "voila", reason="voila is not installed: pip install 'meantime[explorer]' (scripts/dev installs it)"
)
pytest.importorskip("ipywidgets", reason="ipywidgets is not installed: pip install 'meantime[explorer]'")

import chromium  # noqa: E402  (tests/python/chromium.py)
import meantime  # noqa: E402
from meantime.explorer import scenario_from, start_values  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "notebooks" / "06_live_explorer.ipynb"
TEMPLATES = REPO / "notebooks" / "explorer_page"  # the Voila template "meantime" (no CDN fetches)
SCREENSHOT = REPO / "build" / "explorer-screenshot.png"  # kept for people to look at (build/ is not committed)
PATHS, SEED = 10_000, 2026  # what the notebook's Explorer runs
SERVER_START_SECONDS = 120
PAGE_READY_SECONDS = 180  # the kernel starts and runs the notebook: the first simulation included
CHANGE_SECONDS = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def voila_command(port: int) -> list[str]:
    """The server scripts/dev explorer starts, on this interpreter and ``port``."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(NOTEBOOK),
        "--template=meantime",
        f"--port={port}",
        "--Voila.port_retries=0",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
    ]


def test_scripts_dev_explorer_serves_this_notebook_with_this_template():
    """The test serves the page as the documented command does (so they cannot drift apart)."""
    script = (REPO / "scripts" / "dev").read_text()
    case = script[script.index("\n  explorer)") :]
    case = case[: case.index(";;")]
    for word in (
        "voila",
        "notebooks/06_live_explorer.ipynb",
        "--template=meantime",
        "notebooks/explorer_page",
        "--Voila.port_retries=0",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
    ):
        assert word in case, word


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Voila on a free port of this machine; stopped (with its kernels) at the end."""
    home = tmp_path_factory.mktemp("voila")
    port = free_port()
    env = dict(
        os.environ,
        JUPYTER_PATH=str(TEMPLATES),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        MPLBACKEND="Agg",
    )
    log = open(home / "voila.log", "wb")
    # Its own process group, so that the kernels it starts stop with it.
    process = subprocess.Popen(
        voila_command(port),
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def server_log() -> str:
        log.flush()
        return (home / "voila.log").read_text(errors="replace")[-3000:]

    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"voila exited with {process.returncode} before serving:\n{server_log()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"voila did not listen on port {port} within {SERVER_START_SECONDS} s:\n{server_log()}")
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}/", server_log
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


class Tab:
    """One page in headless Chromium, over the DevTools pipe of tests/python/chromium.py."""

    def __init__(self, browser, url: str) -> None:
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 1700, "deviceScaleFactor": 1, "mobile": False},
        )
        self.send("Page.navigate", {"url": url})

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, session=self.session)

    def evaluate(self, expression: str):
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in reply:
            raise AssertionError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def headline(self) -> str:
        return self.evaluate("(document.querySelector('.meantime-headline') || {}).innerText || ''")

    def wait_for_headline(self, ready, seconds: float, what: str) -> str:
        deadline = time.monotonic() + seconds
        while True:
            text = self.headline()
            if ready(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{what}: not within {seconds} s; the headline reads {text!r}; page errors: {self.errors()}"
                )
            time.sleep(0.5)

    def key(self, key: str, code: int, text: str = "") -> None:
        self.send(
            "Input.dispatchKeyEvent",
            {
                "type": "keyDown" if text else "rawKeyDown",
                "key": key,
                "code": key,
                "windowsVirtualKeyCode": code,
                "text": text,
            },
        )
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": key, "windowsVirtualKeyCode": code})

    def screenshot(self) -> bytes:
        shot = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
        return base64.b64decode(shot)

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads so far (as chromium.render reports them)."""
        found = []
        for event in self.browser.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                words = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                found.append(f"console {params.get('type')}: {words}")
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                found.append(f"uncaught: {details.get('exception', {}).get('description', details.get('text'))}")
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                found.append(f"log: {entry.get('text')} {entry.get('url', '')}".strip())
        return found


@pytest.fixture
def tab(server):
    url, server_log = server
    try:
        browser = chromium._Browser()
    except chromium.ChromiumUnavailable as error:
        pytest.fail(f"the explorer page test needs headless Chromium: {error}")
    try:
        page = Tab(browser, url)
        page.wait_for_headline(
            lambda text: "futures survive" in text,
            PAGE_READY_SECONDS,
            f"the page at {url} shows the headline answer (server log:\n{server_log()})",
        )
        yield page
    finally:
        browser.close()


def expected_headline(**values) -> str:
    """The headline's first line for the default scenario with ``values``, computed here."""
    base = meantime.default_scenario()
    scenario = scenario_from(base, {**start_values(base), **values})
    result = meantime.simulate(scenario, paths=PATHS, seed=SEED, keep_outcomes=False, progress=False)
    return str(result).splitlines()[0]


def test_the_page_loads_and_moving_the_price_slider_changes_the_answer(tab):
    before = tab.headline()
    assert before.splitlines()[0] == expected_headline()
    assert tab.errors() == []
    assert tab.evaluate("document.querySelector('.meantime-control-price .widget-readout').innerText") == "11.00"
    assert tab.evaluate("document.querySelector('.meantime-chart').naturalWidth") > 500  # the figure is drawn

    # A person tabs to the slider's handle and presses the right arrow: one step, £0.50.
    tab.evaluate("document.querySelector('.meantime-control-price .noUi-handle').focus()")
    tab.key("ArrowRight", 39)
    after = tab.wait_for_headline(
        lambda text: "futures survive" in text and text != before,
        CHANGE_SECONDS,
        "the headline changes after the price slider moved",
    )
    assert tab.evaluate("document.querySelector('.meantime-control-price .widget-readout').innerText") == "11.50"
    assert after.splitlines()[0] == expected_headline(price=11.5)
    assert after != before  # the break-even shares move even where no future survives

    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.write_bytes(tab.screenshot())
    from matplotlib import image

    pixels = image.imread(io.BytesIO(SCREENSHOT.read_bytes()), format="png")
    assert pixels.shape[1] == 1280 and pixels.shape[0] >= 1700
    assert tab.errors() == []


def test_a_value_the_scenario_rejects_shows_its_message_on_the_page(tab):
    # More interested than asked: typed into the field, then Enter.
    tab.evaluate("document.querySelector('.meantime-control-interested input').select()")
    tab.send("Input.insertText", {"text": "50"})
    tab.key("Enter", 13, text="\r")
    text = tab.wait_for_headline(
        lambda t: "cannot be simulated" in t, CHANGE_SECONDS, "the page explains a rejected value"
    )
    assert "interested <= asked" in text and "interested=50" in text
    page = tab.evaluate("document.body.innerText")
    assert "Traceback" not in page and "Error" not in page
    assert tab.errors() == []
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.with_name("explorer-rejected-screenshot.png").write_bytes(tab.screenshot())
