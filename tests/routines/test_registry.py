from __future__ import annotations

import importlib

import routines
from routines.base import Routine


def test_each_routine_module_should_register_exactly_one_routine() -> None:
    for name in routines.MODULES:
        found = routines.routines_in(importlib.import_module(name))
        assert len(found) == 1, f"{name} defines {len(found)} routines"


def test_registry_ids_should_be_stable_design_ids_with_declarations() -> None:
    assert set(routines.REGISTRY) <= set(routines.ROUTINE_IDS)
    for rid, cls in routines.REGISTRY.items():
        assert issubclass(cls, Routine) and cls.name == rid
        assert cls.classes and cls.task
        assert (cls.model is not None) == cls.uses_ai


def test_catalog_should_list_every_design_id_once() -> None:
    ids = [row["id"] for row in routines.catalog()]
    assert ids == list(routines.ROUTINE_IDS)
    planned = [rid for rid in routines.ROUTINE_IDS if rid not in routines.REGISTRY]
    for rid in planned:
        assert routines.get(rid) is None
    built = routines.get("contas-minuta-sentenca")
    assert built is not None and built.name == "contas-minuta-sentenca"
