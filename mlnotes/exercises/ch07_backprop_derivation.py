"""Checks for the exercises of 07_backprop_derivation (F17-F19, and the output layer with MSE)."""
import numpy as np

from mlnotes.activations import sigmoid, sigmoid_prime, tanh, tanh_prime
from mlnotes.exercises.checking import call_unchanged, compare, passed


def check_error_into_neuron(fn):
    """fn(dz_next, W_next, k) must return dJ/da_k = sum_i dz_next[i] W_next[i, k] for one example (F18, F19)."""
    rng = np.random.default_rng(18)
    for n, n_next, k in [(3, 3, 1), (4, 2, 3), (5, 3, 0)]:
        dz_next, W_next = rng.normal(size=n_next), rng.normal(size=(n_next, n))
        given = f"dz_next {dz_next.shape}, W_next {W_next.shape}, k={k}"
        got = call_unchanged(fn, dz_next, W_next, k, given=given, names="dz_next W_next k")
        terms = dz_next * W_next[:, k]
        mistakes = [
            (terms, "you returned one term per neuron i of layer l+1; neuron k's share is their sum over i (the Σ)"),
            (W_next.T @ dz_next, f"that is dJ/da for every neuron of layer l (W_next^T dz_next); return entry k "
                                 f"(here k={k}), one number"),
            (-terms.sum(), "the sign is flipped: dJ/da_k = sum over i of dz_next[i] * W_next[i, k], no minus"),
            (terms.mean(), "you averaged the terms; "
                           "the chain rule adds the paths from neuron k to J: sum over i, not mean"),
            (np.sum(W_next[:, k]), "you summed the weights alone; each weight w_ik carries the error dz_i of "
                                   "the neuron it feeds: sum over i of dz_next[i] * W_next[i, k]"),
            (np.sum(dz_next), "you summed the errors alone; each one reaches neuron k through its weight w_ik"),
        ]
        if n == n_next:  # only then does row k exist and have the right length
            mistakes.append((np.sum(dz_next * W_next[k, :]),
                             "you took row k of W_next: that row holds the weights INTO neuron k of layer l+1. "
                             "Neuron k of layer l feeds every neuron i of layer l+1 through w_ik: column k, "
                             "W_next[:, k]"))
        compare(got, terms.sum(), fn.__name__, given, mistakes=mistakes)
    return passed("error_into_neuron", "3 cases, neuron k feeding 3, 2 and 3 neurons")


def check_output_error_mse(fn):
    """fn(A, Y, Z, g_prime) must return dZ = 2 (A - Y) * g_prime(Z): the output error for the MSE loss.

    The last case has a tanh output, so that a sigmoid slope written into fn cannot pass.
    """
    rng = np.random.default_rng(4)
    for n, m, g, g_prime in [(1, 5, sigmoid, sigmoid_prime), (3, 4, sigmoid, sigmoid_prime), (2, 3, tanh, tanh_prime)]:
        Z, Y = rng.normal(size=(n, m)), rng.random(size=(n, m))
        A = g(Z)
        given = f"A {A.shape} = {g.__name__}(Z), Y {Y.shape}, Z {Z.shape}, g_prime={g_prime.__name__}"
        got = call_unchanged(fn, A, Y, Z, g_prime, given=given, names="A Y Z g_prime")
        want = 2 * (A - Y) * g_prime(Z)
        mistakes = [
            (A - Y, "that is the shortcut dZ = A - Y, which holds for sigmoid + binary cross-entropy and softmax + "
                    "cross-entropy only; with MSE, g'(Z) does not cancel: dZ = dJ/dA * g'(Z)"),
            (2 * (A - Y), "you forgot g'(Z): by the chain rule dZ = (dJ/dA) * g'(Z), and with MSE it does not cancel"),
            (want / 2, "you dropped the 2: d/da (a - y)^2 = 2 (a - y)"),
            (want / m, "you divided by m: like the notes' dZ[L] = Y_hat - Y, dZ is each example's error signal; "
                       "the 1/m of the mean comes in dW and db"),
            (2 * (A - Y) * g_prime(A), "you evaluated g' at A; the derivative is taken at the weighted input: "
                                       "g'(Z) (the notes' a/z mix-up)"),
            (-want, "the sign is flipped: d/da (y - a)^2 = 2 (a - y), so dZ = 2 (A - Y) * g'(Z)"),
        ]
        if n > 1:
            mistakes.append((want / n, "you divided by n_L, the number of outputs: the MSE (mlnotes.losses.mse) sums "
                                       "the squared errors over the outputs of each example and averages over the "
                                       "m examples only"))
        if g_prime is not sigmoid_prime:
            hard_coded = (f"you ignored g_prime and hard-coded the sigmoid's slope: this output is {g.__name__}, "
                          f"so call g_prime(Z)")
            mistakes += [(2 * (A - Y) * sigmoid_prime(Z), hard_coded), (2 * (A - Y) * A * (1 - A), hard_coded)]
        compare(got, want, fn.__name__, given, mistakes=mistakes)
    return passed("output_error_mse", "one sigmoid output, three sigmoid outputs, two tanh outputs")
