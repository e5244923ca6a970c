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
    #: article files skipped because the store holds them unchanged
    unchanged: int = 0

    def summary(self) -> str:
        skipped = f" ({self.unchanged} unchanged article(s) skipped)" if self.unchanged else ""
        text = (
            f"ingested {self.articles} article(s){skipped}: {self.entities} entities, {self.facts} facts; "
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
    paths: Iterable[Path],
    *,
    published: str | None = None,
    min_confidence: float = 0.0,
    jobs: int = 1,
    skip: frozenset[Path] = frozenset(),
    scheduler: str | None = None,
) -> Iterator[FactsDocument]:
    """Facts documents for the inputs: facts files are read, articles extracted (in batches).

    ``jobs`` extraction processes (see :mod:`kg.parallel`), or a Dask cluster at
    ``scheduler`` (:mod:`kg.dask`); articles in ``skip`` are left out.
    """
    files = input_files(paths)
    reviews = [p for p in files if p.suffix.lower() in REVIEW_SUFFIXES]
    if reviews:  # a review file stands in for extracting its article
        from kg.review import read_review_file

        reviewed = [read_review_file(p) for p in reviews]
        covered = {doc.article.id for doc in reviewed}
        files = [p for p in files if p.suffix.lower() not in ARTICLE_SUFFIXES or p.stem not in covered]
        yield from reviewed
    articles = [p for p in files if p.suffix.lower() in ARTICLE_SUFFIXES and p not in skip]
    for p in files:
        if p.suffix.lower() in FACTS_SUFFIXES:
            yield from read_facts_file(p)
    if articles and scheduler:
        from kg.dask import extract_on_cluster

        yield from extract_on_cluster(articles, scheduler, published=published, min_confidence=min_confidence)
    elif articles:
        from kg.parallel import extract_files_parallel  # spaCy loads only when there is text to read

        yield from extract_files_parallel(
            articles, jobs=jobs, published=published, min_confidence=min_confidence
        )


def ingest(
    paths: Iterable[Path],
    store: Store,
    *,
    published: str | None = None,
    min_confidence: float = 0.0,
    progress: bool = False,
    jobs: int = 1,
    force: bool = False,
    scheduler: str | None = None,
    documents: Iterable[FactsDocument] = (),
) -> IngestReport:
    """Load articles and facts files into ``store``: one named graph per article, plus the shared graph.

    Re-ingesting an article replaces its graph; an article file the store holds
    with the same bytes is skipped unless ``force`` (or extraction options are
    given). Entities resolve against those already in the store by normalised
    name and alias, so one company is one node; facts resolve by type, roles and
    identifying values, so one deal is one node however many articles state it
    (see :mod:`kg.build`). ``jobs``: extraction processes; ``scheduler``: a Dask
    scheduler address to extract on instead. ``documents`` are more facts documents
    to load with them (articles read from the web).
    """
    from kg.build import check_layout, write
    from kg.review.store import reviewed_articles

    kept: list[str] = []
    with store.transaction():  # what is read to resolve entities and facts is what is written over
        check_layout(store)
        before = store.triple_count()
        keep = reviewed_articles(store)  # a person's checked facts are not replaced by unreviewed ones
        held = stored_articles(store)
        paths = list(paths)
        _check_article_files(paths, held)  # before extracting: a clash found now wastes no time
        # unchanged files are not extracted again (reviewed ones go on to be reported as kept)
        unchanged = frozenset() if force or not paths else _unchanged(paths, store, published, min_confidence)
        skip = frozenset(p for p in unchanged if p.stem not in keep)
        docs: Iterable[FactsDocument] = (
            facts_documents(
                paths,
                published=published,
                min_confidence=min_confidence,
                jobs=jobs,
                skip=skip,
                scheduler=scheduler,
            )
            if paths
            else ()
        )
        docs = itertools.chain(docs, documents)
        if progress:
            from tqdm import tqdm

            docs = tqdm(docs, desc="ingest", unit=" article", leave=False)
        batch = write(store, _checked(docs, keep, kept, held))
    return IngestReport(
        batch.n_articles,
        batch.n_entities,
        batch.n_facts,
        before,
        store.triple_count(),
        store.description,
        tuple(kept),
        len(skip),
    )


@dataclass(frozen=True)
class HeldArticle:
    """What the store records of an article: where it was read from and a digest of its bytes."""

    source: str | None
    sha256: str | None


def stored_articles(store: Store) -> dict[str, HeldArticle]:
    """Article id -> its recorded source and digest, for every article in ``store``."""
    _, rows = store.select_values(
        "SELECT ?id (SAMPLE(?src) AS ?source) (SAMPLE(?digest) AS ?sha) WHERE { ?a a kgo:Article ; "
        "schema:identifier ?id . OPTIONAL { ?a kgo:source ?src } OPTIONAL { ?a kgo:sha256 ?digest } } GROUP BY ?id"
    )
    return {
        str(row[0]): HeldArticle(
            None if row[1] is None else str(row[1]), None if row[2] is None else str(row[2])
        )
        for row in rows
    }


def same_source(held: HeldArticle, source: str | None, sha256: str | None) -> bool:
    """Whether an article read from ``source`` is the stored one again (so it may replace it).

    The same source: the same path or URL as recorded, or a path naming the same file (a relative
    path is taken from the current folder); or the same bytes. When either side records no source
    (a facts document without one), the id alone says it is the same article.
    """
    if held.source is None or source is None or held.source == source:
        return True
    if sha256 is not None and held.sha256 == sha256:
        return True
    if "://" in held.source or "://" in source:
        return False
    try:
        return Path(held.source).resolve() == Path(source).resolve()
    except (OSError, RuntimeError, ValueError):  # an unresolvable path (a symlink loop): not the same
        return False


def _clash(article_id: str, source: str | None, held: HeldArticle) -> InputError:
    return InputError(
        f"{source}: article id {article_id!r} is already in the store, read from {held.source}, "
        f"a different source; rename the file (or give it another id), or `kg remove {article_id}` "
        "first to replace that article; nothing was written"
    )


def _check_article_files(paths: list[Path], held: dict[str, HeldArticle]) -> None:
    """Refuse an article file whose id (its name) the store holds from another source."""
    if not held or not paths:
        return
    from kg.parallel import file_sha256

    for path in input_files(paths):
        if path.suffix.lower() not in ARTICLE_SUFFIXES or path.stem not in held:
            continue
        stored = held[path.stem]
        if not same_source(stored, str(path), None) and not same_source(stored, str(path), file_sha256(path)):
            raise _clash(path.stem, str(path), stored)


def _checked(
    docs: Iterable[FactsDocument],
    keep: set[str],
    kept: list[str],
    held: dict[str, HeldArticle] | None = None,
) -> Iterator[FactsDocument]:
    """The documents to write; an article id seen twice, or held in the store from another
    source, stops the ingest (before the staged write becomes visible: nothing is written).

    Articles in ``keep`` (reviewed in the store) are skipped unless the document is reviewed too;
    their ids are appended to ``kept``.
    """
    held = held or {}
    sources: dict[str, str] = {}
    for doc in docs:
        where = doc.article.source or "a facts document"
        stored = held.get(doc.article.id)
        if stored is not None and not same_source(stored, doc.article.source, doc.article.sha256):
            raise _clash(doc.article.id, where, stored)
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


def _unchanged(
    paths: Iterable[Path], store: Store, published: str | None, min_confidence: float
) -> frozenset[Path]:
    """Article files to skip: held unchanged, and no option asks for a different extraction."""
    if published is not None or min_confidence > 0:
        return frozenset()
    from kg.parallel import unchanged_articles

    files = input_files(paths)
    return frozenset(unchanged_articles([p for p in files if p.suffix.lower() in ARTICLE_SUFFIXES], store))
