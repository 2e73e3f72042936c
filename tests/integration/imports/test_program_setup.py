"""Loading a program file: create, reload unchanged, update what the contract allows."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from imports.program_file import read_program_file
from ledger.participants import Party, Program, StandingChange
from ledger.program_setup import ProgramSetupError, apply_program
from ledger.program_tables import Commodity, CommodityUnit, ProgramChange, Rate
from tests.builders import unique_code

EXAMPLE = Path(__file__).parents[3] / "api" / "demo" / "scenario-small" / "program.toml"


def _example(code: str, replace: tuple[bytes, bytes] | None = None) -> bytes:
    text = EXAMPLE.read_bytes().replace(b'code = "FFP-FL"', f'code = "{code}"'.encode())
    return text.replace(*replace) if replace else text


def _load(session: Session, text: bytes, by: str = "tester") -> list[str]:
    return apply_program(session, read_program_file(text), by)


def test_loading_creates_program_parties_commodities_rates_and_standings(session: Session) -> None:
    code = unique_code("FFP")
    changes = _load(session, _example(code))
    program = session.scalar(select(Program).where(Program.code == code))
    assert program is not None
    assert (program.payment_terms_days, program.retention_rate) == (35, Decimal("0.0765"))
    assert program.amount_tolerance == Decimal("1.00")
    parties = session.scalars(select(Party.code).where(Party.program_id == program.id)).all()
    assert sorted(parties) == [
        "B-101",
        "B-102",
        "B-103",
        "S-201",
        "S-202",
        "S-203",
        "S-204",
        "S-205",
    ]
    rates = session.scalar(select(func.count()).where(Rate.program_id == program.id))
    assert rates == 5
    assert changes[0] == f"program {code} created"


def test_loading_the_same_file_twice_changes_nothing(session: Session) -> None:
    code = unique_code("FFP")
    _load(session, _example(code))
    assert _load(session, _example(code)) == []


def test_a_changed_file_updates_names_settings_and_adds_rates_with_who_did_it(
    session: Session,
) -> None:
    code = unique_code("FFP")
    _load(session, _example(code))
    changed = _example(code, (b'location = "Boston, MA, US"', b'location = "Salem, MA, US"'))
    changed = changed.replace(b"payment_terms_days = 35", b"payment_terms_days = 40")
    changed += (
        b'\n[[rates]]\ncommodity = "Pepper "\nbuyer = "b-102"\namount = "0.012"\n'
        b"effective_from = 2026-11-01\n"
    )
    changes = _load(session, changed, by="monitor@example.org")
    assert "buyer B-102 location: Boston, MA, US -> Salem, MA, US" in changes
    assert f"program {code} payment_terms_days: 35 -> 40" in changes
    assert "rate 0.012 for pepper (buyer b-102) from 2026-11-01 to open end added" in changes
    recorded = session.scalars(
        select(ProgramChange.changed_by).where(ProgramChange.change.like("%Salem%"))
    ).all()
    assert recorded == ["monitor@example.org"]


def test_an_overlapping_rate_for_the_same_commodity_and_buyer_is_refused(session: Session) -> None:
    code = unique_code("FFP")
    _load(session, _example(code))
    overlapping = _example(code) + (
        b'\n[[rates]]\ncommodity = "tomato"\namount = "0.03"\neffective_from = 2026-09-01\n'
    )
    with pytest.raises(ProgramSetupError, match="overlaps the rate from 2026-01-01"):
        _load(session, overlapping)


def test_a_standing_change_adds_history(session: Session) -> None:
    code = unique_code("FFP")
    _load(session, _example(code))
    reinstated = _example(
        code,
        (
            b'standing = "probation"\nstanding_since = 2026-06-15',
            b'standing = "good"\nstanding_since = 2026-11-01',
        ),
    )
    assert "supplier S-203 standing: probation -> good from 2026-11-01" in _load(
        session, reinstated
    )
    program = session.scalar(select(Program).where(Program.code == code))
    assert program is not None
    history = session.execute(
        select(StandingChange.standing, StandingChange.since)
        .join(Party, Party.id == StandingChange.party_id)
        .where(Party.program_id == program.id, Party.code == "S-203")
        .order_by(StandingChange.since)
    ).all()
    assert [tuple(row) for row in history] == [
        ("probation", date(2026, 6, 15)),
        ("good", date(2026, 11, 1)),
    ]


def test_a_unit_factor_cannot_change_under_the_books(session: Session) -> None:
    code = unique_code("FFP")
    _load(session, _example(code))
    with pytest.raises(ProgramSetupError, match="unit box is 25 lb; it cannot become 30"):
        _load(session, _example(code, (b"box = 25", b"box = 30")))
    program = session.scalar(select(Program).where(Program.code == code))
    assert program is not None
    units = session.scalar(
        select(func.count())
        .select_from(CommodityUnit)
        .join(Commodity, Commodity.id == CommodityUnit.commodity_id)
        .where(Commodity.program_id == program.id)
    )
    assert units == 9


def test_reloading_a_file_silent_on_standing_keeps_a_standing_set_since(session: Session) -> None:
    code = unique_code("FFP")
    _load(session, _example(code))
    program = session.scalar(select(Program).where(Program.code == code))
    assert program is not None
    supplier = session.scalar(
        select(Party).where(Party.program_id == program.id, Party.code == "S-202")
    )
    assert supplier is not None
    session.add(StandingChange(party_id=supplier.id, standing="probation", since=date(2026, 10, 1)))
    session.flush()
    assert _load(session, _example(code)) == []
