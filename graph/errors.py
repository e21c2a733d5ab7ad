"""One root exception, so the CLI can turn every library failure into a one-line error."""


class ClaimgraphError(Exception):
    """Root of every error claimgraph raises on purpose."""


class InputError(ClaimgraphError):
    """A file or document cannot be read or understood; carries the file name in its message."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class StoreError(ClaimgraphError):
    """The store cannot be opened, reached or written."""


class QueryError(ClaimgraphError):
    """A query is unknown, malformed, lacks a parameter, or would write without permission."""


def first_line(exc: BaseException) -> str:
    """An engine's message cut to its first line: errors reach users as one line."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
