"""Articles or facts files -> RDF -> the store, all or nothing.

Documents stream from reading through building into the store's loader; the
store stages the write and makes it visible at once when everything went in
(:meth:`kg.store.base.Store.transaction`). An error anywhere (bad input, a
clashing article id, a full disk, Ctrl+C) leaves the store as it was.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.facts import FactsDocument, read_facts_file
from kg.store.base import Store

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
FACTS_SUFFIXES = frozenset({".json", ".jsonl"})
REVIEW_SUFFIXES = frozenset({".yaml", ".yml"})  # review files (kg.review)


@dataclass(frozen=True)
class IngestReport:
    articles: int
    entities: int
    facts: int
    triples_before: int
    triples_after: int
    store: str
    kept_reviewed: tuple[str, ...] = ()

    def summary(self) -> str:
        text = (
            f"ingested {self.articles} article(s): {self.entities} entities, {self.facts} facts; "
            f"{self.store} now holds {self.triples_after} triples (was {self.triples_before})"
        )
        if self.kept_reviewed:
            text += (
                f"; kept the reviewed facts of {len(self.kept_reviewed)} article(s) instead of extracting "
                "them again (ingest their review files to change them, or kg remove them first)"
            )
        return text


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
                and p.suffix.lower() in ARTICLE_SUFFIXES | FACTS_SUFFIXES | REVIEW_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists() and not path.is_file():
            raise InputError(f"{path}: not a regular file or folder (a device, FIFO or socket?)")
        elif path.is_file():
            if path.suffix.lower() not in ARTICLE_SUFFIXES | FACTS_SUFFIXES | REVIEW_SUFFIXES:
                raise InputError(
                    f"{path}: unsupported file type {path.suffix or '(none)'} "
                    "(articles: .txt .md .html; facts: .json .jsonl; review files: .yaml)"
                )
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    if not found:
        raise InputError("no articles or facts files found in " + ", ".join(str(p) for p in paths))
    return found


def article_files(paths: Iterable[Path]) -> list[Path]:
    """Articles to extract: the files given, and the articles (not facts files) found under folders given."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += [p for p in input_files([path]) if p.suffix.lower() in ARTICLE_SUFFIXES]
        else:
            found.append(path)
    if not found:
        raise InputError("no articles (.txt .md .html) found in " + ", ".join(str(p) for p in paths))
    return found


def facts_documents(
    paths: Iterable[Path], *, published: str | None = None, min_confidence: float = 0.0
) -> Iterator[FactsDocument]:
    """Facts documents for the inputs: facts files are read, articles extracted (in batches)."""
    files = input_files(paths)
    reviews = [p for p in files if p.suffix.lower() in REVIEW_SUFFIXES]
    if reviews:  # a review file stands in for extracting its article
        from kg.review import read_review_file

        reviewed = [read_review_file(p) for p in reviews]
        covered = {doc.article.id for doc in reviewed}
        files = [p for p in files if p.suffix.lower() not in ARTICLE_SUFFIXES or p.stem not in covered]
        yield from reviewed
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
    documents: Iterable[FactsDocument] = (),
) -> IngestReport:
    """Load articles and facts files into ``store``: one named graph per article, plus the shared graph.

    Re-ingesting an article replaces its graph. Entities resolve against those
    already in the store by normalised name and alias, so one company is one node;
    facts resolve by type, roles and identifying values, so one deal is one node
    however many articles state it (see :mod:`kg.build`). ``documents`` are more facts
    documents to load with them (articles read from the web).
    """
    from kg.build import check_layout, write
    from kg.review.store import reviewed_articles

    kept: list[str] = []
    with store.transaction():  # what is read to resolve entities and facts is what is written over
        check_layout(store)
        before = store.triple_count()
        paths = list(paths)
        docs: Iterable[FactsDocument] = (
            facts_documents(paths, published=published, min_confidence=min_confidence) if paths else ()
        )
        docs = itertools.chain(docs, documents)
        if progress:
            from tqdm import tqdm

            docs = tqdm(docs, desc="ingest", unit=" article", leave=False)
        keep = reviewed_articles(store)  # a person's checked facts are not replaced by unreviewed ones
        batch = write(store, _checked(docs, keep, kept))
    return IngestReport(
        len(batch.graphs),
        batch.n_entities,
        batch.n_facts,
        before,
        store.triple_count(),
        store.description,
        tuple(kept),
    )


def _checked(docs: Iterable[FactsDocument], keep: set[str], kept: list[str]) -> Iterator[FactsDocument]:
    """The documents to write; an article id seen twice stops the ingest.

    Articles in ``keep`` (reviewed in the store) are skipped unless the document is reviewed too;
    their ids are appended to ``kept``.
    """
    sources: dict[str, str] = {}
    for doc in docs:
        where = doc.article.source or "a facts document"
        first = sources.get(doc.article.id)
        if first is not None:
            raise InputError(
                f"article id {doc.article.id!r} comes twice, from {first} and from {where}; "
                "ids must be unique (rename one of the files, or give it another id); nothing was written"
            )
        sources[doc.article.id] = where
        if doc.article.id in keep and not doc.article.reviewed:
            kept.append(doc.article.id)
            continue
        yield doc
