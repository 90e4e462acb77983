"""A multilayer perceptron trained by backpropagation, written as the notes write it
(source notes: 反向传播算法).

Forward (F9-F11), l = 1 .. L:
    A[0] = X,   Z[l] = W[l] A[l-1] + b[l],   A[l] = g[l](Z[l]),   Y_hat = A[L]
Backward (F12-F15), l = L .. 1:
    dZ[L] = Y_hat - Y                          (for the output/loss pairs where it holds: output_error)
    dZ[l] = W[l+1]^T dZ[l+1] * g[l]'(Z[l])     (* is the elementwise product, the notes' 点乘)
    dW[l] = (1/m) dZ[l] A[l-1]^T
    db[l] = (1/m) sum of the m columns of dZ[l]
Update (F16), learning rate lr (the notes' eta):  W[l] <- W[l] - lr dW[l],  b[l] <- b[l] - lr db[l]

As in the notes, dZ is the error signal of each example (m times dJ/dZ);
the 1/m of the mean loss appears in dW and db.
Shapes: X (n_0, m), W[l] (n_l, n_(l-1)), b[l] (n_l, 1), Z[l] and A[l] (n_l, m).
The lists Z and A are indexed by layer, so Z[0] is an unused None.

forward_pass and backward_pass are these equations alone (the notebooks show them);
MLP checks what comes in and calls them.
"""
import numpy as np

from mlnotes import activations, losses, optim
from mlnotes._validate import as_array, require_output_shape

#: The loss each output is trained with unless told otherwise.
DEFAULT_LOSS = {"softmax": "cross_entropy", "sigmoid": "binary_cross_entropy", "identity": "mse"}
#: Pairs for which dZ[L] = Y_hat - Y. For sigmoid + binary cross-entropy, dJ/dA = (A - Y) / (A (1 - A))
#: and g'(Z) = A (1 - A) cancel; for softmax + cross-entropy the softmax Jacobian times -Y / A
#: collapses to A - Y. For any other pair (e.g. sigmoid + MSE) dZ[L] = m dJ/dA * g'(Z[L]).
SHORTCUT = {("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")}


def forward_pass(params, X, g, g_L):
    """F9-F11: A[0] = X, then for l = 1 .. L:  Z[l] = W[l] A[l-1] + b[l],  A[l] = g(Z[l])  (g_L for l = L).

    params {"W1": ..., "b1": ...}; returns the lists Z and A (Z[0] is None), and Y_hat = A[L].
    """
    L = len(params) // 2
    Z, A = [None], [X]
    for l in range(1, L + 1):
        Z.append(params[f"W{l}"] @ A[l - 1] + params[f"b{l}"])
        A.append(g(Z[l]) if l < L else g_L(Z[l]))
    return Z, A


def backward_pass(params, Z, A, dZ_L, g_prime):
    """F13-F15, from the output's error signal dZ[L] back to layer 1:

        dW[l] = (1/m) dZ[l] A[l-1]^T,   db[l] = (1/m) sum_i dZ[l]_i,   dZ[l-1] = W[l]^T dZ[l] * g'(Z[l-1])

    Returns the gradients {"dW1": ..., "db1": ...} and the list dZ (dZ[0] is None).
    """
    L, m = len(A) - 1, A[0].shape[1]
    dZ = [None] * L + [dZ_L]
    grads = {}
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = (1 / m) * (dZ[l] @ A[l - 1].T)
        grads[f"db{l}"] = dZ[l].sum(axis=1, keepdims=True) / m
        if l > 1:
            dZ[l - 1] = params[f"W{l}"].T @ dZ[l] * g_prime(Z[l - 1])
    return grads, dZ


class MLP:
    """MLP(layer_sizes, hidden="relu", output="softmax", seed=0), e.g. MLP([64, 32, 10]).

    hidden: an activation name from mlnotes.activations.ACTIVATIONS; output:
    "softmax" (with cross-entropy, one-hot Y), "sigmoid" (with binary
    cross-entropy, or loss="mse") or "identity" (regression, loss="mse").
    Weights are drawn from N(0, s^2) with s^2 = 2 / n_(l-1) for ReLU-like
    hidden units and 1 / n_(l-1) otherwise, so that the signal keeps its size
    from layer to layer; biases start at 0.
    """

    def __init__(self, layer_sizes, hidden="relu", output="softmax", loss=None, seed=0):
        sizes = list(layer_sizes) if not isinstance(layer_sizes, (str, bytes)) else []
        if len(sizes) < 2 or not all(isinstance(n, (int, np.integer)) and n >= 1 for n in sizes):
            raise ValueError(f"layer_sizes must list at least two positive whole numbers, e.g. [64, 32, 10], "
                             f"got {layer_sizes!r}")
        activations.get(hidden)  # the error that lists the activations there are
        # The bare formulas: forward() checks every Z[l] itself (see _check_Z)
        self.g, self.g_prime = activations.FORMULAS[hidden]
        if output not in DEFAULT_LOSS:
            raise ValueError(f"output must be 'softmax', 'sigmoid' or 'identity', got {output!r}")
        if output == "softmax":  # no derivative here: softmax pairs with cross-entropy only (SHORTCUT)
            self.g_L, self.g_L_prime = activations.softmax.formula, None
        else:
            self.g_L, self.g_L_prime = activations.FORMULAS[output]
        loss = loss or DEFAULT_LOSS[output]
        if loss not in losses.LOSSES:
            raise ValueError(f"unknown loss {loss!r}; expected one of {', '.join(map(repr, losses.LOSSES))}")
        if output == "softmax" and loss != "cross_entropy":
            raise ValueError("a softmax output trains with cross-entropy only: its derivative is a full Jacobian, "
                             "so dZ = dA * g'(Z) would be wrong; use output='sigmoid' or 'identity' for other losses")
        if output == "softmax" and sizes[-1] < 2:
            raise ValueError("a softmax output needs at least 2 classes; use output='sigmoid' for one output")
        self.layer_sizes, self.hidden, self.output, self.loss_name = [int(n) for n in sizes], hidden, output, loss
        self.loss_grad = losses.LOSSES[loss][1]
        rng = np.random.default_rng(seed)
        scale = 2.0 if hidden in ("relu", "leaky_relu") else 1.0
        self.params = {}
        for l in range(1, len(sizes)):
            self.params[f"W{l}"] = rng.normal(size=(sizes[l], sizes[l - 1])) * np.sqrt(scale / sizes[l - 1])
            self.params[f"b{l}"] = np.zeros((sizes[l], 1))
        self.Z, self.A, self.dZ, self.grads = [], [], [], {}

    @property
    def L(self):
        """Number of layers that compute (the input layer 0 is not counted)."""
        return len(self.layer_sizes) - 1

    def _check_Z(self, Z, X):
        """Raise a clear error at the first Z[l] (Z = [None, Z[1], ..., Z[L]]) that is not finite.

        forward() checks every Z[l] after the pass, in place of X: a matrix product computes every
        W[j, i] A[i, k] (to unit j from input i, for example k), so a NaN or infinity in column k of
        A[l-1] (X for l = 1) or in W[l] or b[l] leaves Z[l] not finite, even where an activation then
        flattens it to a limit (ReLU(-inf) = 0, sigmoid(inf) = 1): 0 * inf is NaN too. Z[1] is also
        smaller than X: 128 by m against 784 by m for 784-128-10. Every output activation here is
        finite for a finite Z[L].
        """
        for l in range(1, len(Z)):
            if not np.isfinite(Z[l]).all():
                as_array(X, "X")  # X's own error, naming the entry, when the NaN or infinity came with X
                raise ValueError(self._not_finite(f"Z[{l}]"))

    def _not_finite(self, what):
        """Why the network computed NaN or infinity: a parameter that is not finite,
        or weights so large that Z overflows."""
        bad = [name for name, p in self.params.items() if not np.isfinite(p).all()]
        if bad:
            verb = "contains" if len(bad) == 1 else "contain"
            return f"{what} is not finite because {', '.join(bad)} {verb} NaN or infinity: set them to finite numbers"
        worst = max(float(np.abs(p).max()) for p in self.params.values())
        return (f"{what} is not finite: the parameters (the largest is {worst:.3g}) make Z overflow; "
                f"if training made them grow, lower the learning rate")

    def _check_X(self, X, finite=True):
        X = as_array(X, "X", finite)
        if X.ndim != 2 or X.shape[0] != self.layer_sizes[0]:
            raise ValueError(f"X must have shape ({self.layer_sizes[0]}, m), one example per column, got {X.shape}")
        return X

    def forward(self, X):
        """Y_hat = A[L] for X (n_0, m), by forward_pass; keeps every Z[l] and A[l] for backward()."""
        X = self._check_X(X, finite=False)  # its NaN or infinity would reach Z[1], which is checked
        # Every Z[l] is checked (see _check_Z), so numpy's own warnings would only come before that message
        with np.errstate(over="ignore", invalid="ignore"):
            self.Z, self.A = forward_pass(self.params, X, self.g, self.g_L)
        self._check_Z(self.Z, X)
        return self.A[-1]

    def loss(self, X, Y):
        """J: the loss of the predictions for X against Y, averaged over the m examples."""
        return losses.LOSSES[self.loss_name][0](self.forward(X), Y)

    def output_error(self, Y):
        """dZ[L] for the last forward pass (F12): Y_hat - Y for the pairs in SHORTCUT, else m dJ/dA * g_L'(Z[L])."""
        Y_hat = self.A[-1]
        if (self.output, self.loss_name) in SHORTCUT:
            return Y_hat - Y
        m = Y.shape[1]
        dA = m * self.loss_grad(Y_hat, Y)
        return dA * self.g_L_prime(self.Z[-1])

    def backward(self, Y):
        """The gradients {"dW1": ..., "db1": ...} of the loss for the last forward pass, by backward_pass.

        They are kept in self.grads, and every error signal dZ[l] in self.dZ, until the next backward pass.
        """
        if not self.A:
            raise RuntimeError("call forward(X) before backward(Y): backward needs the Z and A of a forward pass")
        Y = as_array(Y, "Y")
        require_output_shape(Y, self.A[-1].shape)
        self.grads, self.dZ = backward_pass(self.params, self.Z, self.A, self.output_error(Y), self.g_prime)
        return self.grads

    def update(self, grads, lr):
        """Plain gradient descent (F16): every parameter p <- p - lr dp."""
        optim.GradientDescent(lr).step(self.params, grads)

    def train_step(self, X, Y, lr):
        """One forward pass, one backward pass, one update."""
        self.forward(X)
        self.update(self.backward(Y), lr)

    def predict(self, X):
        """Labels: the most probable class (softmax), 0/1 (sigmoid), or the values themselves (identity)."""
        return self._labels(self.forward(X))

    def _labels(self, Y_hat):
        if self.output == "softmax":
            return Y_hat.argmax(axis=0)
        if self.output == "sigmoid":
            labels = (Y_hat >= 0.5).astype(np.int64)
            return labels[0] if labels.shape[0] == 1 else labels
        return Y_hat

    def accuracy(self, X, y):
        """The fraction of examples classified right; y holds labels (m,), one-hot columns, or a row of 0/1."""
        return self._accuracy(self.forward(X), y)

    def _accuracy(self, Y_hat, y):
        if self.output == "identity":
            raise ValueError("accuracy is for classifiers; a regression network (output='identity') has a loss only")
        y = as_array(y, "y")
        if y.ndim == 2 and self.output == "softmax":
            y = y.argmax(axis=0)
        elif y.ndim == 2 and y.shape[0] == 1:
            y = y[0]
        predicted = self._labels(Y_hat)
        if predicted.shape != y.shape:
            raise ValueError(f"y must hold one label per example, shape {predicted.shape}, got {y.shape}")
        return float(np.mean(predicted == y))

    def fit(self, X, Y, epochs=30, lr=0.1, batch_size=32, optimizer="sgd", seed=0, validation=None, callback=None):
        """Train with optim.train (the notes' six steps); returns the history, one entry per epoch (0 = before).

        Y: one-hot columns (softmax) or targets of the output's shape.
        validation=(X_val, Y_val) also records the loss and accuracy on data
        the network does not train on. callback(epoch, history) is called with
        the history so far (its lists grow by one entry per epoch) before
        training (epoch 0) and after every epoch: a notebook passes
        mlnotes.widgets.TrainingProgress(epochs), a live progress bar.
        """
        X, Y = self._check_X(X), as_array(Y, "Y")
        require_output_shape(Y, (self.layer_sizes[-1], X.shape[1]))
        opt = optim.make_optimizer(optimizer, lr)
        classify = self.output != "identity"
        history = {"loss": [], "accuracy": [], "val_loss": [], "val_accuracy": []}
        loss = losses.LOSSES[self.loss_name][0]

        def record(epoch):
            for prefix, (X_, Y_) in [("", (X, Y))] + ([("val_", validation)] if validation is not None else []):
                Y_hat = self.forward(X_)
                history[prefix + "loss"].append(loss(Y_hat, Y_))
                if classify:
                    history[prefix + "accuracy"].append(self._accuracy(Y_hat, Y_))
            if callback is not None:
                callback(epoch, history)

        record(0)
        optim.train(self, X, Y, epochs, opt, batch_size=batch_size, seed=seed, after_epoch=record)
        return {name: values for name, values in history.items() if values}
