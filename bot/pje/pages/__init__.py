"""Page objects: they own every selector and return domain data, never a Locator
(docs/architecture.md#page-objects).

Stable handles come from ``docs/pje-handles.md`` (the same ones real PJe shows): ids by stable
suffix, labels, roles and titles – never positional JSF ids.

Part of ``bot.pje``: may import ``bot.pje.browser`` and ``bot.pje.pool``, ``bot.config``,
``bot.vocabulary`` and ``bot.core``; never the facade (which imports them).
"""
