from enum import StrEnum


class HyperparametersEarlyStoppingMetric(StrEnum):
    ACCURACY = "accuracy"
    F1_MACRO = "f1_macro"
    LOG_LOSS = "log_loss"
    LOSS = "loss"
    MAE = "mae"
    MSE = "mse"
    PRECISION_MACRO = "precision_macro"
    R2 = "r2"
    RECALL_MACRO = "recall_macro"

    def __str__(self) -> str:
        return str(self.value)
