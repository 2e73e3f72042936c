"""The contract JSON of a monthly reconciliation (DESIGN §6).

Keys in the contract's order, amounts as strings with the currency's
minor-unit decimals, quantities exact; the same result always renders to
the same bytes.
"""

import json
from typing import Any

from reconciliation.figures import format_amount, format_quantity
from reconciliation.findings import Finding
from reconciliation.result import BuyerRow, MonthResult, SupplierRow


def render_json(result: MonthResult) -> str:
    """The result as the contract's JSON text, ending with a newline."""
    return json.dumps(to_contract(result), indent=1, ensure_ascii=False) + "\n"


def to_contract(result: MonthResult) -> dict[str, Any]:
    """The result as plain JSON values, keys in the contract's order."""
    exponent = result.currency_exponent
    return {
        "program": result.program,
        "month": str(result.month),
        "as_of": result.as_of.isoformat(),
        "currency": result.currency,
        "buyers": [_buyer(row, exponent) for row in result.buyers],
        "suppliers": [_supplier(row, exponent) for row in result.suppliers],
        "findings": [_finding(finding, exponent) for finding in result.findings],
    }


def _buyer(row: BuyerRow, exponent: int) -> dict[str, Any]:
    return {
        "buyer": row.buyer,
        "supplier": row.supplier,
        "volume": {commodity: format_quantity(quantity) for commodity, quantity in row.volume},
        "premium_owed": format_amount(row.premium_owed, exponent),
        "premium_paid": format_amount(row.premium_paid, exponent),
        "unpaid_to_date": format_amount(row.unpaid_to_date, exponent),
        "overdue": format_amount(row.overdue, exponent),
    }


def _supplier(row: SupplierRow, exponent: int) -> dict[str, Any]:
    return {
        "supplier": row.supplier,
        "standing": row.standing.value,
        "premium_received": format_amount(row.premium_received, exponent),
        "premium_distributed": format_amount(row.premium_distributed, exponent),
        "premium_retained": format_amount(row.premium_retained, exponent),
        "held_to_date": format_amount(row.held_to_date, exponent),
        "held_overdue": format_amount(row.held_overdue, exponent),
        "workers_paid": row.workers_paid,
        "payroll_lines": row.payroll_lines,
    }


def _finding(finding: Finding, exponent: int) -> dict[str, Any]:
    return {
        "code": finding.code.value,
        "severity": finding.severity.value,
        "buyer": finding.buyer,
        "supplier": finding.supplier,
        "worker": finding.worker,
        "period": finding.period,
        "amount": format_amount(finding.amount, exponent),
        "message": finding.message,
    }
