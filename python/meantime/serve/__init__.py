"""``meantime serve``: the advisor's page, a local web application to build a start-up's case in a
form, see its answer, compare versions, keep cases and hand over the scenario file and the report.

Built on Starlette (a small, well-kept ASGI toolkit) served by uvicorn: every request that runs
the engine hands it to a worker thread (the engine releases the GIL), so several people can use
one server at once; the page's script, style and charts are served from this package (no CDN).
Needs ``pip install 'meantime[serve]'``.

Examples
--------
>>> from meantime.serve import Settings, serve      # doctest: +SKIP
>>> serve(Settings(port=8765))                       # doctest: +SKIP
"""

from __future__ import annotations

from .settings import Settings, SettingsError, default_data_dir

__all__ = ["Settings", "SettingsError", "default_data_dir", "serve"]


def serve(settings: Settings, announce=print) -> None:
    """Serve the page with ``settings`` until interrupted (Ctrl-C or SIGTERM).

    Raises
    ------
    SettingsError
        When the settings are unsafe (another address than this machine's without a token).
    """
    import uvicorn

    from .app import make_app

    settings.check()
    app = make_app(settings)
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    address = f"http://{host}:{settings.port}/"
    announce(f"meantime serve: open {address}" + ("?token=<the token>" if settings.token else "")
             + f" (cases kept in {settings.database}; Ctrl-C stops)", flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", access_log=False,
                timeout_graceful_shutdown=5)
