"""The evaluation end to end: real index, real pipelines, real files, the real command.

The default pipeline runs over the session's sample index; the command is
run as a subprocess against that same index (``--index`` alone evaluates an
existing index without ingesting, so no run re-embeds the corpus). The
naive baseline is built over two short articles, and the LLM judge talks to
the fake OpenAI-compatible server on 127.0.0.1.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fake_openai_server import Reply, fake_openai_fixture, fake_openai_session_fixture  # noqa: F401

from rag.evaluation.aggregate import metric_keys
from rag.evaluation.judge import parse_grade, run_judge
from rag.evaluation.report import load_report, render_html, render_markdown, write_reports
from rag.evaluation.runner import run_evaluation
from rag.settings import Settings

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "evals" / "dev.jsonl"
FAILURE_TAGS = {
    "error",
    "missed_retrieval",
    "missing_fact",
    "bad_citation",
    "irrelevant_citation",
    "uncited_claim",
    "false_refusal",
    "missed_abstention",
    "wrong_short_answer",
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def progress_calls() -> list[tuple[int, int]]:
    return []


@pytest.fixture(scope="module")
def dev_report(sample_assistant, progress_calls) -> dict[str, Any]:
    return run_evaluation(DEV, sample_assistant, k=5, progress=lambda d, t: progress_calls.append((d, t)))


# ------------------------------------------------------------------ schema
def test_header_says_what_was_measured(dev_report, sample_assistant) -> None:
    h = dev_report["header"]
    assert h["dataset"]["sha256"] == hashlib.sha256(DEV.read_bytes()).hexdigest()
    assert h["dataset"]["questions"] == 12 and h["dataset"]["unanswerable"] == 2
    assert h["git"]["commit"] is None or len(h["git"]["commit"]) == 40
    assert len(h["index_documents_sha256"]) == 64
    assert h["pipeline"]["pipeline"] == "default" and h["pipeline"]["documents"] == len(sample_assistant.documents())
    assert h["embedder"] == sample_assistant.embedder.name
    assert h["llm"] is None and h["k"] == 5
    assert h["settings"]["top_k"] == sample_assistant.settings.top_k
    assert h["timestamp"].endswith("+00:00")


def test_aggregates_are_shares_with_intervals(dev_report) -> None:
    aggs = dev_report["aggregates"]
    assert list(aggs) == metric_keys(5)
    for key, m in aggs.items():
        assert {"value", "n", "ci", "section", "unit", "higher_is_better"} <= set(m), key
        if m["n"] == 0:
            assert m["value"] is None
            continue
        lo, hi = m["ci"]
        assert lo - 1e-9 <= m["value"] <= hi + 1e-9, key
        if m["unit"] == "share":
            assert lo >= 0.0 and hi <= 1.0, key
        else:
            assert m["value"] > 0, key
    assert aggs["hit@5"]["n"] == 10  # answerable questions only
    assert aggs["abstention_accuracy"]["n"] == 2


def test_breakdowns_cover_every_question(dev_report) -> None:
    lang = dev_report["breakdown"]["language"]
    assert sum(g["n_questions"] for g in lang.values()) == 12
    assert "en→fr" in lang  # d01: an English question whose evidence is French
    assert lang["en→none"]["n_questions"] == 2
    answerable = dev_report["breakdown"]["answerable"]
    assert answerable["answerable"]["n_questions"] == 10 and answerable["unanswerable"]["n_questions"] == 2


def test_question_records(dev_report, sample_assistant, progress_calls) -> None:
    assert progress_calls[-1] == (12, 12) and len(progress_calls) == 12
    for q in dev_report["questions"]:
        assert set(q["failures"]) <= FAILURE_TAGS, q["failures"]
        assert [p["rank"] for p in q["retrieved"]] == list(range(1, len(q["retrieved"]) + 1))
        assert len(q["retrieved"]) <= 5
        for p in q["retrieved"]:
            assert p["relevant"] == bool(p["evidence_found"])
        for c in q["citations"]:
            doc = sample_assistant.document(c["doc_id"])
            assert c["valid"] == (doc is not None and doc.text[c["start"] : c["end"]] == c["quote"])
        if q["answer"] and not q["answer"]["abstained"]:
            assert q["answer"]["text"] and q["latency"]["ask"] > 0


def test_judge_is_reported_as_not_run(dev_report) -> None:
    assert dev_report["judge"]["status"] == "not_run"
    assert "not run" in render_markdown(dev_report)


# ----------------------------------------------------------------- files
def test_report_files(dev_report, tmp_path: Path) -> None:
    baseline = copy.deepcopy(dev_report)
    baseline["aggregates"]["mrr"]["value"] -= 0.1
    baseline["aggregates"]["ask_p50"]["value"] *= 2
    write_reports(dev_report, tmp_path, baseline)
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8")) == json.loads(
        json.dumps(dev_report, ensure_ascii=False)
    )
    assert load_report(tmp_path / "report.json")["header"] == dev_report["header"]

    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| section | metric | value | 95% CI | n | baseline | Δ |" in md
    mrr_row = next(line for line in md.splitlines() if line.startswith("| retrieval | mrr |"))
    assert "+0.100 (better)" in mrr_row
    ask_row = next(line for line in md.splitlines() if line.startswith("| latency | ask_p50 |"))
    ask_p50 = dev_report["aggregates"]["ask_p50"]["value"]
    assert f"{-ask_p50:+.3f}s (better)" in ask_row  # half the time: lower is better
    assert "## Failing questions" in md

    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 2 and "Latency" in html
    assert "<script" not in html and "http://" not in html and "https://" not in html  # works offline
    assert "baseline" in html


def test_failing_questions_are_listed(dev_report) -> None:
    broken = copy.deepcopy(dev_report)
    q = broken["questions"][0]
    q["failures"] = ["missing_fact"]
    md = render_markdown(broken)
    assert f"### {q['id']}: missing_fact" in md and q["question"] in md
    assert f"<b>{q['id']}</b>" in render_html(broken)


# ----------------------------------------------------------------- judge
def test_judge_with_an_llm(dev_report, fake_openai) -> None:
    records = copy.deepcopy(dev_report["questions"])
    from rag.evaluation.datasets import load_dataset

    items = load_dataset(DEV)

    def grade(request: dict[str, Any]) -> Reply:
        prompt = request["messages"][-1]["content"]
        score = 0.5 if "grade an answer" in prompt else 1.0
        return Reply(f'```json\n{{"score": {score}, "reason": "checked"}}\n```')

    fake_openai.push("error-500", *([grade] * 60))
    settings = Settings(**fake_openai.settings(model="judge-model"))
    judged = run_judge(records, items, settings, True)
    answered = sum(1 for r in records if r["answer"] and not r["answer"]["abstained"])
    assert judged["status"] == "run" and judged["model"] == "judge-model"
    assert judged["errors"] == 1  # the 500 is counted, the run goes on
    faith, correct = judged["metrics"]["faithfulness"], judged["metrics"]["correctness"]
    assert faith["value"] == 1.0 and correct["value"] == 0.5
    assert faith["n"] + correct["n"] == answered + len(records) - 1
    assert len(fake_openai.chat_requests()) == answered + len(records)
    report = {**dev_report, "judge": judged, "questions": records}
    assert "Judge model: **judge-model**" in render_markdown(report)


def test_judge_without_an_llm(dev_report) -> None:
    judged = run_judge(copy.deepcopy(dev_report["questions"]), [], Settings(llm_model=None), True)
    assert judged["status"] == "not_run" and "no LLM configured" in judged["reason"]


def test_parse_grade() -> None:
    assert parse_grade('Sure. {"score": 0.8, "reason": "mostly"}') == (0.8, "mostly")
    assert parse_grade('{"score": 3}') == (1.0, None)
    assert parse_grade("score: 0") == (0.0, None)
    assert parse_grade("I cannot grade this") is None


# ----------------------------------------------------------------- naive
@pytest.fixture(scope="module")
def naive_corpus(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("naive_corpus")
    for name in ("000_7efea28f89e3714c.txt", "001_9c4ecf45bb9ebdef.txt"):
        (corpus / name).write_bytes((REPO / "corpus" / name).read_bytes())
    return corpus


def test_naive_pipeline(naive_corpus: Path, tmp_path_factory, sample_assistant) -> None:
    from rag.evaluation.naive import NaivePipeline

    index = tmp_path_factory.mktemp("naive_index")
    naive = NaivePipeline(naive_corpus, index, sample_assistant.settings).build()
    assert naive.embedded == naive.count() > 0
    # The same loader and cleaner: the same document ids as the default index.
    assert set(naive.docs) <= {d.doc_id for d in sample_assistant.documents()}
    passages = naive.retrieve("Which EU agency was involved in the search of X's offices?", 3)
    assert passages
    for p in passages:
        assert naive.document(p.doc_id).text[p.start : p.end] == p.text
        [chunk] = p.chunks
        assert (chunk.chunk_id, chunk.start, chunk.end) == (p.chunk_id, p.start, p.end) and isinstance(chunk.z, float)
        assert {"language", "title", "source", "published", "url", "path"} <= set(p.metadata)
    scores = [p.metadata["dense_score"] for p in passages]
    assert scores == sorted(scores, reverse=True)  # dense ranking only
    answer = naive.ask("Which EU agency was involved in the search of X's offices?")
    for c in answer.citations:
        assert naive.document(c.doc_id).text[c.start : c.end] == c.quote
    again = NaivePipeline(naive_corpus, index, sample_assistant.settings).build()
    assert again.embedded == 0 and again.count() == naive.count()  # synchronised, not rebuilt


# ------------------------------------------------------------------- CLI
def _run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_") and k != "OPENAI_API_KEY"}
    return subprocess.run(
        [sys.executable, "-m", "rag.evaluation.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def small_set(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sets") / "small.jsonl"
    lines = DEV.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[1], lines[-1]]) + "\n", encoding="utf-8")  # one answerable, one not
    return path


def test_cli_gate_passes_and_writes_reports(sample_assistant, small_set: Path, tmp_path: Path) -> None:
    index = sample_assistant.settings.index_dir
    out = tmp_path / "out"
    res = _run_cli(
        [str(small_set), "--index", str(index), "--out", str(out), "--fail-under", "hit@5=0", "abstention_accuracy=0"],
        tmp_path,
    )
    assert res.returncode == 0, res.stderr
    assert "hit@5" in res.stdout and "gate passed" in res.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["header"]["dataset"]["questions"] == 2
    assert (out / "report.md").is_file() and (out / "report.html").is_file()


def test_cli_gate_fails_naming_the_metric(sample_assistant, small_set: Path, tmp_path: Path) -> None:
    index = sample_assistant.settings.index_dir
    res = _run_cli(
        [str(small_set), "--index", str(index), "--out", str(tmp_path / "o"), "--fail-under", "hit@5=1.01"], tmp_path
    )
    assert res.returncode == 3, res.stderr
    assert "gate failed: hit@5 = " in res.stderr and "< 1.01 required" in res.stderr


def test_cli_bad_input_is_one_line_before_any_work(tmp_path: Path, small_set: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(small_set.read_text(encoding="utf-8") + "{oops\n", encoding="utf-8")
    cases = [
        ([str(small_set), "--fail-under", "hit@5=0.9", "recal@5=0.8"], "unknown metric 'recal@5'"),
        ([str(tmp_path / "missing.jsonl")], "no such dataset file"),
        ([str(bad)], "line 3: invalid JSON"),
        ([str(small_set), "--baseline", str(tmp_path / "none.json")], "no such baseline report"),
        ([str(small_set), "--index", str(tmp_path / "nowhere")], "no such index directory"),
    ]
    for args, message in cases:
        t0 = time.monotonic()
        res = _run_cli(args, tmp_path)
        assert res.returncode == 1, (args, res.stderr)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], (args, res.stderr)
        assert time.monotonic() - t0 < 60  # refused before loading a model or an index
    assert not (tmp_path / "eval-out").exists()
