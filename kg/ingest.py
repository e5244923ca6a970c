"""Articles or facts files -> RDF -> the store, in one transaction per batch.

Everything that can fail because of the input (reading, extraction, schema
checks, building) happens before the first write, so a failed ingest leaves
the store as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.facts import FactsDocument, read_facts_file
from kg.store.base import Store

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
FACTS_SUFFIXES = frozenset({".json", ".jsonl"})


@dataclass(frozen=True)
class IngestReport:
    articles: int
    entities: int
    facts: int
    triples_before: int
    triples_after: int
    store: str

    def summary(self) -> str:
        return (
            f"ingested {self.articles} article(s): {self.entities} entities, {self.facts} facts; "
            f"{self.store} now holds {self.triples_after} triples (was {self.triples_before})"
        )


def input_files(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: the files given, and articles/facts files found under folders given."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in ARTICLE_SUFFIXES | FACTS_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            if path.suffix.lower() not in ARTICLE_SUFFIXES | FACTS_SUFFIXES:
                raise InputError(
                    f"{path}: unsupported file type {path.suffix or '(none)'} "
                    "(articles: .txt .md .html; facts: .json .jsonl)"
                )
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    if not found:
        raise InputError("no articles or facts files found in " + ", ".join(str(p) for p in paths))
    return found


def facts_documents(
    paths: Iterable[Path], *, published: str | None = None, min_confidence: float = 0.0
) -> Iterator[FactsDocument]:
    """Facts documents for the inputs: facts files are read, articles extracted (in batches)."""
    files = input_files(paths)
    articles = [p for p in files if p.suffix.lower() in ARTICLE_SUFFIXES]
    for p in files:
        if p.suffix.lower() in FACTS_SUFFIXES:
            yield from read_facts_file(p)
    if articles:
        from kg.extract import extract_files  # spaCy loads only when there is text to read

        yield from extract_files(articles, published=published, min_confidence=min_confidence)


def ingest(
    paths: Iterable[Path],
    store: Store,
    *,
    published: str | None = None,
    min_confidence: float = 0.0,
    progress: bool = False,
) -> IngestReport:
    """Load articles and facts files into ``store``: one named graph per article, plus the shared graph.

    Re-ingesting an article replaces its graph. Entities resolve against those
    already in the store by normalised name and alias, so one company is one node;
    facts resolve by type, roles and identifying values, so one deal is one node
    however many articles state it (see :mod:`kg.build`).
    """
    from kg.build import check_layout, write

    check_layout(store)
    before = store.triple_count()
    docs = facts_documents(paths, published=published, min_confidence=min_confidence)
    if progress:
        from tqdm import tqdm

        docs = tqdm(docs, desc="ingest", unit=" article", leave=False)
    batch = write(store, docs)
    return IngestReport(
        len(batch.graphs), batch.n_entities, batch.n_facts, before, store.triple_count(), store.description
    )
