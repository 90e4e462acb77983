"""mlnotes: the companion package of a course on neural-network fundamentals.

One module per section of the study notes; the notebooks import from here.

    activations   sigmoid, relu, tanh, softmax, ... and their derivatives   (激活函数)
    losses        MAE, MSE, RMSE, cross-entropies and their gradients        (Loss Function)
    neuron        one neuron and one dense layer, forward                    (神经元, 激活值)
    optim         gradient descent, momentum, Adam; the six steps as a loop  (梯度下降)
    network       MLP: forward, backward by the notes' equations, fit        (反向传播算法)
    gradcheck     numerical gradients, relative error, whole-model checks    (推导)
    autograd      Value and Tensor: graphs recorded as operations run        (自动求导)
    datasets      the 8x8 digits shipped with the package, toy sets
    plotting      course figure style, network diagram                       (神经网络)
    plots_digits  learning curves, confusion matrix, digit gallery
    surfaces      the loss surfaces of notebook 05
    notebook      setup() and show_source() for the notebooks
    widgets       the interactive demos, one module per notebook
    exercises     check_<exercise>(fn) for every exercise; student copies
    doctor        `python -m mlnotes doctor`
"""
__version__ = "0.1.0"
