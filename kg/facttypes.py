"""The fact types of kg-facts/1, declared once.

Extraction output, RDF building, SHACL shapes, the networkx edge list and the
docs all read this table, so adding a fact type is one entry here (plus its
class in ``ontology/kg.ttl``), not six edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import XSD

from kg.namespaces import KGO

ENTITY_TYPES: tuple[str, ...] = ("Organization", "Person", "Product", "Place")
STATUSES: tuple[str, ...] = ("completed", "announced", "planned", "pledged", "in_talks", "reported")

#: Literal fields a fact may carry, with their property and XSD datatype
#: (``None``: the datatype depends on the value, e.g. dates at their precision).
LITERALS: dict[str, tuple[URIRef, URIRef | None]] = {
    "amount": (KGO.amount, XSD.decimal),
    "currency": (KGO.currency, XSD.string),
    "date": (KGO.date, None),
    "stake_percent": (KGO.stakePercent, XSD.decimal),
    "status": (KGO.status, XSD.string),
    "round": (KGO.round, XSD.string),
    "rounds": (KGO.rounds, XSD.integer),
    "title": (KGO.title, XSD.string),
    "current": (KGO.current, XSD.boolean),
    "what": (KGO.what, XSD.string),
}


@dataclass(frozen=True)
class FactType:
    """One fact type: its RDF class, its entity roles and its direct edge."""

    name: str
    rdf_class: URIRef
    label: str
    comment: str
    #: role name -> property linking the fact node to the entity
    roles: dict[str, URIRef]
    required: tuple[str, ...]
    literals: tuple[str, ...] = ()
    #: (subject role, predicate, object role): the entity-to-entity edge
    shortcut: tuple[str, URIRef, str] | None = None
    #: entity classes each role may point to
    role_types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    symmetric: bool = False
    #: literal fields that tell two facts with the same roles apart (two rounds, two
    #: investments months apart); the same roles and agreeing values here are one fact
    identity: tuple[str, ...] = ()


ORG = ("Organization",)
AGENT = ("Organization", "Person")

FACT_TYPES: dict[str, FactType] = {
    ft.name: ft
    for ft in (
        FactType(
            "investment",
            KGO.Investment,
            "investment",
            "An investor puts money into an investee, possibly buying shares from a seller.",
            {"investor": KGO.investor, "investee": KGO.investee, "seller": KGO.seller},
            ("investor", "investee"),
            ("amount", "currency", "date", "stake_percent", "status", "round"),
            ("investor", KGO.investedIn, "investee"),
            {"investor": AGENT, "investee": ORG, "seller": AGENT},
            identity=("round", "date"),
        ),
        FactType(
            "funding_round",
            KGO.FundingRound,
            "funding round",
            "An organisation raises money in a round, investors not named.",
            {"organization": KGO.organization},
            ("organization",),
            ("amount", "currency", "date", "status", "round"),
            None,
            {"organization": ORG},
            identity=("round", "date"),
        ),
        FactType(
            "acquisition",
            KGO.Acquisition,
            "acquisition",
            "An acquirer buys a target company.",
            {"acquirer": KGO.acquirer, "target": KGO.target},
            ("acquirer", "target"),
            ("amount", "currency", "date", "status"),
            ("acquirer", KGO.acquired, "target"),
            {"acquirer": AGENT, "target": ORG},
        ),
        FactType(
            "valuation",
            KGO.Valuation,
            "valuation",
            "An organisation is valued at an amount.",
            {"organization": KGO.organization},
            ("organization",),
            ("amount", "currency", "date", "status"),
            None,
            {"organization": ORG},
            identity=("date",),
        ),
        FactType(
            "funding_total",
            KGO.FundingTotal,
            "funding total",
            "An organisation has raised an amount in all, over a number of rounds.",
            {"organization": KGO.organization},
            ("organization",),
            ("amount", "currency", "rounds", "date"),
            None,
            {"organization": ORG},
            identity=("date",),
        ),
        FactType(
            "founded",
            KGO.Founding,
            "founding",
            "A founder founded an organisation (one fact per founder).",
            {"organization": KGO.organization, "founder": KGO.founder},
            ("organization",),
            ("date",),
            ("founder", KGO.founded, "organization"),
            {"organization": ORG, "founder": AGENT},
        ),
        FactType(
            "role",
            KGO.Role,
            "role",
            "A person holds a title at an organisation, now or formerly.",
            {"person": KGO.person, "organization": KGO.organization},
            ("person", "organization"),
            ("title", "current"),
            ("person", KGO.memberOf, "organization"),
            {"person": ("Person",), "organization": ORG},
            identity=("title",),
        ),
        FactType(
            "product",
            KGO.ProductOffering,
            "product offering",
            "An organisation makes, develops, offers or operates a product (or an asset such as a mine).",
            {"organization": KGO.organization, "product": KGO.product},
            ("organization", "product"),
            (),
            ("organization", KGO.makes, "product"),
            {"organization": ORG, "product": ("Product", "Place")},
        ),
        FactType(
            "uses",
            KGO.ProductUse,
            "product use",
            "A user uses a product (chips, a platform, a model), or a company's products named by the company.",
            {"user": KGO.user, "product": KGO.product},
            ("user", "product"),
            (),
            ("user", KGO.uses, "product"),
            # "uses Cohere's models": the product may be named by the company that makes it
            {"user": AGENT, "product": ("Product", "Organization")},
        ),
        FactType(
            "supplier",
            KGO.Supply,
            "supply",
            "A supplier provides something (e.g. cloud) to a customer.",
            {"supplier": KGO.supplier, "customer": KGO.customer},
            ("supplier", "customer"),
            ("what",),
            ("supplier", KGO.supplies, "customer"),
            {"supplier": ORG, "customer": AGENT},
            identity=("what",),
        ),
        FactType(
            "subsidiary",
            KGO.Subsidiary,
            "subsidiary relation",
            "A child organisation is part of a parent organisation.",
            {"parent": KGO.parent, "child": KGO.child},
            ("parent", "child"),
            (),
            ("child", KGO.subsidiaryOf, "parent"),
            {"parent": ORG, "child": ORG},
        ),
        FactType(
            "partnership",
            KGO.Partnership,
            "partnership",
            "Two parties partner or collaborate (symmetric).",
            {"party_a": KGO.partyA, "party_b": KGO.partyB},
            ("party_a", "party_b"),
            (),
            ("party_a", KGO.partnerOf, "party_b"),
            {"party_a": AGENT, "party_b": AGENT},
            symmetric=True,
        ),
    )
}

#: Every role name of every fact type: the fields of a fact that hold entity ids.
ROLE_NAMES: frozenset[str] = frozenset(r for ft in FACT_TYPES.values() for r in ft.roles)

#: The direct entity-to-entity edges, for networkx and the renderer.
SHORTCUTS: dict[URIRef, str] = {
    ft.shortcut[1]: ft.name for ft in FACT_TYPES.values() if ft.shortcut is not None
}
