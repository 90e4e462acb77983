"""What the notebooks' demos show once moved: the readouts a learner reads, asserted here and no longer
driven from code inside the lessons (each notebook's demo is left for the learner to move)."""
import pytest

from mlnotes.widgets import descent_explorer, neuron_explorer, outlier_explorer, relu_fit_explorer, relu_pair_explorer

MOVES = [
    # 02: a ReLU neuron with both weights 1 and bias -1, at the point (1, 1)
    (neuron_explorer, {"activation": "relu", "w1": 1.0, "w2": 1.0, "b": -1.0},
     "z = 1.00 x1 + 1.00 x2 - 1.00;  at x = (1, 1): z = 1.000, a = relu(z) = 1.000"),
    # 03: the notes' F4 with c = 2, c' = -2: a ramp that rises from 0 to 1 and then stays flat
    (relu_pair_explorer, {"c": 2.0, "c2": -2.0},
     "2.00 max(0, 0.00 + 1.00 x1) - 2.00 max(0, -1.00 + 1.00 x1)    kinks at x1 = 0.00, 1.00"),
    # 05: momentum crawls no more along the valley's floor
    (descent_explorer, {"optimizer": "momentum", "lr": 0.05, "steps": 100},
     "momentum, lr = 0.05: after 100 steps w = (-0.169, 0.004), J = 0.0008118"),
]


@pytest.mark.parametrize("make, moves, readout", MOVES, ids=["02-neuron", "03-relu-pair", "05-descent"])
def test_a_demo_moved_as_a_learner_would_shows_this_readout(make, moves, readout):
    assert make().set(**moves) == readout


def test_six_relu_units_follow_the_parabola_within_three_hundredths():
    text = relu_fit_explorer().set(units=6, target="parabola")
    assert text.startswith("largest error 0.0278\n") and text.count("max(0,") == 6


def test_one_outlier_drags_the_mse_line_and_leaves_the_mae_line():
    text = outlier_explorer().set(outlier_x=10.0, outlier_y=30.0)
    assert text == ("best MSE line: y_hat = 1.58 x - 2.23   (on the ten clean points: MAE 3.023, MSE 12.639)\n"
                    "best MAE line: y_hat = 0.51 x + 1.07   (on the ten clean points: MAE 0.297, MSE 0.128)")
