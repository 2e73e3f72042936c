"""The worked example's season, uploaded and reconciled once per database for the report tests."""

from pathlib import Path

import pytest
from sqlalchemy import Engine

from ledger.database import make_engine, upgrade
from tests.integration.reconciliation.test_worked_example_end_to_end import (
    MONTHS,
    Scenario,
    upload_the_season,
)


def reconciled_season(engine: Engine, folder: Path) -> Scenario:
    """The season on a committed database of the engine's kind, every month reconciled."""
    if engine.dialect.name == "sqlite":
        made = make_engine(f"sqlite:///{folder / 'season.db'}")
        upgrade(made)
        made.dispose()
        url = f"sqlite:///{folder / 'season.db'}"
    else:
        url = engine.url.render_as_string(hide_password=False)
    scenario = Scenario(url, folder)
    upload_the_season(scenario)
    for month in MONTHS:
        scenario.reconcile(month)
    return scenario


@pytest.fixture(scope="module")
def season(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return reconciled_season(engine, tmp_path_factory.mktemp("season"))
