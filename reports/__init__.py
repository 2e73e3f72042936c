"""Reconciliation results rendered for people: XLSX, HTML and JSON reports, journal export."""
