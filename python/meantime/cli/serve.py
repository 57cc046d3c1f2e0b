"""``meantime serve``: the options of the advisor's page and the command that starts it."""

from __future__ import annotations

import argparse
import os
import pathlib

from ..serve.settings import Settings, SettingsError, default_data_dir

try:
    from ..serve.server import serve
except ImportError as missing:  # the web packages are an extra: the command says so when asked for
    serve = None  # type: ignore[assignment]
    _MISSING = str(missing)

__all__ = ["add_serve"]


def add_serve(command) -> None:
    """Add the ``serve`` subcommand through ``command(name, help)`` (main's parser helper)."""
    parser = command("serve", "the advisor's page: build, run, compare and hand over a start-up's case in a browser")
    parser.add_argument("--port", type=int, default=8765, metavar="P", help="port to listen on (default 8765)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; any other needs --token)",
    )
    parser.add_argument(
        "--token",
        default=os.environ.get("MEANTIME_SERVE_TOKEN"),
        help="a secret every visitor must give (the page's address ends in ?token=...); default: $MEANTIME_SERVE_TOKEN",
    )
    parser.add_argument(
        "--data",
        type=pathlib.Path,
        default=None,
        metavar="FOLDER",
        help="where the cases are kept (default: the user's data folder, ~/.local/share/meantime)",
    )
    parser.add_argument(
        "--max-paths",
        type=int,
        default=1_000_000,
        metavar="N",
        help="the most futures one run may ask for (default 1,000,000)",
    )
    parser.add_argument(
        "--max-seconds", type=float, default=120.0, metavar="S", help="stop any run that takes longer (default 120)"
    )
    parser.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    settings = Settings(
        host=args.host,
        port=args.port,
        data_dir=args.data or default_data_dir(),
        token=args.token or None,
        max_paths=args.max_paths,
        max_seconds=args.max_seconds,
    )
    try:
        settings.check()
    except SettingsError as error:
        raise ValueError(str(error)) from None
    if serve is None:
        raise ImportError(f"meantime serve needs its web packages: pip install 'meantime[serve]' ({_MISSING})")
    serve(settings)
    return 0
