"""Engines run the pipeline over a corpus: `local` (processes on this machine)."""

from crisiswire.engines.local import analyse_articles, extract_events

__all__ = ["analyse_articles", "extract_events"]
