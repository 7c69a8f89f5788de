"""The approval queue."""
