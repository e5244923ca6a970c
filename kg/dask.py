"""Extraction on a Dask cluster: for corpora one machine cannot read in time (``pip install kg-news[dask]``).

Extraction is embarrassingly parallel, so the cluster gets partitions of file
paths and runs the public :func:`kg.extract.extract_files` on each; what
comes back is kg-facts/1 documents as plain dicts, in input order. Workers
must see the files at the same paths (a shared or network filesystem, as with
``dask.bag.read_text``) and have kg installed. The store stays where it is:
ingest the facts on one machine, or load them into a SPARQL server (see
docs/scaling.md).

    from kg.dask import facts_bag
    bag = facts_bag(paths)                   # a dask.bag of facts dicts
    bag.map(json.dumps).to_textfiles("facts/*.jsonl")

    kg extract corpus/* --scheduler tcp://scheduler:8786 -o facts.jsonl
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.facts import FactsDocument

#: Files per partition: each partition loads the spaCy model once.
DEFAULT_PARTITION_SIZE = 64


def _require_dask() -> Any:
    try:
        import dask.bag
        import distributed  # noqa: F401 - the scheduler client
    except ImportError:
        raise KgError("Dask is not installed: pip install 'kg-news[dask]'") from None
    return dask.bag


def _extract_partition(paths: Iterable[str], published: str | None, min_confidence: float) -> list[dict]:
    from kg.extract import extract_files

    return [
        d.to_dict()
        for d in extract_files([Path(p) for p in paths], published=published, min_confidence=min_confidence)
    ]


def facts_bag(
    paths: Iterable[Path | str],
    *,
    published: str | None = None,
    min_confidence: float = 0.0,
    partition_size: int = DEFAULT_PARTITION_SIZE,
) -> Any:
    """A ``dask.bag.Bag`` of kg-facts/1 documents (dicts), one per article, in the order of ``paths``.

    Lazy, as Dask bags are: compute it with the scheduler of your choice
    (``bag.compute()`` uses the active ``distributed.Client``).
    """
    bag_module = _require_dask()
    names = [str(p) for p in paths]
    if not names:
        raise InputError("no articles to extract")
    partitions = max(1, math.ceil(len(names) / max(1, partition_size)))
    return bag_module.from_sequence(names, npartitions=partitions).map_partitions(
        _extract_partition, published, min_confidence
    )


def extract_on_cluster(
    paths: Iterable[Path | str],
    scheduler: Any,
    *,
    published: str | None = None,
    min_confidence: float = 0.0,
    partition_size: int | None = None,
) -> Iterator[FactsDocument]:
    """Extract ``paths`` on the Dask cluster at ``scheduler`` (an address or a ``distributed.Client``).

    Documents stream back partition by partition, in input order. Files are
    checked here first (they must exist), so a typo fails before the cluster works.
    """
    _require_dask()
    from distributed import Client

    names = [Path(p) for p in paths]
    missing = [p for p in names if not p.is_file()]
    if missing:
        raise InputError(f"{missing[0]}: no such file")
    own_client = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler, set_as_default=False) if own_client else scheduler
    except (OSError, TimeoutError, ValueError) as exc:
        raise KgError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        size = partition_size or max(8, min(DEFAULT_PARTITION_SIZE, math.ceil(len(names) / (workers * 4))))
        bag = facts_bag(names, published=published, min_confidence=min_confidence, partition_size=size)
        futures = client.compute(bag.to_delayed())
        for future in futures:  # a worker's InputError comes back as itself
            for data in future.result():
                yield FactsDocument.from_dict(data)
    finally:
        if own_client:
            client.close()
