"""Every citation resolves inside the repository: no file cites a document that lives outside it,
every cited page of docs/ exists, and a citation by section ("docs/sources.md, Wages") names one
of that page's sections. Code comments give reasons in words, not issue numbers."""

from __future__ import annotations

import pathlib
import re
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
# Documents that were never in the repository, and paths that lead out of it.
OUTSIDE = re.compile(r"DESIGN\.md|FACTS\.md|STYLE\.md|\.\./shared\b|/work/shared|\bshared/(DESIGN|FACTS|STYLE)")
CITATION = re.compile(r"docs/([a-z-]+\.md)(?:, ([A-Z][^)\]\"`\n\\]*))?")
ISSUE_TAG = re.compile(r"\bissues? #?\d+\b", re.IGNORECASE)
CODE = (".py", ".cpp", ".hpp", ".h", ".ipynb", ".cmake", ".sh", ".toml", ".yaml", ".yml")


def tracked_files() -> list[pathlib.Path]:
    """The repository's files (git's list when there is one, else every file outside build trees)."""
    try:
        names = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
        files = [REPO / name for name in names.splitlines()]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "build", "__pycache__"}
        files = [
            p
            for p in REPO.rglob("*")
            if p.is_file()
            and not skip & set(p.relative_to(REPO).parts)
            and not p.relative_to(REPO).parts[0].startswith("build")
        ]
    return [f for f in files if f.is_file() and f.suffix not in (".png", ".svg", ".bin") and "corpus" not in f.parts]


# This file names the patterns it looks for.
FILES = [f for f in tracked_files() if f != pathlib.Path(__file__).resolve()]


def text(path: pathlib.Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def test_the_repository_is_listed():
    assert len(FILES) > 100 and REPO / "docs" / "sources.md" in FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_nothing_cites_a_document_outside_the_repository(path):
    found = [m.group(0) for m in OUTSIDE.finditer(text(path))]
    assert found == [], f"{path.relative_to(REPO)} cites {found}: cite docs/design.md or docs/sources.md instead"


def sections(page: pathlib.Path) -> list[str]:
    return [line.lstrip("#").strip() for line in text(page).splitlines() if line.startswith("#")]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_cited_page_and_section_exists(path):
    for match in CITATION.finditer(text(path)):
        page = REPO / "docs" / match.group(1)
        assert page.is_file(), f"{path.relative_to(REPO)} cites {match.group(0)}"
        if match.group(2) and page.name in ("sources.md", "design.md"):
            cited = match.group(2).strip()
            assert any(cited.startswith(s) for s in sections(page)), (
                f"{path.relative_to(REPO)} cites section {cited!r} of docs/{page.name}; its sections: {sections(page)}"
            )


@pytest.mark.parametrize("path", [f for f in FILES if f.suffix in CODE], ids=lambda p: str(p.relative_to(REPO)))
def test_code_says_why_in_words_not_with_issue_numbers(path):
    found = [m.group(0) for m in ISSUE_TAG.finditer(text(path))]
    assert found == [], f"{path.relative_to(REPO)}: {found}"


def test_the_checks_would_catch_a_citation_outside():
    assert OUTSIDE.search("see shared/FACTS.md") and OUTSIDE.search("(DESIGN.md, Validation anchors)")
    assert not OUTSIDE.search("docs/design.md, Validation anchors")
    assert CITATION.search("docs/sources.md, Wages)").group(2) == "Wages"
    assert ISSUE_TAG.search("the Poisson inversion of issue 8") and not ISSUE_TAG.search("an issue with the price")
