"""Starting the advisor's page: the web application on uvicorn, until Ctrl-C or SIGTERM."""

from __future__ import annotations

import uvicorn

from .app import make_app
from .settings import Settings

__all__ = ["serve"]


def serve(settings: Settings, announce=print) -> None:
    """Serve the page with ``settings`` until interrupted.

    Raises
    ------
    SettingsError
        When the settings are unsafe (another address than this machine's without a token).
    """
    settings.check()
    app = make_app(settings)
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    address = f"http://{host}:{settings.port}/"
    announce(
        f"meantime serve: open {address}"
        + ("?token=<the token>" if settings.token else "")
        + f" (cases kept in {settings.database}; Ctrl-C stops)",
        flush=True,
    )
    uvicorn.run(
        app, host=settings.host, port=settings.port, log_level="warning", access_log=False, timeout_graceful_shutdown=5
    )
