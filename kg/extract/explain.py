"""Why the extractor said what it said: pattern ids, masked sentences, dropped drafts, typing cues.

``kg extract --explain`` and the pattern tests read a :class:`Trace`. Tracing costs nothing when
off: the extractor records into the trace of the current context only while :func:`tracing` is
active.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DraftNote:
    rule: str
    type: str
    roles: dict[str, str]  # role -> entity name
    sentence: int
    masked: str
    dropped: str = ""  # the check that dropped it, or "" if it reached a fact


@dataclass
class ArticleTrace:
    article: str
    drafts: list[DraftNote] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)  # {fact index, rules, masked}
    entities: list[dict[str, Any]] = field(default_factory=list)  # {name, type, cues}


@dataclass
class Trace:
    articles: list[ArticleTrace] = field(default_factory=list)

    def rules_fired(self) -> set[str]:
        return {d.rule for a in self.articles for d in a.drafts if not d.dropped}

    def report(self) -> str:
        """The trace as text, one block per article."""
        lines: list[str] = []
        for art in self.articles:
            lines.append(f"# {art.article}")
            lines.append("## facts")
            for f in art.facts:
                lines.append(f"- {f['fact']}  <- {', '.join(f['rules'])}")
                lines.append(f"    masked: {f['masked']}")
            dropped = [d for d in art.drafts if d.dropped]
            lines.append("## dropped drafts")
            for d in dropped:
                roles = ", ".join(f"{k}={v}" for k, v in d.roles.items())
                lines.append(f"- {d.type}({roles}) by {d.rule}: dropped by {d.dropped}")
                lines.append(f"    masked: {d.masked}")
            lines.append("## entities")
            for e in art.entities:
                counted = Counter(e["cues"])
                cues = ", ".join(
                    f"{c}{f' x{n}' if n > 1 else ''} ({t} {w:+g})" for (c, t, w), n in counted.items()
                )
                cues = cues or "no cue"
                lines.append(f"- {e['name']} [{e['type']}]: {cues}")
            lines.append("")
        return "\n".join(lines)


_CURRENT: ContextVar[Trace | None] = ContextVar("kg_extract_trace", default=None)


def current() -> Trace | None:
    return _CURRENT.get()


@contextmanager
def tracing() -> Iterator[Trace]:
    """Record what the extractor does inside the block."""
    trace = Trace()
    token = _CURRENT.set(trace)
    try:
        yield trace
    finally:
        _CURRENT.reset(token)
