"""What the scalar and the tensor engine share: the node of a graph, its topological order and the
backward pass (source notes: 自动求导, F20).

Autograd records a directed acyclic graph (DAG) while the operations run: every result is a node that
remembers the nodes it was computed from (its parents, `_prev`) and the operation (`_op`). The leaves
are the inputs, the root is the output. backward() walks the graph from the root to the leaves and
applies the chain rule at every node:

    dL/d(parent) += dL/d(node) * d(node)/d(parent)      one term for every use of parent

A node used several times (by several nodes, or twice by one, as in x * x) collects one term per use:
that is why gradients are *added* into .grad, never assigned.
"""


class Node:
    """A node of the graph: .data, .grad, its parents ._prev and its operation ._op.

    Subclasses (Value, Tensor) give _push(), the chain rule for one node: add this node's
    gradient times the local derivative into each parent's gradient. A node refers to its
    parents only, never to itself or to the nodes made from it, so a graph holds no
    reference cycle and Python frees it as soon as the last name for its root is gone.
    """

    __slots__ = ("data", "grad", "_prev", "_op", "label", "_done")
    # numpy operands (np.float64(2) * x, array * t) hand the operation to our reflected methods
    __array_ufunc__ = None

    # The functions of one input: each subclass's _apply(name) looks the name up in its table of rules.
    def relu(self):
        """max(0, x) (elementwise for a Tensor); derivative 1 for x > 0, else 0."""
        return self._apply("relu")

    def tanh(self):
        """tanh(x); derivative 1 - tanh(x)^2."""
        return self._apply("tanh")

    def sigmoid(self):
        """1 / (1 + e^(-x)); derivative sigmoid(x) (1 - sigmoid(x))."""
        return self._apply("sigmoid")

    def exp(self):
        """e^x; derivative e^x."""
        return self._apply("exp")

    def log(self):
        """ln x for x > 0; derivative 1/x."""
        return self._apply("log")

    def zero_grad(self):
        """Forget the gradient: backward() adds into .grad, so clear it before the next pass."""
        raise NotImplementedError

    def _apply(self, name):
        raise NotImplementedError

    def _push(self):
        raise NotImplementedError


def topological_order(root):
    """Every node the root depends on, each after all of its parents: leaves first, the root last.

    The depth-first search of micrograd's build_topo, with a stack of its own instead of
    recursion: micrograd raises RecursionError on a chain of about a thousand operations,
    this loop handles any depth. The order is the one the recursive version gives.
    """
    order, visited = [], {root}
    stack = [(root, iter(root._prev))]
    while stack:
        node, parents = stack[-1]
        for parent in parents:
            if parent not in visited:
                visited.add(parent)
                stack.append((parent, iter(parent._prev)))
                break
        else:  # every parent is placed: the node can follow them
            stack.pop()
            order.append(node)
    return order


ALREADY_DONE = ("backward() has already run through this graph: its gradients are in .grad, and a second "
                "pass would add them in again (micrograd silently does). Compute the output again to record "
                "a fresh graph, and call zero_grad() on its inputs first unless you mean to add the new "
                "gradients to the old ones.")


def backward_steps(root, seed):
    """The backward pass, one node at a time: yields each node as soon as its gradient is complete.

    In reverse topological order every node comes after all the nodes that use it, so when
    its turn comes every term of its gradient has been added; it then passes its gradient
    on to its parents (node._push()). The root starts with dL/dL = seed (1 for a loss).
    backward() is this loop run to the end; the step-through demo stops it after k steps.
    """
    order = topological_order(root)
    root.grad = seed
    for node in reversed(order):
        yield node
        if node._prev:  # a leaf has no parents to pass its gradient on to
            node._push()


def backward(root, seed):
    """What Value.backward() and Tensor.backward() run: backward_steps to the end, once per graph.

    Every node the pass went through is marked, and a pass through a marked node is refused
    (ALREADY_DONE) before it adds anything. Leaves are not marked: they stay usable in new graphs.
    """
    if any(node._done for node in topological_order(root)):
        raise RuntimeError(ALREADY_DONE)
    for node in backward_steps(root, seed):
        node._done = bool(node._prev)


def zero_grad(nodes):
    """Clear the gradients of nodes (the parameters, usually) before the next backward()."""
    for node in nodes:
        node.zero_grad()
