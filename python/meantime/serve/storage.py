"""The advisor's cases in SQLite: each case, its versions (scenario and last answer), per owner.

Every save is one transaction in write-ahead-log mode with full synchronisation, so a save either
is on disk whole when the server says "saved" or not at all: a crash or a killed server in the
middle of one loses nothing saved before it. Each connection is used by one thread only (SQLite's
own locking serialises writers across threads).
"""

from __future__ import annotations

import contextlib
import json
import pathlib
import sqlite3
import time
from typing import Any, Callable, Iterator, Sequence

__all__ = ["CaseStore", "NotFound"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cases (
    id INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_by_owner ON cases(owner, updated);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    name TEXT NOT NULL,
    scenario TEXT NOT NULL,   -- JSON: field path -> value, as Scenario.to_dict(flat=True)
    stated TEXT NOT NULL,     -- JSON: the paths given by the person (the rest are defaults)
    answer TEXT,              -- JSON: the last answer shown for it, if any
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_case ON versions(case_id, id);
"""
# JSON: the stated paths whose value a question of a new idea offered and nobody changed.
_OFFERED = "TEXT NOT NULL DEFAULT '[]'"


class NotFound(LookupError):
    """No such case or version for this owner (another owner's look the same: absent)."""


class CaseStore:
    """Cases kept in one SQLite file; every method is safe to call from any thread."""

    def __init__(self, path: pathlib.Path) -> None:
        self.path = pathlib.Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
            # Added since the first files were written: a file without it gains it, empty.
            if "offered" not in {row[1] for row in db.execute("PRAGMA table_info(versions)")}:
                db.execute(f"ALTER TABLE versions ADD COLUMN offered {_OFFERED}")

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            yield db
        finally:
            db.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # -- cases ----------------------------------------------------------------------------------

    def cases(self, owner: str) -> list[dict[str, Any]]:
        """The owner's cases, the latest changed first, each with its versions (no scenarios)."""
        with self._connect() as db:
            cases = db.execute(
                "SELECT id, name, created, updated FROM cases WHERE owner = ? ORDER BY updated DESC, id DESC", (owner,)
            ).fetchall()
            listed = []
            for case_id, name, created, updated in cases:
                versions = db.execute(
                    "SELECT id, name, created, answer IS NOT NULL FROM versions WHERE case_id = ? ORDER BY id",
                    (case_id,),
                ).fetchall()
                listed.append(
                    {
                        "id": case_id,
                        "name": name,
                        "created": created,
                        "updated": updated,
                        "versions": [
                            {"id": v, "name": n, "created": c, "answered": bool(a)} for v, n, c, a in versions
                        ],
                    }
                )
        return listed

    def save(
        self,
        owner: str,
        case_id: int | None,
        case_name: str,
        version_name: str,
        scenario: dict[str, Any],
        stated: list[str],
        offered: Sequence[str] = (),
    ) -> tuple[int, int]:
        """Save a version of a case (a new case when ``case_id`` is None): (case id, version id).
        ``offered``: the stated paths still at a question's offered answer."""
        now = time.time()
        with self._transaction() as db:
            if case_id is None:
                case_id = db.execute(
                    "INSERT INTO cases (owner, name, created, updated) VALUES (?, ?, ?, ?)",
                    (owner, case_name, now, now),
                ).lastrowid
                assert case_id is not None  # an INSERT always gives the new row's id
            else:
                found = db.execute(
                    "UPDATE cases SET updated = ?, name = ? WHERE id = ? AND owner = ?",
                    (now, case_name, case_id, owner),
                ).rowcount
                if not found:
                    raise NotFound(f"no case {case_id}")
            version_id = db.execute(
                "INSERT INTO versions (case_id, name, scenario, stated, offered, created) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    version_name,
                    json.dumps(scenario),
                    json.dumps(sorted(stated)),
                    json.dumps(sorted(offered)),
                    now,
                ),
            ).lastrowid
            assert version_id is not None
        return int(case_id), int(version_id)

    def version(self, owner: str, version_id: int) -> dict[str, Any]:
        """One version with its scenario, stated paths (and those offered) and last answer."""
        with self._connect() as db:
            row = db.execute(
                "SELECT v.id, v.case_id, c.name, v.name, v.scenario, v.stated, v.offered, v.answer, v.created "
                "FROM versions v JOIN cases c ON c.id = v.case_id WHERE v.id = ? AND c.owner = ?",
                (version_id, owner),
            ).fetchone()
        if row is None:
            raise NotFound(f"no version {version_id}")
        vid, case_id, case_name, name, scenario, stated, offered, answer, created = row
        return {
            "id": vid,
            "case_id": case_id,
            "case_name": case_name,
            "name": name,
            "scenario": json.loads(scenario),
            "stated": json.loads(stated),
            "offered": json.loads(offered),
            "answer": json.loads(answer) if answer else None,
            "created": created,
        }

    def keep_answer(self, owner: str, version_id: int, answer: dict[str, Any]) -> None:
        """Keep the last answer computed for a version."""
        with self._transaction() as db:
            found = db.execute(
                "UPDATE versions SET answer = ? WHERE id = ? AND case_id IN (SELECT id FROM cases WHERE owner = ?)",
                (json.dumps(answer), version_id, owner),
            ).rowcount
        if not found:
            raise NotFound(f"no version {version_id}")

    def update_answer(self, owner: str, version_id: int, change: Callable[[dict[str, Any]], bool]) -> bool:
        """Change a version's kept answer in place, in one transaction (so no other save of it comes
        between reading and writing): ``change`` edits the answer and says whether to keep the
        edit. False when the version has no answer (or ``change`` declined)."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT v.answer FROM versions v JOIN cases c ON c.id = v.case_id WHERE v.id = ? AND c.owner = ?",
                (version_id, owner),
            ).fetchone()
            if row is None:
                raise NotFound(f"no version {version_id}")
            if row[0] is None:
                return False
            answer = json.loads(row[0])
            if not change(answer):
                return False
            db.execute("UPDATE versions SET answer = ? WHERE id = ?", (json.dumps(answer), version_id))
        return True

    def delete_case(self, owner: str, case_id: int) -> None:
        with self._transaction() as db:
            if not db.execute("SELECT 1 FROM cases WHERE id = ? AND owner = ?", (case_id, owner)).fetchone():
                raise NotFound(f"no case {case_id}")
            db.execute("DELETE FROM versions WHERE case_id = ?", (case_id,))
            db.execute("DELETE FROM cases WHERE id = ?", (case_id,))

    def integrity(self) -> str:
        """SQLite's own check of the file: "ok" when sound."""
        with self._connect() as db:
            return db.execute("PRAGMA integrity_check").fetchone()[0]
