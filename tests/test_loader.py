"""Every supported format loads; every bad file is skipped with a reason and never aborts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from rag.ingestion.loader import discover, load_file

LIMIT = 10**7


def _pdf_with_text(text: str) -> bytes:
    """A minimal, valid one-page PDF with a text layer (hand-built: no PDF writer needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_text_markdown_html_pdf_and_jsonl_load(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Plain text article about the DSA.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# A heading\n\nSome *markdown* text with a [link](http://x).\n", encoding="utf-8")
    (tmp_path / "c.html").write_text(
        "<html><head><title>Fine for a platform</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2025-12-05T09:00:00Z"></head>'
        "<body><nav>Home | World | Sport</nav><article><h1>Fine for a platform</h1>"
        + "<p>The regulator imposed a fine on the platform after a two-year investigation into its practices.</p>" * 3
        + "</article><footer>Subscribe to our newsletter</footer></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "d.pdf").write_bytes(_pdf_with_text("A PDF article about deepfakes"))
    (tmp_path / "e.jsonl").write_text(
        json.dumps({"text": "First article body.", "title": "One", "published": "2024-03-14", "language": "en"})
        + "\n"
        + json.dumps({"text": "Deuxième article.", "source": "Le Quotidien", "url": "https://example.org/2"})
        + "\n",
        encoding="utf-8",
    )
    files, problems = discover([tmp_path])
    assert problems == []
    loaded = {Path(f).name: load_file(f, LIMIT) for f in files}
    assert all(not lf.skipped for lf in loaded.values()), {k: v.skipped for k, v in loaded.items()}
    assert loaded["a.txt"].documents[0].text.startswith("Plain text")
    md = loaded["b.md"].documents[0]
    assert md.title == "A heading" and "markdown text with a link" in md.text and "](" not in md.text
    html = loaded["c.html"].documents[0]
    assert "imposed a fine" in html.text and "Home | World" not in html.text
    assert html.title == "Fine for a platform" and html.published == date(2025, 12, 5)
    assert html.source == "Example News"
    assert "deepfakes" in loaded["d.pdf"].documents[0].text
    one, two = loaded["e.jsonl"].documents
    assert (one.title, one.published, one.language) == ("One", date(2024, 3, 14), "en")
    assert (two.source, two.url) == ("Le Quotidien", "https://example.org/2")


def test_bad_files_are_skipped_with_reasons(tmp_path: Path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (tmp_path / "scan.pdf").write_bytes(_pdf_with_text(""))
    (tmp_path / "big.txt").write_text("word " * 1000, encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"text": "ok"}\nnot json\n{"title": "no text"}\n[1, 2]\n', encoding="utf-8")
    files, _ = discover([tmp_path])
    results = {Path(f).name: load_file(f, 2000) for f in files}
    reasons = {name: " ".join(r for _, r in lf.skipped) for name, lf in results.items()}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "unsupported file type '.png'" in reasons["image.png"]
    assert "PDF" in reasons["broken.pdf"] or "pdf" in reasons["broken.pdf"]
    assert "no text layer" in reasons["scan.pdf"]
    assert "over the" in reasons["big.txt"] and "RAG_MAX_FILE_MB" in reasons["big.txt"]
    # One bad JSONL line costs that line only.
    lines = results["lines.jsonl"]
    assert [d.text for d in lines.documents] == ["ok"]
    assert [w.rsplit(":", 1)[1] for w, _ in lines.skipped] == ["2", "3", "4"]


def test_non_utf8_text_is_decoded_and_reported(tmp_path: Path):
    text = "L’Union européenne a infligé une amende à la plateforme, a déclaré la Commission à Bruxelles."
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    lf = load_file(tmp_path / "cp1252.txt", LIMIT)
    assert lf.documents and lf.documents[0].text == text
    assert lf.notes and "not valid UTF-8" in lf.notes[0]


def test_discovery_honours_ragignore_and_skips_hidden_files(tmp_path: Path):
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    (tmp_path / "README.md").write_text("about the corpus", encoding="utf-8")
    (tmp_path / ".ragignore").write_text("README.md\ndrafts/\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nested.txt").write_text("x", encoding="utf-8")
    files, problems = discover([tmp_path, tmp_path / "missing.txt"])
    assert sorted(f.relative_to(tmp_path).as_posix() for f in files) == ["keep.txt", "sub/nested.txt"]
    assert problems == [(str(tmp_path / "missing.txt"), "no such file or directory")]


def test_a_symlink_out_of_the_corpus_is_skipped_with_a_reason(tmp_path: Path):
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "home"
    corpus.mkdir()
    (elsewhere / "secrets").mkdir(parents=True)
    (elsewhere / "secret.txt").write_text("The API key is hunter2 and must never be quoted.", encoding="utf-8")
    (elsewhere / "secrets" / "key.txt").write_text("Another private file.", encoding="utf-8")
    (corpus / "article.txt").write_text("An article about the DSA.", encoding="utf-8")
    (corpus / "leak.txt").symlink_to(elsewhere / "secret.txt")
    (corpus / "leakdir").symlink_to(elsewhere / "secrets", target_is_directory=True)
    (corpus / "alias.txt").symlink_to(corpus / "article.txt")  # inside the corpus: harmless
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    files, problems = discover([corpus])
    assert [f.name for f in files] == ["alias.txt", "article.txt"]
    reasons = dict(problems)
    assert set(reasons) == {str(corpus / "leak.txt"), str(corpus / "leakdir"), str(corpus / "dangling.txt")}
    assert "outside the corpus directory" in reasons[str(corpus / "leak.txt")]
    assert "outside the corpus directory" in reasons[str(corpus / "leakdir")]
    assert all("\n" not in r for r in reasons.values())


def test_special_files_are_skipped_without_blocking(tmp_path: Path):
    import os

    (tmp_path / "article.txt").write_text("An article.", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block the ingest forever
    files, problems = discover([tmp_path])
    assert [f.name for f in files] == ["article.txt"]
    assert problems == [(str(tmp_path / "pipe.txt"), "a FIFO (named pipe), not a regular file; not indexed")]
    _, named = discover([tmp_path / "pipe.txt"])
    assert named == problems


def test_mostly_utf8_text_keeps_its_accents_and_reports_the_bad_bytes(tmp_path: Path):
    text = "Le régulateur européen a infligé une amende à la plateforme, a déclaré la Commission à Bruxelles."
    data = text.encode("utf-8").replace(b"amende", b"am\xe9nde")  # one stray Latin-1 byte
    (tmp_path / "mixed.txt").write_bytes(data)
    lf = load_file(tmp_path / "mixed.txt", LIMIT)
    got = lf.documents[0].text
    assert "régulateur européen" in got and "Ã" not in got
    assert got == text.replace("amende", "am\ufffdnde")
    assert lf.notes == ["mostly UTF-8; 1 invalid byte(s) replaced by \ufffd (fix the file to keep them)"]
