"""Checks on the bundled corpus (corpus/*.md) and its QA set (eval/qa_corpus.jsonl).

- front matter: parseable YAML with the required keys and allowed values;
- structure: a `# ` title, `##` sections of 80-300 words, each carrying a source;
- citations: every `Pasal N [ayat (M)] [huruf x] [angka K] <short name>` of a regulation whose text
  is in ../shared/regulations exists there (Pasal heading, ayat, Pasal 1 angka); docs marked
  `verified: true` mention no regulation whose text is absent;
- originality: no corpus sentence of 12+ words appears verbatim in the seed reports or the
  regulation texts.
The checks that need ../shared skip when it is absent.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
QA_FILE = ROOT / "eval" / "qa_corpus.jsonl"
SHARED = ROOT.parent / "shared"
REGULATIONS = SHARED / "regulations"
SEEDS = SHARED / "seeds"

REQUIRED_KEYS = {"title", "doc_type", "source", "pillars", "regulations", "verified", "language"}
DOC_TYPES = {"note", "speech", "article"}
PILLARS = {"structure", "competence", "culture"}
MIN_DOCS = 25
SECTION_WORDS = (80, 300)

# A canonical short name: "UU 27/2022", "Perpres 132/2022", "PermenPANRB 59/2020", ...
SHORT = r"(?:UU|PP|Perpres|Inpres|Keppres|PermenPANRB|Permendagri|Permenkominfo)\s\d+/\d{4}"
SHORT_RE = re.compile(rf"\b(?P<short>{SHORT})")
CITE_RE = re.compile(
    r"\bPasal\s+(?P<pasal>\d+[A-Z]?)"
    r"(?:\s+ayat\s+\((?P<ayat>\d+)\))?"
    r"(?:\s+huruf\s+(?P<huruf>[a-z]))?"
    r"(?:\s+angka\s+(?P<angka>\d+))?"
    rf"\s+(?P<short>{SHORT})"
)
LAMPIRAN_RE = re.compile(rf"\bLampiran\s+(?P<short>{SHORT})(?:\s+BAB\s+(?P<bab>[IVXL]+)\b)?")
PENJELASAN_RE = re.compile(rf"\bPenjelasan\s+Umum\s+(?P<short>{SHORT})")
ANY_PASAL_RE = re.compile(r"\bPasal\s+\d+")
OUTLET_RE = re.compile(
    r"\b(?:Disway\.id|laporan berita|\d{1,2}\s+(?:Januari|Februari|Maret|April|Mei|Juni|Juli|"
    r"Agustus|September|Oktober|November|Desember)\s+\d{4})",
    re.IGNORECASE,
)
MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


# ---------------------------------------------------------------------------------------------
# corpus parsing


@dataclass
class CorpusDoc:
    path: Path
    meta: dict
    body: str
    title: str = ""
    sections: list[tuple[str, str]] = field(default_factory=list)  # (heading, text)


def _split_front_matter(text: str) -> tuple[dict, str]:
    match = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", text, re.S)
    assert match, "no YAML front matter between --- lines"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict), "front matter is not a mapping"
    return meta, match.group(2)


def _parse_doc(path: Path) -> CorpusDoc:
    meta, body = _split_front_matter(path.read_text(encoding="utf-8"))
    doc = CorpusDoc(path=path, meta=meta, body=body)
    title = re.search(r"^# (.+)$", body, re.M)
    doc.title = title.group(1).strip() if title else ""
    parts = re.split(r"^## (.+)$", body, flags=re.M)
    doc.sections = [(parts[i].strip(), parts[i + 1].strip()) for i in range(1, len(parts), 2)]
    return doc


@lru_cache(maxsize=1)
def corpus_docs() -> tuple[CorpusDoc, ...]:
    return tuple(_parse_doc(p) for p in sorted(CORPUS.glob("*.md")))


def corpus_paths() -> list[Path]:
    return sorted(CORPUS.glob("*.md"))


# ---------------------------------------------------------------------------------------------
# regulation texts


@dataclass
class RegulationText:
    pasal: dict[str, str]  # "3" -> text of Pasal 3 in the batang tubuh
    lampiran_babs: set[str]
    has_lampiran: bool
    has_penjelasan: bool

    def ayat(self, pasal: str) -> set[str]:
        """Ayat numbers that open a paragraph of the Pasal (not references like 'ayat (2)')."""
        text = self.pasal.get(pasal, "")
        return set(re.findall(r"(?<!ayat )\((\d+)\)\s*\.?\s*[A-Z\[]", text))

    def angka(self) -> set[str]:
        """Numbers of the definitions in Pasal 1."""
        return set(re.findall(r"^\s*(\d+)\.\s", self.pasal.get("1", ""), re.M))


def regulation_file(short: str) -> Path:
    """'UU 27/2022' -> ../shared/regulations/uu-27-2022.txt"""
    kind, number = short.split()
    nomor, tahun = number.split("/")
    return REGULATIONS / f"{kind.lower()}-{nomor}-{tahun}.txt"


def parse_regulation(text: str) -> RegulationText:
    end = len(text)
    lampiran = re.search(r"^LAMPIRAN\s*$", text, re.M)
    penjelasan = re.search(r"PENJELASAN\s+ATAS", text)
    for match in (lampiran, penjelasan):
        if match:
            end = min(end, match.start())
    body = text[:end]
    heads = list(re.finditer(r"^Pasal\s+(\d+[A-Z]?)\s*$", body, re.M))
    pasal: dict[str, str] = {}
    for i, head in enumerate(heads):
        stop = heads[i + 1].start() if i + 1 < len(heads) else len(body)
        pasal.setdefault(head.group(1), body[head.end() : stop])
    babs: set[str] = set()
    if lampiran:
        babs = set(re.findall(r"^BAB\s+([IVXL]+)\s*$", text[lampiran.start() :], re.M))
    return RegulationText(pasal, babs, lampiran is not None, penjelasan is not None)


@lru_cache(maxsize=None)
def load_regulation(short: str) -> RegulationText | None:
    path = regulation_file(short)
    if not path.is_file():
        return None
    return parse_regulation(path.read_text(encoding="utf-8"))


def needs_shared() -> None:
    if not REGULATIONS.is_dir():
        pytest.skip("../shared/regulations is absent: citation checks skipped")


def citation_problem(short: str, pasal: str, ayat: str | None, angka: str | None) -> str | None:
    """Why a Pasal citation does not resolve, or None when it does (text must be present)."""
    reg = load_regulation(short)
    if reg is None:
        return f"Pasal {pasal} of {short}: the regulation's text is not in ../shared"
    if pasal not in reg.pasal:
        return f"{short} has no Pasal {pasal}"
    if ayat and ayat not in reg.ayat(pasal):
        return f"{short} Pasal {pasal} has no ayat ({ayat})"
    if angka and (pasal != "1" or angka not in reg.angka()):
        return f"{short} Pasal {pasal} has no angka {angka}"
    return None


# ---------------------------------------------------------------------------------------------
# front matter and structure


def test_corpus_has_enough_documents() -> None:
    assert len(corpus_paths()) >= MIN_DOCS


@pytest.mark.parametrize("path", corpus_paths(), ids=lambda p: p.stem)
def test_front_matter_and_structure(path: Path) -> None:
    doc = _parse_doc(path)
    meta = doc.meta
    assert REQUIRED_KEYS <= meta.keys(), f"missing keys: {REQUIRED_KEYS - meta.keys()}"
    assert meta["doc_type"] in DOC_TYPES
    assert isinstance(meta["title"], str) and meta["title"].strip()
    assert isinstance(meta["source"], str) and meta["source"].strip()
    assert isinstance(meta["pillars"], list) and set(meta["pillars"]) <= PILLARS
    assert isinstance(meta["regulations"], list)
    assert all(isinstance(r, str) and re.fullmatch(SHORT, r) for r in meta["regulations"])
    assert isinstance(meta["verified"], bool)
    assert meta["language"] == "id"
    if "date" in meta:
        assert isinstance(meta["date"], dt.date) or dt.date.fromisoformat(str(meta["date"]))
    if meta["doc_type"] == "speech":
        for key in ("speaker", "event", "date"):
            assert meta.get(key), f"speech without {key}"
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", path.stem), "file name is not a slug"
    assert doc.title, "no '# ' title"
    assert doc.sections, "no '##' section"


@pytest.mark.parametrize("path", corpus_paths(), ids=lambda p: p.stem)
def test_sections_are_self_contained_passages(path: Path) -> None:
    doc = _parse_doc(path)
    low, high = SECTION_WORDS
    for heading, text in doc.sections:
        words = len(text.split())
        assert low <= words <= high, f"section '{heading}' has {words} words"
        has_source = any(
            rx.search(text) for rx in (CITE_RE, LAMPIRAN_RE, PENJELASAN_RE, SHORT_RE, OUTLET_RE)
        )
        assert has_source, f"section '{heading}' cites no source"


def test_every_pillar_has_a_document() -> None:
    covered = {p for d in corpus_docs() for p in d.meta["pillars"]}
    assert covered == PILLARS
    for pillar in PILLARS:
        assert any(d.meta["pillars"] == [pillar] for d in corpus_docs()), f"no doc on {pillar} alone"


def test_the_two_speeches_are_present() -> None:
    speeches = {
        str(d.meta["date"]): d for d in corpus_docs() if d.meta["doc_type"] == "speech"
    }
    assert {"2024-03-05", "2023-02-27"} <= speeches.keys()
    for date in ("2024-03-05", "2023-02-27"):
        assert speeches[date].meta["speaker"] == "Abdullah Azwar Anas"
    assert "Kalimantan Timur" in speeches["2024-03-05"].meta["event"]


# ---------------------------------------------------------------------------------------------
# citations


def test_every_pasal_is_cited_in_canonical_form() -> None:
    """A bare 'Pasal N' (no regulation after it) cannot be checked or shown as a citation."""
    loose = []
    for doc in corpus_docs():
        starts = {m.start() for m in CITE_RE.finditer(doc.body)}
        for match in ANY_PASAL_RE.finditer(doc.body):
            if match.start() not in starts:
                context = doc.body[match.start() : match.start() + 60].replace("\n", " ")
                loose.append(f"{doc.path.stem}: {context}")
    assert not loose, "citations not in the form 'Pasal N ayat (M) <short name>':\n" + "\n".join(loose)


def test_front_matter_lists_the_regulations_the_body_cites() -> None:
    problems = []
    for doc in corpus_docs():
        listed = set(doc.meta["regulations"])
        mentioned = {m.group("short") for m in SHORT_RE.finditer(doc.body)}
        if mentioned - listed:
            problems.append(f"{doc.path.stem}: cites {sorted(mentioned - listed)} not listed")
        if listed - mentioned:
            problems.append(f"{doc.path.stem}: lists {sorted(listed - mentioned)} never cited")
    assert not problems, "\n".join(problems)


@pytest.mark.shared
def test_cited_pasal_ayat_angka_exist_in_the_regulation_texts() -> None:
    needs_shared()
    problems, checked = [], 0
    for doc in corpus_docs():
        for m in CITE_RE.finditer(doc.body):
            checked += 1
            problem = citation_problem(m.group("short"), m.group("pasal"), m.group("ayat"), m.group("angka"))
            if problem:
                problems.append(f"{doc.path.stem}: '{m.group(0)}': {problem}")
        for m in LAMPIRAN_RE.finditer(doc.body):
            checked += 1
            reg = load_regulation(m.group("short"))
            if reg is None or not reg.has_lampiran:
                problems.append(f"{doc.path.stem}: '{m.group(0)}': no Lampiran text")
            elif m.group("bab") and m.group("bab") not in reg.lampiran_babs:
                problems.append(f"{doc.path.stem}: '{m.group(0)}': no such BAB in the Lampiran")
        for m in PENJELASAN_RE.finditer(doc.body):
            checked += 1
            reg = load_regulation(m.group("short"))
            if reg is None or not reg.has_penjelasan:
                problems.append(f"{doc.path.stem}: '{m.group(0)}': no Penjelasan text")
    assert checked > 100, f"only {checked} citations found: is the regex still matching?"
    assert not problems, "\n".join(problems)


@pytest.mark.shared
def test_verified_docs_rest_only_on_regulations_we_hold() -> None:
    needs_shared()
    problems = []
    for doc in corpus_docs():
        mentioned = {m.group("short") for m in SHORT_RE.finditer(doc.body)} | set(doc.meta["regulations"])
        absent = sorted(s for s in mentioned if load_regulation(s) is None)
        if doc.meta["verified"] and absent:
            problems.append(f"{doc.path.stem} is verified: true but rests on {absent}")
    assert not problems, "\n".join(problems)


@pytest.mark.shared
def test_unverified_docs_are_marked_for_a_reason() -> None:
    """verified: false is kept for docs on a regulation whose text we do not hold."""
    needs_shared()
    for doc in corpus_docs():
        if not doc.meta["verified"]:
            assert any(load_regulation(s) is None for s in doc.meta["regulations"]), doc.path.stem


def test_parser_reads_ayat_and_angka_from_a_small_text() -> None:
    text = (
        "Pasal 1\nDalam Peraturan ini yang dimaksud dengan:\n1. Satu adalah a.\n2. Dua adalah b.\n"
        "Pasal 2\n(1) Kalimat pertama.\n(2) Sebagaimana dimaksud pada ayat (1) berlaku.\n"
        "(3) Lain. (4) Digabung dalam satu baris.\nLAMPIRAN\nBAB I\nPasal 9\n"
    )
    reg = parse_regulation(text)
    assert set(reg.pasal) == {"1", "2"}
    assert reg.angka() == {"1", "2"}
    assert reg.ayat("2") == {"1", "2", "3", "4"}
    assert reg.lampiran_babs == {"I"} and reg.has_lampiran and not reg.has_penjelasan
    assert CITE_RE.search("lihat Pasal 2 ayat (3) UU 1/2000.").group("ayat") == "3"
    assert CITE_RE.search("Pasal 1 angka 2 Perpres 132/2022").group("angka") == "2"
    assert not CITE_RE.search("Pasal 2 ayat (3) dan Pasal 4 UU")


# ---------------------------------------------------------------------------------------------
# originality


def _words(text: str) -> list[str]:
    text = re.sub(r"[*_`>#\[\]]", " ", text)
    return re.findall(r"\w+", text.lower())


def _sentences(body: str) -> list[str]:
    text = re.sub(r"^#+ .*$", " ", body, flags=re.M)
    return [s for s in re.split(r"(?<=[.!?;:])\s+|\n\s*\n|\n[-*] ", text) if s.strip()]


def _source_texts() -> list[Path]:
    return sorted(REGULATIONS.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))


@pytest.mark.shared
def test_no_long_sentence_is_copied_from_the_sources() -> None:
    if not SEEDS.is_dir() and not REGULATIONS.is_dir():
        pytest.skip("../shared is absent")
    sources = " " + " ".join(" ".join(_words(p.read_text(encoding="utf-8"))) for p in _source_texts()) + " "
    copied = []
    for doc in corpus_docs():
        for sentence in _sentences(doc.body):
            words = _words(sentence)
            if len(words) >= 12 and f" {' '.join(words)} " in sources:
                copied.append(f"{doc.path.stem}: {sentence.strip()[:120]}")
    assert not copied, "sentences copied verbatim:\n" + "\n".join(copied)


@pytest.mark.shared
def test_no_long_word_run_is_copied_from_the_sources() -> None:
    """Stricter than whole sentences: no run of 12 words in a row is shared with a source."""
    if not SEEDS.is_dir() and not REGULATIONS.is_dir():
        pytest.skip("../shared is absent")
    n = 12
    grams: set[tuple[str, ...]] = set()
    for path in _source_texts():
        words = _words(path.read_text(encoding="utf-8"))
        grams.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    copied = []
    for doc in corpus_docs():
        words = _words(doc.body)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) in grams:
                copied.append(f"{doc.path.stem}: {' '.join(words[i : i + n])}")
                break
    assert not copied, "12-word runs copied verbatim:\n" + "\n".join(copied)


# ---------------------------------------------------------------------------------------------
# eval/qa_corpus.jsonl


def qa_items() -> list[dict]:
    lines = QA_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_qa_set_is_well_formed() -> None:
    items = qa_items()
    assert len(items) >= 30
    ids = [q["id"] for q in items]
    assert len(ids) == len(set(ids)), "duplicate ids"
    stems = {p.stem for p in corpus_paths()}
    for q in items:
        assert {"id", "question", "answer", "citations", "type", "lang", "split"} <= q.keys(), q["id"]
        assert q["type"] in {"lookup", "multi-hop", "unanswerable"}, q["id"]
        assert q["lang"] in {"id", "en"} and q["split"] in {"dev", "test"}, q["id"]
        assert q["question"].strip() and q["answer"].strip(), q["id"]
        if q["type"] == "unanswerable":
            assert q["citations"] == [], q["id"]
        else:
            assert q["citations"], q["id"]
        if "history" in q:
            assert isinstance(q["history"], list) and all(isinstance(h, str) for h in q["history"])
        for c in q["citations"]:
            if "doc" in c:
                assert c["doc"] in stems, f"{q['id']}: no corpus doc {c['doc']}"
            else:
                assert re.fullmatch(SHORT, c["regulation"]), q["id"]
                assert re.fullmatch(r"Pasal \d+(?: angka \d+)?|Lampiran", c["pasal"]), q["id"]
                assert c.get("ayat", "") == "" or re.fullmatch(r"\(\d+\)", c["ayat"]), q["id"]
    n = len(items)
    assert sum(q["type"] == "unanswerable" for q in items) >= 5
    assert 0.15 <= sum(q["lang"] == "en" for q in items) / n <= 0.35
    assert 0.2 <= sum(q["split"] == "test" for q in items) / n <= 0.4
    assert sum("history" in q for q in items) >= 2


@pytest.mark.shared
def test_qa_regulation_citations_resolve() -> None:
    needs_shared()
    problems = []
    for q in qa_items():
        for c in q["citations"]:
            if "regulation" not in c:
                continue
            if c["pasal"] == "Lampiran":
                reg = load_regulation(c["regulation"])
                if reg is None or not reg.has_lampiran:
                    problems.append(f"{q['id']}: {c}")
                continue
            m = re.fullmatch(r"Pasal (\d+)(?: angka (\d+))?", c["pasal"])
            ayat = c.get("ayat", "").strip("()") or None
            problem = citation_problem(c["regulation"], m.group(1), ayat, m.group(2))
            if problem:
                problems.append(f"{q['id']}: {problem}")
    assert not problems, "\n".join(problems)
