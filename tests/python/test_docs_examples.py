"""Every Python example in the README and in docs/ runs (with fewer paths), page by page, each
page's blocks in order in one namespace. A block preceded by ``<!-- not run: why -->`` is shown
only (it needs something a test machine lacks, such as a cluster's address)."""

from __future__ import annotations

import pathlib
import re

import matplotlib
import pytest

matplotlib.use("Agg")

REPO = pathlib.Path(__file__).resolve().parents[2]
PAGES = [REPO / "README.md"] + sorted((REPO / "docs").glob("*.md"))
BLOCK = re.compile(r"(<!-- not run: [^>]*-->\n)?```python\n(.*?)```", re.S)
# The examples' run sizes, cut down for a test run.
FEWER_PATHS = re.compile(r"paths=[\d_]{5,}")


def examples(page: pathlib.Path) -> list[str]:
    return [code for skip, code in BLOCK.findall(page.read_text()) if not skip]


def test_the_pages_have_examples():
    assert sum(len(examples(page)) for page in PAGES) >= 6
    assert any("not run" in page.read_text() for page in PAGES)  # the marker is read, not ignored


@pytest.mark.parametrize("page", [p for p in PAGES if examples(p)], ids=lambda p: p.name)
def test_the_examples_run(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # reports and files the examples write go here
    namespace: dict = {"__name__": "__main__"}
    for code in examples(page):
        code = FEWER_PATHS.sub("paths=500", code).replace("samples=64", "samples=8").replace("range(25)", "range(3)")
        code = code.replace('"examples/', f'"{REPO}/examples/')
        exec(compile(code, str(page.relative_to(REPO)), "exec"), namespace)
