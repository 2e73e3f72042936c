"""Imports: reading uploaded CSV and XLSX files and turning their rows into ledger entries."""
