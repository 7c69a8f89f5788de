"""Triage and execution: read PJe and queue proposals (``triage``), execute approved actions
(``executor``), and the bot's side of the classifiers (``models``: loading, error mapping).

May import ``bot.pje``, ``bot.queue``, ``bot.acts``, ``bot.config``, ``bot.vocabulary``, ``bot.core``,
``routines`` and ``classifiers``; never the workflows or the command line.
"""
