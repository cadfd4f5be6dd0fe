"""Bits of a client's own file or body quoted back in an error message, clipped to a readable length."""

QUOTE_CHARS = 80  # characters of an offending row quoted back in an error


def quote(text: str) -> str:
    return repr(clip(text, QUOTE_CHARS))


def clip(text: str, limit: int = 2 * QUOTE_CHARS) -> str:
    text = " ".join(text.split())  # pyarrow's messages carry newlines and whole rows
    return text if len(text) <= limit else text[:limit] + "..."
