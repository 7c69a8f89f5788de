"""A FastAPI app imitating PJe 1º grau for electoral zones, with seeded data and fault injection."""
