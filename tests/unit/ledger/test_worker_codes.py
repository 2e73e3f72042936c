"""Lookup codes: random, unambiguous to read, checked through their SHA-256 only."""

import hashlib

from ledger.workers import LOOKUP_ALPHABET, LOOKUP_LENGTH, lookup_digest, new_lookup_code


def test_a_code_has_at_least_eight_characters_without_look_alikes() -> None:
    code = new_lookup_code()
    assert len(code) == LOOKUP_LENGTH >= 8
    assert set(code) <= set(LOOKUP_ALPHABET)
    assert not set("0O1IL") & set(LOOKUP_ALPHABET)


def test_codes_are_random_not_a_sequence() -> None:
    codes = {new_lookup_code() for _ in range(10_000)}
    assert len(codes) == 10_000
    used = {character for code in codes for character in code}
    assert used == set(LOOKUP_ALPHABET)


def test_the_digest_is_the_sha256_of_the_code_as_issued() -> None:
    assert lookup_digest("ABCD2345XY") == hashlib.sha256(b"ABCD2345XY").hexdigest()


def test_a_code_typed_with_spaces_dashes_or_in_lower_case_is_the_same_code() -> None:
    assert lookup_digest(" abcd-2345 xy\n") == lookup_digest("ABCD2345XY")
