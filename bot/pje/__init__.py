"""The PJe adapter."""
