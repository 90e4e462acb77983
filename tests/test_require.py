"""Exercises add up: require() lets a cell run the learner's functions only once each is written and checked."""
import pytest

from mlnotes.exercises import ExerciseError, check_weighted_sum, require
from mlnotes.exercises.checking import call, is_stub, not_done_for_use_message, not_done_message


def weighted_sum(x, w, b):
    return sum(xi * wi for xi, wi in zip(x, w)) + b


def stub(x, w, b):
    """Not written yet."""
    # YOUR CODE HERE
    raise NotImplementedError()


def test_a_stub_is_told_from_written_code():
    assert is_stub(stub)
    assert not is_stub(weighted_sum)
    assert not is_stub(lambda: 1)
    assert not is_stub(len)


def test_require_names_the_first_piece_not_written(capsys):
    with pytest.raises(NotImplementedError) as caught:
        require(stub, weighted_sum)
    assert str(caught.value) == not_done_for_use_message("stub")
    assert capsys.readouterr().out == ""


def test_require_refuses_a_piece_whose_check_has_not_passed(progress_in_tmp):
    def weighted_sum(x, w, b):  # a fresh object, as after re-running the exercise cell
        return sum(xi * wi for xi, wi in zip(x, w))  # the bias is missing: its check would fail
    with pytest.raises(ExerciseError, match="weighted_sum has not passed its check since its cell was last run"):
        require(weighted_sum)
    with pytest.raises(ExerciseError):
        check_weighted_sum(weighted_sum)
    with pytest.raises(ExerciseError, match="has not passed its check"):
        require(weighted_sum)


def test_require_lets_checked_pieces_through_and_says_so(progress_in_tmp, capsys):
    assert check_weighted_sum(weighted_sum)
    capsys.readouterr()
    require(weighted_sum)
    assert capsys.readouterr().out == "using your weighted_sum\n"

    def weighted_sum_again(x, w, b):  # redefined: checked again before it is used again
        return weighted_sum(x, w, b)
    with pytest.raises(ExerciseError, match="weighted_sum_again has not passed"):
        require(weighted_sum, weighted_sum_again)


def test_require_takes_functions():
    with pytest.raises(ExerciseError, match="takes your functions themselves, got float"):
        require(1.5)


def test_a_check_names_the_stub_that_raised_even_inside_another_function():
    def total(x, w, b):  # written, but it calls a piece that is not
        return stub(x, w, b) + 0

    with pytest.raises(NotImplementedError) as caught:
        call(total, [1.0], [2.0], 0.5)
    assert str(caught.value) == not_done_message("stub")
    with pytest.raises(NotImplementedError) as caught:
        call(stub, [1.0], [2.0], 0.5)
    assert str(caught.value) == not_done_message("stub")


@pytest.fixture
def progress_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("MLNOTES_PROGRESS", str(tmp_path / "progress.json"))
