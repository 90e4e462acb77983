"""The timing helpers of the 'predict, then run' experiments (02 and 07)."""
import pytest

from mlnotes.timing import more_than, seconds


def test_seconds_is_the_shortest_run():
    calls = []
    assert seconds(lambda: calls.append(1), repeats=3) >= 0 and len(calls) == 3
    with pytest.raises(ValueError, match="repeats must be at least 1, got 0"):
        seconds(lambda: None, repeats=0)


def test_more_than_says_the_floor_while_it_holds_and_the_ratio_when_it_does_not():
    assert more_than(1234.5, 100) == "more than 100 times"
    assert more_than(100.0, 100) == "only 100.0 times (expected more than 100)"
    assert more_than(3.21, 10) == "only 3.2 times (expected more than 10)"
    with pytest.raises(ValueError, match="floor must be positive"):
        more_than(5, 0)
