"""Incremental ingestion: unchanged costs nothing, changes do exactly what they should."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rag import Assistant

ARTICLE_A = """Regulator opens inquiry into Zentrix streaming app
The national media regulator opened a formal inquiry on Monday into the Zentrix streaming app over its handling of violent live broadcasts, officials said.
The inquiry will examine whether Zentrix removed reported videos quickly enough and whether its moderation team was adequately staffed.
"""
ARTICLE_B = """Le tribunal confirme l'amende infligée à Nordavia
Le tribunal administratif a confirmé mardi l'amende de 2 millions d'euros infligée à la compagnie Nordavia pour des retards répétés.
La compagnie dispose de deux mois pour faire appel de cette décision devant la cour administrative d'appel.
"""
ARTICLE_C = """Hospital trial of a new scanner begins
A regional hospital began a six-month trial of a new low-dose scanner this week, according to the health authority.
Doctors hope the device will cut waiting times for patients who need urgent imaging.
"""


@pytest.fixture
def small(tmp_path: Path) -> tuple[Assistant, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (corpus / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return Assistant(corpus_dir=corpus, index_dir=tmp_path / "index"), corpus


def test_incremental_ingest_add_edit_delete_rename(small):
    assistant, corpus = small
    first = assistant.ingest()
    assert sorted(Path(p).name for p in first.added) == ["a.txt", "b.txt"]
    assert first.chunks_embedded > 0 and not first.skipped

    again = assistant.ingest()
    assert again.chunks_embedded == 0 and not again.changed
    assert sorted(Path(p).name for p in again.unchanged) == ["a.txt", "b.txt"]

    # Edit one file: only its chunks are embedded again, and its old text is gone.
    (corpus / "a.txt").write_text(ARTICLE_A.replace("Monday", "Friday"), encoding="utf-8")
    edited = assistant.ingest()
    assert [Path(p).name for p in edited.updated] == ["a.txt"] and not edited.added
    assert 0 < edited.chunks_embedded < first.chunks_embedded
    texts = " ".join(d.text for d in (assistant.document(r.doc_id) for r in assistant.documents()))
    assert "Friday" in texts and "on Monday" not in texts

    # Add one, delete one.
    (corpus / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    (corpus / "b.txt").unlink()
    changed = assistant.ingest()
    assert [Path(p).name for p in changed.added] == ["c.txt"]
    assert [Path(p).name for p in changed.removed] == ["b.txt"]
    assert {Path(d.metadata["path"]).name for d in assistant.documents()} == {"a.txt", "c.txt"}
    assert all(p.metadata["path"].endswith(("a.txt", "c.txt")) for p in assistant.retrieve("amende Nordavia"))

    # A renamed file is re-registered under its new name without embedding anything.
    shutil.move(corpus / "c.txt", corpus / "renamed.txt")
    renamed = assistant.ingest()
    assert [Path(p).name for p in renamed.added] == ["renamed.txt"]
    assert [Path(p).name for p in renamed.removed] == ["c.txt"]
    assert renamed.chunks_embedded == 0 and renamed.chunks_reused > 0
    # ... and its articles stay indexed, under the new name, for this process and a new one.
    assert {Path(d.metadata["path"]).name for d in assistant.documents()} == {"a.txt", "renamed.txt"}
    fresh = Assistant(corpus_dir=corpus, index_dir=assistant.settings.index_dir, use_llm=False)
    for reader in (assistant, fresh):
        paths = {Path(p.metadata["path"]).name for p in reader.retrieve("amende Nordavia")}
        assert "renamed.txt" in paths and "c.txt" not in paths


def test_changed_chunking_rules_process_unchanged_files_again(small, tmp_path: Path):
    _, corpus = small
    index = tmp_path / "index"
    fine = Assistant(corpus_dir=corpus, index_dir=index, chunk_words=12, chunk_max_words=20)
    fine.ingest()
    many = fine.stats()["chunks"]
    # Same files, the default chunking: no chunk cut by the old rules may stay behind.
    coarse = Assistant(corpus_dir=corpus, index_dir=index)
    report = coarse.ingest()
    assert sorted(Path(p).name for p in report.unchanged + report.updated) == ["a.txt", "b.txt"]
    assert report.chunks_embedded > 0
    fresh = Assistant(corpus_dir=corpus, index_dir=tmp_path / "fresh")
    fresh.ingest()
    assert coarse.stats()["chunks"] == fresh.stats()["chunks"] < many
    assert sum(d.metadata["n_chunks"] for d in coarse.documents()) == coarse.stats()["chunks"]
    assert coarse.ingest().chunks_embedded == 0


def test_file_that_becomes_unreadable_keeps_its_indexed_version(small):
    assistant, corpus = small
    assistant.ingest()
    (corpus / "b.txt").write_bytes(b"\x00\xff\x00\xfe" * 64)
    report = assistant.ingest()
    reasons = dict(report.skipped)
    assert "binary" in reasons[str((corpus / "b.txt").resolve())]
    assert any("kept the previously indexed version" in r for r in reasons.values())
    assert any(d.metadata["path"].endswith("b.txt") for d in assistant.documents())


def test_ingesting_extra_files_does_not_remove_the_corpus(small, tmp_path: Path):
    assistant, _ = small
    assistant.ingest()
    extra = tmp_path / "extra.txt"
    extra.write_text(ARTICLE_C, encoding="utf-8")
    report = assistant.ingest([extra])
    assert [Path(p).name for p in report.added] == ["extra.txt"] and not report.removed
    assert len({d.metadata["path"] for d in assistant.documents()}) == 3


def test_duplicate_article_in_two_files_is_indexed_once(small):
    assistant, corpus = small
    (corpus / "copy.txt").write_text(ARTICLE_A, encoding="utf-8")
    report = assistant.ingest()
    assert any("same text as" in reason for _, reason in report.skipped)
    assert len(assistant.documents()) == 2


def test_missing_corpus_directory_is_a_clear_error(tmp_path: Path):
    assistant = Assistant(corpus_dir=tmp_path / "nope", index_dir=tmp_path / "index")
    with pytest.raises(FileNotFoundError, match="no such file or directory"):
        assistant.ingest()


def test_a_symlinked_file_outside_the_corpus_is_never_indexed(small, tmp_path: Path):
    assistant, corpus = small
    private = tmp_path / "private.txt"
    private.write_text(ARTICLE_C, encoding="utf-8")
    (corpus / "c.txt").symlink_to(private)
    report = assistant.ingest()
    assert len(report.added) == 2 and report.skipped[0][0] == str(corpus / "c.txt")
    assert "outside the corpus directory" in report.skipped[0][1]
    assert all("scanner" not in assistant.document(d.doc_id).text for d in assistant.documents())


def test_a_mostly_utf8_file_is_indexed_with_a_warning_in_the_report(small):
    assistant, corpus = small
    (corpus / "b.txt").write_bytes(ARTICLE_B.encode("utf-8").replace(b"deux mois", b"deux\xa0mois"))
    report = assistant.ingest()
    assert report.warnings == [(str(corpus / "b.txt"), report.warnings[0][1])]
    texts = [assistant.document(d.doc_id).text for d in assistant.documents()]
    assert any("infligée à Nordavia" in t and "deux\ufffdmois" in t for t in texts)
    assert "invalid byte" in report.warnings[0][1] and "1 with warnings" in report.summary()
