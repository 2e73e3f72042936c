"""Purchases, payments, receipts and sales uploads on both databases."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from imports.errors import UploadRejected
from imports.kinds import KINDS
from imports.pipeline import Upload, import_upload
from imports.reading import Limits
from ledger.books import JournalEntry
from ledger.lines import PaymentLine, PurchaseLine, ReceiptLine, SaleLine
from ledger.verification import verify
from tests.integration.imports.uploads import balance, csv, setup_program, upload

PURCHASE_HEADER = "supplier,commodity,quantity,unit,purchase_date,reference"


def _purchase_count(session: Session, program_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(JournalEntry)
            .where(JournalEntry.program_id == program_id)
        )
        or 0
    )


def test_a_purchase_accrues_base_units_times_rate_rounded_half_up_per_line(
    session: Session,
) -> None:
    program = setup_program(session)
    data = csv(
        PURCHASE_HEADER,
        "S-1,tomato,3,box,2026-08-03,PO-1",  # 75 lb × 0.015 = 1.125 → 1.13
        "s-1 , Tomato ,10,KG,2026-08-04,PO-2",  # 22.0462262 lb × 0.015 = 0.330693... → 0.33
        "S-1,tomato,1,lb,2026-08-05,PO-3",  # 0.015 → 0.02
    )
    result = upload(session, program, "purchases", "B-2", data)
    assert (result.status, result.rows, result.entries) == ("posted", 3, 3)
    assert result.premium == Decimal("1.48")
    assert balance(session, program, "payable:B-2:S-1") == Decimal("1.48")
    assert balance(session, program, "buyers:B-2:committed") == Decimal("-1.48")
    bases = session.scalars(
        select(PurchaseLine.quantity_base)
        .where(PurchaseLine.batch_id == result.batch)
        .order_by(PurchaseLine.row)
    ).all()
    assert bases == [Decimal("75"), Decimal("22.0462262"), Decimal("1")]


def test_the_rate_changes_mid_month_and_a_buyer_may_have_its_own(session: Session) -> None:
    program = setup_program(session)
    rows = (
        "S-1,tomato,100,lb,2026-08-20,A",
        "S-1,tomato,100,lb,2026-08-21,B",
        "S-1,tomato,100,lb,2026-09-15,C",
        "S-1,tomato,100,lb,2026-09-16,D",
    )
    upload(session, program, "purchases", "B-1", csv(PURCHASE_HEADER, *rows))
    rates = session.scalars(
        select(PurchaseLine.rate)
        .join(JournalEntry, JournalEntry.id == PurchaseLine.entry_id)
        .where(JournalEntry.program_id == program.id)
        .order_by(PurchaseLine.row)
    ).all()
    assert rates == [Decimal("0.015"), Decimal("0.0175"), Decimal("0.015"), Decimal("0.02")]
    assert balance(session, program, "payable:B-1:S-1") == Decimal("6.75")


def test_an_fx_payment_posts_its_converted_amount_and_keeps_the_original(
    session: Session,
) -> None:
    program = setup_program(session)
    data = csv(
        "supplier;amount;currency;exchange rate;fecha de pago;referencia",
        "S-1;100.00;EUR;1.08125;09/08/2026;TR-1",
        'S-1;"$1,234.56";;;2026-09-09;TR-2',
    )
    result = upload(session, program, "payments", "B-1", data)
    assert result.premium == Decimal("1342.69")  # 108.125 → 108.13, plus 1234.56
    line = session.scalars(select(PaymentLine).where(PaymentLine.reference == "TR-1")).one()
    assert (line.currency, line.amount, line.fx_rate, line.program_amount) == (
        "EUR",
        Decimal("100.00"),
        Decimal("1.08125"),
        Decimal("108.13"),
    )
    assert balance(session, program, "suppliers:S-1:held") == Decimal("1342.69")
    assert balance(session, program, "payable:B-1:S-1") == Decimal("-1342.69")


def test_receipts_and_sales_are_stored_and_post_nothing(session: Session) -> None:
    program = setup_program(session)
    receipts = csv("buyer,amount,date received,reference", "B-1,50.00,2026-08-10,R-1")
    sales = csv("customer,product,qty,uom,date,invoice", "B-1,tomato,4,box,2026-08-22,INV-1")
    stored = upload(session, program, "receipts", "S-1", receipts)
    assert (stored.entries, stored.premium) == (0, Decimal("50.00"))
    result = upload(session, program, "sales", "S-1", sales)
    assert (result.entries, result.premium) == (0, Decimal("1.75"))  # 100 lb at B-1's 0.0175
    assert _purchase_count(session, program.id) == 0
    receipt = session.scalars(select(ReceiptLine).where(ReceiptLine.batch_id == stored.batch)).one()
    assert (receipt.reference, receipt.amount, receipt.received_on) == (
        "R-1",
        Decimal("50.00"),
        date(2026, 8, 10),
    )
    sale = session.scalars(select(SaleLine).where(SaleLine.reference == "INV-1")).one()
    assert (sale.quantity_base, sale.premium_value) == (Decimal("100"), Decimal("1.75"))


def test_every_bad_row_is_reported_and_nothing_is_posted(session: Session) -> None:
    program = setup_program(session)
    data = csv(
        PURCHASE_HEADER,
        "S-1,tomato,10,box,2026-08-03,OK-1",
        "S-9,tomato,10,box,2026-08-03,BAD-1",
        "S-1,potato,10,box,2026-08-03,BAD-2",
        "S-1,tomato,10,crate,2026-08-03,BAD-3",
        "S-1,tomato,10,box,2025-12-31,BAD-4",
        "S-1,tomato,ten,box,2026-08-03,BAD-5",
        "S-1,tomato,10,box,2026-08-03,OK-1",
    )
    with pytest.raises(UploadRejected) as rejected:
        upload(session, program, "purchases", "B-1", data)
    messages = [str(problem) for problem in rejected.value.problems]
    assert 'row 3, supplier = "S-9": not a supplier of program ' + program.code in messages
    assert any(m.startswith('row 4, commodity = "potato": not a commodity') for m in messages)
    assert 'row 5, unit = "crate": not a unit of tomato' in messages
    assert (
        'row 6, purchase_date = "2025-12-31": no premium rate for tomato is in force on 2025-12-31'
        in messages
    )
    assert any(m.startswith('row 7, quantity = "ten"') for m in messages)
    assert any(m.startswith('row 8, reference = "OK-1"') for m in messages)
    assert _purchase_count(session, program.id) == 0


def test_an_unknown_party_or_empty_file_is_refused(session: Session) -> None:
    program = setup_program(session)
    with pytest.raises(UploadRejected, match="has no buyer 'B-9'"):
        upload(
            session,
            program,
            "purchases",
            "B-9",
            csv(PURCHASE_HEADER, "S-1,tomato,1,lb,2026-08-03,A"),
        )
    with pytest.raises(UploadRejected, match="no data rows"):
        upload(session, program, "purchases", "B-1", csv(PURCHASE_HEADER))


def test_the_identical_file_again_is_a_no_op_naming_the_earlier_batch(session: Session) -> None:
    program = setup_program(session)
    data = csv(PURCHASE_HEADER, "S-1,tomato,10,box,2026-08-03,PO-1")
    first = upload(session, program, "purchases", "B-1", data)
    again = upload(session, program, "purchases", "B-1", data, name="renamed.csv")
    assert (again.status, again.batch) == ("duplicate", first.batch)
    assert balance(session, program, "payable:B-1:S-1") == Decimal("3.75")


def test_a_repeated_reference_is_refused_unless_the_file_supersedes_its_batch(
    session: Session,
) -> None:
    program = setup_program(session)
    first = upload(
        session,
        program,
        "purchases",
        "B-1",
        csv(
            PURCHASE_HEADER,
            "S-1,tomato,10,box,2026-08-03,PO-1",
            "S-1,tomato,10,box,2026-08-04,PO-2",
        ),
    )
    corrected = csv(
        PURCHASE_HEADER, "S-1,tomato,12,box,2026-08-03,PO-1", "S-1,tomato,1,box,2026-08-05,PO-3"
    )
    with pytest.raises(UploadRejected, match=f"already imported in batch {first.batch}"):
        upload(session, program, "purchases", "B-1", corrected)
    dry = upload(
        session, program, "purchases", "B-1", corrected, dry_run=True, supersedes=first.batch
    )
    assert (dry.status, dry.batch, dry.rows) == ("dry_run", None, 2)
    assert balance(session, program, "payable:B-1:S-1") == Decimal("7.50")
    second = upload(session, program, "purchases", "B-1", corrected, supersedes=first.batch)
    assert second.status == "posted"
    # Only the corrected file counts now: 300 lb + 25 lb at 0.015.
    assert balance(session, program, "payable:B-1:S-1") == Decimal("4.88")
    # Reversals keep the original dates, so the superseded batch counts in no month.
    assert balance(session, program, "payable:B-1:S-1", date(2026, 8, 4)) == Decimal("4.50")
    with pytest.raises(UploadRejected, match="already superseded"):
        upload(
            session,
            program,
            "purchases",
            "B-1",
            csv(PURCHASE_HEADER, "S-1,tomato,1,lb,2026-08-03,X"),
            supersedes=first.batch,
        )
    assert verify(session, program.id).ok


def test_supersedes_must_name_a_batch_of_the_same_kind_and_party(session: Session) -> None:
    program = setup_program(session)
    payments = upload(
        session,
        program,
        "payments",
        "B-1",
        csv("supplier,amount,paid_on,reference", "S-1,5.00,2026-08-03,T-1"),
    )
    with pytest.raises(UploadRejected, match="is not a purchases file of buyer B-1"):
        upload(
            session,
            program,
            "purchases",
            "B-1",
            csv(PURCHASE_HEADER, "S-1,tomato,1,lb,2026-08-03,X"),
            supersedes=payments.batch,
        )
    with pytest.raises(UploadRejected, match="there is no batch 999999"):
        upload(
            session,
            program,
            "purchases",
            "B-1",
            csv(PURCHASE_HEADER, "S-1,tomato,1,lb,2026-08-03,X"),
            supersedes=999_999,
        )


def test_a_foreign_payment_needs_an_exchange_rate_and_a_real_currency(session: Session) -> None:
    program = setup_program(session)
    data = csv(
        "supplier,amount,currency,fx_rate,paid_on,reference",
        "S-1,10.00,EUR,,2026-08-03,T-1",
        "S-1,10.00,XXQ,1.1,2026-08-03,T-2",
    )
    with pytest.raises(UploadRejected) as rejected:
        upload(session, program, "payments", "B-1", data)
    messages = " | ".join(str(p) for p in rejected.value.problems)
    assert "row 2, fx_rate" in messages
    assert 'row 3, currency = "XXQ": not an ISO 4217 currency code' in messages


def test_a_dry_run_checks_everything_and_writes_nothing(session: Session) -> None:
    program = setup_program(session)
    result = upload(
        session,
        program,
        "purchases",
        "B-1",
        csv(PURCHASE_HEADER, "S-1,tomato,10,box,2026-08-03,PO-1"),
        dry_run=True,
    )
    assert (result.status, result.rows, result.premium) == ("dry_run", 1, Decimal("3.75"))
    assert _purchase_count(session, program.id) == 0


def test_a_file_past_a_limit_is_refused_naming_the_limit(session: Session) -> None:
    program = setup_program(session)
    data = csv(PURCHASE_HEADER, *[f"S-1,tomato,1,lb,2026-08-03,P-{i}" for i in range(50)])
    request = Upload(program.code, "B-1", "big.csv", data)
    with pytest.raises(UploadRejected, match="limit"), session.begin_nested():
        import_upload(session, request, KINDS["purchases"], limits=Limits(data_rows=10))
    assert _purchase_count(session, program.id) == 0
