"""corpus.reading: UTF-8 with a BOM tolerated, NFC, LF; clear errors for bad files."""

import unicodedata

import pytest

from corpus import InputError, read_text
from corpus.reading import normalise


@pytest.mark.parametrize("raw, expected", [
    ("a\r\nb", "a\nb"),
    ("a\rb", "a\nb"),
    ("\ufeffHeadline", "Headline"),
    (unicodedata.normalize("NFD", "café"), "café"),
    ("“curly” — dash", "“curly” — dash"),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_read_text_normalises(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffLine one\r\nLine two ’\r\n".encode("utf-8"))
    assert read_text(path) == "Line one\nLine two ’\n"


@pytest.mark.parametrize("content, message", [
    ("latin-1 café".encode("latin-1"), "is not UTF-8"),
    (b"\x00\x01\x02binary", "binary"),
    (b"", "is empty"),
    (b"  \n\n\t ", "is empty"),
    (bytes(range(1, 32)) * 4, "binary"),
])
def test_bad_files_name_the_file(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "absent.txt")
