"""The PJe adapter: the browser session (``browser``), greenlet concurrency on its one Playwright
connection (``pool``), the page objects (``pages``) and the facade over them (``facade.PJe``), which
returns ``bot.vocabulary`` data (snapshots, task counts), never a Locator; ``playwright_private``
is the one wrapper of Playwright internals.

The only package that drives Playwright. May import ``bot.config``, ``bot.vocabulary`` and
``bot.core``; never the queue, the pipeline, the routines or the mock.
"""
