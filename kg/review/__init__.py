"""Reviewing extracted facts before they enter the graph.

Extraction writes one YAML *review file* per article, in the gold form of
kg-facts/1 (entity names instead of ids, one fact per line), so a person can
correct it in any editor or in the page of ``kg review``, ``kg ingest`` can
load it, and ``../shared/eval/score.py --gold`` (``kg eval``) can score
extraction against it.

from kg.review import read_review_file, write_review_files
"""

from kg.review.files import (
    REVIEW_SUFFIXES,
    WriteReport,
    is_protected,
    parse_review,
    read_review_file,
    render_review,
    review_dict,
    review_path,
    write_review_files,
)

__all__ = [
    "REVIEW_SUFFIXES",
    "WriteReport",
    "is_protected",
    "parse_review",
    "read_review_file",
    "render_review",
    "review_dict",
    "review_path",
    "write_review_files",
]
