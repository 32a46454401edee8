"""Shared fixtures for the ingest test suite.

Helpers are exposed as fixtures (not imported from this module) so that every test file
gets them the same way, wherever it sits under ``tests/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from crisiswire import Article, Skipped, read_articles

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = next(p for p in TESTS_DIR.parents if (p / "pyproject.toml").is_file())
FIXTURES = TESTS_DIR / "fixtures"
SEEDS = REPO_ROOT / ".." / "shared" / "seeds"
EXAMPLES = REPO_ROOT / "examples" / "iran-pakistan-2024"

# A short English news paragraph written for these tests (a fictional border dispute).
STORY = (
    "The governments of Ardania and Belmora said on Monday that they would keep talking "
    "about the Kelvar bridge, and that traders on both banks of the river should be patient "
    "while the details of a new border regime were worked out by officials."
)

Item = Article | Skipped


def _read(paths: Iterable[str | Path], **kwargs: object) -> list[Item]:
    return list(read_articles([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def story() -> str:
    return STORY


@pytest.fixture
def read_all() -> Callable[..., list[Item]]:
    """``read_all([paths], **options)``: every item `read_articles` yields, as a list."""
    return _read


@pytest.fixture
def read_one() -> Callable[..., Article]:
    """``read_one(path, **options)``: the single `Article` read from one input."""

    def one(path: str | Path, **kwargs: object) -> Article:
        items = _read([path], **kwargs)
        assert len(items) == 1, items
        assert isinstance(items[0], Article), items[0]
        return items[0]

    return one


@pytest.fixture
def read_skipped() -> Callable[..., Skipped]:
    """``read_skipped(path, **options)``: the single `Skipped` an input gives."""

    def one(path: str | Path, **kwargs: object) -> Skipped:
        items = _read([path], **kwargs)
        assert len(items) == 1, items
        assert isinstance(items[0], Skipped), items[0]
        return items[0]

    return one


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """``write(name, content)``: a file under tmp_path (str is written as UTF-8)."""

    def write_file(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return write_file


def check_article_invariants(article: Article) -> None:
    """Offsets slice `text` into the paragraphs, joined by a blank line; id follows hash."""
    assert article.paragraphs, article
    texts = article.paragraph_texts()
    assert all(t and t == t.strip() and "\n\n" not in t for t in texts), texts
    assert "\n\n".join(texts) == article.text
    assert article.paragraphs[0].start == 0
    for before, after in zip(article.paragraphs, article.paragraphs[1:], strict=False):
        assert before.start < before.end
        assert after.start == before.end + 2
    assert article.paragraphs[-1].end == len(article.text)
    assert re.fullmatch(r"[0-9a-f]{64}", article.hash)


@pytest.fixture
def check_invariants() -> Callable[[Article], None]:
    return check_article_invariants


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not found: seed tests need the shared folder beside the repo")
    return SEEDS.resolve()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def cli() -> Callable[..., str]:
    """``cli("export", "--db", path)``: run a crisiswire command, assert it succeeded, and
    return what it printed on standard output."""
    from typer.testing import CliRunner

    from crisiswire.cli import app

    def run(*args: str) -> str:
        result = CliRunner().invoke(app, list(args))
        assert result.exit_code == 0, result.stderr
        return result.stdout

    return run
