"""Extraction: article text in, kg-facts/1 documents out.

from kg.extract import extract_files, extract_text
for doc in extract_files([Path("seeds/article.txt")]):
    print(doc.to_json())
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from spacy.language import Language

from kg.errors import InputError
from kg.extract.document import extract_doc
from kg.extract.pipeline import load_nlp
from kg.extract.reader import ArticleText, article_from_string, read_article
from kg.facts import Article, FactsDocument

__all__ = [
    "explain_files",
    "extract_article",
    "extract_files",
    "extract_text",
    "load_nlp",
    "read_article",
    "render_documents",
]


def _article(art: ArticleText) -> Article:
    return Article(art.id, art.source, art.sha256, art.title, art.published)


def extract_article(article: ArticleText, nlp: Language | None = None) -> FactsDocument:
    """Entities and facts of one article; evidence offsets point into ``article.text``."""
    nlp = nlp or load_nlp()
    return extract_doc(nlp(article.text), _article(article), article.text)


def extract_text(text: str, article_id: str = "text", published: str | None = None) -> FactsDocument:
    """Facts of a plain-text string (handy in notebooks and tests)."""
    return extract_article(article_from_string(text, article_id, published))


def _filter(doc: FactsDocument, min_confidence: float) -> FactsDocument:
    if min_confidence <= 0:
        return doc
    facts = tuple(f for f in doc.facts if (f.confidence or 0) >= min_confidence)
    used = {v for f in facts for v in f.roles.values()}
    return replace(
        doc, facts=facts, entities=tuple(e for e in doc.entities if e.id in used or e.type != "Place")
    )


def extract_files(
    paths: Iterable[Path],
    *,
    published: str | None = None,
    min_confidence: float = 0.0,
    batch_size: int = 32,
) -> Iterator[FactsDocument]:
    """Read and extract articles, streaming one document per file (``nlp.pipe`` in batches).

    Every file is read before it is parsed, so a bad file raises InputError early in its batch.
    """
    nlp = load_nlp()
    batch: list[ArticleText] = []

    def flush() -> Iterator[FactsDocument]:
        texts = [a.text for a in batch]
        for art, doc in zip(batch, nlp.pipe(texts, batch_size=batch_size), strict=True):
            yield _filter(extract_doc(doc, _article(art), art.text), min_confidence)
        batch.clear()

    for path in paths:
        article = read_article(Path(path), published=published)
        if len(article.text) > nlp.max_length:  # spaCy refuses it with a traceback: one line instead
            raise InputError(
                f"{path}: {len(article.text):,} characters of text, more than the {nlp.max_length:,} "
                "the parser takes; split the article"
            )
        batch.append(article)
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()


def explain_files(paths: Iterable[Path], *, published: str | None = None) -> str:
    """The ``--explain`` report: which pattern made each fact, what was dropped and why, entity cues."""
    from kg.extract.explain import tracing

    with tracing() as trace:
        for _ in extract_files(paths, published=published):
            pass
    return trace.report()


def render_documents(docs: list[FactsDocument], fmt: str = "jsonl") -> str:
    """Documents as JSON Lines, or pretty JSON (one object for one document, else a list)."""
    if fmt == "json":
        import json

        data = docs[0].to_dict() if len(docs) == 1 else [d.to_dict() for d in docs]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return "".join(d.to_json() + "\n" for d in docs)
