"""Check dev2 gold: roles name listed entities, names/aliases occur verbatim in article text."""

import html
import pathlib

import yaml

ROLES = {
    "investor",
    "investee",
    "seller",
    "organization",
    "acquirer",
    "target",
    "founder",
    "person",
    "product",
    "user",
    "supplier",
    "customer",
    "parent",
    "child",
    "party_a",
    "party_b",
}
base = pathlib.Path(__file__).resolve().parent
ok = True
for g in sorted((base / "gold").glob("*.yaml")):
    d = yaml.safe_load(g.read_text())
    arts = list((base / "articles").glob(g.stem + ".*"))
    if len(arts) != 1 or d["article"] != g.stem:
        print(g.name, "article mismatch", arts)
        ok = False
        continue
    text = arts[0].read_text()
    if arts[0].suffix == ".html":
        text = html.unescape(text)
    names = {}
    for e in d.get("entities") or []:
        assert e["type"] in {"Organization", "Person", "Product", "Place"}, e
        for n in [e["name"], *(e.get("aliases") or [])]:
            names[n] = e["name"]
            if n not in text:
                print(g.name, "NOT IN TEXT:", n)
                ok = False
    used = set()
    for f in d.get("facts") or []:
        for k, v in f.items():
            if k in ROLES:
                if v not in [e["name"] for e in d["entities"]]:
                    print(g.name, "role not entity:", k, v)
                    ok = False
                used.add(v)
        if "date" in f and not isinstance(f["date"], str):
            print(g.name, "date not string", f)
            ok = False
        if f.get("status") not in (
            None,
            "completed",
            "announced",
            "planned",
            "pledged",
            "in_talks",
            "reported",
        ):
            print(g.name, "bad status", f)
            ok = False
    for e in d.get("entities") or []:
        if e["name"] not in used:
            print(g.name, "entity unused:", e["name"])
    print(
        g.name,
        len(d.get("facts") or []),
        "facts,",
        sum(1 for f in d.get("facts") or [] if f.get("optional")),
        "optional",
    )
print("OK" if ok else "PROBLEMS")
