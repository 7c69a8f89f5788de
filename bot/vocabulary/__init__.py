"""The court's vocabulary."""
