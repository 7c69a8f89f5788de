"""Pure building blocks."""
