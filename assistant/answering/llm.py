"""Chat-model backends (OpenAI-compatible servers, Ollama, a local GGUF file) and the
LLM answerer, whose citations are checked against the passages actually given."""

from __future__ import annotations

import re

import logging
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from assistant.answering.citations import check_markers, citation_list, make_citation, renumber
from assistant.answering.language import Language, messages
from assistant.answering.prompts import CONDENSE_PROMPT, build_messages
from assistant.answering.types import Citation
from assistant.retrieval import ScoredChunk
from assistant.settings import LLMSettings

log = logging.getLogger(__name__)


class LLMUnavailable(RuntimeError):
    """The configured LLM backend cannot be used (missing package, bad settings)."""


def make_chat_model(settings: LLMSettings) -> BaseChatModel:
    """The LangChain chat model the settings name."""
    if settings.backend == "openai":
        from langchain_openai import ChatOpenAI

        if not settings.base_url or not settings.model:
            raise LLMUnavailable("PANDU_LLM__BASE_URL and PANDU_LLM__MODEL must be set for the openai backend")
        return ChatOpenAI(
            base_url=settings.base_url,
            model=settings.model,
            api_key=settings.api_key.get_secret_value(),
            temperature=settings.temperature,
            max_tokens=settings.max_tokens,
            timeout=settings.timeout_s,
            max_retries=1,
        )
    if settings.backend == "ollama":
        from langchain_ollama import ChatOllama

        if not settings.model:
            raise LLMUnavailable("PANDU_LLM__MODEL must be set for the ollama backend")
        return ChatOllama(
            base_url=settings.base_url or "http://127.0.0.1:11434",
            model=settings.model,
            temperature=settings.temperature,
            num_predict=settings.max_tokens,
        )
    if settings.backend == "llamacpp":
        return LlamaCppChat.from_settings(settings)
    raise LLMUnavailable(f"backend '{settings.backend}' is not an LLM backend")


class LlamaCppChat(BaseChatModel):
    """A local GGUF model through llama-cpp-python (install the ``gguf`` extra)."""

    model_path: str
    temperature: float = 0.1
    max_tokens: int = 700
    client: Any = None

    @classmethod
    def from_settings(cls, settings: LLMSettings) -> "LlamaCppChat":
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise LLMUnavailable("llama-cpp-python is not installed: pip install -e '.[gguf]'") from exc
        if not settings.model:
            raise LLMUnavailable("PANDU_LLM__MODEL must be the path of a .gguf file")
        client = Llama(model_path=settings.model, n_ctx=4096, verbose=False)
        return cls(model_path=settings.model, temperature=settings.temperature,
                   max_tokens=settings.max_tokens, client=client)

    @property
    def _llm_type(self) -> str:
        return "llama-cpp"

    @staticmethod
    def _to_dicts(msgs: list[BaseMessage]) -> list[dict[str, str]]:
        roles = {"system": "system", "human": "user", "ai": "assistant"}
        return [{"role": roles.get(m.type, "user"), "content": str(m.content)} for m in msgs]

    def _generate(self, messages: list[BaseMessage], stop=None, run_manager=None, **kw) -> ChatResult:
        out = self.client.create_chat_completion(
            messages=self._to_dicts(messages), temperature=self.temperature, max_tokens=self.max_tokens, stop=stop
        )
        text = out["choices"][0]["message"]["content"] or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop=None, run_manager=None, **kw) -> Iterator[ChatGenerationChunk]:
        for part in self.client.create_chat_completion(
            messages=self._to_dicts(messages), temperature=self.temperature,
            max_tokens=self.max_tokens, stop=stop, stream=True,
        ):
            delta = part["choices"][0].get("delta", {}).get("content") or ""
            if delta:
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                if run_manager:
                    run_manager.on_llm_new_token(delta, chunk=chunk)
                yield chunk


_SENTENCE = re.compile(r"(?<=[.!?\]])\s+(?=[A-Z(\"“*-])")


def cited_sentences(text: str) -> str:
    """Only the sentences of ``text`` that carry a citation marker ``[n]`` (a claim without one is
    not kept: nothing uncited reaches the reader)."""
    kept_lines = []
    for line in text.splitlines():
        sentences = [s for s in _SENTENCE.split(line) if re.search(r"\[\d+\]", s)]
        if sentences:
            kept_lines.append(" ".join(sentences))
    return "\n".join(kept_lines).strip()


class LLMAnswerer:
    """Answers with a chat model from numbered passages; unknown citations are removed."""

    def __init__(self, settings: LLMSettings, model: BaseChatModel | None = None):
        self.settings = settings
        self.model = model or make_chat_model(settings)

    def stream_tokens(self, question: str, hits: Sequence[ScoredChunk], language: Language,
                      asks: Sequence[str] = (), not_stated: Sequence[str] = ()) -> Iterator[str]:
        prompt = build_messages(question, hits, language, messages(language).abstain, asks, not_stated)
        for chunk in self.model.stream(prompt):
            text = chunk.content if isinstance(chunk.content, str) else ""
            if text:
                yield text

    def finish(self, raw: str, hits: Sequence[ScoredChunk], language: Language,
               not_stated: Sequence[str] = ()) -> tuple[str, list[Citation], bool]:
        """Check a complete answer: unknown ``[n]`` removed, every sentence without a valid ``[n]``
        left out, the per-ask "not stated" lines kept; returns (text, citations, abstained)."""
        cleaned, used = check_markers(raw.strip(), len(hits))
        abstained = messages(language).abstain.split(",")[0].lower() in cleaned.lower() or not cleaned
        cleaned = cited_sentences(cleaned)
        if abstained or not cleaned:
            return messages(language).abstain, [], True
        used = [n for n in used if f"[{n}]" in cleaned]
        text = renumber(cleaned, used)
        if not_stated:
            text += "\n\n" + "\n".join(f"- {line}" for line in not_stated)
        citations = [make_citation(new, hits[old - 1]) for new, old in enumerate(used, start=1)]
        listing = citation_list(citations, language)
        return (f"{text}\n\n{listing}" if listing else text), citations, False

    def condense(self, question: str, history: Sequence[str]) -> str:
        lines = "\n".join(f"User: {h}" for h in history)
        reply = self.model.invoke(CONDENSE_PROMPT.format(history=lines, question=question))
        text = str(reply.content).strip().splitlines()[0] if str(reply.content).strip() else ""
        return text or question
