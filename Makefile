# Two entry points, each installs what it needs first:
#   make run    the chat UI over the sample corpus (indexes it on first start), offline
#   make test   lint, the test suite (real Chroma server, real HTTP LLM server, real browser)
#               and the evaluation gates (dev set, test part, SQuAD 2.0 dev article)
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

# The gates. Every floor is the 95% bootstrap lower bound of a run of the current code (the
# upper bound for rates where lower is better), printed by `rag eval ... --print-floors`, never
# today's exact score: a rank flip on another CPU passes, a real regression does not.
# The development set (12 questions, shared; short answers left out: two questions).
EVAL_GATE ?= --fail-under hit@5=1 mrr=0.7 ndcg@5=0.77 recall@5=1 key_fact_recall=0.7 all_facts=0.7 \
	citation_validity=1 citation_relevance=0.55 citation_coverage=1 invalid_marker_rate=0 abstention_accuracy=1 \
	false_refusal_rate=0

# The test part (evals/README.md): heldout + news_test, questions nobody tuned the code on, run
# as one set.
TEST_GATE ?= --fail-under hit@5=0.85 mrr=0.63 ndcg@5=0.68 recall@5=0.84 key_fact_recall=0.6 all_facts=0.58 \
	token_f1=0.1 short_answer_f1=0.2 citation_validity=1 citation_relevance=0.55 citation_coverage=1 \
	invalid_marker_rate=0 abstention_accuracy=0.23 false_refusal_rate=0.09

# The public SQuAD 2.0 development article (418 questions, 221 unanswerable), built into its own
# corpus and index under the index directory.
SQUAD_DEV ?= ../shared/eval/squad2/dev-computational-complexity.json
SQUAD_GATE ?= --fail-under hit@5=0.95 mrr=0.81 recall@5=0.95 key_fact_recall=0.65 short_answer_f1=0.12 \
	citation_validity=1 citation_relevance=0.66 citation_coverage=1 invalid_marker_rate=0 \
	abstention_accuracy=0.08 false_refusal_rate=0.1

eval: install
	$(VENV)/bin/rag eval evals/dev.jsonl --out eval-out/dev-default $(EVAL_GATE)
	$(VENV)/bin/rag eval evals/heldout.jsonl evals/news_test.jsonl --out eval-out/test-part-default $(TEST_GATE)
	$(VENV)/bin/rag eval $(SQUAD_DEV) --out eval-out/squad-dev-default $(SQUAD_GATE)

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
