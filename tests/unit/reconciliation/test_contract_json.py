"""The contract JSON of DESIGN §6: key order, amount and quantity text, byte-for-byte output."""

import json
from decimal import Decimal

from reconciliation.figures import format_amount, format_quantity
from reconciliation.json_output import render_json
from reconciliation.text_output import render_text
from tests.unit.reconciliation.builders import (
    books,
    payment,
    payroll,
    purchase,
    receipt,
    reconcile,
    settings,
)

SMALL_BOOKS = books(
    purchase(date="2026-07-01", quantity="12000", premium="120.00", reference="PO-1"),
    purchase(date="2026-08-05", quantity="1000", premium="10.00", reference="PO-2"),
    purchase(commodity="pepper", date="2026-08-06", quantity="2204.62262", premium="22.05"),
    payment(date="2026-07-10", amount="100.00", reference="PAY-1"),
    receipt(date="2026-07-12", amount="100.00", reference="PAY-1"),
    payroll(
        period="2026-07-06/2026-07-12", pay_date="2026-07-17", premium="60.00", retention="4.59"
    ),
    payroll(worker="W-1", hours="40", premium="10.00"),
    payroll(worker="W-2", hours="10", premium="0.00"),
    suppliers=("S-2", "S-1"),
)

# By hand: B-1 owes 120.00 + 10.00 + 22.05 - 100.00 = 52.05, of which 20.00 is left of
# the 1 July purchase (61 days old). S-1 holds 100.00 - 64.59 - 10.00 = 25.41 of the
# 10 July payment (52 days old). August's period pays 10.00 over 50 hours: W-1 is due
# 8.00 and got 10.00, W-2 is due 2.00 and got nothing.
SMALL_JSON = """\
{
 "program": "P-1",
 "month": "2026-08",
 "as_of": "2026-08-31",
 "currency": "USD",
 "buyers": [
  {
   "buyer": "B-1",
   "supplier": "S-1",
   "volume": {
    "pepper": "2204.62262",
    "tomato": "1000"
   },
   "premium_owed": "32.05",
   "premium_paid": "0.00",
   "unpaid_to_date": "52.05",
   "overdue": "20.00"
  }
 ],
 "suppliers": [
  {
   "supplier": "S-1",
   "standing": "good",
   "premium_received": "0.00",
   "premium_distributed": "10.00",
   "premium_retained": "0.00",
   "held_to_date": "25.41",
   "held_overdue": "25.41",
   "workers_paid": 1,
   "payroll_lines": 2
  },
  {
   "supplier": "S-2",
   "standing": "good",
   "premium_received": "0.00",
   "premium_distributed": "0.00",
   "premium_retained": "0.00",
   "held_to_date": "0.00",
   "held_overdue": "0.00",
   "workers_paid": 0,
   "payroll_lines": 0
  }
 ],
 "findings": [
  {
   "code": "BUYER_UNDERPAID",
   "severity": "critical",
   "buyer": "B-1",
   "supplier": "S-1",
   "worker": null,
   "period": null,
   "amount": "20.00",
   "message": "B-1 owes S-1 20.00 past terms"
  },
  {
   "code": "PASS_THROUGH_LATE",
   "severity": "critical",
   "buyer": null,
   "supplier": "S-1",
   "worker": null,
   "period": null,
   "amount": "25.41",
   "message": "S-1 holds 25.41 past the deadline"
  },
  {
   "code": "ALLOCATION_DEVIATION",
   "severity": "warning",
   "buyer": null,
   "supplier": "S-1",
   "worker": "W-1",
   "period": "2026-08-03/2026-08-09",
   "amount": "-2.00",
   "message": "W-1 got 10.00, expected 8.00"
  },
  {
   "code": "WORKER_MISSED",
   "severity": "warning",
   "buyer": null,
   "supplier": "S-1",
   "worker": "W-2",
   "period": "2026-08-03/2026-08-09",
   "amount": "2.00",
   "message": "W-2 has 10 hours but no premium"
  }
 ]
}
"""


def test_a_small_month_renders_to_exactly_the_contract_json() -> None:
    assert render_json(reconcile(SMALL_BOOKS)) == SMALL_JSON


def test_reconciling_twice_gives_byte_identical_json() -> None:
    assert render_json(reconcile(SMALL_BOOKS)) == render_json(reconcile(SMALL_BOOKS))


def test_amounts_have_the_currencys_minor_unit_decimals() -> None:
    assert format_amount(Decimal("0"), 2) == "0.00"
    assert format_amount(Decimal("-1781.73"), 2) == "-1781.73"
    assert format_amount(Decimal("-0.004"), 2) == "0.00"
    assert format_amount(Decimal("2.005"), 2) == "2.01"
    assert format_amount(Decimal("-2.005"), 2) == "-2.01"
    assert format_amount(Decimal("120"), 0) == "120"


def test_quantities_are_exact_without_exponent_or_trailing_zeros() -> None:
    assert format_quantity(Decimal("1.2E+4")) == "12000"
    assert format_quantity(Decimal("89418.85462668")) == "89418.85462668"
    assert format_quantity(Decimal("2204.622620")) == "2204.62262"
    assert format_quantity(Decimal("0.000")) == "0"


def test_a_currency_without_minor_unit_renders_whole_amounts() -> None:
    the_books = books(
        purchase(date="2026-08-03", premium="120"),
        program_settings=settings(currency="JPY", currency_exponent=0),
    )
    document = json.loads(render_json(reconcile(the_books)))
    assert document["currency"] == "JPY"
    assert document["buyers"][0]["premium_owed"] == "120"
    assert document["suppliers"][0]["held_to_date"] == "0"


def test_a_month_without_findings_has_an_empty_list() -> None:
    assert json.loads(render_json(reconcile(books())))["findings"] == []


def test_the_text_rendering_shows_every_row_and_finding() -> None:
    text = render_text(reconcile(SMALL_BOOKS))
    assert text.startswith("P-1 2026-08, as of 2026-08-31, amounts in USD\n")
    assert "pepper 2204.62262, tomato 1000" in text
    assert "S-2       good" in text
    assert "W-2 has 10 hours but no premium" in text
    assert render_text(reconcile(books())).endswith("Findings\nnone\n")
