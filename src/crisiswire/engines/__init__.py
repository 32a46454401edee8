"""Engines run the pipeline over a corpus: `local` (processes on this machine)."""

from crisiswire.engines.local import extract_events

__all__ = ["extract_events"]
