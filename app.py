"""`python app.py`: index the bundled corpus if the index is empty, then open the web app.

Settings come from the environment or `.env` (see assistant/settings.py), e.g.
PANDU_UI__HOST, PANDU_UI__PORT, PANDU_UI__ADMIN_PASSWORD, PANDU_INDEX_DIR; accounts with
`pandu user add`.
"""

from __future__ import annotations

import logging
import sys


def main() -> int:
    from assistant.settings import get_settings

    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "chromadb", "sentence_transformers", "urllib3", "gradio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    log = logging.getLogger("pandu")

    from assistant.ui.access import UnsafeHostError, access_policy

    try:
        access_policy(settings)  # refuse an unsafe address before loading anything heavy
    except UnsafeHostError as exc:
        log.error("%s", exc)
        return 2

    from assistant.api import Assistant
    from assistant.ui.server import launch

    assistant = Assistant(settings)
    if not assistant.documents():
        log.info("the index is empty: indexing the bundled corpus in %s (first start only)", settings.corpus_dir)
    launch(assistant)
    return 0


if __name__ == "__main__":
    sys.exit(main())
