"""The court's vocabulary, shared by the bot, the routines and the mock: process classes, tasks,
document types and movements (``domain``), proposed actions and drafts (``actions``), amount and
ground extraction (``extract``), and the snapshot of a process a routine reads (``snapshot``).

Plain data: may import ``bot.core`` only (and pydantic).
"""
