"""The books of a premium program: money, accounts, journal entries and their storage."""
