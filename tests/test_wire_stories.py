"""Wire stories: near-verbatim copies of one article from different outlets are found at
ingest (MinHash/LSH), their shared paragraphs embedded once, and retrieved as one passage
that names the other outlets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag import Assistant
from rag.ingestion.duplicates import StoryFinder, signature
from rag.types import Citation

WIRE = [
    "The Baltic data protection authority fined the messaging service Quillo 38 million euros on Thursday "
    "for keeping the voice recordings of its European users for years without their consent.",
    "The authority said Quillo had stored more than 400 million voice messages on servers outside the "
    "European Union and had failed to tell users that the recordings were used to train its transcription models.",
    "Quillo said in a statement that it disagreed with the decision and would appeal to the administrative "
    "court in Riga, adding that it had already deleted recordings older than ninety days.",
    "Consumer groups that filed the original complaint in 2023 welcomed the fine but said the company should "
    "also be ordered to notify every user whose messages had been kept.",
    "It is the largest penalty the authority has imposed since it was given new powers under European "
    "privacy rules, and the third fine against a messaging service in the region this year.",
    "The company has two months to pay or to obtain a suspension of the decision from the court.",
]
UNRELATED = (
    "A regional hospital began a six-month trial of a new low-dose scanner this week, according to the health "
    "authority. Doctors hope the device will cut waiting times for patients who need urgent imaging, and the "
    "trial will be extended to two more hospitals if the results are good."
)


def copy_of(outlet: str, headline: str, paragraphs: list[str], extra: str = "") -> dict[str, str]:
    return {
        "title": headline,
        "source": outlet,
        "published": "2026-03-12",
        "language": "en",
        "text": "\n\n".join(paragraphs + ([extra] if extra else [])),
    }


def write_jsonl(path: Path, records: list[dict[str, str]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


@pytest.fixture
def wire_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(
        corpus / "daily-courier.jsonl",
        [
            copy_of("Daily Courier", "Quillo fined 38 million euros over voice recordings", WIRE),
            {"title": "Scanner trial", "source": "Daily Courier", "language": "en", "text": UNRELATED},
        ],
    )
    return corpus


def test_copies_from_other_outlets_are_one_story(wire_corpus: Path, tmp_path: Path):
    assistant = Assistant(corpus_dir=wire_corpus, index_dir=tmp_path / "index", use_llm=False)
    first = assistant.ingest()
    assert first.chunks_embedded > 0
    # Later, in another ingest: the same wire story from two more outlets, one with its own
    # headline and closing line, one trimmed of its last paragraph.
    write_jsonl(
        wire_corpus / "northern-post.jsonl",
        [copy_of("Northern Post", "Messaging app Quillo hit with record privacy fine", WIRE,
                 extra="Reporting by the Northern Post newsroom; editing by staff.")],
    )  # fmt: skip
    write_jsonl(
        wire_corpus / "harbour-times.jsonl",
        [copy_of("Harbour Times", "Quillo to appeal 38 million euro fine", WIRE[:-1])],
    )
    second = Assistant(corpus_dir=wire_corpus, index_dir=tmp_path / "index", use_llm=False)
    report = second.ingest()
    assert sorted(Path(p).name for p in report.added) == ["harbour-times.jsonl", "northern-post.jsonl"]

    docs = {d.metadata["source"] + "/" + (d.metadata.get("title") or ""): d.metadata for d in second.documents()}
    stories = {k: m["story"] for k, m in docs.items()}
    wire_stories = {v for k, v in stories.items() if "Scanner" not in k}
    assert len(wire_stories) == 1  # three outlets, one story
    assert stories["Daily Courier/Scanner trial"] not in wire_stories

    # Paragraphs the copies share are not embedded again: only the headers and the added line differ.
    new_chunks = sum(m["n_chunks"] for k, m in docs.items() if k.startswith(("Northern", "Harbour")))
    assert report.chunks_reused >= new_chunks // 2 and report.chunks_embedded < new_chunks

    # One passage for the story, naming the other outlets.
    passages = second.retrieve("How much was Quillo fined over voice recordings?")
    story_passages = [p for p in passages if p.metadata.get("story") in wire_stories]
    assert len({p.doc_id for p in story_passages}) == 1, "passages from two copies of one story"
    assert any(p.metadata.get("duplicates") for p in story_passages)  # the copies were retrieved, and merged
    top = story_passages[0]
    own = top.metadata["source"]
    assert set(top.metadata["also_reported_by"]) == {"Daily Courier", "Northern Post", "Harbour Times"} - {own}
    # A citation of that passage carries the other outlets (this tiny corpus is too small for
    # the answerer's calibration to quote it, so the citation is made as the answerers make it).
    cited = Citation.of(1, top, top.text[:40], top.start, top.start + 40, top.score)
    assert cited.also_reported_by == top.metadata["also_reported_by"]
    assert cited.to_dict()["also_reported_by"] == top.metadata["also_reported_by"]
    # The unrelated article has no other outlets.
    scanner = second.retrieve("low-dose scanner trial hospital")[0]
    assert scanner.metadata["source"] == "Daily Courier" and "also_reported_by" not in scanner.metadata


def test_two_wires_reporting_one_event_stay_two_stories(sample_assistant):
    """The sample corpus's AP (The Independent) and Reuters stories of the Paris
    search are different texts with different facts: not copies, so not merged."""
    docs = [
        d.metadata for d in sample_assistant.documents() if d.metadata.get("wire") in ("Associated Press", "Reuters")
    ]
    assert len(docs) == 2
    assert docs[0]["story"] != docs[1]["story"]
    texts = [sample_assistant.document(m["doc_id"]).text for m in docs]
    assert signature(texts[0]).jaccard(signature(texts[1])) < 0.2
    passages = sample_assistant.retrieve("Paris prosecutors search X offices", top_k=8)
    assert {p.metadata.get("wire") for p in passages} >= {"Associated Press", "Reuters"}


def test_story_finder_threshold():
    finder = StoryFinder(0.5)
    base = " ".join(WIRE)
    assert finder.assign("a", base)[0] == "a"
    assert finder.assign("b", base.replace("Thursday", "Friday"))[0] == "a"  # one word edited
    assert finder.assign("c", UNRELATED)[0] == "c"
    assert finder.assign("d", " ".join(WIRE[:2]))[0] == "d"  # a third of the text is not a copy
