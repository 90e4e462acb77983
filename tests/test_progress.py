"""Every check records its latest result in the learner's progress file, and never suffers for it."""
import json
import os
import stat
import time

import numpy as np
import pytest

from mlnotes.__main__ import main as cli
from mlnotes.exercises import check_neuron, check_sigmoid
from mlnotes.exercises.progress import ENV, load, notebook_of, progress_file, record, table


def neuron_output(a_prev, w, b, g):
    return g(np.dot(w, a_prev) + b)


def forgot_bias(a_prev, w, b, g):
    return g(np.dot(w, a_prev))


def my_sigmoid(z):
    raise NotImplementedError()


@pytest.fixture
def progress(tmp_path, monkeypatch):
    path = tmp_path / "home" / ".mlnotes" / "progress.json"
    monkeypatch.setenv(ENV, str(path))
    return path


def test_pass_fail_and_not_written_are_recorded_with_notebook_and_exercise(progress):
    assert check_neuron(neuron_output) is True
    with pytest.raises(AssertionError):
        check_neuron(forgot_bias)
    with pytest.raises(NotImplementedError):
        check_sigmoid(my_sigmoid)
    checks = json.loads(progress.read_text())["checks"]
    assert checks["02_neuron/check_neuron"]["status"] == "failed"  # the latest result wins
    assert checks["02_neuron/check_neuron"]["exercise"] == "forgot_bias"
    assert "you forgot the bias" in checks["02_neuron/check_neuron"]["message"]
    assert checks["03_activation_functions/check_sigmoid"]["status"] == "not written"
    assert checks["03_activation_functions/check_sigmoid"]["notebook"] == "03_activation_functions"
    check_neuron(neuron_output)
    assert load(progress)["02_neuron/check_neuron"]["status"] == "passed"


def test_the_file_is_private_and_replaced_whole(progress):
    check_neuron(neuron_output)
    assert stat.S_IMODE(progress.stat().st_mode) == 0o600
    assert stat.S_IMODE(progress.parent.stat().st_mode) == 0o700
    assert [p.name for p in progress.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_home_that_cannot_be_written_costs_the_check_nothing(tmp_path, monkeypatch):
    home = tmp_path / "readonly"
    home.mkdir()
    monkeypatch.setenv(ENV, str(home / ".mlnotes" / "progress.json"))
    monkeypatch.setattr(os, "replace", _no_space)  # every write fails as on a full disk
    started = time.perf_counter()
    assert check_neuron(neuron_output) is True
    with pytest.raises(AssertionError, match="you forgot the bias"):
        check_neuron(forgot_bias)
    assert time.perf_counter() - started < 1.0
    assert record("02_neuron", "check_neuron", "f", "passed") is False
    assert load() == {}


def test_a_read_only_home(tmp_path, monkeypatch):
    if os.geteuid() == 0:
        pytest.skip("root writes through a read-only mode")
    home = tmp_path / "home"
    home.mkdir(mode=0o500)
    monkeypatch.setenv(ENV, str(home / ".mlnotes" / "progress.json"))
    assert check_neuron(neuron_output) is True
    assert not (home / ".mlnotes").exists()


def test_a_broken_progress_file_is_started_again(progress):
    progress.parent.mkdir(parents=True)
    progress.write_text("{not json")
    assert load() == {}
    check_neuron(neuron_output)
    assert list(load()) == ["02_neuron/check_neuron"]


def test_names():
    assert notebook_of("mlnotes.exercises.ch09_digits_project") == "09_digits_project"
    assert notebook_of("somewhere.else") == "else"


def test_default_location(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert progress_file() == tmp_path / ".mlnotes" / "progress.json"


def test_the_learners_table(progress, capsys):
    assert cli(["progress"]) == 0
    assert "No checks run yet" in capsys.readouterr().out
    check_neuron(neuron_output)
    with pytest.raises(AssertionError):
        check_sigmoid(lambda z: z)
    capsys.readouterr()
    assert cli(["progress"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("✓ 02_neuron") and "neuron_output" in out[0] and "passed" in out[0]
    assert out[1].startswith("✗ 03_activation_functions") and "failed" in out[1]
    assert out[2].strip().startswith("ExerciseError:")
    assert out[-1] == "1 of 2 checks passed (latest result of each)"
    assert cli(["progress", "--file", str(progress.parent / "none.json")]) == 0
    assert "No checks run yet" in capsys.readouterr().out
    assert table({}) == table(load(progress.parent / "none.json"))


def _no_space(*args):
    raise OSError(28, "No space left on device")
