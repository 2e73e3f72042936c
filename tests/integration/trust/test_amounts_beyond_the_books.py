"""Amounts the books cannot keep are row problems, not crashes (found by the importer fuzz).

Amounts are stored with four decimals below 10^14 (SQLite keeps a 64-bit count of
1/10,000 units); before, such values reached the database and failed there: numeric
overflow on PostgreSQL, OverflowError on SQLite, a StatementError for a fifth decimal.
"""

import pytest
from sqlalchemy.orm import Session

from imports.errors import UploadRejected
from tests.integration.imports.uploads import csv, setup_program, upload

RECEIPTS = "buyer,amount,received_on,reference"
PAYMENTS = "supplier,amount,paid_on,reference,currency,fx_rate"
PURCHASES = "supplier,commodity,quantity,unit,purchase_date,reference"
SALES = "buyer,commodity,quantity,unit,sale_date,reference"
PAYROLL = "worker_id,period_start,period_end,pay_date,hours,premium"
TOO_LARGE = "too large an amount to keep in the books (100,000,000,000,000 or more)"
HUGE = "1" + "0" * 25
WEEK = "2026-08-03,2026-08-09,2026-08-14"
WORTH_TOO_MUCH = "the premium it is worth is too large an amount to keep in the books"


@pytest.mark.parametrize(
    ("kind", "party", "data", "problem"),
    [
        ("receipts", "S-1", csv(RECEIPTS, "B-1,1.23456,2026-08-03,R-1"),
         'row 2, amount = "1.23456": more than 4 decimal places'),
        ("receipts", "S-1", csv(RECEIPTS, "B-1,99999999999999999999,2026-08-03,R-1"),
         f'row 2, amount = "99999999999999999999": {TOO_LARGE}'),
        ("payments", "B-1", csv(PAYMENTS, "S-1,10.123456,2026-08-03,P-1,EUR,1.1"),
         'row 2, amount = "10.123456": more than 4 decimal places'),
        ("payments", "B-1", csv(PAYMENTS, "S-1,1000000000000,2026-08-03,P-1,EUR,1000"),
         "row 2: -1000000000000000.00 is too large an amount to keep in the books"),
        ("purchases", "B-1", csv(PURCHASES, f"S-1,tomato,{HUGE},box,2026-08-03,X"),
         f'row 2, quantity = "{HUGE}": {WORTH_TOO_MUCH}'),
        ("sales", "S-1", csv(SALES, "B-1,tomato,100000000000000000,box,2026-08-03,X"),
         f'row 2, quantity = "100000000000000000": {WORTH_TOO_MUCH}'),
        ("payroll", "S-1", csv(PAYROLL, f"W-1,{WEEK},40,99999999999999.99"),
         "row 2: -107649999999999.99 is too large an amount to keep in the books"),
    ],
    ids=["receipt-decimals", "receipt-huge", "payment-decimals", "payment-converted", "purchase",
         "sale", "payroll-with-retention"],
)  # fmt: skip
def test_an_amount_the_books_cannot_keep_is_a_row_problem(
    session: Session, kind: str, party: str, data: bytes, problem: str
) -> None:
    program = setup_program(session)
    with pytest.raises(UploadRejected) as refused:
        upload(session, program, kind, party, data)
    assert [str(p) for p in refused.value.problems] == [problem]
