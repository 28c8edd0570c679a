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
def _model() -> _Embedding:
    """The tokenizer and the table of the installed wordllama wheel; loaded once per process.

    The table is mapped from the safetensors file as it lies (its header is
    8 bytes of length and a JSON index; float16 rows follow), so a process
    pays neither the safetensors import nor a float32 copy of 32,000 rows:
    only the rows a text uses are read and widened. A process that forks
    workers loads it first (``analysis.pipeline.warm_up``), so they share it.
    """
    from tokenizers import Tokenizer

    spec = find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordllama package is not installed (pip install wordllama)")
    root = Path(next(iter(spec.submodule_search_locations)))
    tokenizer = Tokenizer.from_file(str(root / _TOKENIZER))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return _Embedding(tokenizer, _table(root / _WEIGHTS))


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

# Texts whose vectors a process keeps (1 KB each): the distinct sentences of a few stories.
_KNOWN_TEXTS = 4096


class _Embedding:
    """One process's tokenizer and table, and the vectors of the texts it has met (an explicit cache).

    A text's vector depends on that text alone (its tokens are summed on
    their own, in order), so a text met again is looked up: the numbers
    computing it afresh gives, bit for bit.
    """

    def __init__(self, tokenizer, table: np.ndarray) -> None:
        self.tokenizer = tokenizer
        self.table = table
        self.width = table.shape[1]
        self.known: dict[str, np.ndarray] = {}

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """The vectors of ``texts``: each distinct text computed once, a text met again looked up."""
        found = {text: self.known.get(text) for text in texts}
        new = [text for text, vector in found.items() if vector is None]
        if new:
            if len(self.known) + len(new) > _KNOWN_TEXTS:
                self.known.clear()
            for text, vector in zip(new, self.compute(new)):
                found[text] = self.known[text] = vector
        if not texts:
            return np.zeros((0, self.width), dtype=np.float32)
        return np.stack([found[text] for text in texts])

    def compute(self, texts: Sequence[str]) -> list[np.ndarray]:
        """The unit-length vectors of ``texts``, one array each: the mean of each text's token vectors."""
        out = np.zeros((len(texts), self.width), dtype=np.float32)
        ids: list[int] = []
        starts, rows = [], []
        for i, text in enumerate(texts):
            found = [token for word in _WORD.findall(text) for token in _word_ids(word)]
            if found:
                starts.append(len(ids))
                rows.append(i)
                ids.extend(found)
        if ids:
            # One gather and one segmented sum for all texts (each segment summed on its own, in token order),
            # in float32 as the rows are widened: no widened copy of the gathered rows is made.
            sums = np.add.reduceat(self.table[ids], starts, axis=0, dtype=np.float32)
            counts = np.diff(np.append(starts, len(ids))).astype(np.float32)[:, None]
            means = sums / counts
            norms = np.linalg.norm(means, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            out[rows] = means / norms
        return list(out)


@lru_cache(maxsize=65536)
def _word_ids(word: str) -> tuple[int, ...]:
    """The tokenizer's ids for one word (cached: a story repeats its words, a corpus its vocabulary)."""
    model = _model()
    last = model.table.shape[0] - 1
    return tuple(min(i, last) for i in model.tokenizer.encode(word, add_special_tokens=False).ids)


def vectors(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence vectors (texts x 256); a text with no token gets a zero vector.

    A text's tokens are its words' tokens, word by word (the tokenizer on a
    whole sentence gives the same pieces save at a few word joins; tokenizing
    word by word lets the pieces be cached).
    """
    return _model().vectors(texts)


@lru_cache(maxsize=32)
def _primary_vectors(texts: tuple[str, ...]) -> np.ndarray:
    return vectors(texts)


def similarities(sentences: Sequence[str], primary: Sequence[str]) -> np.ndarray:
    """Cosine similarity (-1..1, higher = closer in meaning) of each sentence with each primary sentence."""
    if not sentences or not primary:
        return np.zeros((len(sentences), len(primary)), dtype=np.float32)
    return vectors(sentences) @ _primary_vectors(tuple(primary)).T
