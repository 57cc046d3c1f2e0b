"""One tab of headless Chromium to drive a page as a person would: open it, type into fields, click,
choose files, wait for what the page shows, take downloads and screenshots. Built on the DevTools
pipe of chromium.py (Debian's chromium, no other package); every wait is bounded."""

from __future__ import annotations

import base64
import json
import pathlib
import time

import chromium  # tests/python/chromium.py


class Tab:
    def __init__(self, download_dir: pathlib.Path, width: int = 1400, height: int = 1000) -> None:
        self.browser = chromium._Browser()
        try:
            self.download_dir = pathlib.Path(download_dir)
            self.browser.send(
                "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(self.download_dir)}
            )
            target = self.browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self.browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
                "sessionId"
            ]
            for domain in ("Page", "Runtime", "DOM"):
                self.send(f"{domain}.enable")
            self.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            )
        except BaseException:
            self.browser.close()
            raise

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, session=self.session)

    def open(self, url: str) -> float:
        """Open ``url``; the seconds until its load event."""
        start = time.perf_counter()
        self.send("Page.navigate", {"url": url})
        self.browser.wait_for("Page.loadEventFired")
        return time.perf_counter() - start

    def eval(self, expression: str):
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression}: {reply['exceptionDetails'].get('exception', {}).get('description')}")
        return reply["result"].get("value")

    def wait_until(self, expression: str, timeout: float = 60, what: str = "") -> object:
        deadline = time.monotonic() + timeout
        while True:
            value = self.eval(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                problems = self.eval(
                    "document.getElementById('problems') ? document.getElementById('problems').textContent : ''"
                )
                raise TimeoutError(f"not within {timeout} s: {what or expression} (page says: {problems})")
            time.sleep(0.05)

    def text(self, css: str) -> str:
        return self.eval(f"document.querySelector({json.dumps(css)}).textContent")

    def type(self, css: str, value: str) -> None:
        """Put ``value`` in a field and let the page see the change, as typing and leaving it does."""
        self.eval(
            f"(() => {{ const e = document.querySelector({json.dumps(css)}); e.focus(); e.value = {json.dumps(value)};"
            "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true})); })()"
        )

    def click(self, css: str) -> None:
        self.eval(f"document.querySelector({json.dumps(css)}).click()")

    def choose_file(self, css: str, path: pathlib.Path) -> None:
        root = self.send("DOM.getDocument")["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": css})["nodeId"]
        self.send("DOM.setFileInputFiles", {"files": [str(path)], "nodeId": node})

    def download(self, name: str, timeout: float = 120) -> pathlib.Path:
        """The file ``name`` once it has arrived whole in the download folder."""
        path = self.download_dir / name
        deadline = time.monotonic() + timeout
        while not (path.exists() and not (self.download_dir / (name + ".crdownload")).exists() and path.stat().st_size):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no download {name} within {timeout} s (have {list(self.download_dir.iterdir())})")
            time.sleep(0.05)
        return path

    def screenshot(self, full_page: bool = False) -> bytes:
        shot = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": full_page})["data"]
        return base64.b64decode(shot)

    def close(self) -> None:
        self.browser.close()
