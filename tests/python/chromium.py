"""Headless Chromium driven over the DevTools protocol, on a pipe (no extra Python package).

``render(path)`` opens an HTML file, waits for it to load, and returns the page's text, every
console message, uncaught exception and failed resource load, and a full-page PNG screenshot;
with ``pdf=True`` also the page printed to PDF (A4, as the browser's Print does, print style
sheet and all), the text a printed page shows, and how far the page is wider than A4's lines.
Chromium is Debian's ``chromium`` (installed by scripts/dev); when it is missing or cannot start,
the caller fails with a clear message rather than skipping.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import pathlib
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

TIMEOUT_SECONDS = 60


class ChromiumUnavailable(RuntimeError):
    pass


@dataclass
class Page:
    text: str
    title: str
    screenshot: bytes
    console: list[str] = field(default_factory=list)  # "error: message" for each message at any level
    errors: list[str] = field(default_factory=list)  # console errors, exceptions, failed loads
    pdf: bytes = b""  # with render(..., pdf=True): the page printed to PDF
    print_text: str = ""  # with render(..., pdf=True): the text under the print style sheet
    print_overflow: int = 0  # with render(..., pdf=True): CSS pixels the page is wider than A4's printed width


def executable() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise ChromiumUnavailable(
        "Chromium was not found on PATH: scripts/dev installs Debian's `chromium` package (apt-get install chromium)"
    )


class _Browser:
    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="meantime-chromium-")
        to_chrome_read, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_write = os.pipe()
        # Copies numbered 10 or more, so that putting them at 3 and 4 in the child cannot clobber
        # one with the other, whatever numbers the pipes got here.
        high_read = fcntl.fcntl(to_chrome_read, fcntl.F_DUPFD_CLOEXEC, 10)
        high_write = fcntl.fcntl(from_chrome_write, fcntl.F_DUPFD_CLOEXEC, 10)

        def wire_pipes() -> None:  # the DevTools pipe is fds 3 (commands in) and 4 (replies out)
            os.dup2(high_read, 3)  # dup2 leaves the copies inheritable
            os.dup2(high_write, 4)

        command = [
            executable(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--mute-audio",
            "--remote-debugging-pipe",
            f"--user-data-dir={self.profile}",
            "about:blank",
        ]
        # close_fds=False: it would close 3 and 4 after wire_pipes; Python's own descriptors are
        # not inheritable (PEP 446), so nothing else leaks into the browser.
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=wire_pipes,
            close_fds=False,
        )
        for fd in (high_read, high_write):
            os.close(fd)
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"DevTools {method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str) -> dict:
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._receive()
            if event.get("method") == method:
                return event
            self.events.append(event)

    def _receive(self) -> dict:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.from_chrome], [], [], max(left, 0))
            if not ready:
                raise TimeoutError(f"Chromium did not answer within {TIMEOUT_SECONDS} s")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                stderr = self.process.stderr.read().decode(errors="replace")[-2000:] if self.process.stderr else ""
                raise ChromiumUnavailable(f"Chromium closed the DevTools pipe (exit {self.process.poll()}): {stderr}")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return json.loads(message)

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self.to_chrome, self.from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        if self.process.stderr:
            self.process.stderr.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def _evaluate(browser: _Browser, session: str, expression: str):
    return browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)[
        "result"
    ].get("value")


def _print(browser: _Browser, session: str, page: Page, height: int) -> None:
    """Print the page to PDF (A4, backgrounds on), then read its text and width as printed."""
    printed = browser.send(
        "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True}, session=session
    )
    page.pdf = base64.b64decode(printed["data"])
    browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
    # A4 less the default 0.4 inch margins, at 96 CSS pixels an inch: the width a printed line holds.
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": round((8.27 - 0.8) * 96), "height": height, "deviceScaleFactor": 1, "mobile": False},
        session=session,
    )
    page.print_text = _evaluate(browser, session, "document.body.innerText") or ""
    page.print_overflow = (
        _evaluate(browser, session, "document.documentElement.scrollWidth - document.documentElement.clientWidth") or 0
    )


def render(path: pathlib.Path, width: int = 1200, height: int = 900, pdf: bool = False) -> Page:
    """Load ``path`` in headless Chromium and return what a reader would get (and, with ``pdf``,
    what a printer would)."""
    browser = _Browser()
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            browser.send(f"{domain}.enable", session=session)
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        browser.send("Page.navigate", {"url": pathlib.Path(path).resolve().as_uri()}, session=session)
        browser.wait_for("Page.loadEventFired")
        text = browser.send(
            "Runtime.evaluate", {"expression": "document.body.innerText", "returnByValue": True}, session=session
        )["result"].get("value", "")
        title = browser.send(
            "Runtime.evaluate", {"expression": "document.title", "returnByValue": True}, session=session
        )["result"].get("value", "")
        shot = browser.send(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=session
        )["data"]
        page = Page(text=text, title=title, screenshot=base64.b64decode(shot))
        if pdf:
            _print(browser, session, page, height)
        for event in browser.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled":
                words = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                page.console.append(f"{params.get('type')}: {words}")
                if params.get("type") in ("error", "assert"):
                    page.errors.append(f"console {params.get('type')}: {words}")
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                page.errors.append(f"uncaught: {details.get('exception', {}).get('description', details.get('text'))}")
            elif method == "Log.entryAdded":
                entry = params.get("entry", {})
                page.console.append(f"{entry.get('level')}: {entry.get('text')}")
                if entry.get("level") == "error":
                    page.errors.append(f"log: {entry.get('text')} {entry.get('url', '')}".strip())
        return page
    finally:
        browser.close()
