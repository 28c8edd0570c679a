"""Reading a text file the way every measure expects it: UTF-8, NFC, LF line ends."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

from corpus.errors import InputError

# Control characters other than tab and newline suggest a binary file; a few
# stray ones are tolerated (pasted pages carry them), a run of them is not.
_BINARY_CONTROL_SHARE = 0.10
_DRIVE = re.compile(r"^[A-Za-z]:")  # a Windows drive letter: an absolute path there


def normalise(text: str) -> str:
    """Normalise text as the codebook defines offsets: NFC, CRLF and CR to LF.

    A leading byte-order mark is dropped. Curly quotes and dashes are kept.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode(data: bytes, path: str | Path) -> str:
    """Decode the bytes of ``path`` as normalised UTF-8 text.

    Raises:
        InputError: the bytes are not UTF-8, look binary, or hold no text.
    """
    if b"\x00" in data:
        raise InputError(path, "is a binary file (it contains NUL bytes), not UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            path, f"is not UTF-8 text (byte {error.start} cannot be decoded); save it as UTF-8"
        ) from None
    text = normalise(text)
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t")
    if text and controls / len(text) > _BINARY_CONTROL_SHARE:
        raise InputError(path, "looks like a binary file (too many control characters)")
    if not text.strip():
        raise InputError(path, "is empty")
    return text


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file, normalised (see :func:`normalise`).

    Raises:
        InputError: the file is missing, unreadable, not UTF-8, binary or empty.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "is not a file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    return decode(data, path)


def read_toml(path: str | Path) -> dict:
    """Read a UTF-8 TOML file into a dict.

    Raises:
        InputError: the file is unreadable (see :func:`read_text`) or not valid TOML.
    """
    try:
        return tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as error:
        raise InputError(path, f"is not valid TOML ({error})") from None


def inside(directory: str | Path, name: str, manifest: str | Path, where: str) -> Path:
    """The path of ``name``, a file a manifest names, checked to lie inside ``directory``.

    A story folder is shared between people: what it names must not reach
    files elsewhere on the machine that reads it.

    Raises:
        InputError: naming the manifest and the entry: ``name`` is absolute,
            climbs out with ``..``, or is (or passes through) a symbolic link
            that leads out of the folder.
    """
    relative = Path(name)
    if relative.is_absolute() or name.startswith("\\") or _DRIVE.match(name):
        raise InputError(manifest, f"{where}: {name!r} is an absolute path; name a file inside the folder")
    if ".." in relative.parts:
        raise InputError(manifest, f"{where}: {name!r} climbs out of the folder; name a file inside it")
    root = Path(directory).resolve()
    path = Path(directory) / relative
    real = path.resolve()
    if real != root and root not in real.parents:
        raise InputError(manifest, f"{where}: {name!r} leads through a symbolic link to {real}, outside the folder; "
                                   "copy the file into the folder instead")
    return path

