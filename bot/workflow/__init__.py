"""Durable workflows (DBOS): one item workflow from triage to execution (``durable``, class
``ItemWorkflows``) and the DBOS worker's hooks (``hooks``).

The only package that imports DBOS. May import ``bot.pipeline`` and everything below it, and
``routines``; never the command line.
"""
