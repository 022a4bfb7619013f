"""parse_number: separators, full-width digits, scale words and Chinese numerals."""
import pytest

from newsdesk.facts.numbers import parse_number


@pytest.mark.parametrize("text,expected", [
    ("22,774.46", 22774.46),
    ("1.2万", 12000.0),
    ("3.5 billion", 3.5e9),
    ("１２３", 123.0),
    ("四千", 4000.0),
    ("三万五千", 35000.0),
    ("两亿", 2e8),
    ("十二", 12.0),
    ("一点五", 1.5),
    ("3.4万亿", 3.4e12),
    ("HK$47.25", 47.25),
    ("-0.64%", -0.64),
    ("+1.5", 1.5),
    ("$1.2 trillion", 1.2e12),
    ("0.5", 0.5),
    ("2025", 2025.0),
])
def test_parses(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "two", "3.5 furlongs", "万"])
def test_rejects(text: str) -> None:
    assert parse_number(text) is None
