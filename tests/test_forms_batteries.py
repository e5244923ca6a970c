"""The form batteries in benchmarks/forms are well formed: known fact types and roles."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg.facttypes import FACT_TYPES

FORMS = Path(__file__).parent.parent / "benchmarks" / "forms"
_spec = importlib.util.spec_from_file_location("forms_run", FORMS / "run.py")
forms_run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(forms_run)


@pytest.mark.parametrize("path", sorted(FORMS.glob("*.txt")), ids=lambda p: p.name)
def test_every_battery_line_names_a_known_fact_and_its_fields(path: Path) -> None:
    cases = forms_run.parse_battery(path.read_text(encoding="utf-8"))
    assert cases
    for text, wants in cases:
        assert text and wants, text
        for _, want in wants:
            fact_type = FACT_TYPES[want["type"]]
            assert set(want) - {"type"} <= set(fact_type.roles) | set(fact_type.literals), (text, want)


def test_the_battery_parser_reads_wanted_and_unwanted_facts() -> None:
    cases = forms_run.parse_battery(
        "Acme bought Globex.\nacquisition acquirer=Acme; target=Globex\n!investment investor=Acme\n"
    )
    assert cases == [
        (
            "Acme bought Globex.",
            [
                (True, {"type": "acquisition", "acquirer": "Acme", "target": "Globex"}),
                (False, {"type": "investment", "investor": "Acme"}),
            ],
        )
    ]
