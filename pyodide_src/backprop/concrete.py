"""The concrete example (article 1.4): one training example, one neuron, one step, every number.

    forward    ŷ = w·x + b                      loss = (ŷ − y)²
    backward   ∂loss/∂ŷ = 2(ŷ − y)              ∂ŷ/∂w = x,  ∂ŷ/∂b = 1
               ∂loss/∂w = ∂loss/∂ŷ · ∂ŷ/∂w      ∂loss/∂b = ∂loss/∂ŷ · ∂ŷ/∂b
    update     w' = w − lr·∂loss/∂w             b' = b − lr·∂loss/∂b
    forward    ŷ' = w'·x + b'                   loss' = (ŷ' − y)²,  decrease = loss − loss'

With the article's x = 2.1, y = 4, w = 1, b = 0, lr = 0.01: ŷ = 2.1, loss = 3.61, ∂loss/∂ŷ = −3.8,
∂loss/∂w = −7.98, ∂loss/∂b = −3.8, w' = 1.0798, b' = 0.038, loss' ≈ 2.8711, decrease ≈ 0.7389.
The values are raw floats (1.0798 may print as 1.0798000000000001): round them for display.
"""


def example(x=2.1, y=4.0, w=1.0, b=0.0, lr=0.01):
    """Forward pass, backward pass, update and second forward pass, as a dict of every number."""
    y_hat = w * x + b
    loss = (y_hat - y) ** 2

    dloss_dyhat = 2 * (y_hat - y)
    dyhat_dw = x
    dyhat_db = 1.0
    dloss_dw = dloss_dyhat * dyhat_dw
    dloss_db = dloss_dyhat * dyhat_db

    new_w = w - lr * dloss_dw
    new_b = b - lr * dloss_db

    new_y_hat = new_w * x + new_b
    new_loss = (new_y_hat - y) ** 2

    return {
        "x": x, "y": y, "w": w, "b": b, "lr": lr,
        "y_hat": y_hat, "loss": loss,
        "dloss_dyhat": dloss_dyhat, "dyhat_dw": dyhat_dw, "dyhat_db": dyhat_db,
        "dloss_dw": dloss_dw, "dloss_db": dloss_db,
        "new_w": new_w, "new_b": new_b,
        "new_y_hat": new_y_hat, "new_loss": new_loss,
        "decrease": loss - new_loss,
    }
