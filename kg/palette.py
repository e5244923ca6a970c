"""Colours and words for entity classes and relations, shared by the graph page and the explorer."""

from __future__ import annotations

CLASS_COLORS = {
    "Organization": "#4e79a7",
    "Person": "#f28e2b",
    "Product": "#59a14f",
    "Place": "#b07aa1",
    "Entity": "#9c9c9c",
}
RELATION_WORDS = {
    "investedIn": "invested in",
    "acquired": "acquired",
    "founded": "founded",
    "memberOf": "member of",
    "makes": "makes",
    "uses": "uses",
    "supplies": "supplies",
    "subsidiaryOf": "subsidiary of",
    "partnerOf": "partner of",
}
#: Edge colour per relation (legends and filters use the same map); other relations are grey.
RELATION_COLORS = {
    "investedIn": "#1f77b4",
    "acquired": "#d62728",
    "founded": "#9467bd",
    "memberOf": "#8c564b",
    "makes": "#2ca02c",
    "uses": "#17becf",
    "supplies": "#bcbd22",
    "subsidiaryOf": "#e377c2",
    "partnerOf": "#ff7f0e",
}
OTHER_COLOR = "#9c9c9c"
