"""Layouts and header names: synonyms resolved per layout, header rows found."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import pytest

from imports.reading import (
    ALLOCATION_BASES,
    PURCHASES,
    RECEIPTS,
    SALES,
    FileRejected,
    Layout,
    Problem,
    payments_layout,
    payroll_layout,
)
from imports.reading.headers import (
    SYNONYMS,
    HeaderSearch,
    find_header,
    match_header,
    normalize,
)
from imports.reading.values import Cell

ALL_LAYOUTS = [
    PURCHASES,
    RECEIPTS,
    SALES,
    payments_layout("USD"),
    *(payroll_layout(basis) for basis in ALLOCATION_BASES),
]


def resolve(layout: Layout, name: str) -> str | None:
    return layout.lookup.get(normalize(name))


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("No. Empleado", "noempleado"),
        ("  Fecha de  Pago ", "fechadepago"),
        ("PURCHASE_DATE", "purchasedate"),
        ("Référence", "reference"),
        ("Número de Empleado", "numerodeempleado"),
        ("FX-Rate", "fxrate"),
    ],
)
def test_names_match_without_case_spaces_accents_or_punctuation(written: str, normal: str) -> None:
    assert normalize(written) == normal


def test_date_is_the_purchase_date_of_a_purchases_file_and_the_sale_date_of_a_sales_file() -> None:
    assert resolve(PURCHASES, "Date") == "purchase_date"
    assert resolve(SALES, "Fecha") == "sale_date"
    assert resolve(SALES, "Invoice Date") == "sale_date"


def test_fecha_de_pago_is_paid_on_in_payments_and_pay_date_in_payroll() -> None:
    assert resolve(payments_layout("USD"), "Fecha de Pago") == "paid_on"
    assert resolve(payroll_layout("hours"), "Fecha de Pago") == "pay_date"


def test_id_is_the_worker_id() -> None:
    assert resolve(payroll_layout("hours"), "ID") == "worker_id"


@pytest.mark.parametrize("name", ["Bonus", "Bono", "bono ", "Other bonus"])
def test_a_bonus_alone_is_not_the_premium(name: str) -> None:
    assert resolve(payroll_layout("hours"), name) is None


@pytest.mark.parametrize("name", ["Prima", "FFP Bonus", "Bono FFP", "Fair Food Premium", "premium"])
def test_premium_synonyms(name: str) -> None:
    assert resolve(payroll_layout("hours"), name) == "premium"


@pytest.mark.parametrize("layout", ALL_LAYOUTS, ids=lambda layout: layout.name)
def test_no_name_means_two_columns_of_one_layout(layout: Layout) -> None:
    columns = [column.name for column in layout.columns]
    for column in columns:
        for name in (column, *SYNONYMS.get(column, ())):
            assert resolve(layout, name) == column


def test_every_contract_column_has_its_synonyms() -> None:
    assert SYNONYMS["worker_id"] == (
        "employee id",
        "emp id",
        "employee no",
        "id",
        "no empleado",
        "numero de empleado",
        "id trabajador",
    )
    named = {column.name for layout in ALL_LAYOUTS for column in layout.columns}
    assert named == set(SYNONYMS)


@pytest.mark.parametrize("basis", ALLOCATION_BASES)
def test_the_payroll_basis_column_is_required_and_the_others_optional(basis: str) -> None:
    layout = payroll_layout(basis)
    required = [column.name for column in layout.required]
    optional = [column.name for column in layout.optional]
    assert required == ["worker_id", "period_start", "period_end", "pay_date", "premium", basis]
    assert set(optional) == {"worker_name", "crew", *ALLOCATION_BASES} - {basis}


def test_an_unknown_basis_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="hours, gross_wages, units"):
        payroll_layout("pieces")


def test_a_blank_premium_is_zero_and_nothing_else_has_a_default() -> None:
    blanks = {c.name: c.blank for c in payroll_layout("hours").columns if c.blank is not None}
    assert blanks == {"premium": Decimal(0)}


def test_the_required_columns_of_each_file() -> None:
    def required(layout: Layout) -> list[str]:
        return [column.name for column in layout.required]

    assert required(PURCHASES) == [
        "supplier",
        "commodity",
        "quantity",
        "unit",
        "purchase_date",
        "reference",
    ]
    assert required(payments_layout("USD")) == ["supplier", "amount", "paid_on", "reference"]
    assert [c.name for c in payments_layout("USD").optional] == ["currency", "fx_rate"]
    assert required(RECEIPTS) == ["buyer", "amount", "received_on", "reference"]
    assert required(SALES) == ["buyer", "commodity", "quantity", "unit", "sale_date", "reference"]


class TestFindHeader:
    def find(self, *rows: Sequence[Cell]) -> HeaderSearch:
        required = [column.name for column in RECEIPTS.required]
        return find_header(enumerate(rows, start=1), required, RECEIPTS.lookup)

    def test_title_rows_above_the_header_are_passed_over(self) -> None:
        search = self.find(
            ["Palmetto Ridge Farms - premium receipts"],
            [],
            ["Buyer", "Amount", "Received On", "Reference", "Notes"],
        )
        header = search.header
        assert header is not None
        assert header.row == 3
        assert dict(header.positions) == {
            "buyer": 0,
            "amount": 1,
            "received_on": 2,
            "reference": 3,
        }
        assert header.names["received_on"] == "Received On"

    def test_a_header_below_row_20_is_not_looked_for(self) -> None:
        title_rows = [["title"] for _ in range(20)]
        search = self.find(*title_rows, ["buyer", "amount", "received_on", "reference"])
        assert search.header is None

    def test_the_closest_row_is_remembered(self) -> None:
        search = self.find(["Buyer", "Amount"], ["Buyer", "Amount", "Reference"])
        assert search.closest == (2, ("received_on",))

    def test_a_column_named_twice_is_ambiguous(self) -> None:
        search = self.find(["Buyer", "Amount", "Received On", "Reference", "Monto"])
        assert search.ambiguous == (1, "amount", ("Amount", "Monto"))

    def test_cells_that_are_not_text_name_nothing(self) -> None:
        found = match_header([2026.0, date(2026, 8, 1), None, "Buyer"], RECEIPTS.lookup)
        assert found == {"buyer": [3]}


class TestProblem:
    def test_a_row_problem_in_a_sheet(self) -> None:
        problem = Problem("not a number", sheet="Semana 32", row=7, column="hours", value="forty")
        assert str(problem) == 'sheet "Semana 32", row 7, hours = "forty": not a number'

    def test_a_row_problem_in_a_csv_file(self) -> None:
        problem = Problem("not a number", row=7, column="hours", value="forty")
        assert str(problem) == 'row 7, hours = "forty": not a number'

    def test_a_blank_value_is_shown_empty(self) -> None:
        problem = Problem("required, but blank", row=3, column="reference", value="")
        assert str(problem) == 'row 3, reference = "": required, but blank'

    def test_a_file_problem_has_no_place(self) -> None:
        assert str(Problem("no data rows")) == "no data rows"
        assert str(Problem("no data rows", sheet="Nomina")) == 'sheet "Nomina": no data rows'

    def test_long_values_are_cut_in_messages(self) -> None:
        problem = Problem("not a number", row=2, column="hours", value="x" * 500)
        assert str(problem) == 'row 2, hours = "' + "x" * 59 + '…": not a number'

    def test_a_refusal_carries_every_problem(self) -> None:
        refused = FileRejected([Problem("one"), Problem("two", row=3)])
        assert [str(p) for p in refused.problems] == ["one", "row 3: two"]
        assert str(refused) == "one; row 3: two"
