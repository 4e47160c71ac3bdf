"""The network's two hot paths, fused for speed: one SGD step on one example, and the forward
pass over many inputs. ``mlp`` has the textbook versions (forward, backward, update); these do
the same arithmetic in the same order, so they give the same bits (tests/unit/test_mlp.py
compares them on random networks, divergence included), with less interpreter work:

- no per-example lists, transposed gradients or records of the pass;
- ReLU applied as each z is made (one list a layer, not two);
- the first hidden layer has one input, so w·[x] is the product w₀x, rounded once as ``dot``
  rounds a one-term sum (only the sign of a zero can differ, and ReLU maps both zeros to 0.0);
- a weight row's update is made in one pass, W − lr·(∂loss/∂z · a), without the gradient row.

Training at batch size 1 (the network tool's default) spends nearly all its time here. In
Pyodide under Node, 1-8-8-8-1, three runs each paired with the code before (medians of 7): an
epoch's 50 steps 3.9-4.7 → 3.3-3.9 ms, the loss's forward pass over 50 points 1.0-1.15 →
0.77-0.91 ms.
"""

from math import isfinite

from .fastmath import dot


def layer_outputs(net, xs):
    """a of every layer for every x: out[l][e] is layer l's activations for xs[e] (out[0][e] =
    [x], out[L][e] = [ŷ]), as mlp.forward(net, xs).activations, without the zs."""
    weights, biases = net.weights, net.biases
    last = len(weights) - 1
    a = [[x] for x in xs]
    out = [a]
    for l, (W, b) in enumerate(zip(weights, biases)):
        layer = list(zip(W, b))
        if l == last:  # the output neuron is linear
            a = [[dot(w_j, a_e) + b_j for w_j, b_j in layer] for a_e in a]
        elif l == 0:  # one input: w·[x] = w₀x
            layer = [(w, b_j) for (w,), b_j in layer]
            a = [[0.0 if (z := w * x + b_j) <= 0.0 else z for w, b_j in layer] for x in xs]
        else:
            a = [[0.0 if (z := dot(w_j, a_e) + b_j) <= 0.0 else z for w_j, b_j in layer] for a_e in a]
        out.append(a)
    return out


def predict(net, xs):
    """ŷ for every x (mlp.forward's output layer), keeping only what the next layer needs."""
    weights, biases = net.weights, net.biases
    if len(weights) == 1:
        return [y for (y,) in layer_outputs(net, xs)[-1]]
    (w_out,), (b_out,) = weights[-1], biases[-1]
    first = [(w, b_j) for (w,), b_j in zip(weights[0], biases[0])]
    middle = [list(zip(W, b)) for W, b in zip(weights[1:-1], biases[1:-1])]
    ys = []
    for x in xs:
        a = [0.0 if (z := w * x + b_j) <= 0.0 else z for w, b_j in first]
        for layer in middle:
            a = [0.0 if (z := dot(w_j, a) + b_j) <= 0.0 else z for w_j, b_j in layer]
        ys.append(dot(w_out, a) + b_out)
    return ys


def train_one(net, x, y, lr):
    """mlp.train_step(net, [x], [y], lr)[0] for one example: the squared error before the step.

    ∂loss/∂ŷ = 2(ŷ − y); down each layer ∂loss/∂z = ∂loss/∂a where the ReLU is on (a > 0 iff
    z > 0), else 0; W − lr·∂loss/∂W row by row, a row left as it is where its gradient is all
    zero (as mlp.update leaves it: the same list, not a copy).
    """
    weights, biases = net.weights, net.biases
    last = len(weights) - 1
    inputs = [[x]]  # inputs[l]: the input of layer l+1
    a = inputs[0]
    if last:
        a = [0.0 if (z := w * x + b_j) <= 0.0 else z for (w,), b_j in zip(weights[0], biases[0])]
        for W, b in zip(weights[1:last], biases[1:last]):
            inputs.append(a)
            a = [0.0 if (z := dot(w_j, a) + b_j) <= 0.0 else z for w_j, b_j in zip(W, b)]
        inputs.append(a)
    error = dot(weights[last][0], a) + biases[last][0] - y
    dz = [2.0 * error / 1]  # ∂loss/∂ŷ as mlp.backward has it (n = 1)
    new_weights, new_biases = [None] * (last + 1), [None] * (last + 1)
    for l in range(last, 0, -1):
        W, a_in = weights[l], inputs[l]
        # The row d·a is all zero when d is 0 or every aₖ is, unless d is infinite or NaN (d·0 is
        # then NaN, which mlp.update writes). An underflow of d·aₖ to 0 gives w − lr·0 = w anyway.
        some = any(a_in)
        new_weights[l] = [[w - lr * (d * a_k) for w, a_k in zip(w_j, a_in)]
                          if d and (some or not isfinite(d)) else w_j for w_j, d in zip(W, dz)]
        new_biases[l] = [b_j - lr * d for b_j, d in zip(biases[l], dz)]
        dz = [dot(w_k, dz) if a_k > 0.0 else 0.0 for w_k, a_k in zip(zip(*W), a_in)]
    new_weights[0] = [[w_j[0] - lr * g] if (g := d * x) else w_j for w_j, d in zip(weights[0], dz)]
    new_biases[0] = [b_j - lr * d for b_j, d in zip(biases[0], dz)]
    net.weights, net.biases = new_weights, new_biases
    return error * error
