"""Extraction on several cores, and skipping articles the store already holds unchanged.

Extraction is the slow stage (spaCy parses every sentence) and every article
is independent, so ``--jobs N`` hands chunks of files to N worker processes,
each running the public :func:`kg.extract.extract_files` on its chunk. Results
come back in input order, so the output is the same as with one process; the
first unreadable file stops the run with its own error, before anything is
written.

:func:`unchanged_articles` is what makes re-ingesting a corpus cheap: a file
whose bytes hash to the ``kgo:sha256`` the store holds for that article is not
extracted again.
"""

from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kg.facts import FactsDocument
from kg.namespaces import KGO, SCHEMA
from kg.store.base import Store

#: Up to this many files, one process does it: starting workers would cost more.
MIN_CHUNK = 8


def default_jobs() -> int:
    """The cores this process may use (``--jobs 0``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def chunks(items: Sequence[Path], jobs: int) -> list[list[Path]]:
    """``items`` in order, cut into about four chunks per worker, so a slow chunk cannot hold up the end."""
    size = max(2, math.ceil(len(items) / (jobs * 4)))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _extract_chunk(paths: list[Path], published: str | None, min_confidence: float) -> list[dict]:
    from kg.extract import extract_files

    # plain dicts cross the process boundary (smaller to pickle than dataclass trees)
    return [d.to_dict() for d in extract_files(paths, published=published, min_confidence=min_confidence)]


def extract_files_parallel(
    paths: Iterable[Path], *, jobs: int = 1, published: str | None = None, min_confidence: float = 0.0
) -> Iterator[FactsDocument]:
    """:func:`kg.extract.extract_files` on ``jobs`` processes (0: one per core), in input order."""
    paths = [Path(p) for p in paths]
    jobs = default_jobs() if jobs == 0 else jobs
    if jobs <= 1 or len(paths) <= MIN_CHUNK:
        from kg.extract import extract_files

        yield from extract_files(paths, published=published, min_confidence=min_confidence)
        return
    parts = chunks(paths, jobs)
    # fork shares the parent's loaded model with every worker; spawn where fork is unavailable
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        from kg.extract import load_nlp

        load_nlp()  # once here (cached per process), not once per worker
    with ProcessPoolExecutor(min(jobs, len(parts)), mp_context=multiprocessing.get_context(method)) as pool:
        futures = [pool.submit(_extract_chunk, part, published, min_confidence) for part in parts]
        try:
            for future in futures:
                for data in future.result():
                    yield FactsDocument.from_dict(data)
        finally:
            for future in futures:
                future.cancel()


def file_sha256(path: Path) -> str:
    """The digest extraction records as the article's ``sha256`` (of the file's bytes)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stored_digests(store: Store) -> dict[str, set[str]]:
    """sha256 -> the sources and identifiers of the articles in the store with that digest."""
    found: dict[str, set[str]] = {}
    query = (
        f"SELECT DISTINCT ?sha ?name WHERE {{ ?a <{KGO.sha256}> ?sha . "
        f"{{ ?a <{KGO.source}> ?name }} UNION {{ ?a <{SCHEMA.identifier}> ?name }} }}"
    )
    for sha, name in store.select_values(query)[1]:
        found.setdefault(str(sha), set()).add(str(name))
    return found


def unchanged_articles(paths: Iterable[Path], store: Store) -> set[Path]:
    """The article files the store already holds with the same bytes: no need to extract them again.

    An article counts as held when an article node with the file's sha256 has
    the file's path as its source or the file's name as its identifier.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        return set()
    digests = stored_digests(store)
    if not digests:
        return set()
    unchanged = set()
    for path in paths:
        names = digests.get(file_sha256(path))
        if names and (str(path) in names or path.stem in names):
            unchanged.add(path)
    return unchanged
