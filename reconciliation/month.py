"""The monthly reconciliation: every rule of DESIGN §6 applied to the books as of a month's end.

Pure: the books in, the result out. Lines dated after the month's last day
are left out whatever the loader passed, so re-running an old month after
later uploads gives the same result unless a line of that month changed.
"""

from reconciliation.allocation_checks import check_allocation, find_duplicate_payroll_lines
from reconciliation.books import Books, cut_off
from reconciliation.findings import sort_findings
from reconciliation.handshake import find_confirmation_gaps, find_volume_mismatches
from reconciliation.months import Month
from reconciliation.pass_through import reconcile_pass_through
from reconciliation.payables import reconcile_payables
from reconciliation.result import MonthResult
from reconciliation.standing import build_standing_history, find_suspended_supplier_purchases


def reconcile_month(books: Books, month: Month) -> MonthResult:
    """Reconcile the program's books for `month`, as of its last day."""
    _check_complete(books, month)
    settings = books.settings
    exponent = settings.currency_exponent
    to_date = cut_off(books, month.last_day)
    purchases = [line for line in to_date.purchases if month.contains(line.date)]
    sales = [line for line in to_date.sales if month.contains(line.date)]
    history = build_standing_history(books.standing_changes)
    buyer_rows, payable_findings = reconcile_payables(
        to_date.purchases, to_date.payments, month, settings
    )
    supplier_rows, held_findings = reconcile_pass_through(
        _every_supplier(to_date),
        to_date.payments,
        to_date.payroll,
        to_date.payouts,
        month,
        history,
        settings,
    )
    findings = [
        *payable_findings,
        *held_findings,
        *find_suspended_supplier_purchases(purchases, history, exponent),
        *find_confirmation_gaps(to_date.payments, to_date.receipts, month, settings),
        *find_volume_mismatches(purchases, sales, settings),
        *check_allocation(to_date.payroll, month, settings),
        *find_duplicate_payroll_lines(to_date.payroll, month, exponent),
    ]
    return MonthResult(
        program=books.program,
        month=month,
        currency=settings.currency,
        currency_exponent=exponent,
        buyers=tuple(buyer_rows),
        suppliers=tuple(supplier_rows),
        findings=sort_findings(findings),
    )


def _check_complete(books: Books, month: Month) -> None:
    # Allocation checks, payroll counts and the volume handshake need every line
    # of the month itself.
    complete_from = books.complete_from
    if complete_from is not None and month.first_day < complete_from:
        raise ValueError(
            f"the books are complete from {complete_from.isoformat()} only:"
            f" {month} cannot be reconciled from them"
        )


def _every_supplier(books: Books) -> set[str]:
    # The program's list is authoritative; a supplier seen only on a line is
    # still shown rather than silently dropped with its money.
    return (
        set(books.suppliers)
        | {line.supplier for line in books.purchases}
        | {line.supplier for line in books.payments}
        | {line.supplier for line in books.receipts}
        | {line.supplier for line in books.sales}
        | {line.supplier for line in books.payroll}
        | {payout.supplier for payout in books.payouts}
    )
