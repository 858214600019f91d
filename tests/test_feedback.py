"""Thumbs up/down saved as JSONL, and `rag feedback export` turning them into evaluation cases."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rag import feedback
from rag.evaluation.datasets import load_dataset
from rag.settings import Settings
from rag.types import Answer, Citation, ShortAnswer
from rag.ui.chat import rate, retry_target, stop_answer
from rag.ui.citations import streaming_html

REPO = Path(__file__).resolve().parent.parent
QUOTE = "La Commission européenne a infligé vendredi une amende de 120 millions d’euros à X."


def _citation() -> Citation:
    return Citation(1, "d1", "Amende", "POLITICO", None, "fr", None, QUOTE, 10, 10 + len(QUOTE), 0.5, path="/c/x.txt")


def _answer(question: str = "What fines has X received under the DSA?", **kw) -> Answer:
    defaults = {"text": f"“{QUOTE}” [1]", "citations": [_citation()], "passages": [], "abstained": False}
    defaults.update(kw)
    return Answer(question, **defaults)


def _refusal(question: str = "What is the maximum fine under the GDPR?") -> Answer:
    return Answer(question, "The corpus does not say.", [], [], True, notice="abstained:unknown_terms")


def test_the_feedback_file_defaults_under_the_index_and_can_be_set(tmp_path: Path):
    assert Settings(index_dir=tmp_path / "idx").feedback_file == tmp_path / "idx" / "feedback.jsonl"
    assert Settings(feedback_path=tmp_path / "fb.jsonl").feedback_file == tmp_path / "fb.jsonl"
    assert Settings(index_dir=tmp_path, feedback_path="").feedback_file == tmp_path / "feedback.jsonl"


def test_a_rating_is_one_line_with_question_answer_citations_rating_and_time(tmp_path: Path):
    path = tmp_path / "sub" / "feedback.jsonl"
    when = datetime(2026, 11, 27, 18, 0, 5, tzinfo=UTC)
    feedback.append(path, feedback.FeedbackRecord.of(_answer(), "up", "a1", filters="language fr", now=when))
    feedback.append(path, feedback.FeedbackRecord.of(_refusal(), "down", "a2"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["question"] == "What fines has X received under the DSA?" and first["rating"] == "up"
    assert first["answer"].startswith("“La Commission") and first["timestamp"] == "2026-11-27T18:00:05+00:00"
    assert first["citations"] == [
        {
            "n": 1,
            "doc_id": "d1",
            "title": "Amende",
            "source": "POLITICO",
            "published": None,
            "url": None,
            "quote": QUOTE,
            "start": 10,
            "end": 10 + len(QUOTE),
        }
    ]
    assert first["filters"] == "language fr" and json.loads(lines[1])["abstained"] is True
    with pytest.raises(ValueError, match="rating must be one of"):
        feedback.FeedbackRecord.of(_answer(), "meh", "a3")  # type: ignore[arg-type]


def test_the_last_rating_of_a_question_counts_and_a_taken_back_one_drops(tmp_path: Path):
    path = tmp_path / "feedback.jsonl"
    for rating, question in [("down", "Q one?"), ("up", "q  ONE?"), ("up", "Q two?"), ("cleared", "Q two?")]:
        feedback.append(path, feedback.FeedbackRecord.of(_answer(question), rating, question))
    path.write_text(path.read_text(encoding="utf-8") + "not json\n", encoding="utf-8")
    records, problems = feedback.load(path)
    assert len(records) == 4 and problems == [f"{path} line 5: skipped (Expecting value: line 1 column 1 (char 0))"]
    assert [(r.question, r.rating) for r in feedback.latest(records)] == [("q  ONE?", "up")]


def test_each_kind_of_rating_becomes_the_case_it_can_prove():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    short = ShortAnswer("120 millions d’euros", 1, 0, 20, "d1")
    cases = {
        name: feedback.to_case(feedback.FeedbackRecord.of(answer, rating, name, now=now))
        for name, answer, rating in [
            ("up-refusal", _refusal(), "up"),
            ("up-short", _answer(short_answer=short), "up"),
            ("up-plain", _answer(), "up"),
            ("down-answer", _answer(), "down"),
            ("down-refusal", _refusal(), "down"),
        ]
    }
    assert cases["up-refusal"] == {
        "id": cases["up-refusal"]["id"],
        "question": "What is the maximum fine under the GDPR?",
        "lang": "en",
        "key_facts": [],
        "evidence": [],
        "answerable": False,
        "tags": ["feedback"],
    }
    assert cases["up-short"]["key_facts"] == [["120 millions d’euros"]] and cases["up-short"]["evidence"] == [QUOTE]
    assert "review" not in cases["up-short"] and feedback.NEEDS_KEY_FACTS not in cases["up-short"]["tags"]
    for name in ("up-plain", "down-answer", "down-refusal"):
        assert cases[name]["answerable"] is True and cases[name]["key_facts"] == []
        assert feedback.NEEDS_KEY_FACTS in cases[name]["tags"] and cases[name]["review"]
    assert cases["up-plain"]["evidence"] == [QUOTE] and cases["down-answer"]["evidence"] == []
    assert cases["down-answer"]["rated_answer"].startswith("“La Commission")
    assert cases["up-refusal"]["id"].startswith("fb-") and cases["up-refusal"]["id"] != cases["down-answer"]["id"]


def test_a_follow_up_is_exported_as_the_question_it_stood_for():
    answer = _answer("And who imposed it?", standalone_question="Who imposed the DSA fine on X?")
    case = feedback.to_case(feedback.FeedbackRecord.of(answer, "up", "f1"))
    assert case["question"] == "Who imposed the DSA fine on X?"


def test_export_writes_the_evals_schema_and_keeps_what_a_person_edited(tmp_path: Path):
    source = tmp_path / "feedback.jsonl"
    out = tmp_path / "evals" / "feedback.jsonl"
    feedback.append(source, feedback.FeedbackRecord.of(_refusal(), "up", "r1"))
    feedback.append(source, feedback.FeedbackRecord.of(_answer(), "down", "a1"))
    result = feedback.export(source, out)
    assert len(result.added) == 2 and result.kept == 0 and result.need_review == 1
    items = load_dataset(out)  # the evaluation suite reads it
    assert [i.answerable for i in items] == [False, True]
    edited = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    edited[1]["key_facts"] = [["120 million"]]
    out.write_text("".join(json.dumps(c) + "\n" for c in edited), encoding="utf-8")
    feedback.append(source, feedback.FeedbackRecord.of(_answer("Who fined X?"), "up", "a2"))
    again = feedback.export(source, out)
    assert again.kept == 2 and [c["question"] for c in again.added] == ["Who fined X?"]
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[1]["key_facts"] == [["120 million"]] and len(lines) == 3
    with pytest.raises(FileNotFoundError, match="rate answers in the chat"):
        feedback.export(tmp_path / "none.jsonl", out)


def test_rag_feedback_export_command(tmp_path: Path):
    index = tmp_path / "index"
    feedback.append(index / "feedback.jsonl", feedback.FeedbackRecord.of(_answer(), "down", "a1"))
    out = tmp_path / "cases.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "rag.cli", "--index-dir", str(index), "feedback", "export", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"1 new case written to {out}.")
    assert "1 of them need a person" in run.stdout and "needs_key_facts" in run.stdout
    assert load_dataset(out)[0].question == "What fines has X received under the DSA?"
    missing = subprocess.run(
        [sys.executable, "-m", "rag.cli", "feedback", "export", "--from", str(tmp_path / "no.jsonl"), "--out", "x"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert missing.returncode == 1 and missing.stderr.startswith("error: no feedback at")


# ------------------------------------------------------- the chat's handlers
def test_rating_a_chat_answer_saves_it_and_other_messages_are_refused(tmp_path: Path):
    path = tmp_path / "feedback.jsonl"
    turns = [{"message": 1, "id": "t0", "result": _answer(), "filters": None}]
    assert "saved" in rate(path, 1, True, turns)
    assert rate(path, 3, False, turns) == "Only answers can be rated."  # an error message, not an answer
    assert rate(path, 1, "", turns) == "Rating taken back."
    records, _ = feedback.load(path)
    assert [(r.answer_id, r.rating) for r in records] == [("t0", "up"), ("t0", "cleared")]


def test_regenerate_finds_the_question_of_the_clicked_answer():
    asked = {0: "first?", 2: "second?"}
    assert retry_target(2, asked) == 2 and retry_target(3, asked) == 2 and retry_target(1, asked) == 0
    assert retry_target((3, 0), asked) == 2 and retry_target(None, asked) is None and retry_target(0, {}) is None


def test_stop_marks_a_streaming_answer_incomplete_and_leaves_a_finished_one():
    messages = [{"role": "user", "content": "q"}, {"role": "assistant", "content": streaming_html("Partial text")}]
    stopped = stop_answer(messages)
    content = stopped[-1]["content"]
    assert "rn-stopped" in content and "rn-streaming" not in content and "rn-cursor" not in content
    assert "Partial text" in content and "Stopped: this answer is incomplete" in content
    # Gradio hands earlier messages back as lists of typed parts.
    parts = [{"role": "assistant", "content": [{"type": "text", "text": streaming_html("Half of it")}]}]
    assert "Half of it" in stop_answer(parts)[-1]["content"] and "rn-stopped" in stop_answer(parts)[-1]["content"]
    finished = [{"role": "user", "content": "q"}, {"role": "assistant", "content": '<div class="rn-answer">x</div>'}]
    assert not isinstance(stop_answer(finished), list)  # gr.skip(): nothing to change
