"""What a re-run keeps of a review, finding by finding (no database needed)."""

from dataclasses import replace
from decimal import Decimal

from ledger.reconciliation_runs import FindingRecord
from reconciliation.review_carry import carry_reviews


def unconfirmed(
    amount: str, status: str = "open", status_comment: str = "", reviewed_by: str | None = None
) -> FindingRecord:
    """A PAYMENT_UNCONFIRMED of B-1 to S-1, open unless reviewed."""
    return FindingRecord(
        code="PAYMENT_UNCONFIRMED",
        severity="warning",
        buyer="B-1",
        supplier="S-1",
        worker=None,
        period=None,
        amount=Decimal(amount),
        message=f"payment of {amount} has no receipt",
        status=status,
        status_comment=status_comment,
        reviewed_by=reviewed_by,
    )


def acknowledged(amount: str) -> FindingRecord:
    """The same finding, acknowledged by monitor m."""
    return unconfirmed(amount, "acknowledged", "asked S-1", "m")


def test_findings_of_one_identity_are_paired_by_equal_amount_first() -> None:
    before = [unconfirmed("10.00"), acknowledged("25.00")]
    after = carry_reviews(before, [unconfirmed("25.00"), unconfirmed("10.00")], exponent=2)
    assert [(f.amount, f.status) for f in after] == [
        (Decimal("25.00"), "acknowledged"),
        (Decimal("10.00"), "open"),
    ]


def test_an_open_finding_whose_amount_changed_keeps_its_comment_without_a_note() -> None:
    before = [unconfirmed("10.00", status_comment="waiting for S-1")]
    [after] = carry_reviews(before, [unconfirmed("12.00")], exponent=2)
    assert (after.status, after.status_comment) == ("open", "waiting for S-1")


def test_a_reviewed_finding_whose_amount_changed_is_reopened_with_a_note() -> None:
    [after] = carry_reviews([acknowledged("10.00")], [unconfirmed("12.5")], 2)
    assert (after.status, after.reviewed_by) == ("open", None)
    assert after.status_comment == (
        "reopened: amount changed from 10.00 to 12.50; was acknowledged by m: asked S-1"
    )


def test_a_finding_of_another_identity_starts_open() -> None:
    before = [acknowledged("10.00")]
    [after] = carry_reviews(before, [replace(unconfirmed("10.00"), buyer="B-2")], exponent=2)
    assert (after.status, after.status_comment) == ("open", "")
