"""Developer tooling: the demo (``demo``, ``make demo``) and scoring a triage against the mock's
truth (``scoring``).

The top layer of ``bot``: may import the command line and everything below it, and ``routines``.
No product code imports it.
"""
