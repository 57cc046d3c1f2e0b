"""The notebooks in notebooks/ run top to bottom on a fresh kernel, and are committed clean.

Each notebook is executed with nbclient on a new kernel running this interpreter (the venv's
Python, so it imports the installed ``meantime``), from the notebooks folder, and the test fails
on the first cell that raises. The committed notebooks hold no outputs and no execution counts:
strip them before committing (``jupyter nbconvert --clear-output --inplace notebooks/*.ipynb``,
or ``python tests/python/test_notebooks.py --strip``).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
TIMEOUT_PER_CELL = 120  # seconds; every notebook is sized to run in well under a minute
KERNEL_NAME = "meantime-test-python"


def strip(path: Path) -> None:
    """Remove outputs and execution counts from one notebook, in place."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no notebooks in {NOTEBOOKS_DIR}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{path.name}, cell {i}: has outputs (strip them)"
            assert cell.get("execution_count") is None, f"{path.name}, cell {i}: has an execution count"


@pytest.fixture(scope="module")
def kernel_spec_dir(tmp_path_factory):
    """A kernel spec for this interpreter, so the kernel imports the same installed meantime."""
    root = tmp_path_factory.mktemp("kernels")
    spec = root / KERNEL_NAME
    spec.mkdir()
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "meantime tests",
                "language": "python",
                "env": {"MPLBACKEND": "Agg"},
            }
        )
    )
    return root


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_runs_top_to_bottom(path, kernel_spec_dir):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    nb = nbformat.read(path, as_version=4)
    km = KernelManager(
        kernel_name=KERNEL_NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernel_spec_dir)])
    )
    client = nbclient.NotebookClient(
        nb, km=km, timeout=TIMEOUT_PER_CELL, allow_errors=False, resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}
    )
    start = time.monotonic()
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as error:
        pytest.fail(f"{path.name}: a cell failed:\n{error}")
    seconds = time.monotonic() - start
    print(f"{path.name}: {seconds:.1f}s")
    # Every code cell ran, in order, on this fresh kernel.
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert counts == list(range(1, len(counts) + 1))


if __name__ == "__main__":
    if sys.argv[1:] == ["--strip"]:
        for p in NOTEBOOKS:
            strip(p)
            print(f"stripped {p}")
    else:
        print("usage: python tests/python/test_notebooks.py --strip", file=sys.stderr)
        sys.exit(2)
