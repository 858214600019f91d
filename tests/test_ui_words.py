"""Numbers a person can read: the upload result in words, each evaluation metric explained."""

from __future__ import annotations

from rag.types import IngestReport
from rag.ui.corpus import report_markdown
from rag.ui.evaluation import METRIC_HELP, TABLE_HEADERS, metric_help, metrics_help_markdown, metrics_table


def test_an_upload_result_is_a_plain_sentence():
    one = IngestReport(added=["/c/Zorblat.txt"], chunks_embedded=3, seconds=1.4, documents=10)
    text = report_markdown(one)
    assert text.splitlines()[0] == "**Indexed 1 new document (3 passages).**"
    assert "- new: `Zorblat.txt`" in text
    for jargon in ("added 1", "updated 0", "removed 0", "unchanged 0", "skipped 0", "chunks embedded", "reused"):
        assert jargon not in text


def test_a_reindex_that_changes_nothing_says_so():
    text = report_markdown(IngestReport(unchanged=[f"/c/{i}.txt" for i in range(5)]))
    assert text == "**Nothing new to index: 5 documents up to date.**"


def test_mixed_results_and_refusals_are_listed_with_reasons():
    report = IngestReport(
        added=["/c/a.txt", "/c/b.md"],
        updated=["/c/c.txt"],
        removed=["/c/gone.txt"],
        unchanged=["/c/d.txt"],
        skipped=[("/c/scan.pdf", "no text layer")],
        chunks_embedded=7,
        chunks_reused=2,
    )
    text = report_markdown(report, refused=[("tool.exe", "unsupported file type .exe")])
    assert text.splitlines()[0] == (
        "**Indexed 2 new documents and 1 changed document (9 passages). Removed 1 document whose file is gone. "
        "1 document already indexed, unchanged. 1 file could not be indexed (below).**"
    )
    assert "- not indexed `scan.pdf`: no text layer" in text and "- refused `tool.exe`: unsupported" in text


def test_every_metric_of_the_suite_is_explained():
    from rag.evaluation.aggregate import metric_keys

    for key in metric_keys(5):
        assert metric_help(key, 5), key
    assert metric_help("hit@10", 10).endswith("among the first 10 retrieved.")
    legend = metrics_help_markdown()
    assert all(f"**{key}**" in legend for key in METRIC_HELP) and "evals/README.md" in legend


def test_the_metrics_table_has_a_meaning_column():
    row = {
        "section": "retrieval",
        "key": "mrr",
        "unit": "share",
        "description": "reciprocal rank",
        "value": 0.8,
        "ci": (0.7, 0.9),
        "n": 10,
        "baseline": None,
        "delta_text": "",
        "verdict": "",
    }
    [out] = metrics_table([row], 5)
    assert len(out) == len(TABLE_HEADERS) and TABLE_HEADERS[2] == "what it measures"
    assert out[1] == "mrr" and out[2].startswith("How high the first passage") and out[3] == "0.800"
