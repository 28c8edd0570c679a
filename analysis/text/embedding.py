"""Sentence similarity beyond shared words: WordLlama's static token vectors, read from the installed wheel.

WordLlama (pip ``wordllama``) ships its token embedding table
(``weights/l2_supercat_256.safetensors``, 16 MB) and its tokenizer
(``tokenizers/l2_supercat_tokenizer_config.json``) inside the wheel. Its own
``WordLlama.load`` looks for the tokenizer in a folder the wheel does not
have and then tries the network (with ``disable_download=True`` it refuses
instead), so the two files are read here directly (the tokenizer with
``tokenizers``, the table mapped from the file as it lies): a sentence's vector is
the mean of its tokens' vectors, as WordLlama's ``embed`` computes it, and
similarity is the cosine (texts are tokenized word by word, see
``vectors``). Nothing is downloaded; the package is not even
imported (only its files are read).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np

_WEIGHTS = "weights/l2_supercat_256.safetensors"
_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


@lru_cache(maxsize=1)
def _model():
    """(tokenizer, embedding table) from the installed wordllama wheel.

    The table is mapped from the safetensors file as it lies (its header is
    8 bytes of length and a JSON index; float16 rows follow), so a process
    pays neither the safetensors import nor a float32 copy of 32,000 rows:
    only the rows a text uses are read and widened.
    """
    from tokenizers import Tokenizer

    spec = find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordllama package is not installed (pip install wordllama)")
    root = Path(next(iter(spec.submodule_search_locations)))
    tokenizer = Tokenizer.from_file(str(root / _TOKENIZER))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer, _table(root / _WEIGHTS)


def _table(path: Path) -> np.ndarray:
    """The "embedding.weight" tensor of a safetensors file, memory-mapped read-only."""
    with path.open("rb") as handle:
        size = int.from_bytes(handle.read(8), "little")
        header = json.loads(handle.read(size))
    entry = header["embedding.weight"]
    dtype = {"F16": "<f2", "F32": "<f4"}[entry["dtype"]]
    start, end = entry["data_offsets"]
    rows, width = entry["shape"]
    table = np.memmap(path, dtype=dtype, mode="r", offset=8 + size + start, shape=(rows, width))
    if (end - start) != table.nbytes:
        raise RuntimeError(f"{path}: the embedding table's size does not match its header")
    return table


_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


@lru_cache(maxsize=65536)
def _word_ids(word: str) -> tuple[int, ...]:
    """The tokenizer's ids for one word (cached: a story repeats its words, a corpus its vocabulary)."""
    tokenizer, table = _model()
    return tuple(min(i, table.shape[0] - 1) for i in tokenizer.encode(word, add_special_tokens=False).ids)


def vectors(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence vectors (texts x 256); a text with no token gets a zero vector.

    A text's tokens are its words' tokens, word by word (the tokenizer on a
    whole sentence gives the same pieces save at a few word joins; tokenizing
    word by word lets the pieces be cached).
    """
    _, table = _model()
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    ids: list[int] = []
    starts, rows = [], []
    for i, text in enumerate(texts):
        found = [token for word in _WORD.findall(text) for token in _word_ids(word)]
        if found:
            starts.append(len(ids))
            rows.append(i)
            ids.extend(found)
    if not ids:
        return out
    # One gather and one segmented sum for all texts (the mean of each text's token vectors).
    sums = np.add.reduceat(table[ids].astype(np.float32), starts, axis=0)
    counts = np.diff(np.append(starts, len(ids))).astype(np.float32)[:, None]
    means = sums / counts
    norms = np.linalg.norm(means, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out[rows] = means / norms
    return out


@lru_cache(maxsize=32)
def _primary_vectors(texts: tuple[str, ...]) -> np.ndarray:
    return vectors(texts)


def similarities(sentences: Sequence[str], primary: Sequence[str]) -> np.ndarray:
    """Cosine similarity (-1..1, higher = closer in meaning) of each sentence with each primary sentence."""
    if not sentences or not primary:
        return np.zeros((len(sentences), len(primary)), dtype=np.float32)
    return vectors(sentences) @ _primary_vectors(tuple(primary)).T
