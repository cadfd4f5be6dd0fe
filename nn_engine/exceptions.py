"""The engine's exceptions. Bad arguments raise plain ValueError (scikit-learn's habit)."""


class NNEngineError(Exception):
    """Base of the errors this engine raises on its own behalf."""


class TrainingDivergedError(NNEngineError, ArithmeticError):
    """The cost became NaN or infinite: the weights are unusable and none are kept."""

    def __init__(self, epoch: int, cost: float, learning_rate: float):
        self.epoch, self.cost, self.learning_rate = epoch, cost, learning_rate
        super().__init__(
            f"training diverged: the cost became {cost} at epoch {epoch}; "
            f"lower the learning rate (it was {learning_rate:g}), or scale the inputs"
        )


class ModelFormatError(NNEngineError, ValueError):
    """A saved model could not be read: truncated, tampered with, or not a model at all."""


class NotFittedError(NNEngineError, ValueError, AttributeError):
    """The estimator is used before `fit` (same bases as scikit-learn's NotFittedError)."""
