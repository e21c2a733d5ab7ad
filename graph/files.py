"""Writing files the way every writer here must: exactly the path given, never half a file."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Union

from graph.errors import ClaimgraphError

PathLike = Union[str, "os.PathLike[str]"]


def write_atomic(path: PathLike, write: Callable[[Path], None],
                 error: type[ClaimgraphError] = ClaimgraphError) -> Path:
    """Call ``write(tmp)`` then rename ``tmp`` over ``path`` (parents created), so a reader
    never sees a half-written file; failures raise ``error`` naming the path."""
    target = Path(path)
    if target.is_dir():
        raise error(f"{target}: is a directory, expected a file path")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        raise error(f"{target}: cannot write ({exc.strerror or exc})") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return target
