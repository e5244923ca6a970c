"""``kg serve``'s explorer: the store as a read-only site (see :mod:`kg.explore.site`)."""

from kg.explore.parts import (
    ExploreError,
    FactView,
    Term,
    article_text,
    compact,
    highlight,
    named_query_text,
    neighbourhood_svg,
    page_url,
    wants_html,
)
from kg.explore.site import Explorer, routes

__all__ = [
    "ExploreError",
    "Explorer",
    "FactView",
    "Term",
    "article_text",
    "compact",
    "highlight",
    "named_query_text",
    "neighbourhood_svg",
    "page_url",
    "routes",
    "wants_html",
]
