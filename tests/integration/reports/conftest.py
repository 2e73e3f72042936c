"""Report tests share one reconciled worked-example season per database."""

from tests.integration.reports.season import season

__all__ = ["season"]
