"""A `meantime serve` process on a free port of this machine, and a browser-like HTTP session
(its own cookies) to talk to it. Every wait is for a condition, bounded in time."""

from __future__ import annotations

import http.cookiejar
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

START_SECONDS = 60

# A founder's idea as told in the questions of `meantime new` (the README's screenshot): some
# futures get through, some do not, so the page shows both cash fans.
FOUNDERS_IDEA = {
    "service": "Budgeting help",
    "price": "£30 an hour",
    "session_hours": "90 minutes",
    "hours_per_week": "25",
    "population": "60,000",
    "asked": "40",
    "interested": "12",
    "household": "single",
    "rent": "450",
    "other_income": "0",
    "savings": "8000",
    "living_costs": "1100",
    "startup_costs": "500",
    "monthly_costs": "60",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``meantime serve`` in its own process group, stopped by ``stop()`` (or ``kill()``)."""

    def __init__(
        self, data_dir, *options: str, host: str = "127.0.0.1", port: int | None = None, env: dict | None = None
    ) -> None:
        self.port = port or free_port()
        self.data_dir = data_dir
        os.makedirs(str(data_dir), exist_ok=True)
        self.log_path = os.path.join(str(data_dir), f"serve-{self.port}.log")
        self.log = open(self.log_path, "ab")
        command = [
            sys.executable,
            "-m",
            "meantime",
            "serve",
            "--port",
            str(self.port),
            "--host",
            host,
            "--data",
            str(data_dir),
            *options,
        ]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "MPLBACKEND": "Agg", **(env or {})},
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, headers: dict | None = None) -> "Server":
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"meantime serve exited with {self.process.returncode}: {self.output()}")
            try:
                request = urllib.request.Request(self.url + "/api/fields", headers=headers or {})
                with urllib.request.urlopen(request, timeout=5):
                    return self
            except urllib.error.HTTPError:
                return self  # it answers (a refusal is an answer)
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"meantime serve did not answer within {START_SECONDS} s: {self.output()}")

    def output(self) -> str:
        self.log.flush()
        with open(self.log_path, errors="replace") as f:
            return f.read()[-3000:]

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def kill(self) -> None:
        """SIGKILL: no chance to finish what it is doing."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()


class Session:
    """One browser: its own cookies (so its own session on the server)."""

    def __init__(self, base_url: str, headers: dict | None = None) -> None:
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.headers = headers or {}

    def request(
        self,
        method: str,
        path: str,
        body=None,
        raw: bytes | None = None,
        headers: dict | None = None,
        timeout: float = 120,
    ) -> tuple[int, object]:
        data, head = None, {**self.headers, **(headers or {})}
        if raw is not None:
            data = raw
            head.setdefault("Content-Type", "application/octet-stream")
        elif body is not None:
            data = json.dumps(body).encode()
            head["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers=head)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                status, payload, kind = response.status, response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, payload, kind = error.code, error.read(), error.headers.get("Content-Type", "")
        return status, (json.loads(payload) if "json" in kind else payload.decode("utf-8", "replace"))

    def finished(self, reply: tuple[int, object], timeout: float = 180) -> dict:
        """A job's final state, asking until it is finished."""
        status, job = reply
        assert status in (200, 202), (status, job)
        deadline = time.monotonic() + timeout
        while job["state"] in ("waiting", "running"):
            assert time.monotonic() < deadline, f"job {job['id']} not finished within {timeout} s"
            time.sleep(0.05)
            status, job = self.request("GET", f"/api/jobs/{job['id']}")
            assert status == 200, job
        return job

    def start_values(self, kind: str = "blank") -> dict:
        status, data = self.request("GET", f"/api/start/{kind}")
        assert status == 200, data
        return data
