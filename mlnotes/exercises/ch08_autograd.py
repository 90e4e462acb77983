"""Checks for the exercises of 08_autograd: a scalar engine built one operation at a time (add, mul, power,
tanh), its topological order and backward pass; then the backward rules of a broadcast bias and a matrix product."""
import math

import numpy as np

from mlnotes.autograd.graph import Node
from mlnotes.autograd.scalar import Scalar
from mlnotes.exercises.checking import (
    ExerciseError,
    as_result,
    call,
    call_unchanged,
    close,
    compare,
    fmt,
    passed,
    unambiguous,
)

# --- the scalar engine: one operation at a time -------------------------------------------------------------------

NO_RULE = Scalar(0.0)._backward.__code__  # the code of the rule every node starts with: a leaf's, which does nothing


def _named(data, name, grad=0.0):
    node = Scalar(data, label=name)
    node.grad = grad
    return node


def _output_node(out, name, given):
    """out if it is a node of the graph, else ExerciseError saying what came back instead."""
    if out is None:
        raise ExerciseError(f"{name}({given}) returned None: did you forget `return out`?")
    if not isinstance(out, Node):
        raise ExerciseError(f"{name}({given}) returned {type(out).__name__} {fmt(out)}; return the output node, "
                            f"a Scalar: out = Scalar(<its number>, (<its inputs>), <op>), then its rule, then "
                            f"`return out`")
    if not isinstance(getattr(out, "data", None), (int, float)) or not hasattr(out, "_backward"):
        raise ExerciseError(f"{name}({given}) returned a {type(out).__name__}; make the output node with "
                            f"Scalar(...), which has .data, .grad, ._prev and ._backward")
    return out


def _check_operation(fn, name, nodes, extra, want_data, data_mistakes, locals_, wrong_rules, g, given):
    """One case of an operation: fn(*nodes, *extra) must make the right node and set a rule that ADDS its terms.

    nodes may hold one node twice (x + x). locals_ are d(out)/d(input), one per input; wrong_rules are
    (terms, message) with terms the amounts a mistaken rule adds, one per input. Each node starts with
    the gradient it holds (a node used elsewhere already has one): a rule that assigns loses it.
    """
    distinct = list(dict.fromkeys(nodes))
    before = [node.grad for node in distinct]
    out = _output_node(call(fn, *nodes, *extra, given=given), name, given)
    compare(out.data, want_data, name, given, mistakes=unambiguous(data_mistakes))
    if {id(p) for p in out._prev} != {id(node) for node in nodes}:
        if {p.data for p in out._prev if isinstance(p, Node)} == {node.data for node in nodes}:
            raise ExerciseError(f"{name}({given}): the parents of your node are new Scalars holding the same "
                                f"numbers, not the inputs themselves: pass the input nodes, "
                                f"Scalar(..., ({', '.join(n.label for n in nodes)}), ...), so that the backward "
                                f"pass reaches them")
        raise ExerciseError(f"{name}({given}): your node's parents (._prev) are {list(out._prev)!r:.120}, expected "
                            f"the inputs ({', '.join(n.label for n in nodes)}): give them to Scalar as its "
                            f"second argument, so that the backward pass can find them")
    if [node.grad for node in distinct] != before:
        raise ExerciseError(f"{name}({given}) changed the inputs' .grad while making the node: the gradient is "
                            f"added by the rule, later, when the backward pass runs it (out.grad is not known yet "
                            f"when the node is made): put it inside the rule, def _backward(): ...")
    if getattr(out._backward, "__code__", None) is NO_RULE:
        raise ExerciseError(f"{name}({given}): your node has no backward rule: set out._backward to a function "
                            f"that adds out.grad times each local derivative into the input's .grad; without it "
                            f"no gradient passes through {name}")
    out.grad = g
    given_rule = f"the rule of {name}({given}), with out.grad = {g:g}"
    try:
        call(out._backward, given=given_rule)
    except ExerciseError as e:
        raise ExerciseError(f"{e}. The rule takes no arguments: it reads out.grad and the inputs' .data, and "
                            f"adds into the inputs' .grad") from None
    if out.grad != g:
        raise ExerciseError(f"{given_rule} changed out.grad to {fmt(out.grad)}: the rule reads out.grad and adds "
                            f"into its inputs' gradients")

    def after(terms, add=True):
        """The inputs' gradients once a rule adding (or assigning) these terms has run: a number for one input."""
        grads = {id(node): grad for node, grad in zip(distinct, before)}
        for node, term in zip(nodes, terms):
            grads[id(node)] = grads[id(node)] + term if add else term
        return grads[id(distinct[0])] if len(distinct) == 1 else [grads[id(node)] for node in distinct]

    right = [local * g for local in locals_]
    shared = len(distinct) < len(nodes)
    labels = ", ".join(n.label for n in distinct)
    held = " and ".join(f"{n.label}.grad held {grad:g}" for n, grad in zip(distinct, before))
    overwrote = (f"in {name}({given}) the node {distinct[0].label} is both inputs, and your rule set its gradient "
                 f"(`{distinct[0].label}.grad = ...`) instead of adding to it: the second use's term replaced the "
                 f"first. Each use adds its term, a.grad += ..., b.grad += ...: then x + x and x * x come out right"
                 if shared else
                 f"{name}({given}): {held} before your rule ran (as when an input is used by other nodes too), "
                 f"and your rule replaced it: add to it, a.grad += ..., never a.grad = ..., or the terms of the "
                 f"other uses are lost")
    mistakes = [(after(right, add=False), overwrote)]
    mistakes += [(after(terms), message) for terms, message in wrong_rules]
    got = distinct[0].grad if len(distinct) == 1 else [node.grad for node in distinct]
    compare(got, after(right), f"{name}'s rule", f"{given}; out.grad = {g:g}, so {labels} .grad", mistakes=unambiguous(
        [(value, message) for value, message in mistakes if not close(value, after(right))]))
    return out


FORGOT_OUT_GRAD = ("your rule adds the local derivative alone: the chain rule multiplies it by out.grad, "
                   "the gradient that has reached the output (a.grad += <local> * out.grad)")


def check_add(fn):
    """fn(a, b) must return out = Scalar(a.data + b.data, (a, b), "+") whose rule adds out.grad into a.grad and
    b.grad."""
    for a, b, g in ((_named(2.0, "a"), _named(-3.5, "b"), 1.5),
                    (_named(1.25, "x"),) * 2 + (0.75,),
                    (_named(2.0, "a", 0.5), _named(-3.5, "b", -2.0), 1.5)):
        given = f"{a.label}, {b.label} with {a.label}.data = {a.data:g}" + (
            "" if a is b else f", {b.label}.data = {b.data:g}")
        _check_operation(fn, fn.__name__, [a, b], (), a.data + b.data, [
            (a.data * b.data, "you multiplied the inputs' data: add's node holds a.data + b.data"),
            (a.data - b.data, "you subtracted: add's node holds a.data + b.data")],
            [1.0, 1.0], [
                ([1.0, 1.0], FORGOT_OUT_GRAD + ": for + the local derivative is 1, so a.grad += out.grad"),
                ([b.data * g, a.data * g], "that is the rule of *: for + each input's local derivative is 1, so "
                                           "a.grad += out.grad and b.grad += out.grad"),
                ([g, -g], "that is the rule of -: for + both inputs get +out.grad")], g, given)
    return passed("add", "the node, its parents and its rule; x + x gets both terms")


def check_mul(fn):
    """fn(a, b) must return out = Scalar(a.data * b.data, (a, b), "*") whose rule adds b.data * out.grad into a.grad
    and a.data * out.grad into b.grad."""
    for a, b, g in ((_named(2.0, "a"), _named(-3.5, "b"), 1.5),
                    (_named(3.0, "x"),) * 2 + (0.75,),
                    (_named(2.0, "a", 0.5), _named(-3.5, "b", -2.0), 1.5)):
        given = f"{a.label}, {b.label} with {a.label}.data = {a.data:g}" + (
            "" if a is b else f", {b.label}.data = {b.data:g}")
        _check_operation(fn, fn.__name__, [a, b], (), a.data * b.data, [
            (a.data + b.data, "you added the inputs' data: mul's node holds a.data * b.data")],
            [b.data, a.data], [
                ([b.data, a.data], FORGOT_OUT_GRAD + ": a.grad += b.data * out.grad"),
                ([g, g], "your rule passes out.grad on unchanged, as + does; for * each input's local derivative "
                         "is the OTHER input: a.grad += b.data * out.grad, b.grad += a.data * out.grad"),
                ([a.data * g, b.data * g], "you swapped the local derivatives: d(a*b)/da = b, so a.grad += "
                                          "b.data * out.grad and b.grad += a.data * out.grad")], g, given)
    return passed("mul", "the node, its parents and its rule; x * x gets both terms")


def check_power(fn):
    """fn(a, k) must return out = Scalar(a.data ** k, (a,), f"**{k}") whose rule adds k a^(k-1) out.grad into a.grad."""
    for a, k, g in ((_named(1.5, "a"), 3, 0.5), (_named(-2.0, "a", 0.25), 2, 1.5), (_named(4.0, "a"), 0.5, 2.0)):
        given = f"a, {k:g} with a.data = {a.data:g}"
        x = a.data
        _check_operation(fn, fn.__name__, [a], (k,), x ** k, [
            (x * k, f"you multiplied by k: the node holds a.data ** k = {fmt(x ** k)}"),
            (k ** x, "you swapped base and power: a.data ** k, not k ** a.data"),
            (x ** (k - 1), "that is a.data ** (k - 1), a piece of the derivative; the node holds a.data ** k")],
            [k * x ** (k - 1)], [
                ([k * x ** (k - 1)], FORGOT_OUT_GRAD + ": a.grad += k * a.data ** (k - 1) * out.grad"),
                ([x ** (k - 1) * g], "you forgot the factor k: d(a^k)/da = k a^(k-1)"),
                ([k * x ** k * g], "the power in the derivative is k - 1: d(a^k)/da = k a^(k-1)"),
                ([(k - 1) * x ** (k - 1) * g], "the factor is k, the power k - 1: d(a^k)/da = k a^(k-1)")], g, given)
    return passed("power", "a cube, a square of a negative number and a square root")


def check_tanh(fn):
    """fn(a) must return out = Scalar(tanh(a.data), (a,), "tanh") whose rule adds (1 - t^2) out.grad into a.grad."""
    for a, g in ((_named(0.5, "a"), 1.5), (_named(-1.2, "a", 0.5), 0.75)):
        given = f"a with a.data = {a.data:g}"
        x, t = a.data, math.tanh(a.data)
        _check_operation(fn, fn.__name__, [a], (), t, [
            (x, "your node holds a.data itself: it holds tanh(a.data) (math.tanh)"),
            (1 / (1 + math.exp(-x)), "that is the sigmoid of a.data; the node holds tanh(a.data)"),
            (1 - t ** 2, "that is the derivative 1 - tanh²; the node holds tanh(a.data) itself")],
            [1 - t ** 2], [
                ([1 - t ** 2], FORGOT_OUT_GRAD + ": a.grad += (1 - t**2) * out.grad"),
                ([(1 - x ** 2) * g], "you squared the input a.data; the derivative squares the OUTPUT: "
                                     "1 - t**2 with t = tanh(a.data)"),
                ([(1 - t) * g], "the derivative of tanh is 1 - t**2, with t squared"),
                ([t * (1 - t) * g], "that is the sigmoid's derivative, t (1 - t); tanh's is 1 - t**2"),
                ([-t ** 2 * g], "you dropped the 1: the derivative is 1 - t**2"),
                ([t ** 2 * g], "the derivative is 1 - t**2, not t**2")], g, given)
    return passed("tanh", "the node, its parents and its rule 1 - tanh²")


# --- the order of the graph and the backward pass -----------------------------------------------------------------

def _leaf(data, label):
    return Scalar(data, label=label)


def _node(parents, op, data, label, local=()):
    """A node with its rule, made without the learner's functions: out.grad times each local into each parent."""
    out = Scalar(data, parents, op, label)

    def _backward():
        for parent, d in zip(parents, local):
            parent.grad += d * out.grad
    out._backward = _backward
    return out


def _graphs():
    """(description, root, nodes) of small graphs with shared nodes, each in one right topological order.

    L = (a*b + c) * f with f = a + 1 shares a; the second shares e = a*b twice and has two leaves
    holding the same number; the third is y = x * x.
    """
    a, b, c, one = _leaf(2.0, "a"), _leaf(-3.0, "b"), _leaf(10.0, "c"), _leaf(1.0, "one")
    e = _node((a, b), "*", -6.0, "e", (-3.0, 2.0))
    d = _node((e, c), "+", 4.0, "d", (1.0, 1.0))
    f = _node((a, one), "+", 3.0, "f", (1.0, 1.0))
    L = _node((d, f), "*", 12.0, "L", (3.0, 4.0))
    first = ("L = (a*b + c) * f with f = a + 1", L, [a, b, e, c, d, one, f, L])
    p, q, r = _leaf(1.5, "p"), _leaf(2.0, "q"), _leaf(2.0, "r")
    s = _node((p, q), "*", 3.0, "s", (2.0, 1.5))
    t = _node((s, r), "+", 5.0, "t", (1.0, 1.0))
    u = _node((t, s), "*", 15.0, "u", (3.0, 5.0))
    v = _node((u,), "tanh", math.tanh(15.0), "v", (1 - math.tanh(15.0) ** 2,))
    second = ("v = tanh((p*q + r) * (p*q)), q and r both 2", v, [p, q, s, r, t, u, v])
    x = _leaf(3.0, "x")
    y = _node((x, x), "*", 9.0, "y", (3.0, 3.0))
    return [first, second, ("y = x * x", y, [x, y])]


def _chain(n):
    """A chain of n operations, each on the last result and a new leaf: (root, every node)."""
    node, nodes = _leaf(0.5, "x0"), []
    nodes.append(node)
    for i in range(n):
        k = _leaf(1.0, f"k{i}")
        node = _node((node, k), "*", node.data, f"x{i + 1}", (1.0, node.data))
        nodes += [k, node]
    return node, nodes


DEEP = 5000


def _recursion_message(name, e):
    if isinstance(e.__cause__, RecursionError):
        return (f"{name} raised RecursionError on a chain of {DEEP:,} operations: a function that calls itself "
                f"once per level stops at Python's limit of about a thousand calls (micrograd's build_topo does). "
                f"Keep your own stack in a loop: a list of the nodes still to finish, each with its parents "
                f"still to visit")
    return None


def _order_of(fn, root, given):
    """fn(root) as a list, or ExerciseError saying what came back."""
    try:
        got = call(fn, root, given=given)
    except ExerciseError as e:
        raise ExerciseError(_recursion_message(fn.__name__, e) or str(e)) from None
    if got is None:
        raise ExerciseError(f"{fn.__name__}({given}) returned None: did you forget `return order`?")
    try:
        got = list(got)
    except TypeError:
        raise ExerciseError(f"{fn.__name__}({given}) returned {type(got).__name__}; expected a list of the "
                            f"graph's nodes") from None
    if any(not isinstance(node, Node) for node in got):
        kind = next(type(node).__name__ for node in got if not isinstance(node, Node))
        raise ExerciseError(f"{fn.__name__}({given}) returned a list holding {kind}; expected the nodes "
                            f"themselves (append node, not node.data or node.label)")
    return got


def _judge_order(name, given, got, root, nodes):
    """ExerciseError unless got lists every node of nodes once, each after all of its parents."""
    counts = {}
    for node in got:
        counts[id(node)] = counts.get(id(node), 0) + 1
    twice = [node for node in nodes if counts.get(id(node), 0) > 1]
    if twice:
        node, users = twice[0], [n.label for n in nodes if any(p is twice[0] for p in n._prev)]
        if not users:
            raise ExerciseError(f"{name}({given}) lists the root {node.label} {counts[id(node)]} times: every node "
                                f"comes once, the root last")
        used_by = " and ".join(users) if len(users) > 1 else f"{users[0]} twice"
        raise ExerciseError(f"{name}({given}) lists {node.label} {counts[id(node)]} times: it is used by {used_by}, "
                            f"and your search visited it from each use; the backward pass would then pass its "
                            f"gradient on more than once. Keep a set of the nodes visited and skip those already in it")
    missing = [node for node in nodes if id(node) not in counts]
    if missing:
        alike = [m for m in missing if any(m.data == n.data and id(n) in counts for n in nodes)]
        if alike:
            raise ExerciseError(f"{name}({given}) leaves out {alike[0].label}, which holds the same number "
                                f"({alike[0].data:g}) as another node: your visited set holds numbers (or labels), "
                                f"so two different nodes look like one. Keep the nodes themselves in it: "
                                f"visited.add(node)")
        if root in missing:
            raise ExerciseError(f"{name}({given}) leaves out the root {root.label}: the order ends with the root "
                                f"itself (the backward pass starts there)")
        if all(not m._prev for m in missing):
            raise ExerciseError(f"{name}({given}) leaves out the leaves {', '.join(m.label for m in missing[:5])}: "
                                f"the order holds every node of the graph, the inputs too (their gradients are what "
                                f"training needs)")
        raise ExerciseError(f"{name}({given}) leaves out {', '.join(m.label for m in missing[:5])}: follow every "
                            f"parent (node._prev) of every node you reach")
    if len(got) != len(nodes):
        raise ExerciseError(f"{name}({given}) returned {len(got)} nodes; the graph has {len(nodes)}")
    place = {id(node): k for k, node in enumerate(got)}
    if got[0] is root and all(place[id(p)] > place[id(n)] for n in nodes for p in n._prev):
        raise ExerciseError(f"{name}({given}) starts with the root and ends with the leaves: that is the order the "
                            f"backward pass visits. Return it leaves first, root last (each node after its parents); "
                            f"the backward pass reverses it")
    for node in got:
        early = [p for p in node._prev if place[id(p)] > place[id(node)]]
        if early:
            raise ExerciseError(f"{name}({given}) puts {node.label} before {early[0].label}, one of its inputs. Read "
                                f"backwards, the backward pass would reach {early[0].label} before {node.label}, one "
                                f"of its users, and pass on {early[0].label}'s gradient before {node.label} has added "
                                f"its term. Append a node only once all its parents are in the order (after visiting "
                                f"them: post-order)")


def check_topological_order(fn):
    """fn(root) must return every node of root's graph once, each after all of its parents (leaves first, root last)."""
    for description, root, nodes in _graphs():
        given = f"the root of {description}"
        _judge_order(fn.__name__, given, _order_of(fn, root, given), root, nodes)
    root, nodes = _chain(DEEP)
    given = f"the root of a chain of {DEEP:,} operations"
    _judge_order(fn.__name__, given, _order_of(fn, root, given), root, nodes)
    return passed("topological_order", f"shared nodes once each, every node after its inputs, "
                                       f"and a chain of {DEEP:,} operations")


def _run_rules(nodes, seed, order):
    """The gradients when the rules of nodes run in the given order after root.grad = seed."""
    for node in nodes:
        node.grad = 0.0
    nodes[-1].grad = seed
    for node in order:
        node._backward()
    grads = [node.grad for node in nodes]
    for node in nodes:
        node.grad = 0.0
    return grads


def check_backward_pass(fn):
    """fn(root) must set root.grad = 1, then run every node's rule in reverse topological order (root first)."""
    name = fn.__name__
    for description, root, nodes in _graphs()[:2]:
        given = f"the root of {description}"
        want = _run_rules(nodes, 1.0, reversed(nodes))
        mistakes = [
            (_run_rules(nodes, 0.0, reversed(nodes)), "every gradient is 0: the root's gradient starts the pass, "
                                                      "so set root.grad = 1 (dL/dL = 1) before running the rules"),
            # leaves first, every rule but the root's runs while its node's gradient is still 0: the same numbers
            (_run_rules(nodes, 1.0, [root]), "only the root's inputs got a gradient: either only the root's rule ran, "
                                             "or the rules ran in the topological order, leaves first, so that each "
                                             "node passed on its gradient before its users had added their terms "
                                             "(while it was still 0). Run every rule, root first: for node in "
                                             "reversed(order): node._backward()"),
        ]
        with_grads = [(value[:-1], message) for value, message in mistakes]  # the root's own grad is checked apart
        call(fn, root, given=given)
        got = [node.grad for node in nodes]
        if close(got[:-1], _run_rules(nodes, 0.0, reversed(nodes))[:-1]) and got[-1] == 1.0 and \
                not close(got[:-1], want[:-1]):
            raise ExerciseError(f"{name}({given}): every gradient but the root's is 0: set root.grad = 1 BEFORE the "
                                f"rules run (the root's rule passes it on)")
        labels = ", ".join(node.label for node in nodes[:-1])
        compare(got[:-1], want[:-1], name, f"{given}; the .grad of {labels}", mistakes=unambiguous(with_grads))
        if got[-1] != 1.0:
            raise ExerciseError(f"{name}({given}) left the root's .grad at {fmt(got[-1])}; it is dL/dL = 1")
    root, nodes = _chain(DEEP)
    try:
        call(fn, root, given=f"the root of a chain of {DEEP:,} operations")
    except ExerciseError as e:
        raise ExerciseError(_recursion_message(name, e) or str(e)) from None
    if not close(nodes[0].grad, 1.0):
        raise ExerciseError(f"{name}(the root of a chain of {DEEP:,} operations x_(i+1) = x_i * 1) gave the first "
                            f"input the gradient {fmt(nodes[0].grad)}, expected 1")
    return passed("backward_pass", f"root.grad = 1, every rule in reverse topological order, "
                                   f"and a chain of {DEEP:,} operations")


# --- the tensor engine: two rules --------------------------------------------------------------------------------

def check_bias_backward(fn):
    """fn(g) must return db = the sum of g over its m columns, shape (n, 1), for Z = M + b with b of shape (n, 1)."""
    # Rows that are no arithmetic sequence: their median (or middle) is not their mean, and m * median,
    # first + last or max + min do not make the sum
    g = np.array([[1.0, -2.0, 0.5, 4.5], [3.0, 0.25, -1.0, 7.0], [-0.5, 2.0, 6.0, -3.5]])  # n = 3, m = 4
    given = f"g of shape {g.shape}"
    got = call_unchanged(fn, g, given=given, names="g")
    arr = as_result(got, fn.__name__, given)
    want = g.sum(axis=1, keepdims=True)
    if arr.shape == g.shape:
        what = "g itself" if close(arr, g) else "an array of g's shape"
        raise ExerciseError(f"you returned {what}, of shape (3, 4); b has shape (3, 1): numpy used each b_j in all "
                            "4 columns, so its gradient is the sum of g over the columns (axis=1)")
    if arr.shape in ((1, 4), (4,)):
        over_axis_0 = {"summed": g.sum(axis=0), "averaged": g.mean(axis=0)}
        verb = next((verb for verb, value in over_axis_0.items() if close(arr.ravel(), value)), None)
        if verb:
            raise ExerciseError(f"you {verb} over axis 0, the neurons; b_j was added to every column of row j: "
                                f"sum over the columns, axis=1")
        raise ExerciseError(f"{fn.__name__}({given}) returned shape {arr.shape}, one number per column (example); "
                            f"b has one entry per neuron (row): sum g over the columns, axis=1, keepdims=True")
    if arr.shape == (3,) and close(arr, want.ravel()):
        raise ExerciseError(f"right numbers {fmt(arr)}, but of shape (3,): the gradient must have b's shape "
                            f"(3, 1): g.sum(axis=1, keepdims=True)")
    averaged = ("you averaged over the columns; each use of b_j adds its term, so sum "
                "(the 1/m of F14 is in g already, from the mean in the loss)")
    compare(arr, want, fn.__name__, given, mistakes=[
        (g.mean(axis=1, keepdims=True), averaged),
        (g.mean(axis=1), averaged),
        (g.sum(), "you summed every entry of g into one number; b has one entry per neuron: sum over the columns "
                  "only, g.sum(axis=1, keepdims=True)"),
    ])
    return passed("bias_backward", "the gradient of a broadcast bias is summed over the columns it was copied into")


def check_matmul_backward(fn):
    """fn(g, A, B) must return (dA, dB) = (g @ B.T, A.T @ g), the gradients of C = A @ B given g = dL/dC."""
    rng = np.random.default_rng(8)
    for n, k, m in ((2, 3, 4), (3, 3, 3)):
        A, B, g = rng.normal(size=(n, k)), rng.normal(size=(k, m)), rng.normal(size=(n, m))
        given = f"g {g.shape}, A {A.shape}, B {B.shape}"
        try:
            got = call_unchanged(fn, g, A, B, given=given, names="g A B")
        except ExerciseError as e:
            if "matmul" in str(e) or "shape" in str(e):
                raise ExerciseError(f"{e}. Each gradient has the shape of its matrix: dA is {A.shape} like A and "
                                    f"dB is {B.shape} like B; with g {g.shape}, which products give those shapes?") \
                    from None
            raise
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise ExerciseError(f"{fn.__name__}({given}) must return two arrays, (dA, dB), got {type(got).__name__}")
        dA, dB = (as_result(x, fn.__name__, given) for x in got)
        if n != k and dA.shape == B.shape and dB.shape == A.shape:
            raise ExerciseError("you returned (dB, dA): return the gradient of A first, then that of B")
        square = n == k == m  # only then do the wrong orders have the right shape, so only then can they come
        again = (f"you divided by m = {m}: the 1/m is already in g (the loss is a mean over the m examples, so "
                 f"g = dL/dC carries it); the product alone is the gradient")
        compare(dA, g @ B.T, fn.__name__ + " (dA)", given, mistakes=[
            (B @ g.T, "you computed the transpose of dA: B g^T = (g B^T)^T. dA = g B^T has the shape of A"),
            (g @ B.T / m, again)] + ([
                (g @ B, "dA needs B transposed: dA = g B^T (in notebook 06: dW = dZ A^T)"),
                (B.T @ g, "the order matters in a matrix product: dA = g B^T, not B^T g")] if square else []))
        compare(dB, A.T @ g, fn.__name__ + " (dB)", given, mistakes=[
            (g.T @ A, "you computed the transpose of dB: g^T A = (A^T g)^T. dB = A^T g has the shape of B"),
            (A.T @ g / m, again)] + ([
                (A @ g, "dB needs A transposed: dB = A^T g (in notebook 06: dA = W^T dZ)"),
                (g @ A.T, "the order matters in a matrix product: dB = A^T g, not g A^T")] if square else []))
    return passed("matmul_backward", "a 2×3 @ 3×4 product and a square one")
