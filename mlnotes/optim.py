"""Gradient descent and its variants (source notes: 梯度下降).

An optimiser moves every parameter p a step against its gradient dp:

    gradient descent   p <- p - lr dp
    momentum           v <- beta v + dp;              p <- p - lr v
    Adam               s <- beta1 s + (1 - beta1) dp;  r <- beta2 r + (1 - beta2) dp^2
                       p <- p - lr s_hat / (sqrt(r_hat) + eps),  s_hat = s / (1 - beta1^t), r_hat = r / (1 - beta2^t)

Parameters are a dict of arrays ({"W1": ..., "b1": ...}) updated in place;
gradients are the dict with the same names prefixed by "d" ({"dW1": ...}),
as the network's backward() returns them. train() is the notes' six steps
as a loop; minimize() runs an optimiser on a plain function (the loss
surfaces of notebook 05). The notebooks show the optimisers, train and
minimize; their checks live in Optimizer and in the _check_ functions below.
"""
import numpy as np

from mlnotes._validate import as_array, checked


class Optimizer:
    """What every optimiser shares: its learning rate lr (the notes' eta), checked once here."""

    def __init__(self, lr=0.1):
        if not (isinstance(lr, (int, float)) and lr > 0):
            raise ValueError(f"the learning rate lr must be a positive number, got {lr!r}")
        self.lr = float(lr)


class GradientDescent(Optimizer):
    """p <- p - lr dp: the plain update of the notes (with a mini-batch, 'stochastic' gradient descent)."""

    def step(self, params, grads):
        for name, p in params.items():
            p -= self.lr * grads["d" + name]


class Momentum(GradientDescent):
    """v <- beta v + dp, p <- p - lr v: a ball rolling downhill that keeps part of its speed."""

    def __init__(self, lr=0.1, beta=0.9):
        super().__init__(lr)
        self.beta, self.velocity = beta, {}

    def step(self, params, grads):
        for name, p in params.items():
            v = self.velocity.setdefault(name, np.zeros_like(p))
            v *= self.beta
            v += grads["d" + name]
            p -= self.lr * v


class Adam(GradientDescent):
    """Momentum on the gradient (s) and on its square (r), both bias-corrected; steps of about lr per parameter."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.s, self.r, self.t = {}, {}, 0

    def step(self, params, grads):
        self.t += 1
        for name, p in params.items():
            g = grads["d" + name]
            s = self.s.setdefault(name, np.zeros_like(p))
            r = self.r.setdefault(name, np.zeros_like(p))
            s *= self.beta1
            s += (1 - self.beta1) * g
            r *= self.beta2
            r += (1 - self.beta2) * g * g
            s_hat = s / (1 - self.beta1 ** self.t)  # early steps: s and r start at 0, so undo the bias
            r_hat = r / (1 - self.beta2 ** self.t)
            p -= self.lr * s_hat / (np.sqrt(r_hat) + self.eps)


OPTIMIZERS = {"sgd": GradientDescent, "momentum": Momentum, "adam": Adam}


def make_optimizer(optimizer="sgd", lr=0.1):
    """An optimiser from its name ('sgd', 'momentum', 'adam') and learning rate, or the optimiser passed in."""
    if isinstance(optimizer, Optimizer):
        return optimizer
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {optimizer!r}; expected one of {', '.join(map(repr, OPTIMIZERS))} "
                         f"or an optimiser object")
    return OPTIMIZERS[optimizer](lr)


def batches(m, batch_size, rng):
    """Index arrays that cover range(m) once in a random order, batch_size at a time (None: all m at once)."""
    if batch_size is None:
        return [np.arange(m)]
    if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive whole number or None (the full batch), got {batch_size!r}")
    order = rng.permutation(m)
    return [order[i:i + batch_size] for i in range(0, m, batch_size)]


class Diverged(ArithmeticError):
    """Training blew up: the message names the learning rate to lower."""


def train(model, X, Y, epochs, optimizer, batch_size=None, seed=0, after_epoch=None):
    """The notes' six steps of gradient descent, as a loop.

    1. initialise the parameters randomly   done when the model was built (MLP(..., seed=...))
    2. pick examples from the training set   a shuffled batch: one example (stochastic gradient
                                             descent, the notes' "one random sample"), batch_size
                                             of them (mini-batch), or all (batch gradient descent)
    3. forward pass: the prediction          model.forward(X_batch)
    4. the gradient of the loss              model.backward(Y_batch)
    5. update the parameters                 optimizer.step(model.params, grads)
    6. repeat 2-5 until converged            every batch of every epoch, `epochs` times

    after_epoch(epoch) is called after each epoch (the network records its
    history there). Before it, train checks that the parameters did not blow
    up (Diverged, naming the learning rate, if they did).
    """
    rng = np.random.default_rng(seed)
    m = X.shape[1]
    for epoch in range(1, epochs + 1):
        for idx in batches(m, batch_size, rng):            # step 2
            model.forward(X[:, idx])                         # step 3
            grads = model.backward(Y[:, idx])                # step 4
            optimizer.step(model.params, grads)              # step 5
        if after_epoch is not None:
            after_epoch(epoch)


def _check_train(model, X, Y, epochs, optimizer, batch_size=None, seed=0, after_epoch=None):
    """train's arguments, with after_epoch preceded by the check that no parameter grew past 1e6."""
    def checked_after_epoch(epoch):
        worst = max(float(np.max(np.abs(p))) if np.all(np.isfinite(p)) else np.inf for p in model.params.values())
        if worst > 1e6:
            raise Diverged(f"training diverged in epoch {epoch}: parameters grew to {worst:.3g}. "
                           f"The learning rate lr={optimizer.lr:g} is too large here; try lr={optimizer.lr / 10:g}")
        if after_epoch is not None:
            after_epoch(epoch)
    return model, X, Y, epochs, optimizer, batch_size, seed, checked_after_epoch


train = checked(train, _check_train)


def minimize(grad, x0, optimizer, steps, limit=1e6):
    """Run optimizer on a function given by its gradient, from x0; returns the path, one row per step.

    Stops early once |x| passes limit (the steps diverged): the path is then
    shorter than steps + 1 rows.
    """
    x = x0.copy()
    path = [x.copy()]
    for _ in range(steps):
        optimizer.step({"x": x}, {"dx": grad(x)})
        path.append(x.copy())
        if np.max(np.abs(x)) > limit:
            break
    return np.array(path)


def _check_minimize(grad, x0, optimizer, steps, limit=1e6):
    """minimize's arguments: x0 a 1-D float array, and grad wrapped so that what it returns is checked too."""
    x0 = as_array(x0, "x0")
    if x0.ndim != 1:
        raise ValueError(f"x0 must be a 1-D array of coordinates, got shape {x0.shape}")
    return (lambda x: as_array(grad(x), "grad(x)")), x0, optimizer, steps, limit


minimize = checked(minimize, _check_minimize)
