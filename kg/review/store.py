"""What the store already holds of reviews: the articles whose facts a person checked."""

from __future__ import annotations

from kg.store.base import Store


def reviewed_articles(store: Store) -> set[str]:
    """Ids of the articles in ``store`` that came from a review file with checked facts."""
    _, rows = store.select_values(
        "SELECT DISTINCT ?id WHERE { ?a a kgo:Article ; kgo:reviewed true ; schema:identifier ?id }"
    )
    return {str(row[0]) for row in rows}
