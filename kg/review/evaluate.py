"""``kg eval``: score the current extractor against reviewed files, with the scorer of ``make eval``.

``score.py`` beside this module is a verbatim copy of ``../shared/eval/score.py``
(a test keeps them identical), so people without the shared folder measure
extraction on their own sources exactly as the project measures it on its corpus.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass
class EvalReport:
    """The scorer's output, and which review files it used."""

    text: str
    scored: list[Path] = field(default_factory=list)
    unfinished: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GoldFile:
    """What scoring needs to know of a review or gold file before the scorer reads it."""

    path: Path
    article_id: str
    source: str | None
    sha256: str | None
    #: marked ``reviewed: true`` at the top, or hand-made gold with no mark at all
    finished: bool


def read_gold_header(path: Path) -> GoldFile:
    """The article a file is about; as tolerant as the scorer, which ignores fields it does not know."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise InputError(f"{place}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("facts") or [], list):
        raise InputError(f"{path}: not a review or gold file (a mapping with article:, entities:, facts:)")
    source, sha = data.get("source"), data.get("sha256")
    return GoldFile(
        path,
        str(data.get("article") or path.stem),
        source if isinstance(source, str) else None,
        sha if isinstance(sha, str) else None,
        data.get("reviewed", True) is True,
    )


def find_article(review: Path, article_id: str, source: str | None, folders: tuple[Path, ...]) -> Path:
    """The article a review file is about: by its ``source`` path, else by id in ``folders``."""
    candidates: list[Path] = []
    if source:
        candidates += [Path(source), review.parent / source]
    for folder in folders:
        candidates += [Path(folder) / f"{article_id}{suffix}" for suffix in ARTICLE_SUFFIXES]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    hint = f" (source: {source})" if source else ""
    raise InputError(
        f"{review}: cannot find the article {article_id!r}{hint}; give its folder with --articles"
    )


def evaluate(
    folder: Path,
    *,
    articles: tuple[Path, ...] = (),
    published: str | None = None,
    min_confidence: float = 0.0,
    as_json: bool = False,
    verbose: bool = False,
) -> EvalReport:
    """Extract the articles of the finished review files in ``folder`` and score them against those files."""
    from kg.review import score

    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    files = sorted(folder.glob("*.yaml"))  # what the scorer reads as gold
    if not files:
        raise InputError(f"{folder}: no review files (*.yaml); write some with kg extract --review")
    report = EvalReport("")
    sources: list[Path] = []
    for path in files:
        gold = read_gold_header(path)
        if not gold.finished:
            report.unfinished.append(path)
            continue
        article = find_article(path, gold.article_id, gold.source, articles)
        if gold.sha256 and hashlib.sha256(article.read_bytes()).hexdigest() != gold.sha256:
            report.warnings.append(
                f"{article} changed since {path.name} was written; its evidence may be off"
            )
        report.scored.append(path)
        sources.append(article)
    if not report.scored:
        raise InputError(
            f"{folder}: no finished reviews; mark a checked file with `reviewed: true` at the top "
            f"({len(report.unfinished)} unfinished)"
        )
    from kg.extract import extract_files

    docs = list(extract_files(sources, published=published, min_confidence=min_confidence))
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        gold = Path(tmp) / "gold"
        gold.mkdir()
        for path in report.scored:
            shutil.copyfile(path, gold / path.name)
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(d.to_json() + "\n" for d in docs), encoding="utf-8")
        argv = ["--gold", str(gold), "--pred", str(pred)] + (["--json"] if as_json else [])
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            score.main(argv + (["--verbose"] if verbose else []))
    report.text = out.getvalue()
    return report
