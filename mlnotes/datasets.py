"""Data for the course: handwritten digits shipped inside the package, and toy sets made with numpy.

Every loader returns X of shape (n_features, m), examples as columns as
everywhere in the course, and labels y of shape (m,), integers. Nothing is
downloaded; every random draw comes from a seeded generator.
"""
import hashlib
from pathlib import Path

import numpy as np

from mlnotes._validate import as_array

DIGITS = Path(__file__).with_name("data") / "digits.npz"
#: SHA-256 of images.tobytes() + labels.tobytes(): a damaged or altered file is refused.
DIGITS_SHA256 = "87ff0c9e40dc7e2c0e34e7257799c2e3f3aec1a016363bb11cad869ec428a826"


def load_digits():
    """The 1,797 8×8 digits (UCI optdigits test set, as scikit-learn ships it; see data/DIGITS-ATTRIBUTION.md).

    Returns X (64, 1797), pixels scaled from 0..16 to [0, 1], and y (1797,), the digits 0-9.
    Column k of X is image k; X[:, k].reshape(8, 8) shows it.
    """
    with np.load(DIGITS, allow_pickle=False) as data:
        images, labels = data["images"], data["labels"]
    digest = hashlib.sha256(images.tobytes() + labels.tobytes()).hexdigest()
    if digest != DIGITS_SHA256:
        raise ValueError(f"{DIGITS} is damaged (checksum {digest[:12]}…, expected {DIGITS_SHA256[:12]}…): "
                         f"reinstall mlnotes")
    return images.T / 16.0, labels.astype(np.int64)


def train_test_split(X, y, test_fraction=0.2, seed=0):
    """Split the columns of X (and y) into a training and a test set, stratified by class.

    Each class keeps its share in both sets: round(test_fraction * n_c) of its
    n_c examples, drawn with np.random.default_rng(seed), go to the test set.
    Returns X_train, X_test, y_train, y_test.
    """
    X, y_arr = as_array(X, "X"), as_array(y, "y")
    if X.ndim != 2 or y_arr.ndim != 1 or X.shape[1] != y_arr.shape[0]:
        raise ValueError(f"X must be (n_features, m) and y (m,) with the same m, got X {X.shape} and y {y_arr.shape}")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction}")
    rng = np.random.default_rng(seed)
    test = []
    for label in np.unique(y_arr):
        members = np.flatnonzero(y_arr == label)
        test.extend(rng.permutation(members)[: int(round(test_fraction * members.size))])
    is_test = np.zeros(y_arr.size, dtype=bool)
    is_test[test] = True
    y = np.asarray(y)
    return X[:, ~is_test], X[:, is_test], y[~is_test], y[is_test]


class Standardizer:
    """x -> (x - mean) / std, with the mean and standard deviation of all the values in X_train.

    One mean and one std for every input, so an image keeps its look: its pixels are
    shifted and stretched alike. Fit it on the training data only; validation and test
    data (and a digit drawn later) are scaled with the training data's numbers.
    """

    def __init__(self, X_train):
        X_train = as_array(X_train, "X_train")
        if X_train.size < 2:
            raise ValueError(f"X_train must hold at least 2 values, got shape {X_train.shape}")
        self.mean, self.std = float(X_train.mean()), float(X_train.std())
        if self.std == 0:
            raise ValueError(f"every value of X_train is {self.mean:g}: there is no spread to scale by")

    def __call__(self, X):
        return (as_array(X, "X") - self.mean) / self.std

    def __repr__(self):
        return f"Standardizer(mean={self.mean:.4f}, std={self.std:.4f})"


def xor(m=200, noise=0.1, seed=0):
    """Points around the four corners of the unit square; class 1 where exactly one coordinate is high."""
    rng = np.random.default_rng(seed)
    corners = rng.integers(0, 2, size=(2, m))
    X = corners + noise * rng.normal(size=(2, m))
    return X, (corners[0] ^ corners[1]).astype(np.int64)


def two_moons(m=200, noise=0.1, seed=0):
    """Two interleaved half circles (classes 0 and 1), m points in all."""
    rng = np.random.default_rng(seed)
    m0 = m // 2
    angle = np.pi * rng.random(m)
    X = np.where(np.arange(m) < m0,
                 [np.cos(angle), np.sin(angle)],
                 [1 - np.cos(angle), 0.5 - np.sin(angle)])
    y = (np.arange(m) >= m0).astype(np.int64)
    return X + noise * rng.normal(size=(2, m)), y

