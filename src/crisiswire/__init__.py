"""crisiswire: news coverage of an international crisis → sourced event data, offline.

The library is usable without the CLI::

    from crisiswire import read_articles
    for item in read_articles(["examples/iran-pakistan-2024/pages"]):
        ...
"""

from crisiswire.ingest import read_articles
from crisiswire.model import Article, Paragraph, Skipped

__all__ = ["Article", "Paragraph", "Skipped", "read_articles"]
__version__ = "0.1.0"
