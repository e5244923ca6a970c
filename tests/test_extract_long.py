"""Articles longer than the parser takes: parsed in pieces, extracted as one text, offsets into the original."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.cli import cli
from kg.extract import PIECE_CHARS, pieces, read_article

# invented news; the padding between paragraphs is cheap to parse (one whitespace token per run)
PARAGRAPHS = [  # {n}: every repeat states a deal of its own, so none merges into an earlier one
    "Halvorine Robotics said on Tuesday it had raised ${n} million in a Series B round led by Quenmoor Capital.",
    "Drisella Foods agreed to buy Tamberlyn Dairy for ${n} million in cash, the companies said.",
    "Osric Vantrell was named chief executive of Halvorine Robotics in March.",
    "Pellaway Systems will supply sensors to Drisella Foods under a two-year contract.",
]


def long_article(separator: str, padding: int, repeat: int) -> str:
    parts = []
    for k in range(repeat):
        parts.append(PARAGRAPHS[k % len(PARAGRAPHS)].replace("{n}", str(100 + k)))
        parts.append(separator + " " * padding + separator)
    return "Deals of the week in food and robotics\n\n" + "".join(parts)


def extracted(path: Path) -> dict:
    result = CliRunner().invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output[-500:]
    return json.loads(result.output)


def test_an_article_over_a_million_characters_is_extracted_with_offsets_into_its_text(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(long_article("\n\n", 45_000, 26), encoding="utf-8")
    text = read_article(path).text
    assert len(text) > 1_000_000 and len(pieces(text)) > 10
    data = extracted(path)
    for fact in data["facts"]:
        ev = fact["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
    # facts from the last pieces too, and one entity for a name in many pieces
    last = max(data["facts"], key=lambda f: f["evidence"]["start"])
    assert last["evidence"]["start"] > 1_000_000 and last["amount"] == 125_000_000
    assert {f["type"] for f in data["facts"]} >= {"funding_round", "acquisition", "role"}
    assert [e["name"] for e in data["entities"]].count("Halvorine Robotics") == 1


def test_one_line_over_a_million_characters_is_cut_between_sentences(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text(long_article(" ", 50_000, 24).replace("\n", " "), encoding="utf-8")
    text = read_article(path).text
    assert "\n" not in text and len(text) > 1_000_000
    assert all(p[-1].isspace() for p in pieces(text)[:-1])  # cut at spaces, never inside a word
    data = extracted(path)
    assert data["facts"]
    for fact in data["facts"]:
        ev = fact["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]


_TEXT = st.lists(st.sampled_from([*"ab. \n\t,", "Zy", "q\u201d", "\r\n"]), max_size=300).map("".join)


@settings(max_examples=300)
@given(text=_TEXT, limit=st.integers(min_value=2, max_value=80))
def test_pieces_join_back_into_the_text_and_end_at_the_best_break(text: str, limit: int) -> None:
    parts = pieces(text, limit)
    assert "".join(parts) == text
    assert all(0 < len(p) <= limit for p in parts[:-1]) and len(parts[-1]) <= limit
    start = 0
    for part in parts[:-1]:
        reach = text[start + limit // 2 : start + limit]  # where the piece may end
        trailing = part[len(part.rstrip()) :]
        if "\n" in reach:
            assert "\n" in trailing  # after a line break (a blank line if there was one)
        elif any(c.isspace() for c in reach):
            assert trailing  # after a space, not inside a word
        else:
            assert len(part) == limit  # no break at all: cut hard
        start += len(part)


def test_short_texts_are_one_piece() -> None:
    text = "Orlanne Bio raised $5 million.\n\n" * 10
    assert pieces(text) == [text] and len(text) < PIECE_CHARS
