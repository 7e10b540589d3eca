"""Follow-up questions made standalone using the conversation so far.

Without an LLM the rule is simple and predictable: a message that leans on what came before
(short, starts with "dan"/"lalu"/"what about", uses "-nya"/"tersebut"/"itu"/"it") is joined to
the previous standalone question, so retrieval sees both the topic and the new angle. With an LLM
backend the model rewrites it, and the rule is the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_LEADS = re.compile(
    r"^\s*(dan|lalu|terus|kemudian|bagaimana dengan|gimana dengan|kalau|jika untuk|untuk|serta|"
    r"and|what about|how about|and for|also|then)\b",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"\b(\w+nya|tersebut|itu|ini|beliau|mereka|it|its|that|this|they|them|those)\b", re.IGNORECASE
)
_SELF_CONTAINED = re.compile(r"\b(pasal|UU|perpres|PP|permen\w*|undang-undang|peraturan)\b\s*\d", re.IGNORECASE)


def needs_history(question: str) -> bool:
    """Whether the message probably depends on the conversation."""
    q = question.strip()
    if _SELF_CONTAINED.search(q):
        return bool(_LEADS.search(q))
    words = q.split()
    return bool(_LEADS.search(q)) or (len(words) <= 8 and bool(_ANAPHORA.search(q))) or len(words) <= 3


def condense_question(
    question: str,
    history: Sequence[str],
    rewrite: Callable[[str, Sequence[str]], str] | None = None,
) -> str:
    """The standalone form of ``question`` given earlier user messages (oldest first)."""
    previous = [h.strip() for h in history if h and h.strip()]
    if not previous or not needs_history(question):
        return question.strip()
    if rewrite is not None:
        try:
            rewritten = rewrite(question, previous[-4:]).strip()
            if rewritten:
                return rewritten
        except Exception:  # the rule below still gives a usable question
            pass
    anchor = previous[-1]
    # An anchor that was itself a follow-up is made standalone first.
    if len(previous) > 1 and needs_history(anchor):
        anchor = condense_question(anchor, previous[:-1])
    return f"{anchor.rstrip(' ?')} — {question.strip()}"
