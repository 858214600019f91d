#!/usr/bin/env python3
"""Validate a JSONL question set against the raw sample corpus (stdlib only).

Usage:
    python evals/check_dataset.py FILE.jsonl [CORPUS_DIR] [--coverage] [--lenient] [--quiet]

  --coverage  also enforce the coverage thresholds of the question-set brief
  --lenient   accept items without reference/tags (the schema of dev.jsonl)
  --quiet     do not print warnings

CORPUS_DIR defaults to /work/shared/corpus. Every *.txt file in it is read
(README.md and dot-files are skipped).

Checks, each failure printed as a PROBLEM (exit status 1 if any):
  * schema: id (unique), question, lang ("en"|"fr"), key_facts (list of
    non-empty lists of non-empty strings), evidence (list of strings),
    answerable (bool), reference (non-empty string), tags (known names);
    unanswerable items have key_facts == [] and evidence == [] and are tagged
    near_miss or out_of_corpus; answerable items have both.
  * evidence: 5-15 words; after normalisation it is a substring of a single
    raw line of the corpus, and that line is article body text (not a
    headline, tag line, navigation, paywall or "latest news" boilerplate).
  * key facts: at least one alternative of every fact occurs in the
    normalised corpus, and within WINDOW characters of one of the item's
    evidence passages (same raw line).
  * multi_doc items cite evidence from >= 2 articles and have key facts that
    sit next to evidence of >= 2 articles; cross_lingual items have all their
    evidence in articles of the other language.
  * with --coverage: the coverage thresholds of the question-set brief.

Normalisation (same as ../shared/eval/README.md): Unicode NFKD, accents
removed, lower case, typographic quotes/apostrophes -> ASCII ' and ",
whitespace runs (non-breaking spaces included) -> one space.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

DEFAULT_CORPUS = Path("/work/shared/corpus")
ALLOWED_TAGS = {
    "cross_lingual",
    "multi_doc",
    "date",
    "number",
    "name",
    "near_miss",
    "out_of_corpus",
    "paraphrase",
    "definition",
    "quote",
    "multi_part",
}
WINDOW = 400  # characters either side of an evidence passage for key facts
MIN_EV_WORDS, MAX_EV_WORDS = 5, 15
MAX_FACT_WORDS = 6

_QUOTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
}
_QUOTE_RE = re.compile("[" + "".join(_QUOTES) + "]")
_WS_RE = re.compile(r"\s+")

# Markers after which the rest of a raw file is site boilerplate.
_CUT_MARKERS = ("sign up to read", "latest news")
_BOILERPLATE = ("already a member", "download the app", "subscription", "start reading")
_SENTENCE_END = (".", "!", "?", '"', "'", ":", "...")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    text = _QUOTE_RE.sub(lambda m: _QUOTES[m.group(0)], text)
    return _WS_RE.sub(" ", text).strip()


def word_count(text: str) -> int:
    return len(normalise(text).split())


# ---------------------------------------------------------------- corpus ---


class Line:
    __slots__ = ("article", "body", "file", "lineno", "norm", "raw")

    def __init__(self, file: str, lineno: int, raw: str):
        self.file, self.lineno, self.raw = file, lineno, raw
        self.norm = normalise(raw)
        self.body = False
        self.article = file


def _is_body(norm: str) -> bool:
    if len(norm.split()) < 8 or not norm.endswith(_SENTENCE_END):
        return False
    return not any(b in norm for b in _BOILERPLATE)


_FR_WORDS = {"le", "la", "les", "des", "du", "une", "est", "et", "dans", "sur", "pour", "qui", "que", "au", "aux"}
_EN_WORDS = {"the", "of", "and", "to", "is", "in", "that", "for", "on", "was", "with", "by", "from", "has"}


def _language(text: str) -> str:
    words = re.findall(r"[a-z]+", text)
    fr = sum(w in _FR_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "fr" if fr > en else "en"


class Corpus:
    def __init__(self, directory: Path):
        self.lines: list[Line] = []
        self.articles: dict[str, dict] = {}
        files = sorted(p for p in directory.glob("*.txt") if not p.name.startswith("."))
        if not files:
            raise SystemExit(f"no *.txt files in {directory}")
        for path in files:
            self._load(path)
        self.full = " ".join(ln.norm for ln in self.lines if ln.norm)
        for art in self.articles.values():
            art["lang"] = _language(" ".join(ln.norm for ln in art["lines"]))

    def _load(self, path: Path) -> None:
        raw_lines = path.read_text(encoding="utf-8").splitlines()
        lines = [Line(path.name, i + 1, r) for i, r in enumerate(raw_lines)]
        cut = False
        for ln in lines:
            if any(m in ln.norm for m in _CUT_MARKERS) and len(ln.norm.split()) <= 6:
                cut = True
            ln.body = (not cut) and _is_body(ln.norm)
        # A file holding several articles (a tag page): a headline is a
        # non-body line of >= 4 words directly followed by a body line.
        heads = [
            i for i, ln in enumerate(lines[:-1]) if not ln.body and len(ln.norm.split()) >= 4 and lines[i + 1].body
        ]
        stem = path.name.split("_")[0]
        if len(heads) >= 2:
            current = None
            for i, ln in enumerate(lines):
                if i in heads:
                    k = heads.index(i)
                    current = f"{stem}{chr(ord('a') + k)}"
                    self.articles[current] = {"title": ln.raw.strip()[:70], "lines": []}
                if ln.body:
                    ln.article = current or stem
                    self.articles.setdefault(ln.article, {"title": path.name, "lines": []})
                    self.articles[ln.article]["lines"].append(ln)
        else:
            self.articles[stem] = {"title": path.name, "lines": []}
            for ln in lines:
                if ln.body:
                    ln.article = stem
                    self.articles[stem]["lines"].append(ln)
        self.lines.extend(lines)

    def find_evidence(self, ev_norm: str) -> tuple[list[tuple[Line, int]], str | None]:
        """Body-line occurrences of an evidence string, or a reason it fails."""
        hits = []
        for ln in self.lines:
            start = ln.norm.find(ev_norm)
            while start != -1:
                if ln.body:
                    hits.append((ln, start))
                start = ln.norm.find(ev_norm, start + 1)
        if hits:
            return hits, None
        if any(ev_norm in ln.norm for ln in self.lines):
            return [], "occurs only in boilerplate/headline/tag lines, not article body"
        if ev_norm in self.full:
            return [], "spans a line break of the raw file"
        return [], "not found in the normalised corpus"


# --------------------------------------------------------------- checks ----


def _fact_near(alt_norm: str, hits: list[tuple[Line, int]], ev_len: dict) -> set[str]:
    """Articles in which alt_norm occurs within WINDOW chars of an evidence hit."""
    found = set()
    for ln, start, length in hits:
        lo = max(0, start - WINDOW)
        hi = start + length + WINDOW
        if alt_norm in ln.norm[lo:hi]:
            found.add(ln.article)
    return found


def check(
    items: list[dict], corpus: Corpus, dev_questions: list[str], lenient: bool = False
) -> tuple[list[str], list[str], dict]:
    problems: list[str] = []
    warnings: list[str] = []
    info: dict = {"first_article": {}, "ev_langs": {}, "absent_alternatives": 0, "alternatives": 0}
    seen_ids: set[str] = set()
    dev_tok = [set(re.findall(r"\w+", normalise(q))) for q in dev_questions]

    for n, item in enumerate(items, 1):
        iid = item.get("id", f"<line {n}>") if isinstance(item, dict) else f"<line {n}>"

        def P(msg: str, iid: str = iid) -> None:
            problems.append(f"{iid}: {msg}")

        if not isinstance(item, dict):
            P("not a JSON object")
            continue
        expected = {"id", "question", "lang", "key_facts", "evidence", "answerable", "reference", "tags"}
        if lenient:  # the dev-set schema has no reference/tags
            item = {"reference": "-", "tags": [], **item}
        missing = expected - item.keys()
        extra = item.keys() - expected
        if missing:
            P(f"missing fields {sorted(missing)}")
            continue
        if extra:
            warnings.append(f"{iid}: extra fields {sorted(extra)}")
        if not isinstance(item["id"], str) or not item["id"]:
            P("id must be a non-empty string")
        elif item["id"] in seen_ids:
            P("duplicate id")
        seen_ids.add(item["id"])
        for f in ("question", "reference"):
            if not isinstance(item[f], str) or not item[f].strip():
                P(f"{f} must be a non-empty string")
        if item["lang"] not in ("en", "fr"):
            P(f"lang must be 'en' or 'fr', not {item['lang']!r}")
        if not isinstance(item["answerable"], bool):
            P("answerable must be a bool")
        tags = item["tags"]
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            P("tags must be a list of strings")
            tags = []
        elif set(tags) - ALLOWED_TAGS:
            P(f"unknown tags {sorted(set(tags) - ALLOWED_TAGS)}")
        kf, ev = item["key_facts"], item["evidence"]
        if not isinstance(kf, list) or not all(
            isinstance(f, list) and f and all(isinstance(a, str) and a.strip() for a in f) for f in kf
        ):
            P("key_facts must be a list of non-empty lists of non-empty strings")
            kf = []
        if not isinstance(ev, list) or not all(isinstance(e, str) and e.strip() for e in ev):
            P("evidence must be a list of non-empty strings")
            ev = []

        q_tok = set(re.findall(r"\w+", normalise(str(item["question"]))))
        for dq, dt in zip(dev_questions, dev_tok, strict=False):
            if q_tok and dt and len(q_tok & dt) / len(q_tok | dt) >= 0.6:
                P(f"question too close to dev question {dq!r}")

        if item["answerable"] is False:
            if kf or ev:
                P("unanswerable items must have key_facts == [] and evidence == []")
            if not ({"near_miss", "out_of_corpus"} & set(tags)) and not (lenient and not tags):
                P("unanswerable items must be tagged near_miss or out_of_corpus")
            continue
        if item["answerable"] is True and (not kf or not ev):
            P("answerable items need key_facts and evidence")
        if {"near_miss", "out_of_corpus"} & set(tags):
            warnings.append(f"{iid}: answerable item tagged near_miss/out_of_corpus")

        all_hits = []  # (line, start, length)
        ev_articles: list[str] = []
        for e in ev:
            en = normalise(e)
            wc = len(en.split())
            if not MIN_EV_WORDS <= wc <= MAX_EV_WORDS:
                msg = f"{iid}: evidence has {wc} words (want {MIN_EV_WORDS}-{MAX_EV_WORDS}): {e!r}"
                (warnings if lenient else problems).append(msg)
            hits, why = corpus.find_evidence(en)
            if why:
                P(f"evidence {why}: {e!r}")
                continue
            arts = sorted({ln.article for ln, _ in hits})
            if len(arts) > 1:
                warnings.append(f"{iid}: evidence occurs in several articles {arts}: {e!r}")
            ev_articles.append(arts[0])
            all_hits.extend((ln, s, len(en)) for ln, s in hits)
        if ev_articles:
            info["first_article"][iid] = ev_articles[0]
        langs = {corpus.articles[a]["lang"] for a in ev_articles}
        info["ev_langs"][iid] = langs

        fact_articles: set[str] = set()
        for fact in kf:
            norms = [normalise(a) for a in fact]
            if any(len(a.split()) > MAX_FACT_WORDS for a in norms):
                P(f"key fact alternative longer than {MAX_FACT_WORDS} words: {fact}")
            info["alternatives"] += len(norms)
            info["absent_alternatives"] += sum(a not in corpus.full for a in norms)
            if not any(a in corpus.full for a in norms):
                P(f"no alternative of key fact occurs in the corpus: {fact}")
                continue
            near = set()
            for a in norms:
                near |= _fact_near(a, all_hits, {})
            if not near and all_hits:
                P(f"key fact not found near any evidence passage: {fact}")
            fact_articles |= near

        if "multi_doc" in tags:
            if len(set(ev_articles)) < 2:
                P(f"multi_doc item with evidence from {len(set(ev_articles))} article(s)")
            if len(fact_articles) < 2:
                P(f"multi_doc item whose key facts come from {len(fact_articles)} article(s)")
        elif len(set(ev_articles)) >= 2:
            warnings.append(f"{iid}: evidence from several articles but not tagged multi_doc")
        other = {"en": "fr", "fr": "en"}.get(item["lang"])
        if "cross_lingual" in tags:
            if not langs or langs != {other}:
                P(f"cross_lingual item but evidence languages are {sorted(langs)} for a {item['lang']} question")
        elif langs and langs == {other}:
            warnings.append(f"{iid}: all evidence in the other language but not tagged cross_lingual")

    return problems, warnings, info


def report(items: list[dict], corpus: Corpus, info: dict, coverage: bool) -> list[str]:
    problems = []
    n = len(items)
    lang = Counter(it.get("lang") for it in items)
    tags = Counter(t for it in items for t in it.get("tags", []))
    answerable = sum(1 for it in items if it.get("answerable") is True)
    first = Counter(info["first_article"].values())
    en_over_fr = sum(
        1
        for it in items
        if it.get("lang") == "en" and "cross_lingual" in it.get("tags", []) and info["ev_langs"].get(it["id"]) == {"fr"}
    )
    fr_over_en = sum(
        1
        for it in items
        if it.get("lang") == "fr" and "cross_lingual" in it.get("tags", []) and info["ev_langs"].get(it["id"]) == {"en"}
    )
    unans = n - answerable
    print(f"\nitems: {n}")
    print("per language: " + ", ".join(f"{k}={v} ({v / n:.0%})" for k, v in sorted(lang.items())))
    print(f"answerable: {answerable} ({answerable / n:.0%}), unanswerable: {unans} ({unans / n:.0%})")
    print("per tag: " + ", ".join(f"{k}={v}" for k, v in sorted(tags.items())))
    print(
        f"key-fact alternatives: {info['alternatives']}, of which {info['absent_alternatives']} "
        "do not occur in the corpus (translations for cross-lingual answers)"
    )
    print(f"cross-lingual: en question / fr evidence = {en_over_fr}, fr question / en evidence = {fr_over_en}")
    print("per article (file of the first evidence string):")
    for art in sorted(corpus.articles):
        a = corpus.articles[art]
        print(f"  {art:5s} [{a['lang']}] {first.get(art, 0):3d}  {a['title']}")

    if coverage:

        def need(cond: bool, msg: str) -> None:
            if not cond:
                problems.append(f"coverage: {msg}")

        need(n >= 95, f"{n} items < 95")
        for art in corpus.articles:
            minimum = 6 if len(art) > 3 else 7  # sub-articles of a tag page: "002a"
            need(first.get(art, 0) >= minimum, f"article {art} has {first.get(art, 0)} < {minimum} questions")
        need(lang.get("fr", 0) / n >= 0.35, f"French share {lang.get('fr', 0) / n:.0%} < 35%")
        need(en_over_fr >= 20, f"{en_over_fr} < 20 English questions over French evidence")
        need(fr_over_en >= 12, f"{fr_over_en} < 12 French questions over English evidence")
        need(tags.get("multi_doc", 0) >= 8, f"{tags.get('multi_doc', 0)} < 8 multi_doc items")
        need(unans / n >= 0.18, f"unanswerable share {unans / n:.0%} < 18%")
        need(
            sum(1 for it in items if it.get("answerable") is False and it.get("lang") == "fr") >= 1,
            "no French unanswerable question",
        )
        for t in ("date", "number", "name"):
            need(tags.get(t, 0) >= 5, f"only {tags.get(t, 0)} '{t}' questions")
        print("coverage: " + ("OK" if not problems else f"{len(problems)} shortfall(s)"))
    return problems


def main(argv: list[str]) -> int:
    flags = {a for a in argv[1:] if a.startswith("--")}
    args = [a for a in argv[1:] if not a.startswith("--")]
    if not args:
        print(__doc__)
        return 2
    path = Path(args[0])
    corpus_dir = Path(args[1]) if len(args) > 1 else DEFAULT_CORPUS
    corpus = Corpus(corpus_dir)

    items, problems = [], []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                problems.append(f"line {n}: invalid JSON ({exc})")

    dev_questions = []
    dev = corpus_dir.parent / "eval" / "dev.jsonl"
    if dev.exists() and dev.resolve() != path.resolve():
        dev_questions = [json.loads(ln)["question"] for ln in dev.open(encoding="utf-8") if ln.strip()]

    p, warnings, info = check(items, corpus, dev_questions, lenient="--lenient" in flags)
    problems += p
    problems += report(items, corpus, info, "--coverage" in flags)
    if "--quiet" not in flags:
        for w in warnings:
            print("warning:", w)
    for pr in problems:
        print("PROBLEM:", pr)
    print(f"\n{len(problems)} problem(s), {len(warnings)} warning(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
