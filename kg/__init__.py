"""kg: knowledge graphs from business news.

The library behind the ``kg`` command; every command is one call here::

    import kg
    from kg.ingest import ingest

    store = kg.open_store("out/store", create=True)
    ingest(["seeds/"], store)
    print(kg.format_result(kg.run_query(store, "investments")))

Each stage is a module (``kg.extract``, ``kg.build``, ``kg.store``, ``kg.ingest``,
``kg.query``, ``kg.export``, ``kg.stats``, ``kg.analyze``, ``kg.render``, ``kg.serve``).

Names are imported lazily so ``import kg`` stays quick (spaCy loads only
when an article is extracted).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "KgError": "kg.errors",
    "InputError": "kg.errors",
    "QueryError": "kg.errors",
    "StoreError": "kg.errors",
    "FactsDocument": "kg.facts",
    "read_facts_file": "kg.facts",
    "FACT_TYPES": "kg.facttypes",
    "extract_files": "kg.extract",
    "extract_text": "kg.extract",
    "build_graph": "kg.build",
    "open_store": "kg.store",
    "OxigraphStore": "kg.store",
    "run_query": "kg.query",
    "format_result": "kg.query",
    "named_queries": "kg.query",
    "list_entities": "kg.entities",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = list(_EXPORTS)
