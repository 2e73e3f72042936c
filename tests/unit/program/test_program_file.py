"""The program file of DESIGN.md §3, read exactly and checked all at once."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from imports.program_file import ProgramFileError, read_program_file

EXAMPLE = Path(__file__).parents[3] / "api" / "demo" / "scenario-small" / "program.toml"

MINIMAL = b"""
[program]
code = "FFP-T"
name = "Tomatoes"
currency = "usd"
retention_rate = 0.0765

[[commodities]]
code = "tomato"
base_unit = "lb"
units = { box = 25, kg = "2.20462262" }
"""


def test_the_worked_example_reads_with_every_setting() -> None:
    definition = read_program_file(EXAMPLE.read_bytes())
    assert definition.code == "FFP-FL" and definition.currency == "USD"
    assert definition.settings["retention_rate"] == Decimal("0.0765")
    assert definition.settings["payment_terms_days"] == 35
    assert [c.code for c in definition.commodities] == ["tomato", "pepper", "strawberry"]
    tomato = definition.commodities[0]
    assert tomato.units == {
        "box": Decimal(25),
        "bucket": Decimal(32),
        "kg": Decimal("2.20462262"),
        "lb": Decimal(1),
    }
    b101_rate = next(rate for rate in definition.rates if rate.buyer == "B-101")
    assert (b101_rate.amount, b101_rate.effective_from, b101_rate.effective_to) == (
        Decimal("0.0175"),
        date(2026, 8, 21),
        date(2026, 10, 5),
    )
    suspended = next(p for p in definition.parties if p.code == "S-201")
    assert (suspended.standing, suspended.standing_since) == ("suspended", date(2026, 9, 9))


def test_toml_floats_are_read_as_exact_decimals() -> None:
    definition = read_program_file(MINIMAL)
    assert definition.settings == {"retention_rate": Decimal("0.0765")}
    assert definition.currency == "USD"


def test_every_unknown_key_and_bad_value_is_reported_at_once() -> None:
    bad = (
        MINIMAL
        + b"""
colour = "red"

[[rates]]
commodity = "tomato"
amount = "a penny"
effective_from = 2026-07-01
effective_to = 2026-06-30
per = "lb"

[[suppliers]]
code = "S:1"
name = "Farm"
standing = "suspended"
"""
    )
    with pytest.raises(ProgramFileError) as refused:
        read_program_file(
            bad.replace(b"retention_rate = 0.0765", b"retention_rate = 1.5\nspeed = 3")
        )
    problems = refused.value.problems
    assert "[program]: unknown key 'speed'" in problems
    assert "[[rates]] #1: unknown key 'per'" in problems
    assert "[[rates]] #1: amount = 'a penny' is not a number" in problems
    assert "[[rates]] #1: effective_to 2026-06-30 is before effective_from 2026-07-01" in problems
    assert "[[suppliers]] #1: code 'S:1' cannot contain ':'" in problems
    assert "[[suppliers]] #1: standing_since must be a date such as 2026-01-01" in problems
    assert "[program]: retention_rate must be between 0 and 1" in problems
    assert any("colour" in problem for problem in problems)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (b"not toml = = 1", "not valid TOML"),
        (
            b"[program]\ncode='X'\nname='x'\ncurrency='XXQ'",
            "currency 'XXQ' is not an ISO 4217 code",
        ),
        (
            b"[program]\ncode='X'\nname='x'\ncurrency='USD'\nallocation_basis='days'",
            "allocation_basis",
        ),
        (b"[program]\ncode='X'\nname='x'\ncurrency='USD'\npayment_terms_days=-1", "whole number"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_bad_files_are_refused_with_a_reason(text: bytes, problem: str) -> None:
    with pytest.raises(ProgramFileError, match=problem):
        read_program_file(text)
