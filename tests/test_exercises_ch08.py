"""The checks of 08_autograd accept right answers in several styles and name each mistake they claim to catch."""
import math

import numpy as np
import pytest

from mlnotes.autograd import Value, draw_graph
from mlnotes.autograd.graph import topological_order  # the package's: a right answer, and the mistakes' base
from mlnotes.autograd.scalar import Scalar
from mlnotes.exercises import (
    ExerciseError,
    check_add,
    check_backward_pass,
    check_bias_backward,
    check_matmul_backward,
    check_mul,
    check_power,
    check_tanh,
    check_topological_order,
)


def node_with_rule(data, parents, op, terms):
    """A node whose rule adds terms(out.grad) into its parents' grads, one term per parent (the right way)."""
    out = Scalar(data, parents, op)

    def _backward():
        for parent, term in zip(parents, terms(out.grad)):
            parent.grad += term
    out._backward = _backward
    return out


def overwriting(data, parents, op, terms):
    """The classic bug: each rule ASSIGNS its term, so a node used twice keeps only the last."""
    out = Scalar(data, parents, op)

    def _backward():
        for parent, term in zip(parents, terms(out.grad)):
            parent.grad = term
    out._backward = _backward
    return out


# --- the operations: right answers ---------------------------------------------------------------------------------

def add(a, b):
    out = Scalar(a.data + b.data, (a, b), "+")

    def _backward():
        a.grad += out.grad
        b.grad += out.grad
    out._backward = _backward
    return out


def mul(a, b):
    out = Scalar(a.data * b.data, (a, b), "*")

    def _backward():
        a.grad += b.data * out.grad
        b.grad += a.data * out.grad
    out._backward = _backward
    return out


def power(a, k):
    out = Scalar(a.data ** k, (a,), f"**{k}")

    def _backward():
        a.grad += k * a.data ** (k - 1) * out.grad
    out._backward = _backward
    return out


def tanh(a):
    out = Scalar(math.tanh(a.data), (a,), "tanh")

    def _backward():
        a.grad += (1 - out.data ** 2) * out.grad
    out._backward = _backward
    return out


class MulRule:
    """A rule as an object with __call__ (no closure), and the parents as a set, as micrograd keeps them."""

    def __init__(self, a, b, out):
        self.a, self.b, self.out = a, b, out

    def __call__(self):
        self.a.grad += self.b.data * self.out.grad
        self.b.grad += self.a.data * self.out.grad


def mul_as_object(a, b):
    out = Scalar(np.float32(a.data) * np.float32(b.data), {a, b}, "*")  # float32 data, rounded: still within 1e-6
    out.data = a.data * b.data
    out._backward = MulRule(a, b, out)
    return out


def tanh_from_exp(a):
    e = math.exp(2 * a.data)
    t = (e - 1) / (e + 1)
    out = Scalar(t, [a], "tanh")
    out._backward = lambda: setattr(a, "grad", a.grad + (1 - t * t) * out.grad)
    return out


RIGHT_OPERATIONS = [
    (check_add, [add, lambda a, b: node_with_rule(a.data + b.data, (a, b), "+", lambda g: (g, g))],
     "✓ add: correct (the node, its parents and its rule; x + x gets both terms)\n"),
    (check_mul, [mul, mul_as_object, lambda a, b: node_with_rule(a.data * b.data, [a, b], "*",
                                                                  lambda g: (b.data * g, a.data * g))],
     "✓ mul: correct (the node, its parents and its rule; x * x gets both terms)\n"),
    (check_power, [power, lambda a, k: node_with_rule(np.float64(a.data) ** k, (a,), "**",
                                                      lambda g: (g * k * a.data ** (k - 1),))],
     "✓ power: correct (a cube, a square of a negative number and a square root)\n"),
    (check_tanh, [tanh, tanh_from_exp, lambda a: node_with_rule(np.tanh(a.data), (a,), "tanh",
                                                                 lambda g: (g / math.cosh(a.data) ** 2,))],
     "✓ tanh: correct (the node, its parents and its rule 1 - tanh²)\n"),
]


@pytest.mark.parametrize("check, answers, line", RIGHT_OPERATIONS, ids=[c.__name__ for c, _, _ in RIGHT_OPERATIONS])
def test_right_operations_pass(check, answers, line, capsys):
    for answer in answers:
        assert check(answer) is True
    assert capsys.readouterr().out == line * len(answers)


def eager(a, b):
    out = Scalar(a.data + b.data, (a, b), "+")
    a.grad += out.grad + 1  # the rule run at once, when out.grad is not known yet
    b.grad += out.grad + 1
    return out


def rule_with_argument(a, b):
    out = Scalar(a.data + b.data, (a, b), "+")

    def _backward(g):
        a.grad += g
        b.grad += g
    out._backward = _backward
    return out


def rule_sets_out_grad(a, b):
    out = add(a, b)
    rule = out._backward

    def _backward():
        rule()
        out.grad = 0.0
    out._backward = _backward
    return out


ADD_MISTAKES = [
    (lambda a, b: overwriting(a.data + b.data, (a, b), "+", lambda g: (g, g)),
     r"the node x is both inputs, and your rule set its gradient \(`x.grad = ...`\) instead of adding"),
    (lambda a, b: overwriting(a.data + b.data, (a, b), "+", lambda g: (g, g)) if a is not b else add(a, b),
     r"a.grad held 0\.5 and b.grad held -2 before your rule ran .* and your rule replaced it"),
    (lambda a, b: node_with_rule(a.data + b.data, (a, b), "+", lambda g: (1.0, 1.0)),
     "your rule adds the local derivative alone: the chain rule multiplies it by out.grad"),
    (lambda a, b: node_with_rule(a.data + b.data, (a, b), "+", lambda g: (b.data * g, a.data * g)),
     "that is the rule of \\*"),
    (lambda a, b: node_with_rule(a.data + b.data, (a, b), "+", lambda g: (g, -g)), "that is the rule of -"),
    (lambda a, b: node_with_rule(a.data * b.data, (a, b), "+", lambda g: (g, g)), "you multiplied the inputs' data"),
    (lambda a, b: Scalar(a.data + b.data, (a, b), "+"), "your node has no backward rule"),
    (lambda a, b: a.data + b.data, r"returned float -1\.5; return the output node, a Scalar"),
    (lambda a, b: Value(a.data + b.data), "make the output node with Scalar"),
    (lambda a, b: None, r"returned None: did you forget `return out`\?"),
    (lambda a, b: node_with_rule(a.data + b.data, (Scalar(a.data), Scalar(b.data)), "+", lambda g: (g, g)),
     "the parents of your node are new Scalars holding the same numbers"),
    (lambda a, b: node_with_rule(a.data + b.data, (), "+", lambda g: ()), r"your node's parents \(._prev\) are \[\]"),
    (eager, "changed the inputs' .grad while making the node"),
    (rule_with_argument, r"raised TypeError.*The rule takes no arguments"),
    (rule_sets_out_grad, "changed out.grad to 0"),
    (lambda a, b: node_with_rule(a.data + b.data, (a, b), "+", lambda g: (2 * g, 2 * g)),
     r"<lambda>'s rule\(a, b with a.data = 2, b.data = -3.5; out.grad = 1.5, so a, b .grad\) returned \[3\., 3\.\], "
     r"expected \[1\.5, 1\.5\]"),
]

MUL_MISTAKES = [
    (lambda a, b: overwriting(a.data * b.data, (a, b), "*", lambda g: (b.data * g, a.data * g)),
     r"in <lambda>\(x, x with x.data = 3\) the node x is both inputs.*then x \+ x and x \* x come out right"),
    (lambda a, b: overwriting(a.data * b.data, (a, b), "*", lambda g: (b.data * g, a.data * g)) if a is not b
     else mul(a, b), r"held .* your rule replaced it: add to it, a.grad \+= ..., never a.grad = ..."),
    (lambda a, b: node_with_rule(a.data * b.data, (a, b), "*", lambda g: (b.data, a.data)),
     r"the chain rule multiplies it by out.grad.*: a.grad \+= b.data \* out.grad"),
    (lambda a, b: node_with_rule(a.data * b.data, (a, b), "*", lambda g: (g, g)), "passes out.grad on unchanged"),
    (lambda a, b: node_with_rule(a.data * b.data, (a, b), "*", lambda g: (a.data * g, b.data * g)),
     "you swapped the local derivatives"),
    (lambda a, b: node_with_rule(a.data + b.data, (a, b), "*", lambda g: (b.data * g, a.data * g)),
     "you added the inputs' data"),
    (lambda a, b: Scalar(a.data * b.data, (a, b), "*"), "your node has no backward rule"),
]

POWER_MISTAKES = [
    (lambda a, k: overwriting(a.data ** k, (a,), "**", lambda g: (k * a.data ** (k - 1) * g,)),
     r"a.grad held 0\.25 before your rule ran"),
    (lambda a, k: node_with_rule(a.data ** k, (a,), "**", lambda g: (k * a.data ** (k - 1),)),
     "your rule adds the local derivative alone"),
    (lambda a, k: node_with_rule(a.data ** k, (a,), "**", lambda g: (a.data ** (k - 1) * g,)),
     "you forgot the factor k"),
    (lambda a, k: node_with_rule(a.data ** k, (a,), "**", lambda g: (k * a.data ** k * g,)),
     "the power in the derivative is k - 1"),
    (lambda a, k: node_with_rule(a.data ** k, (a,), "**", lambda g: ((k - 1) * a.data ** (k - 1) * g,)),
     "the factor is k, the power k - 1"),
    (lambda a, k: node_with_rule(a.data * k, (a,), "**", lambda g: (k * g,)), "you multiplied by k"),
    (lambda a, k: node_with_rule(k ** a.data, (a,), "**", lambda g: (g,)), "you swapped base and power"),
    (lambda a, k: node_with_rule(a.data ** (k - 1), (a,), "**", lambda g: (g,)), r"that is a.data \*\* \(k - 1\)"),
    (lambda a, k: node_with_rule(a.data ** k, (a,), "**", lambda g: (k * a.data ** (k - 1) * g,)) if k != 0.5
     else node_with_rule(a.data ** k, (a,), "**", lambda g: (0.6 * g,)),
     r"<lambda>'s rule\(a, 0.5 with a.data = 4; out.grad = 2, so a .grad\) returned 1\.2, expected 0\.5"),
]

TANH_MISTAKES = [
    (lambda a: overwriting(math.tanh(a.data), (a,), "tanh", lambda g: ((1 - math.tanh(a.data) ** 2) * g,)),
     r"a.grad held 0\.5 before your rule ran"),
    (lambda a: node_with_rule(math.tanh(a.data), (a,), "tanh", lambda g: (1 - math.tanh(a.data) ** 2,)),
     r"your rule adds the local derivative alone.*\(1 - t\*\*2\) \* out.grad"),
    (lambda a: node_with_rule(math.tanh(a.data), (a,), "tanh", lambda g: ((1 - a.data ** 2) * g,)),
     "you squared the input a.data"),
    (lambda a: node_with_rule(math.tanh(a.data), (a,), "tanh", lambda g: ((1 - math.tanh(a.data)) * g,)),
     "with t squared"),
    (lambda a: node_with_rule(math.tanh(a.data), (a,), "tanh",
                              lambda g: (math.tanh(a.data) * (1 - math.tanh(a.data)) * g,)),
     "that is the sigmoid's derivative"),
    (lambda a: node_with_rule(math.tanh(a.data), (a,), "tanh", lambda g: (-math.tanh(a.data) ** 2 * g,)),
     "you dropped the 1"),
    (lambda a: node_with_rule(a.data, (a,), "tanh", lambda g: (g,)), "your node holds a.data itself"),
    (lambda a: node_with_rule(1 / (1 + math.exp(-a.data)), (a,), "tanh", lambda g: (g,)), "that is the sigmoid"),
    (lambda a: node_with_rule(1 - math.tanh(a.data) ** 2, (a,), "tanh", lambda g: (g,)),
     "that is the derivative 1 - tanh²"),
    (lambda a: a.tanh(), r"raised TypeError: a Scalar has no method tanh\(\): write the operation as your own"),
]

OPERATION_MISTAKES = ([(check_add, *case) for case in ADD_MISTAKES] + [(check_mul, *case) for case in MUL_MISTAKES]
                      + [(check_power, *case) for case in POWER_MISTAKES]
                      + [(check_tanh, *case) for case in TANH_MISTAKES])


@pytest.mark.parametrize("check, wrong, message", OPERATION_MISTAKES,
                         ids=[f"{check.__name__}: {message[:40]}" for check, _, message in OPERATION_MISTAKES])
def test_each_operation_mistake_gets_its_message(check, wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check(wrong)


# --- topological_order and backward_pass ---------------------------------------------------------------------------

def kahn(root):
    """Kahn's algorithm: count each node's users, then peel the graph from the root; a list for visited."""
    users, seen, todo = {}, [root], [root]
    while todo:
        node = todo.pop()
        for parent in node._prev:
            users[parent] = users.get(parent, 0) + 1
            if parent not in seen:
                seen.append(parent)
                todo.append(parent)
    order, ready = [], [root]
    while ready:
        node = ready.pop()
        order.append(node)
        for parent in node._prev:
            users[parent] -= 1
            if users[parent] == 0:
                ready.append(parent)
    return order[::-1]


def two_stacks(root):
    """Post-order with a flag per stack entry: push a node, its parents, then the node again to emit."""
    order, visited, stack = [], set(), [(root, False)]
    while stack:
        node, ready = stack.pop()
        if ready:
            order.append(node)
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))
            stack.extend((p, False) for p in node._prev if p not in visited)
    return order


def recursive(root):
    """micrograd's build_topo."""
    order, visited = [], set()

    def build(node):
        if node not in visited:
            visited.add(node)
            for parent in node._prev:
                build(parent)
            order.append(node)
    build(root)
    return order


def recursive_without_visited(root):
    order = []

    def build(node):
        for parent in node._prev:
            build(parent)
        order.append(node)
    build(root)
    return order


def pre_order(root):
    """Appends a node when it is first reached, then reverses: not a topological order for shared nodes."""
    order, visited, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if node not in visited:
            visited.add(node)
            order.append(node)
            stack.extend(node._prev)
    return order[::-1]


def breadth_first(root):
    order, visited, queue = [], {root}, [root]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for parent in node._prev:
            if parent not in visited:
                visited.add(parent)
                queue.append(parent)
    return order[::-1]


def visited_by_value(root):
    order, visited, stack = [], set(), [(root, False)]
    while stack:
        node, ready = stack.pop()
        if ready:
            order.append(node)
        elif node.data not in visited:
            visited.add(node.data)
            stack.append((node, True))
            stack.extend((p, False) for p in node._prev)
    return order


TOPOLOGICAL_MISTAKES = [
    (recursive, r"raised RecursionError on a chain of 5,000 operations: a function that calls itself once per level"),
    (recursive_without_visited, r"lists a 2 times: it is used by e and f, and your search visited it from each use"),
    (lambda root: topological_order(root)[::-1], "starts with the root and ends with the leaves"),
    (lambda root: topological_order(root)[:-1], "leaves out the root L"),
    (lambda root: [n for n in topological_order(root) if n._prev], "leaves out the leaves a, b, c, one"),
    (visited_by_value, r"leaves out r, which holds the same number \(2\) as another node"),
    (pre_order, r"puts e before a, one of its inputs.*Append a node only once all its parents are in the order"),
    (lambda root: [n.data for n in topological_order(root)], "returned a list holding float; expected the nodes"),
    (lambda root: [n.label for n in topological_order(root)], "returned a list holding str"),
    (lambda root: None, r"returned None: did you forget `return order`\?"),
    (lambda root: 3, "returned int; expected a list of the graph's nodes"),
    (lambda root: [n for n in topological_order(root) if n.label not in ("e", "s")], "leaves out e"),
    (lambda root: topological_order(root) + topological_order(root)[-1:] if root.label == "y"
     else topological_order(root), "lists the root y 2 times: every node comes once"),
    (lambda root: topological_order(root)[:5], r"leaves out .*|returned 5 nodes"),
]


def test_breadth_first_is_told_where_it_breaks_or_passes_as_a_valid_order():
    # Reversed breadth-first order is topological on some graphs and not on others: the check must judge the
    # order it gets, and name the node that comes before an input when there is one.
    try:
        assert check_topological_order(breadth_first) is True
    except ExerciseError as e:
        assert "before" in str(e) and "one of its inputs" in str(e)


def backward_pass(root):
    order = topological_order(root)
    root.grad = 1.0
    for node in reversed(order):
        node._backward()


def backward_pass_with_kahn(root):
    for node in kahn(root):
        node.grad = 0.0
    root.grad = 1
    order = kahn(root)
    for k in range(len(order) - 1, -1, -1):
        order[k]._backward()
    return root


def recursive_backward(root):
    root.grad = 1.0

    def push(node):
        node._backward()
        for parent in node._prev:
            push(parent)
    push(root)  # wrong for shared nodes too, but it does not even get that far on a deep chain


BACKWARD_MISTAKES = [
    (lambda root: [node._backward() for node in reversed(topological_order(root))], "every gradient is 0: "
     r"the root's gradient starts the pass, so set root.grad = 1 \(dL/dL = 1\)"),
    (lambda root: [node._backward() for node in reversed(topological_order(root))] and None
     or setattr(root, "grad", 1.0), "every gradient but the root's is 0: set root.grad = 1 BEFORE the rules run"),
    (lambda root: (setattr(root, "grad", 1.0), [node._backward() for node in topological_order(root)]),
     r"only the root's inputs got a gradient: either only the root's rule ran, or the rules ran in the topological "
     r"order, leaves first"),
    (lambda root: (setattr(root, "grad", 1.0), root._backward()), "only the root's inputs got a gradient"),
    (lambda root: (setattr(root, "grad", 1.0), [node._backward() for node in reversed(recursive(root))]),
     "backward_pass|<lambda> raised RecursionError on a chain of 5,000 operations"),
    (recursive_backward, "raised RecursionError on a chain of 5,000 operations|returned"),
    (lambda root: (setattr(root, "grad", 2.0), [node._backward() for node in reversed(topological_order(root))]),
     r"returned \[.*\], expected \["),
    (lambda root: root.backward(), "raised AttributeError"),
]


RIGHT_ORDER = [
    (check_topological_order, [topological_order, kahn, two_stacks],
     "✓ topological_order: correct (shared nodes once each, every node after its inputs, and a chain of 5,000 "
     "operations)\n"),
    (check_backward_pass, [backward_pass, backward_pass_with_kahn],
     "✓ backward_pass: correct (root.grad = 1, every rule in reverse topological order, and a chain of 5,000 "
     "operations)\n"),
]


@pytest.mark.parametrize("check, answers, line", RIGHT_ORDER, ids=[c.__name__ for c, _, _ in RIGHT_ORDER])
def test_right_orders_and_passes_pass(check, answers, line, capsys):
    for answer in answers:
        assert check(answer) is True
    assert capsys.readouterr().out == line * len(answers)


ORDER_MISTAKES = ([(check_topological_order, *case) for case in TOPOLOGICAL_MISTAKES]
                  + [(check_backward_pass, *case) for case in BACKWARD_MISTAKES])


@pytest.mark.parametrize("check, wrong, message", ORDER_MISTAKES,
                         ids=[f"{check.__name__}: {message[:40]}" for check, _, message in ORDER_MISTAKES])
def test_each_order_mistake_gets_its_message(check, wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check(wrong)


def test_a_learners_engine_trains_and_draws():
    """The notebook's use of the pieces: a neuron's loss, its gradient against Value's, and its drawing."""
    w, x, b = [Scalar(0.8, label="w1"), Scalar(-0.3, label="w2")], [Scalar(0.5), Scalar(-1.5)], Scalar(0.1, label="b")
    z = b
    for w_i, x_i in zip(w, x):
        z = add(z, mul(w_i, x_i))
    loss = power(add(tanh(z), Scalar(-0.25)), 2)
    backward_pass(loss)
    v = [Value(0.8), Value(-0.3), Value(0.1)]
    ((v[0] * 0.5 + v[1] * -1.5 + v[2]).tanh() - 0.25) ** 2
    reference = ((v[0] * 0.5 + v[1] * -1.5 + v[2]).tanh() - 0.25) ** 2
    reference.backward()
    assert np.allclose([w[0].grad, w[1].grad, b.grad], [p.grad for p in v], rtol=1e-12)
    ax = draw_graph(loss)
    assert len(ax.texts) >= 13


def test_a_scalar_has_no_operators_of_its_own():
    a = Scalar(2.0, label="a")
    assert repr(a) == "Scalar(data=2, grad=0, label='a')"
    with pytest.raises(TypeError, match=r"a Scalar has no method relu\(\)"):
        a.relu()
    with pytest.raises(TypeError):
        a + a
    a.grad = 3.0
    a.zero_grad()
    assert a.grad == 0.0 and a._backward() is None


# --- the tensor engine's rules -------------------------------------------------------------------------------------

@pytest.mark.parametrize("fn, message", [
    (lambda g: g, r"you returned g itself, of shape \(3, 4\)"),
    (lambda g: g.copy(), r"you returned g itself, of shape \(3, 4\)"),
    (lambda g: g.sum(axis=0, keepdims=True), "you summed over axis 0"),
    (lambda g: g.sum(axis=1), r"right numbers .* but of shape \(3,\)"),
    (lambda g: g.mean(axis=1, keepdims=True), "you averaged over the columns"),
    (lambda g: 2 * g.sum(axis=1, keepdims=True), r"returned \[\[ 8\. \],"),
    (lambda g: g.mean(axis=0), "you averaged over axis 0, the neurons"),
    (lambda g: g.mean(axis=1), "you averaged over the columns"),
    (lambda g: g.sum(), r"you summed every entry of g into one number.*g\.sum\(axis=1, keepdims=True\)"),
    (lambda g: 2 * g.sum(axis=1), r"returned shape \(3,\), expected shape \(3, 1\)"),
    # regression: g's rows were arithmetic sequences, so 4 * median (and first + last, times 2) made the sum
    (lambda g: g.shape[1] * np.median(g, axis=1, keepdims=True), r"(?s)returned \[\[3\. \],.*expected \[\[4\.  \],"),
    (lambda g: 2 * (g[:, [0]] + g[:, [-1]]), r"returned \[\[11\.\],"),
    (lambda g: np.median(g, axis=1, keepdims=True), r"returned \[\[0\.75 \],"),
    # a wrong shape is named only when its numbers say what was done
    (lambda g: 2 * g, r"you returned an array of g's shape, of shape \(3, 4\)"),
    (lambda g: g[0], r"returned shape \(4,\), one number per column \(example\)"),
    (lambda g: g.sum(axis=0), "you summed over axis 0, the neurons"),
])
def test_check_bias_backward(fn, message):
    assert check_bias_backward(lambda g: g.sum(axis=1, keepdims=True)) is True
    assert check_bias_backward(lambda g: np.einsum("ij->i", g).reshape(-1, 1)) is True
    assert check_bias_backward(lambda g: [[sum(row)] for row in g.tolist()]) is True
    assert check_bias_backward(lambda g: g.astype(np.float32) @ np.ones((g.shape[1], 1), dtype=np.float32)) is True
    with pytest.raises(ExerciseError, match=message):
        check_bias_backward(fn)


@pytest.mark.parametrize("fn, message", [
    (lambda g, A, B: (g @ B, A.T @ g), r"Each gradient has the shape of its matrix: dA is \(2, 3\)"),
    (lambda g, A, B: (A.T @ g, g @ B.T), "you returned \\(dB, dA\\)"),
    (lambda g, A, B: g @ B.T, "must return two arrays, \\(dA, dB\\)"),
    (lambda g, A, B: (g @ B if A.shape == (3, 3) else g @ B.T, A.T @ g), "dA needs B transposed"),
    (lambda g, A, B: (g @ B.T, A @ g if A.shape == (3, 3) else A.T @ g), "dB needs A transposed"),
    (lambda g, A, B: (B.T @ g if A.shape == (3, 3) else g @ B.T, A.T @ g), "dA = g B\\^T, not B\\^T g"),
    (lambda g, A, B: (g @ B.T, g @ A.T if A.shape == (3, 3) else A.T @ g), "dB = A\\^T g, not g A\\^T"),
    (lambda g, A, B: (B @ g.T, A.T @ g), r"you computed the transpose of dA: B g\^T = \(g B\^T\)\^T"),
    (lambda g, A, B: (g @ B.T, g.T @ A), r"you computed the transpose of dB: g\^T A = \(A\^T g\)\^T"),
    (lambda g, A, B: (g @ B.T, g.T @ A if A.shape == (3, 3) else A.T @ g), "you computed the transpose of dB"),
    (lambda g, A, B: (g @ B.T / g.shape[1], A.T @ g / g.shape[1]), r"you divided by m = 4: the 1/m is already in g"),
    (lambda g, A, B: (g @ B.T, A.T @ g / g.shape[1]), r"you divided by m = 4: the 1/m is already in g"),
])
def test_check_matmul_backward(fn, message):
    assert check_matmul_backward(lambda g, A, B: (g @ B.T, A.T @ g)) is True
    with pytest.raises(ExerciseError, match=message):
        check_matmul_backward(fn)
