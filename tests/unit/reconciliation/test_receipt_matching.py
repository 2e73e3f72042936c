"""Receipt matching: by reference first, then by amount within seven days, one to one."""

from reconciliation.matching import match_receipts
from tests.unit.reconciliation.builders import payment, receipt


def test_a_receipt_with_the_payments_reference_matches_it_whatever_its_amount() -> None:
    paid = payment(reference="ACH-1", amount="750.38", date="2026-08-23")
    confirmed = receipt(reference="ACH-1", amount="735.38", date="2026-09-20")
    matching = match_receipts([paid], [confirmed])
    assert matching.matched == ((paid, confirmed),)
    assert matching.unconfirmed_payments == ()
    assert matching.unmatched_receipts == ()


def test_a_reference_matches_only_the_same_buyer_and_supplier() -> None:
    paid = payment(buyer="B-1", reference="REF-1", amount="10.00")
    other_buyer = receipt(buyer="B-2", reference="REF-1", amount="99.00")
    matching = match_receipts([paid], [other_buyer])
    assert matching.matched == ()


def test_a_receipt_of_the_same_amount_within_seven_days_matches() -> None:
    paid = payment(date="2026-10-12", amount="688.60", original=("624.07", "EUR"))
    confirmed = receipt(date="2026-10-19", amount="688.60", reference="TO-261013-023")
    assert match_receipts([paid], [confirmed]).matched == ((paid, confirmed),)


def test_a_receipt_eight_days_apart_does_not_match_by_amount() -> None:
    paid = payment(date="2026-10-12", amount="100.00")
    late = receipt(date="2026-10-20", amount="100.00")
    matching = match_receipts([paid], [late])
    assert matching.unconfirmed_payments == (paid,)
    assert matching.unmatched_receipts == (late,)


def test_a_receipt_dated_before_the_payment_matches_within_seven_days() -> None:
    paid = payment(date="2026-10-12", amount="100.00")
    early = receipt(date="2026-10-05", amount="100.00")
    assert match_receipts([paid], [early]).matched == ((paid, early),)


def test_amount_matching_needs_the_same_buyer_and_supplier() -> None:
    paid = payment(buyer="B-1", supplier="S-1", amount="100.00")
    assert match_receipts([paid], [receipt(buyer="B-2", amount="100.00")]).matched == ()
    assert match_receipts([paid], [receipt(supplier="S-2", amount="100.00")]).matched == ()


def test_payments_in_date_order_each_take_the_earliest_unmatched_receipt() -> None:
    second = payment(date="2026-10-28", amount="1781.73")
    first = payment(date="2026-10-27", amount="1781.73")
    late_receipt = receipt(date="2026-11-01", amount="1781.73")
    early_receipt = receipt(date="2026-10-30", amount="1781.73")
    matching = match_receipts([second, first], [late_receipt, early_receipt])
    assert matching.matched == ((first, early_receipt), (second, late_receipt))


def test_matching_is_one_to_one() -> None:
    first = payment(date="2026-10-27", amount="50.00")
    second = payment(date="2026-10-28", amount="50.00")
    only = receipt(date="2026-10-30", amount="50.00")
    matching = match_receipts([first, second], [only])
    assert matching.matched == ((first, only),)
    assert matching.unconfirmed_payments == (second,)


def test_a_receipt_matched_by_reference_is_not_taken_again_by_amount() -> None:
    by_reference = payment(reference="ACH-7", amount="20.00", date="2026-09-10")
    by_amount = payment(reference="ACH-8", amount="20.00", date="2026-09-08")
    confirmed = receipt(reference="ACH-7", amount="20.00", date="2026-09-11")
    matching = match_receipts([by_reference, by_amount], [confirmed])
    assert matching.matched == ((by_reference, confirmed),)
    assert matching.unconfirmed_payments == (by_amount,)
