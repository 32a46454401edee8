"""Stories: articles grouped by the happening they report; copies linked to their original."""

from crisiswire.stories.copies import Copy, CopyFinder

__all__ = ["Copy", "CopyFinder"]
