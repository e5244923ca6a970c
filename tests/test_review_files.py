"""Review files: the gold form round trip, protection of a person's work, errors with file and line."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from review_helpers import ARTICLE, review_data, write_review

from kg.errors import InputError
from kg.facts import Article, Entity, Evidence, Fact, FactsDocument
from kg.facttypes import FACT_TYPES, STATUSES
from kg.review import (
    is_protected,
    parse_review,
    read_review_file,
    render_review,
    review_dict,
    write_review_files,
)

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


# ---------------------------------------------------------------- round trip ---
NAMES = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
).filter(lambda s: s.strip() == s and s)


@st.composite
def documents(draw) -> FactsDocument:
    names = draw(st.lists(NAMES, min_size=2, max_size=5, unique=True))
    types = draw(
        st.lists(st.sampled_from(["Organization", "Person"]), min_size=len(names), max_size=len(names))
    )
    entities = tuple(Entity(f"e{i}", n, t, ()) for i, (n, t) in enumerate(zip(names, types, strict=True)))
    facts = []
    for _ in range(draw(st.integers(0, 4))):
        a, b = draw(st.permutations(range(len(entities))))[:2]
        kind = draw(st.sampled_from(["investment", "role", "partnership"]))
        roles = dict(zip(FACT_TYPES[kind].required, (entities[a].id, entities[b].id), strict=True))
        values: dict = {}
        if kind == "investment":
            values = draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "amount": st.integers(0, 10**12) | st.floats(0, 1e12, allow_nan=False),
                        "currency": st.sampled_from(["USD", "EUR", "JPY"]),
                        "date": st.sampled_from(["2021", "2023-09", "2023-10-17"]),
                        "status": st.sampled_from(STATUSES),
                        "round": NAMES,
                    },
                )
            )
        elif kind == "role":
            values = draw(st.fixed_dictionaries({}, optional={"title": NAMES, "current": st.booleans()}))
        start = draw(st.integers(0, 500))
        evidence = Evidence(start, start + draw(st.integers(0, 80)), draw(st.text(max_size=40)))
        facts.append(Fact(kind, roles, values, evidence, draw(st.floats(0, 1)), draw(st.booleans())))
    return FactsDocument(
        Article("art-1", "a/b.txt", "ab" * 32, draw(NAMES), "2024-05"), entities, tuple(facts)
    )


@given(documents())
def test_a_written_review_file_reads_back_as_the_same_document(doc):
    text = render_review(doc, stamp=True)
    back = parse_review(text, "x.yaml")
    expected = review_dict(doc)
    for fact in expected["facts"]:
        if fact["reviewed"]:
            fact["confidence"] = 1.0  # a person vouches for a reviewed fact
    expected["reviewed"] = any(f.reviewed for f in doc.facts)
    assert review_dict(back) == expected
    lines = text.splitlines()  # as editors and Python see lines, not only YAML
    assert sum(1 for line in lines if line.startswith("  - {type: ")) == len(doc.facts)  # one fact a line
    assert all(re.match(r"#|  - \{|[a-z0-9_]+:", line) for line in lines), text


def test_the_shared_scorer_reads_review_files_as_gold_and_scores_their_extraction_at_1(tmp_path):
    score = runpy.run_path(str(SHARED / "eval" / "score.py"))
    folder = tmp_path / "reviews"
    path = write_review(folder)
    doc = read_review_file(path)
    (tmp_path / "pred.jsonl").write_text(doc.to_json() + "\n", encoding="utf-8")
    gold, pred = score["load_gold"](folder), score["load_pred"](tmp_path / "pred.jsonl")
    result = score["score_article"](gold[doc.article.id], pred[doc.article.id], strict=True)
    assert (len(result["tp"]), len(result["fp"]), len(result["fn"])) == (4, 0, 0)
    doc.facts[1].values["amount"] = 1  # a wrong amount is a miss and a false fact
    pred = score["load_pred"](_write(tmp_path / "p2.jsonl", doc.to_json()))
    result = score["score_article"](gold[doc.article.id], pred[doc.article.id], strict=True)
    assert (len(result["tp"]), len(result["fp"]), len(result["fn"])) == (3, 1, 1)


def _write(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_kg_ships_the_shared_scorer_unchanged():
    shipped = Path(__file__).resolve().parent.parent / "kg" / "review" / "score.py"
    assert shipped.read_bytes() == (SHARED / "eval" / "score.py").read_bytes()


# --------------------------------------------------------------- protection ---
def test_only_unedited_unreviewed_files_are_overwritten(tmp_path):
    folder = tmp_path / "reviews"
    path = write_review(folder)
    assert not is_protected(path)
    doc = read_review_file(path)
    report = write_review_files([doc], folder)
    assert report.written == [path] and report.kept == []

    path.write_text(path.read_text(encoding="utf-8").replace("amount: 3000000", "amount: 30000000"))
    assert is_protected(path)  # edited in an editor, no mark
    report = write_review_files([doc], folder)
    assert report.kept == [path] and "amount: 30000000" in path.read_text(encoding="utf-8")
    assert "--force" in report.summary()

    report = write_review_files([doc], folder, force=True)
    assert report.written == [path] and "amount: 3000000," in path.read_text(encoding="utf-8")
    stamped = path.read_text(encoding="utf-8")
    marked = stamped.replace(
        "reviewed: false, confidence: 0.85, evidence: {start: 306", "reviewed: true, evidence: {start: 306"
    )
    first, _, body = marked.partition("\n")
    import hashlib

    restamped = first[:-16] + hashlib.sha256(body.encode()).hexdigest()[:16] + "\n" + body
    path.write_text(restamped, encoding="utf-8")
    assert is_protected(path)  # a reviewed mark protects even a file whose digest matches


# ------------------------------------------------------------------ errors ---
def _file_with(tmp_path: Path, edit) -> Path:
    path = write_review(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    edit(lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _fact_line(lines: list[str], n: int) -> int:
    """Index in ``lines`` of the n-th fact."""
    return [i for i, line in enumerate(lines) if line.startswith("  - {type: ")][n]


@pytest.mark.parametrize(
    ("edit", "line_of", "message"),
    [
        (
            lambda ls: ls.__setitem__(_fact_line(ls, 1), ls[_fact_line(ls, 1)].replace("3000000", "3m")),
            lambda ls: _fact_line(ls, 1),
            "amount: '3m' is not a number",
        ),
        (
            lambda ls: ls.__setitem__(
                _fact_line(ls, 3), ls[_fact_line(ls, 3)].replace("Mara Tolvanen", "M. Tolvanen")
            ),
            lambda ls: _fact_line(ls, 3),
            "founder: 'M. Tolvanen' is not under entities: add `- {name: M. Tolvanen, type: Organization}`",
        ),
        (
            lambda ls: ls.__setitem__(
                _fact_line(ls, 0), ls[_fact_line(ls, 0)].replace("currency: USD", "currency: usd")
            ),
            lambda ls: _fact_line(ls, 0),
            "currency: 'usd' is not an ISO 4217 code",
        ),
        (
            lambda ls: ls.__setitem__(
                _fact_line(ls, 2), ls[_fact_line(ls, 2)].replace("acquirer: Ostrander Capital, ", "")
            ),
            lambda ls: _fact_line(ls, 2),
            "a acquisition fact needs acquirer",
        ),
        (
            lambda ls: ls.__setitem__(_fact_line(ls, 0), ls[_fact_line(ls, 0)].replace("round:", "rund:")),
            lambda ls: _fact_line(ls, 0),
            "unknown field 'rund' in a funding_round fact",
        ),
        (
            lambda ls: ls.__setitem__(
                _fact_line(ls, 3), ls[_fact_line(ls, 3)].replace("date: '2019'", "date: 'spring'")
            ),
            lambda ls: _fact_line(ls, 3),
            "date: 'spring' is not a date",
        ),
        (
            lambda ls: ls.insert(_fact_line(ls, 1), "  - {type: role, person: Mara Tolvanen"),
            lambda ls: _fact_line(ls, 1),
            "not valid YAML",
        ),
        (
            lambda ls: ls.__setitem__(ls.index("reviewed: false"), "reviewed: maybe"),
            lambda ls: ls.index("reviewed: maybe"),
            "reviewed: must be true or false",
        ),
    ],
    ids=["amount", "unknown-entity", "currency", "missing-role", "unknown-field", "date", "yaml", "marker"],
)
def test_errors_name_the_file_and_line(tmp_path, edit, line_of, message):
    path = _file_with(tmp_path, edit)
    lines = path.read_text(encoding="utf-8").splitlines()
    with pytest.raises(InputError) as caught:
        read_review_file(path)
    text = str(caught.value)
    assert text.startswith(f"{path}:"), text
    assert message in text, text
    line = int(text[len(str(path)) + 1 :].split(":", 1)[0])
    if message != "not valid YAML":
        assert line == line_of(lines) + 1, text
    else:
        assert abs(line - (line_of(lines) + 1)) <= 1, text


def test_hand_written_gold_form_is_accepted(tmp_path):
    """What a person types: unquoted dates, amounts with separators, roles by alias, no review fields."""
    path = tmp_path / "quillfeather-series-b.yaml"
    path.write_text(
        "article: quillfeather-series-b\n"
        "entities:\n"
        "  - {name: Quillfeather Robotics, type: Organization, aliases: [Quillfeather]}\n"
        "  - {name: Brambleway Ventures, type: Organization}\n"
        "facts:\n"
        "  - {type: investment, investor: Brambleway Ventures, investee: Quillfeather, amount: '30,000,000',"
        " currency: USD, date: 2025-03-04, optional: true}\n",
        encoding="utf-8",
    )
    (fact,) = read_review_file(path).facts
    assert fact.values == {"amount": 30_000_000, "currency": "USD", "date": "2025-03-04"}
    assert fact.roles == {"investor": "brambleway-ventures", "investee": "quillfeather-robotics"}
    assert not fact.reviewed and fact.confidence is None


def test_top_level_mark_reviews_every_fact(tmp_path):
    path = write_review(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("\nreviewed: false", "\nreviewed: true"))
    doc = read_review_file(path)
    assert doc.article.reviewed and all(f.reviewed and f.confidence == 1.0 for f in doc.facts)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["reviewed"] is True
    assert review_data(ARTICLE.read_text(encoding="utf-8"))["facts"][0]["confidence"] == 0.85
