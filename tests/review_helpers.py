"""An invented article and its review file, shared by the review tests (no extraction needed)."""

from __future__ import annotations

from pathlib import Path

ARTICLE = Path(__file__).parent / "data" / "review" / "quillfeather-series-b.txt"


def span(text: str, sentence: str) -> dict:
    start = text.index(sentence)
    return {"start": start, "end": start + len(sentence), "text": sentence}


def review_data(text: str) -> dict:
    """Facts as an extractor might propose them: one wrong amount, one wrong fact, one missed."""
    round_ = "Quillfeather Robotics has raised $42 million in a Series B round led by Brambleway Ventures"
    part = "Brambleway Ventures invested $30 million of the total, and Ostrander Capital put in the rest."
    founded = "Quillfeather was founded in 2019 by Mara Tolvanen, who remains its chief executive."
    return {
        "article": "quillfeather-series-b",
        "reviewed": False,
        "entities": [
            {"name": "Quillfeather Robotics", "type": "Organization", "aliases": ["Quillfeather"]},
            {"name": "Brambleway Ventures", "type": "Organization"},
            {"name": "Ostrander Capital", "type": "Organization"},
            {"name": "Mara Tolvanen", "type": "Person"},
            {"name": "Pellucid Freight", "type": "Organization"},
        ],
        "facts": [
            {
                "type": "funding_round",
                "organization": "Quillfeather Robotics",
                "amount": 42000000,
                "currency": "USD",
                "round": "Series B",
                "reviewed": False,
                "confidence": 0.85,
                "evidence": span(text, round_),
            },
            {
                "type": "investment",
                "investor": "Brambleway Ventures",
                "investee": "Quillfeather Robotics",
                "amount": 3000000,
                "currency": "USD",
                "reviewed": False,
                "confidence": 0.8,
                "evidence": span(text, part),
            },
            {
                "type": "acquisition",
                "acquirer": "Ostrander Capital",
                "target": "Quillfeather Robotics",
                "reviewed": False,
                "confidence": 0.4,
                "evidence": span(text, part),
            },
            {
                "type": "founded",
                "organization": "Quillfeather Robotics",
                "founder": "Mara Tolvanen",
                "date": "2019",
                "reviewed": False,
                "confidence": 0.85,
                "evidence": span(text, founded),
            },
        ],
    }


def write_review(folder: Path) -> Path:
    """The review file for ARTICLE in ``folder``, as kg extract --review would write it."""
    from kg.review import render_review

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "quillfeather-series-b.yaml"
    data = review_data(ARTICLE.read_text(encoding="utf-8"))
    data["source"] = str(ARTICLE)
    path.write_text(render_review(data, stamp=True), encoding="utf-8")
    return path
