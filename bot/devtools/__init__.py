"""Developer tooling."""
