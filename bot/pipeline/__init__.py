"""Triage and execution."""
