"""Allocation checks: was each pay period's premium shared among workers by the basis?

Per supplier pay period (same period start and end, pay date in the month),
worker i's expected share is P × b_i / Σb, P being the premium paid to the
period's workers (retention not included) and b the allocation basis, a
worker's lines in the period summed first. The share is kept exact for the
comparison and rounded half-up only where reported. A worker skipped
altogether is `WORKER_MISSED` (and not also `ALLOCATION_DEVIATION`); two or
more lines for one worker and period are `DUPLICATE_PAYROLL_LINE`.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Context, Decimal, Inexact, Rounded, localcontext
from fractions import Fraction
from operator import attrgetter

from ledger.allocation import exact_shares, round_share
from reconciliation.books import AllocationBasis, PayrollLine, Settings, group_by, total
from reconciliation.figures import format_amount, format_quantity, round_amount
from reconciliation.findings import Finding, FindingCode, format_period
from reconciliation.months import Month

_NOTHING_YET = (Decimal(0), Decimal(0))
_worker_period = attrgetter("supplier", "worker_id", "period_start", "period_end")

# Products of stored amounts and bases need far fewer digits than this; should
# one ever need more, the traps raise rather than round a comparison silently.
_EXACT = Context(prec=200, traps=[Inexact, Rounded])


@dataclass(frozen=True, slots=True)
class WorkerShare:
    """One worker's premium and basis in a pay period, lines summed, and the exact share due."""

    worker_id: str
    premium: Decimal
    basis: Decimal
    expected: Fraction


def check_allocation(
    payroll: Sequence[PayrollLine], month: Month, settings: Settings
) -> list[Finding]:
    """`WORKER_MISSED` and `ALLOCATION_DEVIATION` findings for the pay periods paid in the month."""
    paid_in_month = [line for line in payroll if month.contains(line.pay_date)]
    periods = group_by(paid_in_month, attrgetter("supplier", "period_start", "period_end"))
    findings: list[Finding] = []
    for key in sorted(periods):
        findings.extend(check_period(periods[key], settings))
    return findings


def check_period(lines: Sequence[PayrollLine], settings: Settings) -> list[Finding]:
    """The allocation findings of one supplier's pay period."""
    first = lines[0]
    period = format_period(first.period_start, first.period_end)
    return [
        replace(finding, supplier=first.supplier, period=period)
        for finding in judge_period(lines, settings)
    ]


def share_period(lines: Sequence[PayrollLine], basis: AllocationBasis) -> list[WorkerShare]:
    """Each worker's summed premium and basis and exact expected share, by worker id.

    Empty when nothing can be judged: no premium was paid out, or no worker
    has any basis to share it by.
    """
    tallies = tally_workers(lines, basis)
    pool = total(premium for _, premium, _ in tallies)
    if pool == 0 or all(b == 0 for _, _, b in tallies):
        return []
    shares = exact_shares(pool, [b for _, _, b in tallies])
    return [
        WorkerShare(worker_id=w, premium=p, basis=b, expected=e)
        for (w, p, b), e in zip(tallies, shares, strict=True)
    ]


def tally_workers(
    lines: Sequence[PayrollLine], basis: AllocationBasis
) -> list[tuple[str, Decimal, Decimal]]:
    """(worker id, summed premium, summed basis) per worker of the period, by worker id."""
    sums: dict[str, tuple[Decimal, Decimal]] = {}
    for line in lines:
        premium, amount = sums.get(line.worker_id, _NOTHING_YET)
        sums[line.worker_id] = (premium + line.premium, amount + line.basis(basis))
    return [(worker, *sums[worker]) for worker in sorted(sums)]


def judge_period(lines: Sequence[PayrollLine], settings: Settings) -> list[Finding]:
    """The period's findings on workers, without supplier and period yet.

    The exact share P × b / Σb is never built for a fair worker: multiplying
    both sides of the comparison by Σb keeps it exact in plain decimals, which
    is much faster than fractions over a month's tens of thousands of lines.
    """
    tallies = tally_workers(lines, settings.allocation_basis)
    pool = total(premium for _, premium, _ in tallies)
    basis_total = total(b for _, _, b in tallies)
    if pool == 0 or basis_total == 0:
        return []
    minor_unit = Decimal(1).scaleb(-settings.currency_exponent)
    with localcontext(_EXACT):
        unfair = [
            (worker, premium, basis)
            for worker, premium, basis in tallies
            if not _is_fair(premium, basis, pool * basis, basis_total, minor_unit, settings)
        ]
    findings: list[Finding] = []
    for worker, premium, basis in unfair:
        expected = Fraction(pool) * Fraction(basis) / Fraction(basis_total)
        share = WorkerShare(worker_id=worker, premium=premium, basis=basis, expected=expected)
        finding = judge_worker(share, settings)
        if finding is not None:
            findings.append(replace(finding, worker=worker))
    return findings


def _is_fair(
    premium: Decimal,
    basis: Decimal,
    owed_scaled: Decimal,
    basis_total: Decimal,
    minor_unit: Decimal,
    settings: Settings,
) -> bool:
    # The judge_worker rules with every figure multiplied by Σb (owed_scaled = P × b).
    if premium == 0 and basis > 0:
        return owed_scaled < minor_unit * basis_total
    allowed = max(minor_unit * basis_total, settings.allocation_tolerance * owed_scaled)
    return abs(premium * basis_total - owed_scaled) <= allowed


def judge_worker(share: WorkerShare, settings: Settings) -> Finding | None:
    """The worker's finding, without supplier and period yet, or None when the share is fair.

    Deviation means |p − expected| > max(one minor unit, tolerance × expected).
    A skipped worker counts as missed only if owed at least one minor unit, so
    that a pool split with the largest-remainder helper is never flagged.
    """
    minor_unit = Fraction(1, 10**settings.currency_exponent)
    if share.premium == 0 and share.basis > 0:
        return _missed(share, settings) if share.expected >= minor_unit else None
    allowed = max(minor_unit, Fraction(settings.allocation_tolerance) * share.expected)
    if abs(Fraction(share.premium) - share.expected) > allowed:
        return _deviation(share, settings.currency_exponent)
    return None


def _missed(share: WorkerShare, settings: Settings) -> Finding:
    return Finding(
        code=FindingCode.WORKER_MISSED,
        amount=round_share(share.expected, settings.currency_exponent),
        message=f"{share.worker_id} has {_basis_text(share.basis, settings)} but no premium",
    )


def _deviation(share: WorkerShare, exponent: int) -> Finding:
    # the reported amount is the difference of the two figures the message shows
    expected = round_share(share.expected, exponent)
    got = format_amount(share.premium, exponent)
    return Finding(
        code=FindingCode.ALLOCATION_DEVIATION,
        amount=round_amount(expected - share.premium, exponent),
        message=f"{share.worker_id} got {got}, expected {format_amount(expected, exponent)}",
    )


def find_duplicate_payroll_lines(
    payroll: Sequence[PayrollLine], month: Month, exponent: int
) -> list[Finding]:
    """One `DUPLICATE_PAYROLL_LINE` per worker and period with two or more lines.

    The lines are those up to the month's last day; a group is reported in
    each month in which one of its lines is paid, so a line repeated in a
    later month is caught then. The amount is all the lines' premium less
    the largest line's.
    """
    # Counted first, since nearly every worker has one line per period: only the
    # few repeated ones are gathered (attrgetter builds the keys at C speed).
    counts = Counter(map(_worker_period, payroll))
    repeated = group_by(
        (line for line in payroll if counts[_worker_period(line)] > 1), _worker_period
    )
    findings: list[Finding] = []
    for (supplier, worker_id, start, end), lines in sorted(repeated.items(), key=lambda g: g[0]):
        if not any(month.contains(line.pay_date) for line in lines):
            continue
        premiums = [line.premium for line in lines]
        period = format_period(start, end)
        findings.append(
            Finding(
                code=FindingCode.DUPLICATE_PAYROLL_LINE,
                supplier=supplier,
                worker=worker_id,
                period=period,
                amount=round_amount(total(premiums) - max(premiums), exponent),
                message=f"{len(lines)} lines for {worker_id} in {period}",
            )
        )
    return findings


def _basis_text(basis: Decimal, settings: Settings) -> str:
    if settings.allocation_basis is AllocationBasis.GROSS_WAGES:
        return f"{format_amount(basis, settings.currency_exponent)} in gross wages"
    return f"{format_quantity(basis)} {settings.allocation_basis.value}"
