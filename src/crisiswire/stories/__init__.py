"""Stories: articles grouped by the happening they report; copies linked to their original."""

from crisiswire.stories.cluster import Story, StoryClusterer
from crisiswire.stories.copies import Copy, CopyFinder

__all__ = ["Copy", "CopyFinder", "Story", "StoryClusterer"]
