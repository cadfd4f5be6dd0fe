"""The engine's exceptions.

What a caller passed that the engine refuses (a parameter out of range, data of the wrong shape)
raises `InvalidInputError`, a ValueError as scikit-learn's habit wants; a plain ValueError from
deeper down (NumPy, a bug) stays a plain ValueError, so the two can be told apart.
"""


class NNEngineError(Exception):
    """Base of the errors this engine raises on its own behalf."""


class InvalidInputError(NNEngineError, ValueError):
    """The engine's checks of what a caller passed (parameters, X, y, weights, a warm start) refused it.

    The message says what to change. A subclass of ValueError, so scikit-learn conventions (and
    callers that catch ValueError) hold; a service can report these, and only these, as the
    caller's mistake.
    """


class InvalidCellError(InvalidInputError):
    """One cell of a table holds a value of the wrong kind (a word in a numeric column): its row and column."""

    def __init__(self, row: int, column: str, message: str):
        self.row, self.column = row, column
        super().__init__(message)


class OutOfScaleError(InvalidInputError):
    """A row of finite values that the model's scaling or network takes beyond a float: its row."""

    def __init__(self, row: int):
        self.row = row
        super().__init__(
            f"row {row}: values too large for the model's scale (they overflow to infinity inside the model); "
            "send values of the magnitude it was trained on"
        )


class TrainingDivergedError(NNEngineError, ArithmeticError):
    """Training diverged: the cost became NaN or infinite, or left a bound of a stable run while
    still finite (`training.MAX_COST_GROWTH`, `training.MAX_ABS_PARAM`). The weights are unusable
    and none are kept; `reason` says what was seen, the message what to change."""

    def __init__(self, epoch: int, cost: float, learning_rate: float, reason: str | None = None):
        self.epoch, self.cost, self.learning_rate = epoch, cost, learning_rate
        self.reason = reason or f"the cost became {cost}"
        super().__init__(
            f"training diverged at epoch {epoch}: {self.reason}; "
            f"lower the learning rate (it was {learning_rate:g}), or scale the inputs"
        )


class ModelFormatError(NNEngineError, ValueError):
    """A saved model could not be read: truncated, tampered with, or not a model at all."""


class NotFittedError(NNEngineError, ValueError, AttributeError):
    """The estimator is used before `fit` (same bases as scikit-learn's NotFittedError)."""
