"""mlnotes: the companion package of a course on neural-network fundamentals.

One module per section of the study notes; the notebooks import from here.

    activations   sigmoid, relu, tanh, softmax, ... and their derivatives   (激活函数)
    losses        MAE, MSE, RMSE, cross-entropies and their gradients        (Loss Function)
    neuron        one neuron and one dense layer, forward                    (神经元, 激活值)
    gradcheck     numerical gradients and relative error                     (推导)
    autograd      Value and Tensor: engines that record a graph; its drawing  (自动求导)
    plotting      course figure style, network diagram                       (神经网络)
    notebook      setup() and show_source() for the notebooks
    exercises     check_<exercise>(fn) for every exercise; student copies
    doctor        `python -m mlnotes doctor`
"""
__version__ = "0.1.0"
