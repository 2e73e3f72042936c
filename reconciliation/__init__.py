"""Monthly reconciliation of a premium program's books: aging, handshakes, findings."""
