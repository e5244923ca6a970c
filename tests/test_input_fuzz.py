"""Hypothesis against the readers: whatever the bytes, one error line or success, never a traceback,
and a store that an ingest refused is unchanged."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import cli
from kg.errors import InputError
from kg.facts import FactsDocument, read_facts_file
from kg.store import OxigraphStore

SMALL = Path(__file__).parent / "data" / "small.facts.json"
VALID = json.loads(SMALL.read_text("utf-8"))
FUZZ = settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
#: places in a valid document to put a random value
FIELDS = [
    ("article", "id"),
    ("article", "published"),
    ("facts", 0, "amount"),
    ("facts", 0, "date"),
    ("facts", 0, "evidence"),
    ("facts", 0, "evidence", "start"),
    ("facts", 0, "evidence", "end"),
    ("facts", 0, "confidence"),
    ("facts", 1, "person"),
    ("entities", 0, "name"),
    ("entities", 0, "aliases"),
    ("entities",),
]


def one_error_line(result) -> None:
    """Exit 0, or exit 2 with exactly one `Error: …` line; never an uncaught exception."""
    assert result.exit_code in (0, 2), result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 2:
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
        assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "store"
    assert CliRunner().invoke(cli, ["ingest", str(SMALL), "--store", str(path)]).exit_code == 0
    return path


def quads(store: Path) -> int:
    with OxigraphStore(store, create=False) as opened:
        return opened.triple_count()


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".json", ".jsonl"]))
def test_random_bytes_as_a_facts_file(store: Path, tmp_path: Path, data: bytes, suffix: str) -> None:
    before = quads(store)
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["ingest", str(path), "--store", str(store)])
    one_error_line(result)
    if result.exit_code:
        assert quads(store) == before


@FUZZ
@given(field=st.sampled_from(FIELDS), value=json_values)
def test_a_random_value_anywhere_in_a_valid_document(field: tuple, value: object) -> None:
    doc = copy.deepcopy(VALID)
    target = doc
    for key in field[:-1]:
        target = target[key]
    target[field[-1]] = value
    try:
        parsed = FactsDocument.from_dict(doc, "fuzz.jsonl:1")
    except InputError as exc:
        assert str(exc).startswith("fuzz.jsonl:1: ") and "\n" not in str(exc)
        return
    for fact in parsed.facts:  # what is accepted is sane
        for v in fact.values.values():
            assert not (isinstance(v, float) and not math.isfinite(v))
        if fact.evidence is not None:
            assert 0 <= fact.evidence.start <= fact.evidence.end


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": NaN}', "NaN is not a number"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (json.dumps(VALID).replace('"2023-09"', '"2023-13"'), "not a real date"),
        (json.dumps(VALID).replace('"start": 0, "end": 45', '"start": 45, "end": 0'), "after its end"),
        (json.dumps(VALID).replace("2500000000", "Infinity"), "Infinity is not a number"),
        (json.dumps(VALID).replace("Jane Roe", "Jane \\ud800Roe"), "surrogate"),
    ],
)
def test_impossible_values_name_the_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(VALID) + "\n" + text + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"bad\.jsonl:2: .*{message}"):
        list(read_facts_file(path))


@settings(max_examples=15)
@given(
    content=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.just(b"x" * 300_000),  # one huge line
    ),
    suffix=st.sampled_from([".txt", ".md", ".html"]),
)
def test_the_article_reader_reads_or_refuses_in_one_line(
    content: bytes, suffix: str, tmp_path_factory
) -> None:
    from kg.extract import read_article

    path = tmp_path_factory.mktemp("articles") / f"a{suffix}"
    path.write_bytes(content)
    try:
        article = read_article(path)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(article.text, str)


@settings(max_examples=8)
@given(text=st.text(st.characters(codec="utf-8"), min_size=1, max_size=200))
def test_the_extractor_takes_any_unicode(nlp, text: str) -> None:
    from kg.extract import extract_text

    try:
        doc = extract_text(text, "fuzzed")
    except InputError as exc:  # e.g. NUL bytes: "looks like a binary file"
        assert "\n" not in str(exc)
        return
    assert all(e.name for e in doc.entities)
    FactsDocument.from_dict(doc.to_dict(), "round trip")  # what extraction writes, the reader takes
