"""Read models the API shows that no use case returns yet: plain records from queries.

These only read; every change goes through the use cases of ledger, imports and
reconciliation. They live here rather than in ledger/ only because the API needed
them first; they import nothing of Flask and can move down unchanged.
"""
