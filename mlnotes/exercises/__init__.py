"""Exercise checks: check_<exercise>(your_function) -> True, or ExerciseError naming the mistake.

    from mlnotes.exercises import check_weighted_sum
    check_weighted_sum(weighted_sum)      # ✓ weighted_sum: correct (2 cases)

One module per notebook holds its checks; checking.py holds the machinery and
student.py makes the student copies (python -m mlnotes student).
"""
from mlnotes.exercises.ch00_welcome import check_example_column, check_weighted_sum
from mlnotes.exercises.ch01_neural_network import check_count_parameters, check_forward
from mlnotes.exercises.ch08_autograd import check_accumulate, check_bias_backward, check_matmul_backward
from mlnotes.exercises.checking import ExerciseError
