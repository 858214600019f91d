"""Short answers, SQuAD 2.0 files as question sets, floors from bootstrap bounds, several sets as one.

The metric is checked on hand-computed cases (the official SQuAD script's
normalisation, the maximum over gold alternatives, abstention on unanswerable
questions); a SQuAD file written here is evaluated end to end with a real
ingest, in process and through the command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rag.evaluation import metrics as M
from rag.evaluation.datasets import DatasetError, EvalItem, load_datasets, sample_items, short_answer_gold
from rag.evaluation.gate import floors, format_floors, main, parse_thresholds
from rag.evaluation.runner import run_evaluation, score_item
from rag.evaluation.squad import load_squad
from rag.settings import Settings
from rag.types import Answer, Citation, ShortAnswer

REPO = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------ the metric
def test_official_squad_normalisation() -> None:
    assert M.squad_normalize("The  Quick, brown fox!") == "quick brown fox"
    assert M.squad_normalize("U.S. an Theory") == "us theory"  # articles only as whole words
    assert M.squad_normalize("a") == ""
    # The official script strips ASCII punctuation only: a typographic apostrophe stays.
    assert M.answer_tokens("Durov’s arrest", "squad") == ["durov’s", "arrest"]


def test_exact_match_and_f1_worked_by_hand() -> None:
    # pred: eiffel tower in paris (4 tokens); gold: eiffel tower (2); common 2, P=1/2, R=1, F1=2/3.
    assert M.short_answer_scores("Eiffel Tower in Paris", ["the Eiffel Tower"], True, False) == (
        0.0,
        pytest.approx(2 / 3),
    )
    assert M.short_answer_scores("the Eiffel Tower.", ["Eiffel Tower"], True, False) == (1.0, 1.0)
    # The maximum over the gold alternatives, for each measure separately.
    em, f1 = M.short_answer_scores("in 1871", ["1871", "in the year 1871"], True, False)
    # vs "1871": P=1/2, R=1, F1=2/3; vs "in year 1871": P=1, R=2/3, F1=0.8; the larger wins.
    assert em == 0.0 and f1 == pytest.approx(0.8)
    assert M.short_answer_scores("Oslo", ["Bergen"], True, False) == (0.0, 0.0)


def test_abstention_and_missing_short_answers() -> None:
    assert M.short_answer_scores(None, [], answerable=False, abstained=True) == (1.0, 1.0)
    assert M.short_answer_scores("1871", [], answerable=False, abstained=False) == (0.0, 0.0)
    assert M.short_answer_scores(None, [], answerable=False, abstained=False) == (0.0, 0.0)
    assert M.short_answer_scores(None, ["1871"], answerable=True, abstained=False) == (0.0, 0.0)
    assert M.short_answer_scores("1871", ["1871"], answerable=True, abstained=True) == (0.0, 0.0)


def test_bilingual_normalisation_for_the_news_sets() -> None:
    assert M.short_answer_scores("120 millions d’euros", ["120 millions d'euros"], True, False, "bilingual") == (1, 1)
    assert M.short_answer_scores("l’amende", ["amende"], True, False, "bilingual") == (1.0, 1.0)
    assert M.short_answer_scores("Hénanff", ["Henanff"], True, False, "bilingual") == (1.0, 1.0)
    assert M.short_answer_scores("Hénanff", ["Henanff"], True, False, "squad") == (0.0, 0.0)
    with pytest.raises(ValueError, match="unknown short-answer normalisation"):
        M.answer_tokens("x", "french")


def _news(answerable: bool = True, **kw) -> EvalItem:
    base = {
        "id": "n1",
        "question": "Who?",
        "lang": "en",
        "key_facts": [["Bothorel", "Eric Bothorel"]] if answerable else [],
        "evidence": ["Eric Bothorel was there"] if answerable else [],
        "answerable": answerable,
        "reference": "Eric Bothorel." if answerable else "The corpus does not say.",
        "tags": ["name"],
    }
    base.update(kw)
    return EvalItem(**base)


def test_gold_short_answers_of_news_items() -> None:
    assert short_answer_gold(_news()) == ["Bothorel", "Eric Bothorel", "Eric Bothorel."]
    two_parts = _news(key_facts=[["120 million"], ["DSA"]], reference="EUR 120 million, under the DSA.")
    assert short_answer_gold(two_parts) == ["EUR 120 million, under the DSA."]
    assert short_answer_gold(_news(tags=["paraphrase"])) is None  # not a factoid question: not scored
    assert short_answer_gold(_news(False, tags=[])) == []  # unanswerable: abstaining is the answer
    assert short_answer_gold(_news(short_answers=["E. Bothorel"])) == ["E. Bothorel"]


DOC = "The investigation was opened by Eric Bothorel. Europol was involved."


class _System:
    name = "scripted"
    corpus = None

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.settings = Settings()

    def ask(self, question: str) -> Answer:
        return self.answer

    def retrieve(self, question: str, top_k: int) -> list:
        return []

    def document_text(self, doc_id: str) -> str | None:
        return DOC if doc_id == "d1" else None

    def documents(self) -> list[tuple[str, str | None]]:
        return [("d1", "en")]

    def describe(self) -> dict:
        return {"pipeline": "scripted"}


def _answer_with(short: ShortAnswer | None, abstained: bool = False) -> Answer:
    quote = "The investigation was opened by Eric Bothorel."
    cite = Citation(1, "d1", "t", "s", None, "en", None, quote, 0, len(quote), 1.0)
    return Answer("q", f"“{quote}” [1]", [cite], [], abstained, short_answer=short)


def test_a_question_scored_with_its_short_answer() -> None:
    start = DOC.index("Eric Bothorel")
    good = ShortAnswer("Eric Bothorel", 1, start, start + len("Eric Bothorel"), "d1", 0.9)
    rec = score_item(_news(), _System(_answer_with(good)), 5, "en")
    assert (rec["scores"]["short_answer_em"], rec["scores"]["short_answer_f1"]) == (1.0, 1.0)
    assert rec["answer"]["short_answer"]["text"] == "Eric Bothorel" and rec["answer"]["short_answer"]["valid"]
    assert "bad_citation" not in rec["failures"] and "wrong_short_answer" not in rec["failures"]

    shifted = ShortAnswer("Eric Bothorel", 1, start - 2, start - 2 + len("Eric Bothorel"), "d1")
    rec = score_item(_news(), _System(_answer_with(shifted)), 5, "en")
    assert rec["answer"]["short_answer"]["valid"] is False and "bad_citation" in rec["failures"]

    none = score_item(_news(), _System(_answer_with(None)), 5, "en")
    assert none["scores"]["short_answer_f1"] == 0.0 and "wrong_short_answer" in none["failures"]
    untagged = score_item(_news(tags=[]), _System(_answer_with(None)), 5, "en")
    assert untagged["scores"]["short_answer_f1"] is None and "wrong_short_answer" not in untagged["failures"]
    refused = score_item(_news(False), _System(_answer_with(None, abstained=True)), 5, "none")
    assert refused["scores"]["short_answer_em"] == 1.0


# ---------------------------------------------------------------- floors
def test_floors_from_bootstrap_bounds() -> None:
    aggs = {
        "hit@5": {"value": 0.95, "ci": [0.8999, 1.0], "higher_is_better": True, "unit": "share"},
        "mrr": {"value": 0.8, "ci": [0.29, 0.9], "higher_is_better": True, "unit": "share"},
        "false_refusal_rate": {"value": 0.02, "ci": [0.0, 0.0601], "higher_is_better": False, "unit": "share"},
        "citation_validity": {"value": 1.0, "ci": [1.0, 1.0], "higher_is_better": True, "unit": "share"},
        "token_f1": {"value": None, "ci": None, "higher_is_better": True, "unit": "share"},
        "ask_p50": {"value": 0.5, "ci": [0.4, 0.6], "higher_is_better": False, "unit": "seconds"},
    }
    got = floors(aggs)
    assert got == {"hit@5": 0.89, "mrr": 0.29, "false_refusal_rate": 0.07, "citation_validity": 1.0}
    assert floors(aggs, include_latency=True)["ask_p50"] == 0.6
    line = format_floors(got)
    assert line == "--fail-under hit@5=0.89 mrr=0.29 false_refusal_rate=0.07 citation_validity=1"
    assert parse_thresholds([line.removeprefix("--fail-under ")], 5) == got  # the gate accepts what it prints


def test_floors_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    aggs = {"abstention_accuracy": {"value": 0.7, "ci": [0.55, 0.85], "higher_is_better": True, "unit": "share"}}
    report.write_text(json.dumps({"header": {}, "aggregates": aggs}), encoding="utf-8")
    assert main(["--floors", str(report)]) == 0
    assert capsys.readouterr().out.strip() == "--fail-under abstention_accuracy=0.55"
    assert main(["--floors", str(tmp_path / "none.json")]) == 1
    assert "no such report" in capsys.readouterr().err


def test_short_answer_metrics_are_known_to_the_gate() -> None:
    assert parse_thresholds(["short_answer_f1=0.5", "short_answer_em=0.4"], 5) == {
        "short_answer_f1": 0.5,
        "short_answer_em": 0.4,
    }


# ------------------------------------------------------- several sets, samples
def test_several_sets_as_one_and_seeded_samples(tmp_path: Path) -> None:
    items = load_datasets([REPO / "evals" / "heldout.jsonl", REPO / "evals" / "news_test.jsonl"])
    assert len(items) == len({i.id for i in items}) > 100
    a, b = sample_items(items, 10, seed=3), sample_items(items, 10, seed=3)
    assert [i.id for i in a] == [i.id for i in b] and len(a) == 10
    assert [i.id for i in sample_items(items, 10, seed=4)] != [i.id for i in a]
    order = [i.id for i in items]
    assert [order.index(i.id) for i in a] == sorted(order.index(i.id) for i in a)  # file order kept
    with pytest.raises(DatasetError, match="also in"):
        load_datasets([REPO / "evals" / "dev.jsonl", REPO / "evals" / "dev.jsonl"])


# ------------------------------------------------------------- SQuAD files
P1 = (
    "The Varen lighthouse was built in 1871 on the northern cape of the island. Its lamp was designed "
    "by the engineer Marta Holm. The tower is 42 metres tall and painted red and white."
)
P2 = (
    "In 1952 the lighthouse was automated, and its last keeper, Olav Brekke, moved to the mainland. "
    "The island has had no permanent residents since 1960."
)


def _qa(qid: str, question: str, context: str, answers: list[str], impossible: bool = False) -> dict:
    spans = [{"text": a, "answer_start": context.index(a)} for a in answers]
    qa = {"id": qid, "question": question, "is_impossible": impossible}
    qa["plausible_answers" if impossible else "answers"] = spans
    if impossible:
        qa["answers"] = []
    return qa


def _write_squad(path: Path) -> Path:
    data = {
        "version": "v2.0",
        "data": [
            {
                "title": "Varen_lighthouse",
                "paragraphs": [
                    {
                        "context": P1,
                        "qas": [
                            _qa("q1", "When was the Varen lighthouse built?", P1, ["1871", "in 1871"]),
                            _qa("q2", "Who designed the lamp of the Varen lighthouse?", P1, ["Marta Holm"]),
                            _qa("q3", "Who designed the harbour of the Varen island?", P1, ["Marta Holm"], True),
                        ],
                    },
                    {
                        "context": P2,
                        "qas": [
                            _qa("q4", "Who was the last keeper of the Varen lighthouse?", P2, ["Olav Brekke"]),
                            _qa("q5", "When did the last keeper of the Varen lighthouse die?", P2, ["1960"], True),
                        ],
                    },
                ],
            }
        ],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_squad_file_evaluated_with_a_real_ingest(tmp_path: Path) -> None:
    squad_file = _write_squad(tmp_path / "tiny.json")
    squad = load_squad(squad_file)
    assert [i.short_answers for i in squad.items] == [["1871", "in 1871"], ["Marta Holm"], [], ["Olav Brekke"], []]
    assert {i.answer_style for i in squad.items} == {"squad"}

    corpus = tmp_path / "corpus"
    report = run_evaluation(squad_file, corpus=corpus, index=tmp_path / "index", k=5)
    assert [p.name for p in corpus.iterdir()] == ["Varen_lighthouse.txt"]
    h = report["header"]
    assert h["dataset"]["questions"] == 5 and h["dataset"]["unanswerable"] == 2
    assert h["pipeline"]["documents"] == 1 and h["corpus"]["files"] == 1
    aggs = report["aggregates"]
    # Three answerable questions, each with the sentence holding its answer as evidence: a
    # one-article index retrieves it, so loading located the evidence in the ingested text.
    assert aggs["hit@5"]["n"] == 3 and aggs["hit@5"]["value"] == 1.0
    assert aggs["short_answer_f1"]["n"] == 5 and aggs["short_answer_em"]["n"] == 5
    for q in report["questions"]:
        ans = q["answer"]
        short = ans["short_answer"]
        em, f1 = q["scores"]["short_answer_em"], q["scores"]["short_answer_f1"]
        if not q["answerable"]:
            assert q["short_answer_gold"] == [] and em == f1 == (1.0 if ans["abstained"] else 0.0)
        elif ans["abstained"] or short is None:
            assert em == f1 == 0.0
        else:
            assert short["valid"], short
            assert (em, f1) == M.short_answer_scores(short["text"], q["short_answer_gold"], True, False)
    assert {q["id"]: q["short_answer_gold"] for q in report["questions"]}["q4"] == ["Olav Brekke"]


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


@pytest.mark.slow
def test_rag_eval_on_a_squad_file_gates_and_prints_floors(tmp_path: Path) -> None:
    squad_file = _write_squad(tmp_path / "tiny.json")
    res = _run_cli([str(squad_file), "--print-floors", "--fail-under", "short_answer_em=1.01"], tmp_path)
    assert res.returncode == 3, res.stderr
    assert "gate failed: short_answer_em = " in res.stderr and "< 1.01 required" in res.stderr
    floors_line = next(line for line in res.stdout.splitlines() if line.startswith("floors: --fail-under "))
    assert "short_answer_f1=" in floors_line and "ask_p50" not in floors_line
    # No --corpus and no --index: the articles and their index live under the (default) index directory.
    written = list((tmp_path / ".rag" / "squad").glob("tiny-*/Varen_lighthouse.txt"))
    assert len(written) == 1 and "Olav Brekke" in written[0].read_text(encoding="utf-8")
    report = json.loads((tmp_path / "eval-out" / "tiny-default" / "report.json").read_text(encoding="utf-8"))
    assert report["header"]["dataset"]["questions"] == 5
    assert Path(report["header"]["pipeline"]["index"]).parts[:2] == (".rag", "eval")


def test_bad_squad_input_is_one_line(tmp_path: Path) -> None:
    not_squad = tmp_path / "report.json"
    not_squad.write_text('{"header": {}}', encoding="utf-8")
    for args, message in [
        ([str(not_squad)], "not SQuAD 2.0 JSON"),
        ([str(tmp_path / "missing.json")], "no such dataset file"),
        ([str(not_squad), str(REPO / "evals" / "dev.jsonl")], "evaluated on its own"),
    ]:
        res = _run_cli(args, tmp_path)
        assert res.returncode == 1, (args, res.stderr)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], (args, res.stderr)


@pytest.mark.slow
def test_the_test_part_as_one_set_on_a_sample(sample_assistant, tmp_path: Path) -> None:
    sets = [REPO / "evals" / "heldout.jsonl", REPO / "evals" / "news_test.jsonl"]
    out = tmp_path / "out"
    index = sample_assistant.settings.index_dir
    res = _run_cli(
        [*map(str, sets), "--index", str(index), "--sample", "4", "--seed", "2", "--out", str(out)], tmp_path
    )
    assert res.returncode == 0, res.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    d = report["header"]["dataset"]
    assert d["name"] == "heldout+news_test" and d["questions"] == 4
    assert [f["path"] for f in d["files"]] == [str(p) for p in sets]
    assert report["header"]["sample"] == {"questions": 4, "of": 120, "seed": 2}
    expected = [i.id for i in sample_items(load_datasets(sets), 4, seed=2)]
    assert [q["id"] for q in report["questions"]] == expected
    assert "A sample of 4 of its 120 questions (seed 2)" in (out / "report.md").read_text(encoding="utf-8")
