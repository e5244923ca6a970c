"""One exception family for errors a user can cause.

The CLI turns a :class:`KgError` into one ``Error: …`` line on stderr and the
error's ``exit_code``; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class KgError(Exception):
    """An error the user can fix: bad input, bad query, missing store."""

    exit_code = 2


class InputError(KgError):
    """An article or facts file that cannot be read or is malformed."""


class QueryError(KgError):
    """A SPARQL query or update that does not parse or cannot run."""


class StoreError(KgError):
    """A store that is missing, locked, unreachable or refuses a write."""


class ValidationFailed(KgError):
    """The graph does not conform to the SHACL shapes (pySHACL's exit code 1)."""

    exit_code = 1
