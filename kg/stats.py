"""What the store holds: triples, articles, entities per class, facts per type."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from kg.build.rdf import ENTITY_CLASSES
from kg.facttypes import FACT_TYPES
from kg.store.base import Store


@dataclass(frozen=True)
class Stats:
    triples: int
    articles: int
    entities: dict[str, int]
    facts: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return {
            "triples": self.triples,
            "articles": self.articles,
            "entities": self.entities,
            "facts": self.facts,
        }

    def format(self, fmt: str = "table") -> str:
        """``table`` (the summary), ``json`` (:meth:`as_dict`), or ``csv``/``tsv`` rows of kind, name, count."""
        if fmt == "json":
            return json.dumps(self.as_dict(), indent=2)
        if fmt in ("csv", "tsv"):
            out = io.StringIO()
            writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
            writer.writerow(["kind", "name", "count"])
            writer.writerows([["triples", "", self.triples], ["articles", "", self.articles]])
            writer.writerows(["entity", k, v] for k, v in self.entities.items())
            writer.writerows(["fact", k, v] for k, v in self.facts.items())
            return out.getvalue().rstrip("\n")
        return self.summary()

    def summary(self) -> str:
        lines = [f"triples   {self.triples}", f"articles  {self.articles}", "entities"]
        lines += [f"  {k:<14}{v:>8}" for k, v in self.entities.items()]
        lines.append(f"  {'total':<14}{sum(self.entities.values()):>8}")
        lines.append("facts")
        lines += [f"  {k:<14}{v:>8}" for k, v in self.facts.items()]
        lines.append(f"  {'total':<14}{sum(self.facts.values()):>8}")
        return "\n".join(lines)


def _counts(store: Store, classes: dict[str, str]) -> dict[str, int]:
    values = " ".join(f'(<{iri}> "{name}")' for name, iri in classes.items())
    result = store.query(
        f"SELECT ?name (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES (?cls ?name) {{ {values} }} ?x a ?cls }} GROUP BY ?name"
    )
    found = {str(name): int(n.toPython()) for name, n in result.rows}  # type: ignore[union-attr]
    return {name: found.get(name, 0) for name in classes}


def stats(store: Store) -> Stats:
    """Counts that answer "what is in here?" in one look."""
    articles = store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kgo:Article }")
    return Stats(
        triples=store.triple_count(),
        articles=int(articles.rows[0][0].toPython()) if articles.rows else 0,  # type: ignore[union-attr]
        entities=_counts(store, {k: str(v) for k, v in ENTITY_CLASSES.items()}),
        facts=_counts(store, {name: str(ft.rdf_class) for name, ft in FACT_TYPES.items()}),
    )
