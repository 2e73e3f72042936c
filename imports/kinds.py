"""The kinds of upload by name, as the command line and the API offer them."""

from imports.payments import Payments
from imports.payroll import Payroll
from imports.pipeline import LineKind
from imports.purchases import Purchases
from imports.receipts import Receipts
from imports.sales import Sales

KINDS: dict[str, LineKind] = {
    "purchases": Purchases(),
    "payments": Payments(),
    "receipts": Receipts(),
    "sales": Sales(),
    "payroll": Payroll(),
}
