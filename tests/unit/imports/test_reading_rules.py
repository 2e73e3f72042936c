"""Row rules every importer shares: signs, pay periods, repeated references, fx rates."""

from decimal import Decimal
from pathlib import Path

import pytest
from reading_builders import PURCHASE_HEADER, problems, purchase, read, write_csv

from imports.reading import (
    PURCHASES,
    RECEIPTS,
    SALES,
    Layout,
    ParsedRow,
    payments_layout,
    payroll_layout,
)

PAYROLL_HEADER = ["Worker ID", "Period Start", "Period End", "Pay Date", "Units", "Premium"]


def payroll_rows(tmp_path: Path, *rows: list[str], basis: str = "units") -> list[ParsedRow]:
    path = write_csv(tmp_path / "w.csv", [PAYROLL_HEADER, *rows])
    return read(path, payroll_layout(basis))[1]


@pytest.mark.parametrize("quantity", ["0", "-3", "-0.5"])
def test_quantities_must_be_positive(tmp_path: Path, quantity: str) -> None:
    path = write_csv(tmp_path / "p.csv", [PURCHASE_HEADER, purchase(quantity=quantity)])
    assert problems(read(path, PURCHASES)[1]) == [
        f'row 2, quantity = "{quantity}": must be greater than 0'
    ]


@pytest.mark.parametrize("amount", ["0", "$0.00", "-$5.00", "($5.00)"])
def test_receipt_and_payment_amounts_must_be_positive(tmp_path: Path, amount: str) -> None:
    rows = [["Supplier", "Amount", "Paid On", "Reference"], ["S-1", amount, "2026-08-01", "P-1"]]
    _, parsed = read(write_csv(tmp_path / "p.csv", rows), payments_layout("USD"))
    assert problems(parsed) == [f'row 2, amount = "{amount}": must be greater than 0']


def test_payroll_numbers_may_be_zero_but_not_negative(tmp_path: Path) -> None:
    parsed = payroll_rows(
        tmp_path,
        ["W-1", "2026-08-03", "2026-08-09", "2026-08-14", "0", "0"],
        ["W-2", "2026-08-03", "2026-08-09", "2026-08-14", "-1", "$-0.01"],
    )
    assert problems(parsed) == [
        'row 3, units = "-1": must not be negative',
        'row 3, premium = "$-0.01": must not be negative',
    ]
    assert parsed[0].decimal("units") == Decimal(0)


def test_a_blank_premium_is_zero_but_another_blank_required_cell_is_a_problem(
    tmp_path: Path,
) -> None:
    parsed = payroll_rows(
        tmp_path,
        ["W-1", "2026-08-03", "2026-08-09", "2026-08-14", "12", "  "],
        ["W-2", "2026-08-03", "", "2026-08-14", "12", "1"],
    )
    assert parsed[0].ok
    assert parsed[0].decimal("premium") == Decimal(0)
    assert problems(parsed) == ['row 3, period_end = "": required, but blank']


def test_blank_optional_cells_and_absent_optional_columns_are_none(tmp_path: Path) -> None:
    parsed = payroll_rows(tmp_path, ["W-1", "2026-08-03", "2026-08-09", "2026-08-14", "12", "1"])
    assert parsed[0].optional_text("worker_name") is None
    assert parsed[0].optional_decimal("hours") is None
    assert parsed[0].values["crew"] is None


def test_a_period_must_not_end_before_it_starts_nor_be_paid_before_it_starts(
    tmp_path: Path,
) -> None:
    parsed = payroll_rows(
        tmp_path,
        ["W-1", "2026-08-10", "2026-08-09", "2026-08-14", "1", "1"],
        ["W-2", "2026-08-10", "2026-08-16", "2026-08-09", "1", "1"],
        ["W-3", "2026-08-10", "2026-08-10", "2026-08-10", "1", "1"],
    )
    assert problems(parsed) == [
        'row 2, period_end = "2026-08-09": before period_start 2026-08-10',
        'row 3, pay_date = "2026-08-09": before period_start 2026-08-10',
    ]


def test_pay_period_rules_wait_for_readable_dates(tmp_path: Path) -> None:
    parsed = payroll_rows(tmp_path, ["W-1", "soon", "2026-08-09", "2026-08-01", "1", "1"])
    assert problems(parsed) == [
        'row 2, period_start = "soon": not a date (expected YYYY-MM-DD or MM/DD/YYYY)'
    ]


@pytest.mark.parametrize("layout", [PURCHASES, SALES], ids=["purchases", "sales"])
def test_a_repeated_reference_names_both_rows(tmp_path: Path, layout: Layout) -> None:
    header = ["Reference", "Date", "Buyer", "Supplier", "Commodity", "Quantity", "Unit"]
    row = ["CV-0003", "2026-08-03", "B-1", "S-1", "tomato", "5", "lb"]
    rows = [header, row, [" CV-0004 ", *row[1:]], [], [" CV-0003 ", *row[1:]], row]
    _, parsed = read(write_csv(tmp_path / "f.csv", rows), layout)
    assert problems(parsed) == [
        'row 5, reference = " CV-0003 ": the same reference as row 2',
        'row 6, reference = "CV-0003": the same reference as row 2',
    ]


def test_references_differing_in_case_are_different(tmp_path: Path) -> None:
    rows = [
        ["Buyer", "Amount", "Received On", "Reference"],
        ["B-1", "5", "2026-08-01", "rcv-1"],
        ["B-1", "5", "2026-08-01", "RCV-1"],
    ]
    assert problems(read(write_csv(tmp_path / "r.csv", rows), RECEIPTS)[1]) == []


def test_identical_payroll_lines_are_two_lines(tmp_path: Path) -> None:
    row = ["W-1", "2026-08-03", "2026-08-09", "2026-08-14", "1", "1"]
    parsed = payroll_rows(tmp_path, row, row)
    assert [p.ok for p in parsed] == [True, True]


PAYMENTS_HEADER = ["Reference", "Supplier", "Amount", "Currency", "FX Rate", "Paid On"]


class TestForeignCurrency:
    def payments(self, tmp_path: Path, *rows: list[str]) -> list[ParsedRow]:
        path = write_csv(tmp_path / "p.csv", [PAYMENTS_HEADER, *rows])
        return read(path, payments_layout("usd"))[1]

    def test_a_payment_in_another_currency_needs_a_rate(self, tmp_path: Path) -> None:
        parsed = self.payments(
            tmp_path,
            ["P-1", "S-205", "624.07", "EUR", "1.1034", "2026-10-12"],
            ["P-2", "S-205", "624.07", "eur", "", "2026-10-12"],
            ["P-3", "S-205", "624.07", "USD", "", "2026-10-12"],
            ["P-4", "S-205", "624.07", "", "", "2026-10-12"],
        )
        assert problems(parsed) == [
            'row 3, fx_rate = "": required for a payment in EUR (program currency USD)'
        ]
        assert parsed[0].text("currency") == "EUR"
        assert parsed[0].decimal("fx_rate") == Decimal("1.1034")
        assert parsed[3].optional_text("currency") is None

    def test_a_rate_must_be_positive(self, tmp_path: Path) -> None:
        parsed = self.payments(tmp_path, ["P-1", "S-205", "624.07", "EUR", "0", "2026-10-12"])
        assert problems(parsed) == ['row 2, fx_rate = "0": must be greater than 0']

    def test_a_file_without_a_rate_column_cannot_pay_in_another_currency(
        self, tmp_path: Path
    ) -> None:
        rows = [
            ["Reference", "Supplier", "Amount", "Moneda", "Paid On"],
            ["P", "S", "5", "MXN", "8/1/2026"],
        ]
        parsed = read(write_csv(tmp_path / "p.csv", rows), payments_layout("USD"))[1]
        assert problems(parsed) == [
            'row 2, fx_rate = "": required for a payment in MXN (program currency USD)'
        ]

    def test_a_currency_that_is_not_a_code(self, tmp_path: Path) -> None:
        parsed = self.payments(tmp_path, ["P-1", "S-205", "624.07", "Euro", "1.1", "2026-10-12"])
        assert problems(parsed) == ['row 2, currency = "Euro": not a currency code']


class TestTypedAccess:
    def test_accessors_refuse_the_wrong_type(self) -> None:
        row = ParsedRow(2, {"reference": "R-1", "quantity": Decimal(3)})
        assert row.text("reference") == "R-1"
        with pytest.raises(TypeError, match="quantity is Decimal, not str"):
            row.text("quantity")
        with pytest.raises(KeyError):
            row.decimal("amount")
