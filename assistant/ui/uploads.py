"""Uploaded files: checked (type, size) and copied into the index folder before ingestion, so that
they outlive Gradio's temporary files and a later re-index finds them again."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Collection, Iterable
from dataclasses import replace
from pathlib import Path

from assistant.index.writing import FileResult
from assistant.ui.i18n import text

log = logging.getLogger(__name__)


def uploads_dir(index_dir: Path | str) -> Path:
    return Path(index_dir) / "uploads"


def safe_name(name: str) -> str:
    """A plain file name: no folders, no hidden dot, only letters, digits and ``-_. ``."""
    base = Path(name.replace("\\", "/")).name
    suffix = Path(base).suffix.lower()
    stem = base[: len(base) - len(suffix)] if suffix else base
    stem = re.sub(r"[^\w\-. ]+", "_", stem).strip(" ._")[:120] or "dokumen"
    return f"{stem}{suffix}"


def stage_uploads(
    files: Iterable[Path | str],
    target: Path,
    allowed_suffixes: Collection[str],
    max_bytes: int,
    lang: str = "id",
) -> tuple[list[Path], list[FileResult]]:
    """Copy acceptable files into ``target``; return the copies and one failure per refused file.

    A file with the same name as an earlier upload replaces it (a new version of the document).
    """
    target.mkdir(parents=True, exist_ok=True)
    staged: list[Path] = []
    failures: list[FileResult] = []
    types = ", ".join(sorted(allowed_suffixes))
    for raw in files:
        source = Path(raw)
        name = safe_name(source.name)
        suffix = Path(name).suffix.lower()
        if suffix not in allowed_suffixes:
            failures.append(
                FileResult(name, "failed", error=text(lang, "bad_type", suffix=suffix or "-", types=types))
            )
            continue
        size = source.stat().st_size if source.is_file() else -1
        if size < 0:
            failures.append(FileResult(name, "failed", error="file not found"))
            continue
        if size > max_bytes:
            failures.append(
                FileResult(
                    name,
                    "failed",
                    error=text(lang, "too_large", size=size / 2**20, mb=round(max_bytes / 2**20)),
                )
            )
            continue
        destination = target / name
        shutil.copyfile(source, destination)
        log.info("upload %s stored as %s", source.name, destination)
        staged.append(destination)
    return staged, failures


def failed_uploads_dir(index_dir: Path | str) -> Path:
    """Where uploads that could not be indexed are kept, outside the re-index set."""
    return Path(index_dir) / "failed_uploads"


def set_aside_failures(results: Iterable[FileResult], uploads: Path, failed: Path, lang: str = "id") -> list[FileResult]:
    """Move every upload that failed out of ``uploads`` into ``failed``, with its reason beside
    it (``<name>.reason.txt``), so that a re-index does not run it again; the results are
    returned with the move said in their message."""
    shown: list[FileResult] = []
    for result in results:
        source = Path(result.path)
        if result.status != "failed" or source.parent.resolve() != uploads.resolve() or not source.is_file():
            shown.append(result)
            continue
        failed.mkdir(parents=True, exist_ok=True)
        target = failed / source.name
        source.replace(target)
        target.with_name(target.name + ".reason.txt").write_text(result.error + "\n", encoding="utf-8")
        log.warning("upload %s failed (%s); moved to %s", source.name, result.error, target)
        note = text(lang, "set_aside", folder=failed.name)
        shown.append(replace(result, path=str(target), error=f"{result.error}; {note}"))
    return shown
