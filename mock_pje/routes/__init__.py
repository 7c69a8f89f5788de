"""Routers of the mock PJe, one module per resource."""
