"""Formula neutralising: text a spreadsheet could take for a formula is recognised."""

import pytest

from reports.neutralising import needs_neutralising


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://evil.example","pay")', "+1", "-2", "@SUM(A1:A9)", "\t=1", "\r=1"]
)
def test_text_starting_like_a_formula_is_neutralised(text: str) -> None:
    assert needs_neutralising(text)


@pytest.mark.parametrize("text", ["Ana Pérez", "10234", "", " =1", "S-201", "a=b"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert not needs_neutralising(text)
