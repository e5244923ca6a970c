"""Which remote endpoints a SPARQL request would make the server contact (SERVICE, LOAD).

pyoxigraph fetches any URL a ``SERVICE`` clause or a ``LOAD`` update names and has no
switch to turn that off, so ``kg serve`` reads the request first and refuses the ones
that name a host the operator did not allow (server-side request forgery otherwise).

A small lexer skips strings, IRIs, comments, variables and prefixed names exactly as
SPARQL does, so ``"SERVICE"`` in a literal or ``?service`` is not a false alarm and a
``#`` or quote cannot hide a real keyword. Anything it cannot read surely (an escape
sequence outside a string, an unterminated string) is refused rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_IRIREF = re.compile(r'<([^<>"{}|^`\\\x00-\x20]*)>')
_WORD = re.compile(r"[\w\-.]+(?::[\w\-.:%]*)?|:[\w\-.:%]*")
_VARIABLE = re.compile(r"[?$][\w]*")
_LONG_STRING = {
    '"""': re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""', re.S),
    "'''": re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*'''", re.S),
}
_SHORT_STRING = {'"': re.compile(r'"(?:[^"\\\n\r]|\\.)*"'), "'": re.compile(r"'(?:[^'\\\n\r]|\\.)*'")}
_REMOTE = ("SERVICE", "LOAD")


class UnsafeRequest(ValueError):
    """The request would contact a host that is not allowed, or cannot be checked."""


@dataclass(frozen=True)
class RemoteCall:
    keyword: str  # SERVICE or LOAD
    target: str | None  # the IRI, or None when it is a variable or a prefixed name


def remote_calls(sparql: str) -> list[RemoteCall]:
    """Every SERVICE and LOAD in ``sparql`` with the IRI it names; UnsafeRequest if unreadable."""
    calls: list[RemoteCall] = []
    tokens = _tokens(sparql)
    for index, token in enumerate(tokens):
        if token.startswith("<") or ":" in token:
            continue  # IRIs and prefixed names are never keywords
        # A bare word that merely contains the keyword ("1.SERVICE", "1e5SERVICE") is treated as
        # the keyword too: no valid query has such a word for another reason.
        keyword = next((k for k in _REMOTE if k in token.upper()), None)
        if keyword is not None:
            following = [t for t in tokens[index + 1 : index + 3] if t.upper() != "SILENT"]
            target = following[0] if following else ""
            exact = token.upper() == keyword
            calls.append(RemoteCall(keyword, target[1:-1] if exact and target.startswith("<") else None))
    return calls


def check_remote_calls(sparql: str, allowed_hosts: frozenset[str]) -> None:
    """Raise UnsafeRequest unless every SERVICE/LOAD names an http(s) IRI on an allowed host."""
    for call in remote_calls(sparql):
        if not allowed_hosts:
            raise UnsafeRequest(
                f"{call.keyword} is disabled on this server: it would make the server fetch other URLs "
                "(start kg serve with --allow-remote HOST to allow named hosts)"
            )
        if call.target is None:
            raise UnsafeRequest(
                f"{call.keyword} must name its endpoint as a full <http://…> IRI on this server"
            )
        parts = urlsplit(call.target)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or host not in allowed_hosts:
            allowed = ", ".join(sorted(allowed_hosts))
            raise UnsafeRequest(f"{call.keyword} <{call.target}> refused: only hosts {allowed} are allowed")


def _tokens(text: str) -> list[str]:
    """Words and IRIs outside strings and comments; punctuation is dropped."""
    tokens: list[str] = []
    pos, end = 0, len(text)
    while pos < end:
        char = text[pos]
        if char.isspace():
            pos += 1
        elif char == "#":
            newline = re.compile(r"[\n\r]").search(text, pos)
            pos = newline.end() if newline else end
        elif char in "\"'":
            quote = text[pos : pos + 3]
            pattern = _LONG_STRING.get(quote) or _SHORT_STRING[char]
            match = pattern.match(text, pos)
            if match is None:
                raise UnsafeRequest("unterminated string in the request")
            pos = match.end()
        elif char == "<":
            match = _IRIREF.match(text, pos)
            if match is not None:
                tokens.append(match.group())
                pos = match.end()
            else:
                pos += 1  # a comparison operator
        elif char in "?$":
            pos = _VARIABLE.match(text, pos).end()  # type: ignore[union-attr]
        elif char == "\\":
            raise UnsafeRequest("escape sequences outside strings are not accepted by this server")
        else:
            match = _WORD.match(text, pos)
            if match is not None:
                word = match.group()
                if text.startswith("\\", match.end()):  # a prefixed name with escapes: not a keyword
                    raise UnsafeRequest("escape sequences outside strings are not accepted by this server")
                tokens.append(word)
                pos = match.end()
            else:
                pos += 1
    return tokens
