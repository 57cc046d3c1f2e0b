"""A case as a scenario file: read from an upload, written for download.

The file written holds only the fields the person stated (the rest are meantime's defaults, as
in any scenario file), so loading it back marks the same fields as defaults, and ``meantime run``
on it gives the same answer as the page for the same seed and paths.
"""

from __future__ import annotations

import os
from typing import Any

import tomli_w

from ..scenario import essentials
from ..scenario.files import FORMATS, read_text
from ..scenario.scenario import Scenario
from .forms import FORM_FIELDS, stated_paths, values_of

__all__ = ["read_upload", "read_case", "file_text"]


class UploadError(ValueError):
    """An upload that is not a scenario file, in words for the page."""


def read_upload(name: str, raw: bytes, max_bytes: int) -> tuple[Scenario, list[str]]:
    """The scenario in an uploaded file and the fields it states; an UploadError or a
    ScenarioFileError (naming the line and field) when it is not a usable scenario file."""
    name = os.path.basename(name or "")[:200] or "upload"
    ext = os.path.splitext(name)[1].lower()
    if ext not in FORMATS:
        raise UploadError(f"{name}: not a scenario file: give a .toml, .yaml, .yml or .json file")
    if len(raw) > max_bytes:
        raise UploadError(f"{name}: too large for a scenario file ({len(raw):,} bytes; at most {max_bytes:,})")
    if b"\0" in raw[:8192]:
        raise UploadError(f"{name}: is a binary file, not a scenario file (scenario files are text)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UploadError(f"{name}: line {line} is not UTF-8 text (save the file as UTF-8)") from None
    scenario, stated = read_case(text, FORMATS[ext], name)
    if scenario.providers:
        raise UploadError(
            f"{name}: is a town of {len(scenario.providers)} providers; this page models one "
            "start-up (use `meantime run` or `meantime report` for a town)"
        )
    return scenario, stated


def read_case(text: str, fmt: str, name: str) -> tuple[Scenario, list[str]]:
    """The scenario in a file's text and the form's fields the file states (a ScenarioFileError
    naming the line and field when it breaks a rule)."""
    stated: list[str] = []

    def build(data, allow_defaults=False):
        stated.extend(stated_paths(data))
        # The page shows every value beside its field, those from the example too: none is hidden.
        return Scenario.from_dict(data, allow_defaults=True)

    return read_text(text, fmt, build, name), stated


def file_text(scenario: Scenario, stated: list[str], title: str = "") -> str:
    """The scenario file (TOML) of a case: its stated fields, under a header in words."""
    flat = scenario.to_dict(flat=True)
    wanted = set(stated)
    nested: dict[str, Any] = {}
    for f in FORM_FIELDS:
        if f.path not in wanted:
            continue
        parts = f.path.split(".")
        place = nested
        for part in parts[:-1]:
            place = place.setdefault(part, {})
        place[parts[-1]] = flat[f.path]
    header = [
        f"# {title}" if title else "# A start-up case from meantime serve",
        "# Fields not given here take meantime's defaults (`meantime show-defaults` lists them all).",
        "# `meantime run` and `meantime report` read this file.",
        "",
    ]
    if essentials.unstated(stated):  # said aloud, so that the file reads back as the page had it
        header += [f'{essentials.BASED_ON} = "{essentials.EXAMPLE}"', ""]
    return "\n".join(header) + tomli_w.dumps(nested)


__all__ += ["UploadError", "values_of"]
