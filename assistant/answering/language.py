"""The question's language (Indonesian or English) and the fixed messages in each."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Language = Literal["id", "en"]

_EN = set(
    "the what which who whom how when where why does do did is are was were must should shall "
    "can could of for under according to and or with about agency agencies government law "
    "regulation article data personal public service services deadline".split()
)
_ID = set(
    "yang apa apakah siapa bagaimana kapan dimana mengapa berapa adalah dan atau dengan untuk "
    "dalam menurut tentang pada dari oleh harus wajib instansi pemerintah daerah pasal ayat "
    "undang peraturan layanan pelayanan data pribadi kewajiban batas waktu nya".split()
)


def detect_language(text: str) -> Language:
    """``en`` when English function words clearly outnumber Indonesian ones, else ``id``."""
    words = re.findall(r"[a-zA-Z]+", text.lower())
    en = sum(w in _EN for w in words)
    idn = sum(w in _ID for w in words)
    return "en" if en > idn else "id"


@dataclass(frozen=True)
class Messages:
    extractive_intro: str
    abstain: str
    closest: str
    no_sources: str
    empty_index: str
    missing_regulation: str
    notes_on_missing: str
    missing_value: str
    answer_kinds: dict[str, str]
    unverified: str
    ask_labels: dict[str, str]  # the label of a direct line, per ask kind
    not_stated: str  # "{what}" is the ask's label, "{where}" the sources read
    quotes: str  # heading of the quoted passages below the direct lines
    untrusted: str  # warning: a cited passage holds text that gives instructions
    resolved_date: str  # "{date}" a resolved deadline
    yes_no: dict[str, str]  # how a plain yes / no opens a yes/no direct line


_MESSAGES: dict[str, Messages] = {
    "id": Messages(
        extractive_intro="Menurut sumber yang tersedia:",
        abstain=(
            "Sumber yang tersedia tidak memuat jawaban yang cukup jelas untuk pertanyaan ini, "
            "jadi saya tidak akan menebak."
        ),
        closest="Bagian yang paling dekat dengan pertanyaan (belum tentu menjawabnya):",
        no_sources="Tidak ada sumber yang ditemukan untuk pertanyaan ini.",
        empty_index="Indeks masih kosong: tambahkan dokumen terlebih dahulu (pandu ingest).",
        missing_regulation=(
            "Teks {names} tidak termasuk sumber yang terindeks, jadi isinya tidak bisa saya kutip "
            "atau pastikan. Tambahkan dokumennya lewat tab Admin atau `pandu ingest`."
        ),
        notes_on_missing=(
            "Teks {names} sendiri tidak termasuk sumber yang terindeks; yang berikut dikutip dari catatan "
            "tentangnya, bukan dari teks peraturannya."
        ),
        missing_value=(
            "Sumber yang ditemukan membahas hal yang berdekatan, tetapi tidak menyebut {kind} yang "
            "ditanyakan, jadi saya tidak akan menebak."
        ),
        answer_kinds={"money": "besaran (nominal rupiah atau persentase)", "index_value": "nilai indeks",
                      "duration": "jangka waktu", "place": "nama daerah",
                      "deadline": "batas waktu"},
        unverified="belum diverifikasi",
        ask_labels={"deadline": "Batas waktu", "duration": "Jangka waktu", "frequency": "Seberapa sering",
                    "amount": "Besaran/jumlah", "sanction": "Sanksi/akibat", "who": "Pihak", "definition": "Pengertian",
                    "procedure": "Tata cara", "list": "Rinciannya", "obligation": "Kewajiban", "yesno": "Ketentuannya",
                    "general": "Jawaban"},
        not_stated="{what}: tidak disebutkan dalam sumber yang ditemukan ({where}).",
        quotes="Kutipan:",
        untrusted="⚠ Peringatan: sebuah sumber yang dikutip memuat teks yang memberi perintah kepada sistem atau "
                  "pembaca; teks itu diperlakukan sebagai data, bukan instruksi. Periksa sumbernya.",
        resolved_date="yaitu {date}",
        yes_no={"yes": "Ya", "no": "Tidak"},
    ),
    "en": Messages(
        extractive_intro="According to the sources (quoted in Indonesian):",
        abstain=(
            "The available sources do not answer this question clearly enough, "
            "so I will not guess."
        ),
        closest="Closest passages (they may not answer it):",
        no_sources="No sources were found for this question.",
        empty_index="The index is empty: add documents first (pandu ingest).",
        missing_regulation=(
            "The text of {names} is not among the indexed sources, so I cannot quote or confirm "
            "what it says. Add the document in the Admin tab or with `pandu ingest`."
        ),
        notes_on_missing=(
            "The text of {names} itself is not among the indexed sources; what follows is quoted from "
            "notes about it, not from the regulation."
        ),
        missing_value=(
            "The sources found cover nearby ground but do not state the {kind} asked for, "
            "so I will not guess."
        ),
        answer_kinds={"money": "amount (in rupiah or as a percentage)", "index_value": "index value",
                      "duration": "length of time", "place": "name of the place",
                      "deadline": "deadline"},
        unverified="unverified",
        ask_labels={"deadline": "Deadline", "duration": "Period", "frequency": "How often", "amount": "Amount",
                    "sanction": "Sanction/consequence", "who": "Who", "definition": "Meaning", "procedure": "Procedure",
                    "list": "What it covers", "obligation": "Obligation", "yesno": "What the rule says",
                    "general": "Answer"},
        not_stated="{what}: not stated in the sources found ({where}).",
        quotes="Quoted (in Indonesian):",
        untrusted="⚠ Warning: a cited source holds text that gives orders to the system or the reader; it is "
                  "treated as data, not as instructions. Check the source.",
        resolved_date="i.e. {date}",
        yes_no={"yes": "Yes", "no": "No"},
    ),
}


def messages(language: Language) -> Messages:
    return _MESSAGES.get(language, _MESSAGES["id"])
