"""Review files: one YAML file per article in the gold form, written, protected and read back.

The form is the one of ``../shared/corpus/gold``: roles hold entity *names*,
``entities:`` gives each name's type and aliases, one entity and one fact per
line (YAML flow mappings), so files diff well and edit easily. Each fact also
carries fields the gold form tolerates: ``reviewed`` (has a person checked
it?), ``confidence`` and ``evidence`` (offsets into the article text and the
sentence). ``reviewed: true`` at the top means the whole article was checked.

Extraction stamps the files it writes with a digest of their content, so a
file a person has edited (digest no longer matches) or marked reviewed is
never overwritten by a later extraction unless asked (``force``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError
from kg.facts import FactsDocument, validate_dict
from kg.facttypes import ENTITY_TYPES, FACT_TYPES, LITERALS, STATUSES
from kg.names import slug

REVIEW_SUFFIXES = frozenset({".yaml", ".yml"})
ARTICLE_KEYS = ("article", "source", "sha256", "title", "published", "reviewed", "entities", "facts")
ENTITY_KEYS = frozenset({"name", "type", "aliases"})
#: fields a fact may carry besides its roles and literals
META_KEYS = frozenset({"type", "reviewed", "confidence", "evidence", "optional"})
_DIGEST_PREFIX = "# kg review file, written by kg extract; digest "
_DIGEST_LINE = re.compile(r"^# kg review file, written by kg extract; digest ([0-9a-f]{16})\b")
HEADER = """\
# Check each fact against the article: fix values, delete wrong facts, add missed ones
# (roles hold entity names; new names go under entities:). Mark what you checked with
# `reviewed: true` on a fact, or at the top for the whole article. kg extract --review
# never overwrites a file that is marked or edited (unless --force); kg ingest reads it.
"""


# -------------------------------------------------------------- writing ---
def review_path(folder: Path, article_id: str) -> Path:
    return Path(folder) / f"{article_id}.yaml"


def review_dict(doc: FactsDocument) -> dict[str, Any]:
    """The document in gold form: entity names in roles, review fields on every fact."""
    names = {e.id: e.name for e in doc.entities}
    art = doc.article
    out: dict[str, Any] = {"article": art.id}
    for key in ("source", "sha256", "title", "published"):
        value = getattr(art, key)
        if value is not None:
            out[key] = value
    out["reviewed"] = art.reviewed
    out["entities"] = []
    for ent in doc.entities:
        entry: dict[str, Any] = {"name": ent.name, "type": ent.type}
        if ent.aliases:
            entry["aliases"] = list(ent.aliases)
        out["entities"].append(entry)
    out["facts"] = []
    for fact in doc.facts:
        entry = {"type": fact.type}
        entry.update({role: names.get(ref, ref) for role, ref in fact.roles.items()})
        entry.update({k: v for k, v in fact.values.items() if v is not None})
        entry["reviewed"] = fact.reviewed
        if fact.confidence is not None:
            entry["confidence"] = round(fact.confidence, 3)
        if fact.evidence is not None:
            ev: dict[str, Any] = {"start": fact.evidence.start, "end": fact.evidence.end}
            if fact.evidence.text is not None:
                ev["text"] = fact.evidence.text
            entry["evidence"] = ev
        out["facts"].append(entry)
    return out


_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")  # what YAML readers and editors break lines at


def _flow(value: Any) -> str:
    """One YAML flow value on one line, readable where it can be, escaped where it must be.

    PyYAML writes some characters raw (NEL, line and paragraph separators) that
    its reader then takes as line breaks, so a line that does not read back as
    written is written again with every non-ASCII character escaped.
    """
    for readable in (True, False):
        text = yaml.safe_dump(
            value, default_flow_style=True, width=2**31, allow_unicode=readable, sort_keys=False
        )
        text = text.removesuffix("\n...\n").rstrip("\n")
        if not any(c in text for c in _LINE_BREAKS) and yaml.safe_load(text) == value:
            break
    return text


def render_review(doc: FactsDocument | Mapping[str, Any], *, stamp: bool = False) -> str:
    """The review file's text; ``stamp`` adds the digest line that marks it as unedited output."""
    data = review_dict(doc) if isinstance(doc, FactsDocument) else doc
    lines = [HEADER.rstrip("\n")]
    for key in ARTICLE_KEYS[:-2]:
        if key in data:
            lines.append(f"{key}: {_flow(data[key])}")
    for key in ("entities", "facts"):
        items = data.get(key) or []
        lines.append(f"{key}:" + ("" if items else " []"))
        lines.extend(f"  - {_flow(item)}" for item in items)
    body = "\n".join(lines) + "\n"
    if stamp:
        return f"{_DIGEST_PREFIX}{_digest(body)}\n{body}"
    return body


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def is_protected(path: Path) -> bool:
    """Does the file hold a person's work: a reviewed mark, or edits since kg extract wrote it?"""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True  # unreadable: not ours to replace
    first, _, body = text.partition("\n")
    found = _DIGEST_LINE.match(first)
    if found is None or found.group(1) != _digest(body):
        return True
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError:
        return True
    if not isinstance(data, dict):
        return True
    return data.get("reviewed") is True or any(
        isinstance(f, dict) and f.get("reviewed") is True for f in data.get("facts") or []
    )


@dataclass
class WriteReport:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    facts: int = 0

    def summary(self) -> str:
        text = f"wrote {len(self.written)} review file(s)" + (
            f" with {self.facts} facts" if self.written else ""
        )
        if self.kept:
            text += f"; kept {len(self.kept)} reviewed or edited file(s) (--force overwrites them)"
        return text


def write_review_files(docs: Iterable[FactsDocument], folder: Path, *, force: bool = False) -> WriteReport:
    """One review file per document in ``folder``; files holding a person's work are kept unless ``force``."""
    from kg.fsutil import atomic_write_text

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    report = WriteReport()
    for doc in docs:
        path = review_path(folder, doc.article.id)
        if path.exists() and not force and is_protected(path):
            report.kept.append(path)
            continue
        atomic_write_text(path, render_review(doc, stamp=True))
        report.written.append(path)
        report.facts += len(doc.facts)
    return report


# -------------------------------------------------------------- reading ---
def read_review_file(path: Path) -> FactsDocument:
    """A review file as a facts document; errors name the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    return parse_review(text, str(path), default_id=path.stem)


def parse_review(text: str, where: str, default_id: str | None = None) -> FactsDocument:
    """Parse review-file text (``where`` names it in errors as ``where:LINE``)."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        place = f"{where}:{mark.line + 1}" if mark is not None else where
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{place}: not valid YAML: {problem}") from None
    finally:
        loader.dispose()
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _record_lines(node, (), lines)
    return review_document(data, where, lines, default_id)


def _record_lines(node: yaml.Node, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[(*path, key.value)] = key.start_mark.line + 1
                _record_lines(value, (*path, key.value), lines)
                lines[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), lines)


class _Problems:
    """Where each problem is: ``file:line`` when lines are known, else the path in the document."""

    def __init__(self, where: str, lines: Mapping[tuple[Any, ...], int]):
        self.where, self.lines = where, lines

    def fail(self, path: tuple[Any, ...], message: str) -> InputError:
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.lines:
                return InputError(f"{self.where}:{self.lines[path[:cut]]}: {message}")
        label = "/".join(str(p) for p in path)
        return InputError(f"{self.where}" + (f" at {label}" if label else "") + f": {message}")


_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def review_document(
    data: Any,
    where: str,
    lines: Mapping[tuple[Any, ...], int] | None = None,
    default_id: str | None = None,
) -> FactsDocument:
    """Check a review file's data (gold form) and turn it into a facts document with entity ids."""
    problems = _Problems(where, lines or {})
    if not isinstance(data, dict):
        raise problems.fail((), "a review file is a mapping with article:, entities: and facts:")
    unknown = [k for k in data if k not in ARTICLE_KEYS]
    if unknown:
        raise problems.fail(
            (unknown[0],), f"unknown field {unknown[0]!r} (fields: {', '.join(ARTICLE_KEYS)})"
        )
    article_id = data.get("article", default_id)
    if not isinstance(article_id, str | int) or not str(article_id).strip():
        raise problems.fail(("article",), "article: needs the article's id (its file name without extension)")
    article_reviewed = _boolean(data.get("reviewed", False), ("reviewed",), problems)
    for key in ("source", "sha256", "title"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise problems.fail((key,), f"{key}: must be text")
    published = data.get("published")
    if published is not None:
        published = _date(published, ("published",), problems)

    entities, by_name = _entities(data.get("entities"), problems)
    raw_facts = data.get("facts") or []
    if not isinstance(raw_facts, list):
        raise problems.fail(("facts",), "facts: must be a list, one fact per item")
    facts = [
        _fact(item, ("facts", i), by_name, article_reviewed, problems) for i, item in enumerate(raw_facts)
    ]
    reviewed = article_reviewed or any(f.get("reviewed") for f in facts)
    doc = {
        "schema": "kg-facts/1",
        "article": {
            "id": str(article_id),
            "source": data.get("source"),
            "sha256": data.get("sha256"),
            "title": data.get("title"),
            "published": published,
            "reviewed": reviewed,
        },
        "entities": entities,
        "facts": facts,
    }
    _check_schema(doc, problems)
    return FactsDocument.from_dict(doc, where)


def _entities(raw: Any, problems: _Problems) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise problems.fail(("entities",), "entities: must be a list of {name: ..., type: ...}")
    entities: list[dict[str, Any]] = []
    by_name: dict[str, list[dict[str, Any]]] = {}
    used_ids: set[str] = set()
    for i, item in enumerate(raw):
        at = ("entities", i)
        if not isinstance(item, dict):
            raise problems.fail(at, "an entity is a mapping {name: ..., type: ..., aliases: [...]}")
        extra = [k for k in item if k not in ENTITY_KEYS]
        if extra:
            raise problems.fail((*at, extra[0]), f"unknown entity field {extra[0]!r} (name, type, aliases)")
        name = item.get("name")
        if not isinstance(name, str | int | float) or not str(name).strip():
            raise problems.fail(at, "an entity needs a name")
        name = str(name).strip()
        if item.get("type") not in ENTITY_TYPES:
            raise problems.fail(
                (*at, "type") if "type" in item else at,
                f"entity {name!r} needs a type: one of {', '.join(ENTITY_TYPES)}",
            )
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str | int | float) for a in aliases):
            raise problems.fail((*at, "aliases"), f"aliases of {name!r} must be a list of names")
        base = slug(name) or "entity"
        ident, n = base, 1
        while ident in used_ids:
            n += 1
            ident = f"{base}-{n}"
        used_ids.add(ident)
        entity = {"id": ident, "name": name, "type": item["type"], "aliases": [str(a) for a in aliases]}
        entities.append(entity)
        by_name.setdefault(name, []).append(entity)
    for entity in entities:  # aliases name an entity too, after every real name
        for alias in entity["aliases"]:
            if alias not in by_name:
                by_name.setdefault(f"\0{alias}", []).append(entity)
    return entities, by_name


def _resolve(name: str, role_types: tuple[str, ...], by_name: Mapping[str, list[dict[str, Any]]]):
    candidates = by_name.get(name) or by_name.get(f"\0{name}") or []
    fitting = [e for e in candidates if e["type"] in role_types]
    return (fitting or candidates or [None])[0]


def _fact(
    item: Any,
    at: tuple[Any, ...],
    by_name: Mapping[str, list[dict[str, Any]]],
    article_reviewed: bool,
    problems: _Problems,
) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise problems.fail(at, "a fact is a mapping {type: ..., role: name, ...}")
    ftype = item.get("type")
    if ftype not in FACT_TYPES:
        raise problems.fail(
            (*at, "type") if "type" in item else at,
            f"unknown fact type {ftype!r} (one of {', '.join(FACT_TYPES)})",
        )
    ft = FACT_TYPES[ftype]
    out: dict[str, Any] = {"type": ftype}
    for key, value in item.items():
        here = (*at, key)
        if key in ft.roles:
            if value is None:
                continue
            if not isinstance(value, str | int | float) or not str(value).strip():
                raise problems.fail(here, f"{key}: must be an entity name")
            entity = _resolve(str(value).strip(), ft.role_types.get(key, ENTITY_TYPES), by_name)
            if entity is None:
                kinds = " or ".join(ft.role_types.get(key, ENTITY_TYPES))
                raise problems.fail(
                    here,
                    f"{key}: {value!r} is not under entities: add "
                    f"`- {{name: {value}, type: {ft.role_types.get(key, ENTITY_TYPES)[0]}}}` ({kinds})",
                )
            out[key] = entity["id"]
        elif key in ft.literals:
            if value is not None:
                out[key] = _literal(key, value, here, problems)
        elif key in META_KEYS:
            continue
        elif key in LITERALS:
            raise problems.fail(here, f"a {ftype} fact has no field {key!r} (fields: {_fields(ftype)})")
        else:
            raise problems.fail(here, f"unknown field {key!r} in a {ftype} fact (fields: {_fields(ftype)})")
    missing = [r for r in ft.required if r not in out]
    if missing:
        raise problems.fail(at, f"a {ftype} fact needs {' and '.join(missing)}")
    reviewed = article_reviewed or _boolean(item.get("reviewed", False), (*at, "reviewed"), problems)
    confidence = item.get("confidence")
    if confidence is not None and (
        isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 <= confidence <= 1
    ):
        raise problems.fail((*at, "confidence"), "confidence: must be a number from 0 to 1")
    if reviewed:
        out["reviewed"], out["confidence"] = True, 1.0  # a person vouches for it
    elif confidence is not None:
        out["confidence"] = confidence
    evidence = item.get("evidence")
    if evidence is not None:
        out["evidence"] = _evidence(evidence, (*at, "evidence"), problems)
    return out


def _fields(ftype: str) -> str:
    ft = FACT_TYPES[ftype]
    return ", ".join((*ft.roles, *ft.literals))


def _boolean(value: Any, at: tuple[Any, ...], problems: _Problems) -> bool:
    if not isinstance(value, bool):
        raise problems.fail(at, f"{at[-1]}: must be true or false")
    return value


def _date(value: Any, at: tuple[Any, ...], problems: _Problems) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    if isinstance(value, bool) or not _DATE.match(text):
        raise problems.fail(at, f"{at[-1]}: {value!r} is not a date like 2021, 2023-09 or 2023-10-17")
    return text


def _number(value: Any, at: tuple[Any, ...], problems: _Problems) -> float | int:
    if isinstance(value, str):
        try:
            number = float(value.replace(",", "").replace("_", "").strip())
        except ValueError:
            raise problems.fail(at, f"{at[-1]}: {value!r} is not a number") from None
        value = int(number) if number.is_integer() else number
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise problems.fail(at, f"{at[-1]}: {value!r} is not a number")
    return value


def _literal(key: str, value: Any, at: tuple[Any, ...], problems: _Problems) -> Any:
    if key == "date":
        return _date(value, at, problems)
    if key in ("amount", "stake_percent"):
        number = _number(value, at, problems)
        if number < 0 or (key == "stake_percent" and number > 100):
            raise problems.fail(at, f"{key}: {value!r} is out of range")
        return number
    if key == "rounds":
        number = _number(value, at, problems)
        if number != int(number) or number < 1:
            raise problems.fail(at, f"rounds: {value!r} is not a whole number of rounds")
        return int(number)
    if key == "currency":
        if not isinstance(value, str) or not _CURRENCY.match(value):
            raise problems.fail(at, f"currency: {value!r} is not an ISO 4217 code such as USD or EUR")
        return value
    if key == "status":
        if value not in STATUSES:
            raise problems.fail(at, f"status: {value!r} is not one of {', '.join(STATUSES)}")
        return value
    if key == "current":
        return _boolean(value, at, problems)
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise problems.fail(at, f"{key}: must be text")
    return str(value)


def _evidence(value: Any, at: tuple[Any, ...], problems: _Problems) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise problems.fail(at, "evidence: must be {start: N, end: N, text: ...}")
    out: dict[str, Any] = {}
    for key in ("start", "end"):
        number = value.get(key)
        if isinstance(number, bool) or not isinstance(number, int) or number < 0:
            raise problems.fail(
                (*at, key) if key in value else at, f"evidence {key}: must be an offset (0 or more)"
            )
        out[key] = number
    if out["end"] < out["start"]:
        raise problems.fail((*at, "end"), "evidence end: must not be before its start")
    if value.get("text") is not None:
        out["text"] = str(value["text"])
    return out


def _check_schema(doc: dict[str, Any], problems: _Problems) -> None:
    """The kg-facts/1 schema, as the last word; the document's facts map back to file lines."""
    try:
        validate_dict(doc)
    except InputError:
        import jsonschema

        from kg.facts import facts_schema

        validator = jsonschema.Draft202012Validator(facts_schema())
        error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
        if error is None:  # pragma: no cover - the two validators disagree
            raise
        raise problems.fail(tuple(error.absolute_path), error.message) from None
