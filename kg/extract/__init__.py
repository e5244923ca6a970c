"""Extraction: article text in, kg-facts/1 documents out.

from kg.extract import extract_files, extract_text
for doc in extract_files([Path("seeds/article.txt")]):
    print(doc.to_json())
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

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


#: Texts longer than this are parsed in pieces (see :func:`parse`): the parser refuses more than
#: ``nlp.max_length`` (1,000,000) characters, and its memory grows with what it is given at once.
PIECE_CHARS = 100_000
#: Where a piece may end, best first: after a blank line, a line break, a sentence, any space.
_CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+"),
    re.compile(r"\s+"),
)


def pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """``text`` in consecutive pieces of at most ``limit`` characters that join back into it.

    A piece ends at the last paragraph break in its second half, else the last line break, sentence
    end or space there (a piece starts at the next word), else hard at ``limit`` (no space at all).
    """
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = limit
        for pattern in _CUTS:
            last = None
            for last in pattern.finditer(window, limit // 2):  # noqa: B007 (the last one is wanted)
                pass
            if last is not None:
                cut = last.end()
                break
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return out


def parse(text: str, nlp: Language | None = None) -> Doc:
    """The parsed text; a long one is parsed piece by piece (:func:`pieces`) and joined into one Doc
    whose text is ``text``, so evidence offsets point into it as for a short one."""
    nlp = nlp or load_nlp()
    if len(text) <= PIECE_CHARS:
        return nlp(text)
    doc = Doc.from_docs(list(nlp.pipe(pieces(text), batch_size=1)), ensure_whitespace=False)
    if doc.text != text:  # from_docs keeps every character: a mismatch would be a bug, not bad input
        raise RuntimeError("the pieces of a long article did not join back into its text")
    return doc


def extract_article(article: ArticleText, nlp: Language | None = None) -> FactsDocument:
    """Entities and facts of one article; evidence offsets point into ``article.text``."""
    return extract_doc(parse(article.text, nlp), _article(article), article.text)


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
        if len(article.text) > PIECE_CHARS:  # parsed in pieces, on its own (after the ones before it)
            yield from flush()
            yield _filter(extract_article(article, nlp), min_confidence)
            continue
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
