"""kg-facts/1 documents as frozen dataclasses, with JSON in and out.

This is the contract between extraction and the graph (see FACTS.md in the
shared folder). Extraction returns :class:`FactsDocument`; building reads it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.facttypes import FACT_TYPES, ROLE_NAMES

SCHEMA_ID = "kg-facts/1"


@dataclass(frozen=True)
class Evidence:
    """The sentence that states a fact, as character offsets into the article text."""

    start: int
    end: int
    text: str | None = None


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    """One typed fact: ``roles`` maps role names to entity ids, ``values`` holds literals."""

    type: str
    roles: Mapping[str, str]
    values: Mapping[str, Any] = field(default_factory=dict)
    evidence: Evidence | None = None
    confidence: float | None = None
    #: a person checked this fact (kg review); the graph marks it kgo:reviewed
    reviewed: bool = False

    def get(self, name: str, default: Any = None) -> Any:
        """A role or a value by its field name, as in the JSON form."""
        if name in self.roles:
            return self.roles[name]
        return self.values.get(name, default)


@dataclass(frozen=True)
class Article:
    id: str
    source: str | None = None
    sha256: str | None = None
    title: str | None = None
    published: str | None = None
    #: a person checked the whole article's facts (kg review)
    reviewed: bool = False


@dataclass(frozen=True)
class FactsDocument:
    article: Article
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    # -- JSON -------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "article": {
                "id": self.article.id,
                "source": self.article.source,
                "sha256": self.article.sha256,
                "title": self.article.title,
                "published": self.article.published,
                **({"reviewed": True} if self.article.reviewed else {}),
            },
            "entities": [
                {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases)}
                for e in self.entities
            ],
            "facts": [_fact_to_dict(f) for f in self.facts],
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], where: str = "facts document", *, shallow: bool = False
    ) -> FactsDocument:
        """Read a document, checking it against the JSON Schema, its entity references and its values.

        ``shallow``: it is known to nest no deeper than :data:`MAX_DEPTH` (see :func:`validate_dict`).
        """
        validate_dict(data, where, shallow=shallow)
        check_values(data, where)
        art = data["article"]
        entities = tuple(
            Entity(e["id"], e["name"], e["type"], tuple(e.get("aliases") or ())) for e in data["entities"]
        )
        known = {e.id for e in entities}
        facts = []
        for i, f in enumerate(data["facts"]):
            roles = {k: v for k, v in f.items() if k in FACT_TYPES[f["type"]].roles and v is not None}
            for role, ref in roles.items():
                if not isinstance(ref, str) or ref not in known:
                    raise InputError(
                        f"{where}: fact {i} ({f['type']}) names unknown entity {ref!r} as {role}"
                    )
            values = {
                k: v
                for k, v in f.items()
                if k not in roles
                and k not in ("type", "evidence", "confidence", "reviewed")
                and k not in ROLE_NAMES
            }
            ev = f.get("evidence")
            facts.append(
                Fact(
                    f["type"],
                    roles,
                    values,
                    Evidence(ev["start"], ev["end"], ev.get("text")) if ev else None,
                    f.get("confidence"),
                    bool(f.get("reviewed", False)),
                )
            )
        article = Article(
            art["id"],
            art.get("source"),
            art.get("sha256"),
            art.get("title"),
            art.get("published"),
            bool(art.get("reviewed", False)),
        )
        return cls(article, entities, tuple(facts))


def _fact_to_dict(fact: Fact) -> dict[str, Any]:
    out: dict[str, Any] = {"type": fact.type, **fact.roles, **fact.values}
    if fact.evidence is not None:
        out["evidence"] = {"start": fact.evidence.start, "end": fact.evidence.end}
        if fact.evidence.text is not None:
            out["evidence"]["text"] = fact.evidence.text
    if fact.confidence is not None:
        out["confidence"] = round(fact.confidence, 3)
    if fact.reviewed:
        out["reviewed"] = True
    return out


@cache
def facts_schema() -> dict[str, Any]:
    """The kg-facts/1 JSON Schema shipped with kg."""
    return json.loads(resources.files("kg").joinpath("schema/facts.schema.json").read_text("utf-8"))


@cache
def _quick_validator() -> Any:
    """jsonschema-rs: about 300 times faster than jsonschema on valid documents."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(facts_schema())


#: Deepest nesting a facts document needs is 5 (document > facts > fact > evidence > value).
MAX_DEPTH = 32
#: Evidence offsets point into an article's text; no article kg reads is longer.
MAX_OFFSET = 2**31


def check_values(data: Mapping[str, Any], where: str = "facts document") -> None:
    """What the schema cannot say: finite numbers, real calendar dates, evidence with start <= end."""
    published = data["article"].get("published")
    if published is not None:
        _check_date(published, f"{where}: article.published")
    for i, fact in enumerate(data["facts"]):
        at = f"{where}: fact {i} ({fact.get('type')})"
        for name, value in fact.items():
            if isinstance(value, float) and not math.isfinite(value):
                raise InputError(f"{at}: {name} is {value}, not a number")
        if isinstance(fact.get("date"), str):
            _check_date(fact["date"], f"{at}: date")
        ev = fact.get("evidence")
        if isinstance(ev, Mapping):
            start, end = ev.get("start"), ev.get("end")
            if isinstance(start, int | float) and isinstance(end, int | float):
                if start > end:
                    raise InputError(f"{at}: evidence starts at {start}, after its end {end}")
                if end > MAX_OFFSET:
                    raise InputError(f"{at}: evidence end {end} is beyond any article's length")


def _check_date(text: object, where: str) -> None:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a day that exists."""
    import datetime

    parts = str(text).split("-")
    try:
        if len(parts) == 3:
            datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
        elif len(parts) == 2:
            datetime.date(int(parts[0]), int(parts[1]), 1)
        elif len(parts) == 1 and parts[0].isdigit():
            datetime.date(int(parts[0]), 1, 1)
        else:
            raise ValueError("not YYYY, YYYY-MM or YYYY-MM-DD")
    except ValueError as exc:
        raise InputError(f"{where} {text!r} is not a real date ({exc})") from None


def validate_dict(data: Any, where: str = "facts document", *, shallow: bool = False) -> None:
    """Raise :class:`InputError` with the first schema violation, if any.

    ``shallow``: the caller knows the document cannot nest deeper than :data:`MAX_DEPTH`.
    """
    if not shallow and _depth(data) > MAX_DEPTH:
        raise InputError(f"{where}: nested deeper than {MAX_DEPTH} levels; not a kg-facts/1 document")
    if _quick_validator().is_valid(data):
        return
    # only an invalid document pays for jsonschema, whose best_match gives the clearest message
    import jsonschema

    validator = jsonschema.Draft202012Validator(facts_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        path = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise InputError(f"{where}: not a kg-facts/1 document at {path}: {error.message}")


def _depth(data: Any) -> int:
    """Nesting depth of parsed JSON, without recursion (a hostile document can be 100,000 deep)."""
    if not isinstance(data, dict | list):
        return 0
    deepest, stack = 0, [(data, 1)]
    while stack:  # only containers go on the stack: a document is mostly strings and numbers
        item, level = stack.pop()
        if level > deepest:
            deepest = level
            if deepest > MAX_DEPTH:
                return deepest
        below = level + 1
        stack.extend(
            (child, below)
            for child in (item.values() if isinstance(item, dict) else item)
            if isinstance(child, dict | list)
        )
    return deepest


def read_facts_file(path: Path) -> Iterator[FactsDocument]:
    """Documents from a ``.json`` file (one document or a list) or ``.jsonl`` file.

    JSON Lines stream one line at a time, so a big file never sits in memory whole.
    """
    if path.suffix == ".jsonl":
        yield from _read_jsonl(path)
        return
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if not text.strip():
        raise InputError(f"{path}: empty facts file")
    data = _loads(text, str(path))
    for i, item in enumerate(data if isinstance(data, list) else [data]):
        yield FactsDocument.from_dict(item, f"{path}[{i}]" if isinstance(data, list) else str(path))


def _read_jsonl(path: Path) -> Iterator[FactsDocument]:
    n = 0
    seen_any = False
    try:
        with open(path, encoding="utf-8", newline=None) as fh:
            for n, line in enumerate(fh, 1):  # noqa: B007 - n names the line in errors
                if line.strip():
                    seen_any = True
                    # no deeper than the brackets it has: most lines need no walk to know it
                    shallow = line.count("{") + line.count("[") <= MAX_DEPTH
                    yield FactsDocument.from_dict(_loads(line, f"{path}:{n}"), f"{path}:{n}", shallow=shallow)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}:{n + 1}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if not seen_any:
        raise InputError(f"{path}: empty facts file")


def _not_a_number(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _loads(text: str, where: str) -> Any:
    data = _parse(text, where)
    if _ESCAPED_SURROGATE.search(text):  # rare: pairs are fine, a lone half is not text
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"{where}: a string holds half of a UTF-16 surrogate pair, not text") from None
    return data


def _parse(text: str, where: str) -> Any:
    try:
        return json.loads(text, parse_constant=_not_a_number)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{where}: malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply; not a kg-facts/1 document") from None


def write_jsonl(docs: Iterable[FactsDocument], path: Path) -> int:
    """Write documents as JSON Lines atomically (temporary file, then rename)."""
    from kg.fsutil import atomic_write_text

    lines = [d.to_json() for d in docs]
    atomic_write_text(path, "".join(line + "\n" for line in lines))
    return len(lines)
