"""The spaCy pipeline: the English model plus crisiswire's registered components."""

from crisiswire.nlp.pipeline import MODEL, load_pipeline, parse_articles

__all__ = ["MODEL", "load_pipeline", "parse_articles"]
