"""A FastAPI app imitating PJe 1º grau for electoral zones, with seeded data and fault injection."""

from mock_pje.app import create_app
from mock_pje.settings import FaultProfile, MockSettings, Quirk
from mock_pje.state import MockState

__all__ = ["FaultProfile", "MockSettings", "MockState", "Quirk", "create_app"]
