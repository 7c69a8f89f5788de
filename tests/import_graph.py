"""The module import graph is acyclic: an import-linter contract type (``lint-imports``) and its check.

import-linter's own ``acyclic_siblings`` contract looks at the children of one package at a time; it
misses a cycle through a package's ``__init__`` and one that crosses root packages (bot → routines →
bot). This contract takes every module of the root packages, function-level imports included and
``TYPE_CHECKING`` imports left out (``exclude_type_checking_imports`` in pyproject), and names each
cycle it finds with the import lines that close it. ``tests/test_import_graph.py`` runs the same check
under pytest.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import grimp
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def strongly_connected(graph: grimp.ImportGraph, modules: Iterable[str]) -> list[list[str]]:
    """Groups of modules that import each other, directly or not (Tarjan, iterative), sorted."""
    nodes = sorted(set(modules))
    inside = set(nodes)
    edges = {m: sorted(i for i in graph.find_modules_directly_imported_by(m) if i in inside) for m in nodes}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if work:  # back in the caller: propagate the low link
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in edges[node]:
                    groups.append(sorted(group))
    return sorted(groups)


def one_cycle(graph: grimp.ImportGraph, group: list[str]) -> list[str]:
    """A shortest cycle through the first module of ``group``: ``[a, b, ..., a]``."""
    start, members = group[0], set(group)
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in sorted(graph.find_modules_directly_imported_by(node)):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if target in members and target not in previous:
                previous[target] = node
                queue.append(target)
    return [start, start]


def describe(graph: grimp.ImportGraph, cycle: list[str]) -> list[str]:
    """One line per import of the cycle: ``importer:line imports imported``."""
    lines = []
    for importer, imported in zip(cycle, cycle[1:], strict=False):
        details = graph.get_import_details(importer=importer, imported=imported)
        where = ", ".join(f"line {d['line_number']}" for d in details) or "?"
        lines.append(f"{importer} ({where}) imports {imported}")
    return lines


def find_cycles(graph: grimp.ImportGraph, packages: Iterable[str]) -> list[list[str]]:
    """Every group of mutually importing modules of ``packages``, each as one concrete cycle."""
    roots = set(packages)
    modules = [m for m in graph.modules if m.split(".")[0] in roots]
    return [one_cycle(graph, group) for group in strongly_connected(graph, modules)]


class AcyclicContract(Contract):
    """No module of ``packages`` imports itself through any chain of imports."""

    type_name = "acyclic"
    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        cycles = find_cycles(graph, self.packages)  # type: ignore[arg-type]
        described = [describe(graph, cycle) for cycle in cycles]
        return ContractCheck(kept=not cycles, warnings=[], metadata={"cycles": cycles, "lines": described})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle, lines in zip(check.metadata["cycles"], check.metadata["lines"], strict=True):
            output.print_error(f"Cycle: {' -> '.join(cycle)}")
            for line in lines:
                output.indent_cursor()
                output.print(f"- {line}")
            output.new_line()
