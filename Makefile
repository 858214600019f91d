# Two entry points, each installs what it needs first:
#   make run    the chat UI over the sample corpus (indexes it on first start), offline
#   make test   lint, the test suite (real Chroma server, real HTTP LLM server, real browser)
#               and the evaluation gate on the development set
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: install run test lint browser eval eval-test bench bench-server clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[all]"
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) app.py

# Browser tests drive Debian's chromium; install it when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; }

lint: install
	$(VENV)/bin/ruff check rag tests evals app.py
	$(VENV)/bin/ruff format --check rag tests evals app.py

# The gate: what the current code scores on the development set (measured, not hoped for),
# so a regression cannot land. Lower-is-better metrics (rates) are ceilings.
EVAL_GATE ?= --fail-under hit@5=1 mrr=0.85 key_fact_recall=1 all_facts=1 citation_validity=1 \
	citation_coverage=1 invalid_marker_rate=0 abstention_accuracy=1 false_refusal_rate=0

# Our larger set guards what the 12 dev questions cannot: floors one question below
# what the code scores today (corpus_qa: hit@5 .943, MRR .807, key facts .772,
# all facts .736, abstention .519, false refusals .009), so one rank flip on
# another CPU does not fail CI but a real regression does.
QA_GATE ?= --fail-under hit@5=0.93 mrr=0.79 key_fact_recall=0.76 all_facts=0.72 citation_validity=1 \
	citation_coverage=1 invalid_marker_rate=0 abstention_accuracy=0.48 false_refusal_rate=0.02

eval: install
	$(VENV)/bin/rag eval evals/dev.jsonl --out eval-out/dev-default $(EVAL_GATE)
	$(VENV)/bin/rag eval evals/corpus_qa.jsonl --out eval-out/corpus_qa-default $(QA_GATE)

# The test part (evals/README.md): heldout + news_test, questions nobody tuned the code on, run
# as one set. Its floors are the bootstrap 95% bounds of a test-part report, never its exact
# scores: `rag eval evals/heldout.jsonl evals/news_test.jsonl --print-floors` prints them.
# These are the bounds of the extractive reader before issue 9's learned reader (main af8c7af);
# set them again from a run of the new reader when it lands.
TEST_GATE ?= --fail-under hit@5=0.87 mrr=0.64 ndcg@5=0.69 recall@5=0.86 key_fact_recall=0.6 all_facts=0.58 token_f1=0.08 \
	short_answer_f1=0.05 short_answer_em=0.05 citation_validity=1 citation_relevance=0.33 citation_coverage=1 \
	invalid_marker_rate=0 abstention_accuracy=0.2 false_refusal_rate=0.04

eval-test: install
	$(VENV)/bin/rag eval evals/heldout.jsonl evals/news_test.jsonl --out eval-out/test-part-default $(TEST_GATE)

test: install browser lint
	$(VENV)/bin/pytest
	$(MAKE) --no-print-directory eval

bench: install
	$(PY) -m rag.bench

# rag serve: /v1/chat/completions against Assistant.ask in the same run, and 20 clients at once
bench-server: install
	$(PY) -m rag.bench --server

clean:
	rm -rf .rag eval-out test-artifacts .pytest_cache .ruff_cache
