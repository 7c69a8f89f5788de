"""Page objects: they own every selector and return domain data, never a Locator
(docs/architecture.md#page-objects).

Stable handles come from ``docs/pje-handles.md`` (the same ones real PJe shows): ids by stable
suffix, labels, roles and titles – never positional JSF ids.
"""
