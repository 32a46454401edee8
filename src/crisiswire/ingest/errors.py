"""The one exception readers raise for input they refuse, carrying a kind and a reason."""

from __future__ import annotations

from crisiswire.model import SkipKind


class Rejected(Exception):
    """Raised by readers for input that cannot become an article; turned into `Skipped`."""

    def __init__(self, kind: SkipKind, reason: str) -> None:
        super().__init__(reason)
        self.kind: SkipKind = kind
        self.reason = reason
