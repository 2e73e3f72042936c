"""The JSON report from an in-memory month: deterministic, exact amounts, reviewed findings."""

import json
from dataclasses import replace

from reports.json_report import render_json_report
from tests.unit.reports.builders import sample_report


def test_the_same_report_always_renders_to_the_same_bytes() -> None:
    assert render_json_report(sample_report()) == render_json_report(sample_report())


def test_keys_come_in_report_order() -> None:
    document = json.loads(render_json_report(sample_report()))
    assert list(document) == [
        "program",
        "program_name",
        "month",
        "as_of",
        "currency",
        "run",
        "totals",
        "counts",
        "findings_by_severity",
        "buyers",
        "suppliers",
        "findings",
        "premium_history",
    ]
    assert list(document["run"]) == [
        "version",
        "run_at",
        "run_by",
        "sha256",
        "signed_off_by",
        "signed_off_at",
    ]


def test_amounts_are_strings_with_the_currency_decimals() -> None:
    document = json.loads(render_json_report(sample_report()))
    assert document["totals"]["premium_owed"] == "200.50"
    assert document["suppliers"][0]["premium_owed"] == "120.00"
    assert document["findings"][1]["amount"] == "-1.25"
    assert document["premium_history"][-1] == {
        "month": "2026-10",
        "received": "120.00",
        "passed_on": "108.00",
    }
    yen = json.loads(render_json_report(sample_report(currency="JPY", exponent=0)))
    assert yen["totals"]["premium_owed"] == "201"


def test_findings_carry_their_review() -> None:
    reviewed = json.loads(render_json_report(sample_report()))["findings"][1]
    assert reviewed["status"] == "acknowledged"
    assert reviewed["status_comment"] == "=cmd|' /C calc'!A0"
    assert reviewed["reviewed_by"] == "monitor@example.org"
    assert reviewed["reviewed_at"] == "2026-11-02T09:30:00+00:00"


def test_counts_by_severity_list_every_severity() -> None:
    report = sample_report()
    document = json.loads(render_json_report(replace(report, findings=report.findings[:1])))
    assert document["findings_by_severity"] == {"critical": 1, "warning": 0, "info": 0}


def test_times_without_a_zone_are_taken_as_utc() -> None:
    report = sample_report()
    naive = replace(report.run, run_at=report.run.run_at.replace(tzinfo=None))
    document = json.loads(render_json_report(replace(report, run=naive)))
    assert document["run"]["run_at"] == "2026-11-02T09:30:00+00:00"


def test_there_are_no_worker_lines() -> None:
    assert "worker_lines" not in render_json_report(sample_report())
