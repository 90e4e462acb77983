"""The MLP of notebook 06 with its backward pass left to the Tensor engine
(source notes: 自动求导, F20, checked against 反向传播算法, F12-F15).

TensorMLP has MLP's interface and parameters (the same seed gives the same weights) and the same
forward pass, F9-F11, written with Tensor operations so that it records a graph:

    A[0] = X,   Z[l] = W[l] @ A[l-1] + b[l],   A[l] = g(Z[l])

backward(Y) adds the loss to that graph and calls its backward() (gradients(Y)): the gradients come
from the chain rule applied node by node, not from the notes' equations, and they are the same
numbers. fit, predict and accuracy are MLP's own. record and gradients are the computation alone
(notebook 08 shows them); forward, train_step and backward check what comes in and call them.
"""
import numpy as np

from mlnotes._validate import as_array, require_output_shape
from mlnotes.autograd.tensor import Tensor
from mlnotes.network import MLP


def _binary_cross_entropy(Z, Y, m):
    A = Z.sigmoid()
    return -(Y * A.log() + (1 - Y) * (1 - A).log()).sum() / m


#: (output, loss) -> the loss as Tensor operations on the last layer's Z, for m examples with targets Y.
LOSS_GRAPHS = {
    ("softmax", "cross_entropy"): lambda Z, Y, m: Z.cross_entropy(Y),
    ("sigmoid", "binary_cross_entropy"): _binary_cross_entropy,
    ("sigmoid", "mse"): lambda Z, Y, m: ((Z.sigmoid() - Y) ** 2).sum() / m,
    ("identity", "mse"): lambda Z, Y, m: ((Z - Y) ** 2).sum() / m,
}
HIDDEN = ("relu", "sigmoid", "tanh")


class TensorMLP(MLP):
    """TensorMLP(layer_sizes, hidden="relu", output="softmax", loss=None, seed=0): MLP, differentiated by autograd.

    After record(X) (forward(X) calls it), self.Z_out is the Tensor of the last layer's Z, the
    end of the recorded graph (every Z and A is a node of it; after forward, self.A holds only the
    output); after backward(Y), self.loss_node is its root, the loss. A graph is differentiated
    once: backward(Y) again needs a new record(X) or forward(X).
    """

    def __init__(self, layer_sizes, hidden="relu", output="softmax", loss=None, seed=0):
        super().__init__(layer_sizes, hidden, output, loss, seed)
        if hidden not in HIDDEN or (output, self.loss_name) not in LOSS_GRAPHS:
            pairs = ", ".join(f"{o} + {l}" for o, l in LOSS_GRAPHS)
            raise ValueError(f"TensorMLP has hidden activations {', '.join(HIDDEN)} and the output + loss pairs "
                             f"{pairs}; got hidden={hidden!r}, {output} + {self.loss_name}")
        self.leaves, self.Z_out, self.loss_node = {}, None, None

    def forward(self, X):
        """Y_hat for X (n_0, m), recording the graph from the parameters (fresh leaves) to Z[L]."""
        self._checked_record(X)
        self.A = [self.g_L(self.Z_out.data)]
        return self.A[-1]

    def train_step(self, X, Y, lr):
        """One recorded forward pass, one backward pass, one update (Y_hat itself is not needed: the loss is)."""
        self._checked_record(X)
        self.update(self.backward(Y), lr)

    def _checked_record(self, X):
        """record(X) for a checked X, and every Z[l] checked after it, as MLP.forward does."""
        # Drop the last pass's graph first: its arrays are freed before this pass allocates its own,
        # so the allocator reuses their memory instead of asking the system for more (page faults).
        self.leaves, self.Z, self.Z_out, self.loss_node = {}, [], None, None
        X = self._check_X(X, finite=False)
        with np.errstate(over="ignore", invalid="ignore"):  # every Z[l] is checked just below
            self.record(X)
        self._check_Z([None] + [Z.data for Z in self.Z[1:]], X)

    def record(self, X):
        """The forward pass as Tensor operations, F9-F11, up to Z[L]: the graph that backward(Y) differentiates.

        New leaves on every pass, over the same arrays: no gradient is left over from the last step
        (PyTorch keeps its parameter tensors and asks for optimizer.zero_grad() instead).
        """
        self.leaves = {name: Tensor.wrap(p, label=name) for name, p in self.params.items()}
        A = Tensor.wrap(X, requires_grad=False, label="X")
        self.Z = [None]
        for l in range(1, self.L + 1):
            Z = self.leaves[f"W{l}"] @ A + self.leaves[f"b{l}"]
            Z.label = f"Z{l}"
            self.Z.append(Z)
            if l < self.L:
                A = getattr(Z, self.hidden)()
                A.label = f"A{l}"
        self.Z_out = Z

    def backward(self, Y):
        """The gradients {"dW1": ..., "db1": ...} of the loss for the last forward pass, by gradients(Y)."""
        if self.Z_out is None:
            raise RuntimeError("call forward(X) before backward(Y): backward needs the graph of a forward pass")
        Y = as_array(Y, "Y")
        require_output_shape(Y, self.Z_out.shape)
        with np.errstate(over="ignore", invalid="ignore"):  # a loss that is not finite is named just below
            self.grads = self.gradients(Tensor.wrap(Y, requires_grad=False, label="Y"))
        if not np.isfinite(self.loss_node.data):
            raise ValueError(self._not_finite("the loss"))
        return self.grads

    def gradients(self, Y):
        """The loss J as Tensor operations on the recorded Z[L], then J.backward(): the chain rule, node by node."""
        self.loss_node = LOSS_GRAPHS[self.output, self.loss_name](self.Z_out, Y, Y.shape[1])
        self.loss_node.label = "L"
        self.loss_node.backward()
        return {"d" + name: leaf.grad for name, leaf in self.leaves.items()}
