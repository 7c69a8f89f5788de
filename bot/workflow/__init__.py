"""Durable workflows (DBOS)."""
