"""Export files live in folders of their own; folders older than a day are swept, at most hourly."""

from __future__ import annotations

import os
import time

from assistant.ui.context import UIContext


def _old_folder(root, name):
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "jawaban.md").write_text("isi", encoding="utf-8")
    two_days_ago = time.time() - 2 * 86400
    os.utime(folder, (two_days_ago, two_days_ago))
    return folder


def test_old_export_folders_are_swept_at_most_once_an_hour(tmp_path):
    ctx = UIContext(assistant=None, policy=None, feedback=None, exports_root=tmp_path / "exports")
    first_old = _old_folder(ctx.exports_root, "lama-1")
    fresh = ctx.export_folder()
    assert fresh.is_dir() and fresh.parent == ctx.exports_root
    assert not first_old.exists()
    second_old = _old_folder(ctx.exports_root, "lama-2")
    assert ctx.export_folder() != fresh
    assert second_old.exists()  # the next sweep is within the hour
    ctx._last_sweep -= 3601
    ctx.export_folder()
    assert not second_old.exists() and fresh.exists()
