"""Fixtures of the routine tests: a fake classifier and the routine context around it."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.acts import DraftFactory
from bot.config.settings import CourtSettings
from bot.vocabulary.domain import MOVEMENTS
from routines.base import RoutineContext
from tests.doubles import KeywordClassifier


@pytest.fixture
def classifier() -> KeywordClassifier:
    return KeywordClassifier()


@pytest.fixture
def ctx(classifier: KeywordClassifier) -> RoutineContext:
    return RoutineContext(
        zone=16,
        drafts=DraftFactory(CourtSettings(), today=dt.date(2026, 11, 21)),
        classifier_for=lambda name: classifier,
        movement_code=lambda key: MOVEMENTS[key].code,
    )
