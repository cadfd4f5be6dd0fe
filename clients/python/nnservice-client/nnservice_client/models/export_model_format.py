from enum import StrEnum


class ExportModelFormat(StrEnum):
    ONNX = "onnx"

    def __str__(self) -> str:
        return str(self.value)
