"""Stores: the embedded Oxigraph store and remote SPARQL 1.1 stores."""

from __future__ import annotations

from pathlib import Path

from kg.store.base import EXPORT_FORMATS, QueryResult, Store
from kg.store.oxigraph import OxigraphStore, default_store_path

__all__ = ["EXPORT_FORMATS", "OxigraphStore", "QueryResult", "Store", "default_store_path", "open_store"]


def open_store(
    path: Path | str | None = None,
    *,
    create: bool = False,
    endpoint: str | None = None,
    **remote_options: object,
) -> Store:
    """The store to use: a remote endpoint when given, else the embedded store at ``path``.

    ``create=False`` refuses to invent an empty store where the user expected one.
    """
    if endpoint:
        from kg.store.remote import RemoteStore  # optional backend

        return RemoteStore(endpoint, **remote_options)  # type: ignore[arg-type]
    return OxigraphStore(Path(path) if path is not None else default_store_path(), create=create)
