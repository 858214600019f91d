"""Uploaded files land in the corpus folder under safe names, or are refused with a reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rag.ui.uploads import UploadError, safe_filename, save_upload, save_uploads


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("article.txt", "article.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\system.md", "system.md"),
        ("/abs/path/news.HTML", "news.html"),
        (".hidden.txt", "hidden.txt"),
        ("Zorblat fine (Ofcom).txt", "Zorblat_fine_Ofcom.txt"),
        ("évènement à Paris.md", "évènement_à_Paris.md"),
        ("tab\there\nnewline.txt", "tabherenewline.txt"),
        ("a..b...c.pdf", "a.b.c.pdf"),
        ("-.txt", "upload.txt"),
        ("....txt", "upload.txt"),
        ("_.-report-_.md", "report.md"),
        ("ﬁle.txt", "file.txt"),  # NFKC: the ligature is two letters
    ],
)
def test_safe_filename_keeps_a_plain_name_inside_the_folder(given: str, expected: str):
    name = safe_filename(given)
    assert name == expected
    assert "/" not in name and "\\" not in name and not name.startswith(".")


@pytest.mark.parametrize(
    "given",
    [
        "",
        ".ragignore",
        "script.exe",
        "report.pdf.exe",
        "archive.tar.gz",
        "x.txt\x00.sh",
        "noextension",
        "..",
        "notes.txt.",
    ],
)
def test_safe_filename_refuses_unsupported_types(given: str):
    with pytest.raises(UploadError, match="unsupported file type"):
        safe_filename(given)


def test_safe_filename_caps_the_length_and_keeps_the_extension():
    name = safe_filename("a" * 4000 + ".jsonl")
    assert name.endswith(".jsonl") and len(name) <= 80 + len(".jsonl")


def _upload(tmp_path: Path, name: str, data: bytes) -> Path:
    src = tmp_path / "incoming" / name
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_bytes(data)
    return src


def test_save_writes_inside_the_corpus_and_never_overwrites(tmp_path: Path):
    corpus = tmp_path / "corpus"
    first = save_upload(_upload(tmp_path, "news.txt", b"first article"), corpus, 1000)
    second = save_upload(_upload(tmp_path, "news.txt", b"second article"), corpus, 1000)
    assert first == corpus.resolve() / "news.txt" and first.read_bytes() == b"first article"
    assert second == corpus.resolve() / "news-1.txt" and second.read_bytes() == b"second article"


def test_save_refuses_a_file_already_in_the_corpus(tmp_path: Path):
    corpus = tmp_path / "corpus"
    save_upload(_upload(tmp_path, "one.txt", b"same bytes"), corpus, 1000)
    with pytest.raises(UploadError, match=r"already in the corpus as one\.txt"):
        save_upload(_upload(tmp_path, "other-name.txt", b"same bytes"), corpus, 1000)


def test_save_refuses_empty_and_oversized_files(tmp_path: Path):
    corpus = tmp_path / "corpus"
    with pytest.raises(UploadError, match="empty"):
        save_upload(_upload(tmp_path, "empty.txt", b""), corpus, 1000)
    with pytest.raises(UploadError, match="limit"):
        save_upload(_upload(tmp_path, "big.txt", b"x" * 1001), corpus, 1000)
    assert list(corpus.iterdir()) == []


def test_save_refuses_names_the_corpus_ignores(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / ".ragignore").write_text("README.md\ndrafts-*\n", encoding="utf-8")
    with pytest.raises(UploadError, match=r"\.ragignore"):
        save_upload(_upload(tmp_path, "README.md", b"about the corpus"), corpus, 1000)
    with pytest.raises(UploadError, match=r"\.ragignore"):
        save_upload(_upload(tmp_path, "drafts-1.txt", b"draft"), corpus, 1000)


def test_save_does_not_follow_a_symlink_planted_in_the_corpus(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("do not touch", encoding="utf-8")
    os.symlink(outside, corpus / "news.txt")
    saved = save_upload(_upload(tmp_path, "news.txt", b"new article"), corpus, 1000)
    assert saved.name == "news-1.txt"
    assert outside.read_text(encoding="utf-8") == "do not touch"


def test_save_uploads_reports_each_refusal_and_keeps_the_rest(tmp_path: Path):
    corpus = tmp_path / "corpus"
    files = [
        _upload(tmp_path, "good.md", b"# Title\n\nBody"),
        _upload(tmp_path, "bad.exe", b"MZ"),
        _upload(tmp_path, "huge.txt", b"y" * 5000),
    ]
    result = save_uploads(files, corpus, 1000)
    assert [p.name for p in result.saved] == ["good.md"]
    reasons = dict(result.refused)
    assert set(reasons) == {"bad.exe", "huge.txt"}
    assert "unsupported file type .exe" in reasons["bad.exe"] and "limit" in reasons["huge.txt"]
    assert sorted(p.name for p in corpus.iterdir()) == ["good.md"]
