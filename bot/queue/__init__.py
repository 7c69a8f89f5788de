"""The approval queue: the database (``db``, ``tables``), work items and their pure state machine
(``workitems``), proposals and the supervisors' decisions – the first law (``approvals``), the
hash-chained audit trail (``audit``), users and roles (``users``), runs (``runs``).

The only package that touches SQLAlchemy. May import ``bot.vocabulary`` and ``bot.core`` (the
settings only for typing); never the browser, the pipeline or the routines. Inside it, approvals
import the state machine, never the reverse.
"""
