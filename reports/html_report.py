"""The HTML report of a month: the summary, tables and charts, printable, without JavaScript.

Rendered with Jinja2 with autoescaping on (every name and message comes from
uploads or people), charts as inline SVG drawn here (reports.svg_charts), and
print CSS that repeats table headers and starts each table on its own page
when printed. Worker lines are left out: a month can have a million of them,
which no page should hold; the HTML gives each supplier's line and worker
counts and points to the XLSX report, which lists every line.
"""

from decimal import Decimal

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from reconciliation.figures import round_amount
from reports.json_report import utc_text
from reports.model import MonthReport
from reports.svg_charts import Series, bar_chart, line_chart

HTML_MEDIA_TYPE = "text/html"
_TOTAL_LABELS = {
    "premium_owed": "Premium owed by buyers",
    "premium_paid": "Premium paid by buyers",
    "unpaid_to_date": "Unpaid to date",
    "overdue": "Overdue from buyers",
    "premium_received": "Premium received by suppliers",
    "premium_distributed": "Premium distributed to workers",
    "premium_retained": "Premium retained by suppliers",
    "held_to_date": "Held by suppliers to date",
    "held_overdue": "Held overdue",
}


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["utc"] = utc_text
    return environment


_ENVIRONMENT = _environment()


def render_html_report(report: MonthReport) -> str:
    """The report as one self-contained HTML document."""
    exponent = report.exponent

    def money(amount: Decimal) -> str:
        return f"{round_amount(amount, exponent):,.{exponent}f}"

    return _ENVIRONMENT.get_template("report.html").render(
        report=report,
        money=money,
        totals=[(_TOTAL_LABELS[key], amount) for key, amount in report.totals.items()],
        flows=report.supplier_flows,
        commodities=sorted({c for row in report.buyers for c, _ in row.volume}),
        supplier_chart=supplier_chart(report),
        history_chart=history_chart(report),
    )


def supplier_chart(report: MonthReport) -> Markup:
    """Premium owed, paid and distributed per supplier, as grouped bars."""
    flows = report.supplier_flows
    return bar_chart(
        f"Premium per supplier, {report.month} ({report.currency})",
        [flow.supplier for flow in flows],
        [
            Series("Owed by buyers", [flow.owed for flow in flows]),
            Series("Paid to supplier", [flow.paid for flow in flows]),
            Series("Distributed to workers", [flow.distributed for flow in flows]),
        ],
    )


def history_chart(report: MonthReport) -> Markup:
    """The last twelve months of premium received and passed on, as two lines."""
    history = report.history
    return line_chart(
        f"Premium received and passed on, last twelve months ({report.currency})",
        [flow.month for flow in history],
        [
            Series("Received by suppliers", [flow.received for flow in history]),
            Series("Passed on to workers", [flow.passed_on for flow in history]),
        ],
    )
