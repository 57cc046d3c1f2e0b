"""What the person starting ``meantime serve`` decides: address, data folder, token and limits."""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import pathlib

__all__ = ["Settings", "default_data_dir", "is_loopback", "SettingsError"]


class SettingsError(ValueError):
    """A setting that would make the server unsafe or unusable (reported in one line)."""


def default_data_dir() -> pathlib.Path:
    """The user's data folder for meantime: $XDG_DATA_HOME/meantime, else ~/.local/share/meantime
    (on Windows %APPDATA%\\meantime)."""
    if os.name == "nt" and os.environ.get("APPDATA"):
        return pathlib.Path(os.environ["APPDATA"]) / "meantime"
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return pathlib.Path(base) / "meantime"


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclasses.dataclass(frozen=True)
class Settings:
    """The server's settings.

    Attributes
    ----------
    host, port : str, int
        Where to listen; 127.0.0.1 (this machine only) by default.
    data_dir : pathlib.Path
        The only folder the server writes: its SQLite file of cases lives here.
    token : str or None
        Required of every request when set; must be set to listen beyond this machine.
    max_paths : int
        The most futures one run may ask for.
    max_seconds : float
        A run is stopped after this long (the engine checks its clock as it goes).
    max_upload_bytes : int
        The largest scenario file (or request) accepted.
    """

    host: str = "127.0.0.1"
    port: int = 8765
    data_dir: pathlib.Path = dataclasses.field(default_factory=default_data_dir)
    token: str | None = None
    max_paths: int = 1_000_000
    max_seconds: float = 120.0
    max_upload_bytes: int = 1_000_000
    workers: int = 2

    def check(self) -> "Settings":
        """The settings, or a SettingsError saying what is unsafe."""
        if not is_loopback(self.host) and not self.token:
            raise SettingsError(
                f"serving on {self.host} would open the page to the network: set a token "
                "(--token or MEANTIME_SERVE_TOKEN) that every visitor must give, or keep the "
                "default --host 127.0.0.1"
            )
        if self.token is not None and len(self.token) < 8:
            raise SettingsError("the token must be at least 8 characters (it is the only lock on the page)")
        if not 0 < self.port < 65536:
            raise SettingsError(f"--port must be between 1 and 65535, got {self.port}")
        return self

    @property
    def database(self) -> pathlib.Path:
        return pathlib.Path(self.data_dir) / "cases.sqlite3"
