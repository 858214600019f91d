"""The question sets in evals/: well formed, and their evidence really is in the corpus.

Evidence is matched against the corpus as the product sees it, after the
loader and cleaner have removed navigation, paywalls and headline lists: an
evidence string that only occurs in boilerplate could never be retrieved, and
a metric built on it would measure nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.evaluation.datasets import DatasetError, load_dataset
from rag.evaluation.metrics import normalise
from rag.evaluation.naive import load_documents
from rag.settings import Settings

REPO = Path(__file__).resolve().parent.parent
DATASETS = sorted((REPO / "evals").glob("*.jsonl"))


@pytest.fixture(scope="module")
def cleaned_corpus() -> list[str]:
    docs, skipped = load_documents(REPO / "corpus", Settings())
    assert docs and not skipped, skipped
    return [normalise(d.text) for d in docs]


def test_there_are_datasets() -> None:
    names = {p.name for p in DATASETS}
    assert {"dev.jsonl", "corpus_qa.jsonl", "heldout.jsonl"} <= names


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.name)
def test_every_evidence_string_occurs_in_the_cleaned_corpus(path: Path, cleaned_corpus: list[str]) -> None:
    missing = [
        (item.id, ev)
        for item in load_dataset(path)
        for ev in item.evidence
        if not any(normalise(ev) in doc for doc in cleaned_corpus)
    ]
    assert not missing, f"{len(missing)} evidence strings not in the cleaned corpus: {missing[:10]}"


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.name)
def test_items_are_consistent(path: Path) -> None:
    items = load_dataset(path)
    for item in items:
        if item.answerable:
            assert item.evidence and item.key_facts, f"{item.id}: answerable without evidence or key facts"
        else:
            assert not item.evidence and not item.key_facts, f"{item.id}: unanswerable with evidence or key facts"
    assert any(not i.answerable for i in items), "no unanswerable question: abstention would go unmeasured"


def test_the_sets_do_not_share_questions() -> None:
    seen: dict[str, str] = {}
    for path in DATASETS:
        for item in load_dataset(path):
            key = normalise(item.question)
            assert key not in seen, f"{path.name}:{item.id} repeats a question of {seen.get(key)}"
            seen[key] = f"{path.name}:{item.id}"


# ------------------------------------------------------------- bad input
def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = '{"id": "a", "question": "Q?", "lang": "en", "key_facts": [["x"]], "evidence": ["x y"], "answerable": true}'


def test_a_malformed_line_is_named(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"set.jsonl line 3: invalid JSON"):
        load_dataset(_write(tmp_path, GOOD, "", "{not json"))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "b", "question": "Q?"}', "missing field"),
        (GOOD.replace('"answerable": true', '"answerable": "yes"'), "'answerable' must be true or false"),
        (GOOD.replace('[["x"]]', '["x"]'), "'key_facts' must be a list of non-empty lists"),
        (GOOD.replace('"Q?"', '""'), "'question' must be a non-empty string"),
        ("[1, 2]", "expected a JSON object"),
        (GOOD, "duplicate id 'a'"),
    ],
)
def test_schema_errors_are_one_clear_line(tmp_path: Path, line: str, message: str) -> None:
    with pytest.raises(DatasetError, match=message) as info:
        load_dataset(_write(tmp_path, GOOD, line))
    assert "line 2" in str(info.value) and "\n" not in str(info.value)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such dataset file"):
        load_dataset(tmp_path / "nope.jsonl")
    with pytest.raises(DatasetError, match="holds no questions"):
        load_dataset(_write(tmp_path, ""))


def test_injection_phrasings_are_well_formed() -> None:
    """tests/data/injection_phrasings.jsonl: the labelled sentences an injection detector is tested on."""
    import json

    rows = [
        json.loads(line)
        for line in (REPO / "tests" / "data" / "injection_phrasings.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(rows) >= 40
    for row in rows:
        assert set(row) == {"text", "lang", "injection"}, row
        assert row["lang"] in {"en", "fr"} and isinstance(row["injection"], bool) and row["text"].strip(), row
    kinds = {(r["lang"], r["injection"]) for r in rows}
    assert kinds == {("en", True), ("en", False), ("fr", True), ("fr", False)}
    assert len({normalise(r["text"]) for r in rows}) == len(rows), "a sentence appears twice"
