"""The module import graph of the product packages is acyclic (the same check ``lint-imports`` runs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

from tests.import_graph import describe, find_cycles

ROOTS = ("bot", "routines", "classifiers", "fixtures", "mock_pje")


def test_product_modules_should_import_each_other_without_cycles() -> None:
    graph = grimp.build_graph(*ROOTS, include_external_packages=True, exclude_type_checking_imports=True)
    cycles = find_cycles(graph, ROOTS)
    report = "\n".join(" -> ".join(c) + "\n  " + "\n  ".join(describe(graph, c)) for c in cycles)
    assert not cycles, f"module import cycles:\n{report}"


def test_find_cycles_should_name_each_cycle_including_package_init_and_cross_root_ones() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in [
        ("a.x", "a.y"),
        ("a.y", "a.x"),  # siblings
        ("a", "a.z"),
        ("a.z", "a"),  # a package and its own child
        ("a.w", "b.v"),
        ("b.v", "c.u"),
        ("c.u", "a.w"),  # across three roots
        ("a.x", "b.v"),  # no cycle of its own
    ]:
        graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="import")
    assert find_cycles(graph, ["a", "b", "c"]) == [
        ["a", "a.z", "a"],
        ["a.w", "b.v", "c.u", "a.w"],
        ["a.x", "a.y", "a.x"],
    ]
    assert find_cycles(graph, ["b"]) == []


def test_every_import_contract_in_pyproject_should_be_kept() -> None:
    # make test runs the contracts too (CI runs make test): a breach fails CI, not only make lint.
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
