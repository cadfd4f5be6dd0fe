from enum import StrEnum


class ExportV1ModelsModelIdExportGetFormat(StrEnum):
    ONNX = "onnx"

    def __str__(self) -> str:
        return str(self.value)
