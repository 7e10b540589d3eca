"""Retrieved text is data, never instructions.

A passage that addresses the assistant or its reader as if it gave orders ("Abaikan semua
instruksi sebelumnya", "Ignore previous instructions", "SYSTEM: ...", "Anda sekarang adalah ...")
is not what a regulation, a speech or a note says about a topic: the reader never takes such a
unit as an answer, and an answer built from a passage holding one carries a warning.
"""

from __future__ import annotations

import re

_ADDRESSES_THE_SYSTEM = re.compile(
    r"\b(?:abaikan|lupakan|acuhkan)\s+(?:semua\s+|seluruh\s+)?(?:instruksi|perintah|aturan|petunjuk)"
    r"|\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier)?\s*"
    r"(?:instructions?|prompts?|rules)"
    r"|(?:^|\n)\s*(?:system|sistem|assistant|asisten)\s*:"
    r"|\b(?:you\s+are\s+now|anda\s+sekarang\s+(?:adalah|menjadi)|kamu\s+sekarang\s+(?:adalah|menjadi))\b"
    r"|\b(?:jawab(?:lah)?|katakan(?:lah)?|answer|say)\s+(?:hanya|only)\b",
    re.IGNORECASE,
)


def addresses_the_system(text: str) -> bool:
    """Does the text speak to the assistant or its reader as if it gave instructions?"""
    return bool(_ADDRESSES_THE_SYSTEM.search(text))
