"""The example corpus in examples/iran-pakistan-2024, read end to end."""

from __future__ import annotations

from crisiswire import Article, Skipped


def test_example_corpus_reads_15_articles_and_skips_its_readme(read_all, examples_dir):
    items = read_all([examples_dir])
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert len(articles) == 15
    assert len({a.source for a in articles}) >= 4
    assert len(skipped) == 1
    assert skipped[0].origin == str(examples_dir / "README.md")
    assert skipped[0].kind == "no-text"
    assert len({a.id for a in articles}) == 15
    assert all(a.language == "en" for a in articles)


def test_example_dates_as_its_readme_describes(read_all, examples_dir):
    pages = examples_dir / "pages"
    nsc, workers = read_all(
        [pages / "frontier-ledger-kakar-chairs-nsc.txt",
         pages / "plateau-post-pakistani-workers-killed.txt"]
    )  # fmt: skip
    assert nsc.published == "2024-01-19"
    assert nsc.published_basis.startswith("inferred:")
    assert (workers.published, workers.published_basis) == (None, "unknown")


def test_syndicated_copy_has_the_same_body_as_the_wire_original(read_all, examples_dir):
    wire = read_all([examples_dir / "batch" / "wire.jsonl"])
    original = next(a for a in wire if a.id == "nsw-2024-0119-01")
    (copy,) = read_all([examples_dir / "pages" / "crescent-herald-foreign-ministers-call.txt"])
    assert copy.text.startswith(original.text)
    assert copy.source != original.source
