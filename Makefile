# Pandu - make targets. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: setup run test ingest eval eval-external eval-obligations bench clean-index

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch is pinned in pyproject.toml to the CPU build (2.13.0) so no CUDA build is pulled.
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

run: setup
	$(BIN)/python app.py

test: setup
	$(BIN)/python -m pytest -q

ingest: setup
	$(BIN)/pandu ingest corpus

# The evaluation index holds the bundled corpus and the real regulation texts in ../shared.
EVAL_ENV := PANDU_INDEX_DIR=indexes/eval
eval: setup
	$(EVAL_ENV) $(BIN)/pandu ingest --quiet corpus $(wildcard ../shared/regulations/*.txt)
	$(EVAL_ENV) $(BIN)/pandu eval --qa eval/qa_regulations.jsonl --qa eval/qa_corpus.jsonl --baselines --report eval/REPORT.md
	$(EVAL_ENV) $(BIN)/pandu eval --qa eval/qa_answers_regulations.jsonl --qa eval/qa_answers_corpus.jsonl --qa eval/qa_answers_unseen_regulations.jsonl --qa eval/qa_answers_novel_regulations.jsonl --baselines --report eval/REPORT_answers.md
	$(EVAL_ENV) $(BIN)/pandu eval --qa eval/qa_answers_fresh_regulations.jsonl --report eval/REPORT_fresh.md

# Questions written by others over 63 real regulations converted from the official PDFs.
EXTERNAL := ../shared/regulations/external/bpk-md
eval-external: setup
	PANDU_INDEX_DIR=indexes/eval-external $(BIN)/pandu ingest --quiet $(EXTERNAL)
	PANDU_INDEX_DIR=indexes/eval-external $(BIN)/pandu eval --qa eval/qa_external.jsonl --qa eval/qa_answers_external.jsonl --qa eval/qa_answers_more_external.jsonl --qa eval/qa_answers_unseen_external.jsonl --qa eval/qa_answers_novel_external.jsonl --baselines --report eval/REPORT_external.md
	PANDU_INDEX_DIR=indexes/eval-external $(BIN)/pandu eval --qa eval/qa_answers_fresh_external.jsonl --report eval/REPORT_fresh_external.md

# Obligation extraction and pillar tags on hand-labelled samples (sections of eval/REPORT.md).
eval-obligations: setup
	$(BIN)/python eval/obligation_extraction.py --report eval/REPORT.md
	$(BIN)/python eval/pillar_tags.py --current --report eval/REPORT.md

bench: setup
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_startup.py

clean-index:
	rm -rf indexes/*
	touch indexes/.gitkeep
