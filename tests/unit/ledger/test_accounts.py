import pytest

from ledger import accounts


def test_contract_account_names() -> None:
    assert accounts.buyer_committed("B-001") == "buyers:B-001:committed"
    assert accounts.payable("B-001", "S-001") == "payable:B-001:S-001"
    assert accounts.supplier_held("S-001") == "suppliers:S-001:held"
    assert accounts.supplier_retained("S-001") == "suppliers:S-001:retained"
    assert accounts.worker("S-001", "00123") == "workers:S-001:00123"


def test_a_code_with_a_separator_cannot_name_an_account() -> None:
    with pytest.raises(accounts.InvalidCode):
        accounts.worker("S-001", "12:3")


def test_a_prefix_covers_the_account_and_those_below_it_only() -> None:
    assert accounts.matches_prefix("suppliers:S-1:held", "suppliers:S-1")
    assert accounts.matches_prefix("suppliers:S-1", "suppliers:S-1:")
    assert not accounts.matches_prefix("suppliers:S-10:held", "suppliers:S-1")
