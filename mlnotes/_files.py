"""Writing a file so that a reader, or a full disk, never sees half of it."""
import os
import tempfile
from pathlib import Path


def write_atomically(path, text, mode=0o644):
    """Write text (UTF-8) to path through a temporary file beside it and os.replace.

    The old file stays whole until the new one is complete: a full disk, a
    quota or a crash leaves either the old content or the new, never a mix.
    The temporary file is removed on failure and the OSError raised again.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
