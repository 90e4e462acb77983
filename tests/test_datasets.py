import numpy as np
import pytest

from mlnotes import datasets


def test_digits():
    X, y = datasets.load_digits()
    assert X.shape == (64, 1797) and y.shape == (1797,)
    assert X.min() == 0.0 and X.max() == 1.0
    counts = np.bincount(y)
    assert len(counts) == 10 and counts.min() == 174 and counts.max() == 183


def test_a_damaged_digits_file_is_refused(tmp_path, monkeypatch):
    with np.load(datasets.DIGITS) as data:
        images, labels = data["images"].copy(), data["labels"]
    images[0, 0] += 1
    damaged = tmp_path / "digits.npz"
    np.savez_compressed(damaged, images=images, labels=labels)
    monkeypatch.setattr(datasets, "DIGITS", damaged)
    with pytest.raises(ValueError, match="is damaged"):
        datasets.load_digits()


def test_split_is_stratified_complete_and_seeded():
    X, y = datasets.load_digits()
    X_tr, X_te, y_tr, y_te = datasets.train_test_split(X, y, test_fraction=0.2, seed=3)
    assert X_tr.shape[1] + X_te.shape[1] == 1797 and X_tr.shape[1] == y_tr.size
    for label in range(10):
        assert (y_te == label).sum() == round(0.2 * (y == label).sum())
    columns = {tuple(c) for c in X_te.T}
    assert not columns & {tuple(c) for c in X_tr.T}
    again = datasets.train_test_split(X, y, test_fraction=0.2, seed=3)
    assert np.array_equal(again[1], X_te)
    assert not np.array_equal(datasets.train_test_split(X, y, seed=4)[3], y_te)


def test_split_bad_input():
    with pytest.raises(ValueError, match=r"got X \(2, 5\) and y \(4,\)"):
        datasets.train_test_split(np.zeros((2, 5)), np.zeros(4))
    with pytest.raises(ValueError, match="test_fraction must be between 0 and 1"):
        datasets.train_test_split(np.zeros((2, 5)), np.zeros(5), test_fraction=1.5)


@pytest.mark.parametrize("make, classes", [(datasets.xor, {0, 1}), (datasets.two_moons, {0, 1})])
def test_toy_classification_sets(make, classes):
    X, y = make(m=90, seed=1)
    assert X.shape == (2, 90) and y.shape == (90,) and set(y) == classes
    X2, y2 = make(m=90, seed=1)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, make(m=90, seed=2)[0])


def test_xor_labels_follow_the_corners():
    X, y = datasets.xor(m=400, noise=0.05, seed=0)
    np.testing.assert_array_equal(y, (X[0] > 0.5) ^ (X[1] > 0.5))


def test_standardizer_uses_one_mean_and_spread_from_the_training_data():
    X_train = np.array([[0.0, 1.0], [2.0, 3.0]])
    scale = datasets.Standardizer(X_train)
    assert (scale.mean, scale.std) == (1.5, pytest.approx(np.sqrt(1.25)))
    np.testing.assert_allclose(scale(X_train).mean(), 0.0)
    np.testing.assert_allclose(scale(X_train).std(), 1.0)
    np.testing.assert_allclose(scale(np.array([[1.5]])), [[0.0]])   # new data: the training data's numbers
    assert repr(scale) == "Standardizer(mean=1.5000, std=1.1180)"


@pytest.mark.parametrize("X, message", [
    (np.ones((2, 3)), "every value of X_train is 1: there is no spread"),
    (np.array([[1.0]]), "at least 2 values"),
])
def test_standardizer_bad_input(X, message):
    with pytest.raises(ValueError, match=message):
        datasets.Standardizer(X)
