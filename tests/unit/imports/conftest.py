"""Fixtures of the reading-layer tests: where the example uploads are."""

from pathlib import Path

import pytest

# Copies of the shared worked example's uploads (examples/scenario-small), kept in the repo.
SCENARIO_SMALL = Path(__file__).resolve().parents[3] / "api" / "demo" / "scenario-small"


@pytest.fixture
def scenario_small() -> Path:
    """The folder holding purchases/, payments/, receipts/, sales/ and payroll/."""
    return SCENARIO_SMALL
