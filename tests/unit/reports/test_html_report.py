"""The HTML report from an in-memory month: figures, charts, escaping, print CSS, no script."""

from dataclasses import replace
from html.parser import HTMLParser

from reports.html_report import render_html_report
from tests.unit.reports.builders import finding, sample_report


class Tags(HTMLParser):
    """The start tags of a document."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def tags(html: str) -> list[str]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_the_page_shows_the_run_and_the_month_s_figures() -> None:
    html = render_html_report(sample_report())
    assert "Premium report 2026-10: Program P" in html
    assert "ab" * 32 in html and "not signed off" in html
    assert "200.50" in html  # premium owed by buyers
    assert "Farm One" in html and "probation: late twice" in html
    assert "acknowledged" in html and "monitor@example.org" in html


def test_amounts_have_thousands_separators_and_the_currency_decimals() -> None:
    report = sample_report()
    row = replace(report.suppliers[0], premium_received=report.suppliers[0].premium_received * 100)
    html = render_html_report(replace(report, suppliers=(row, report.suppliers[1])))
    assert "10,000.00" in html


def test_both_charts_are_inline_svg_and_there_is_no_script() -> None:
    found = tags(render_html_report(sample_report()))
    assert found.count("svg") == 2
    assert "script" not in found


def test_text_from_uploads_and_people_is_escaped() -> None:
    hostile = finding("RECEIPT_UNMATCHED", "warning", "1.00", message="<script>alert(1)</script>")
    html = render_html_report(sample_report(findings=(hostile,), supplier_names={"S-1": "<b>"}))
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>" not in html


def test_printing_repeats_table_headers_and_breaks_pages_between_tables() -> None:
    html = render_html_report(sample_report())
    assert "@media print" in html and "@page" in html
    assert "thead { display: table-header-group; }" in html
    assert "break-before: page" in html


def test_a_signed_off_run_names_who_signed_it() -> None:
    report = sample_report()
    run = replace(report.run, signed_off_by="lead@example.org", signed_off_at=report.run.run_at)
    html = render_html_report(replace(report, run=run))
    assert "lead@example.org" in html and "not signed off" not in html
