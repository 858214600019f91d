"""Measure the cleaner on realistic page text: ``python -m rag.ingestion.furniture_measure [DIR]``.

Each page file holds a scraped page's text, one block a line; lines starting
with ``~ `` are site furniture (comment boxes, login prompts, "read more",
related-story lists, social embeds, photo credits), the others are the
article (its title included). Reports, per page and overall, how many
furniture lines survive cleaning and how many article lines are lost.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..text.textnorm import fold
from ..types import RawDocument
from .cleaner import clean

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "furniture_pages"


@dataclass
class PageScore:
    name: str
    furniture: int
    furniture_kept: list[str]
    article: int
    article_lost: list[str]


def read_page(path: Path) -> tuple[str, list[str], list[str]]:
    """(page text, furniture lines, article lines)."""
    furniture, article, lines = [], [], []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        if raw.startswith("~ "):
            furniture.append(raw[2:].strip())
            lines.append(raw[2:])
        else:
            article.append(raw.strip())
            lines.append(raw)
    return "\n".join(lines) + "\n", furniture, article


def score_page(path: Path) -> PageScore:
    text, furniture, article = read_page(path)
    docs = clean(RawDocument(path=str(path), text=text, format="text"))
    kept = fold("\n".join(d.text for d in docs))
    return PageScore(
        path.stem,
        len(furniture),
        [f for f in furniture if fold(f) in kept],
        len(article),
        [a for a in article if fold(a) not in kept],
    )


def main(argv: list[str] | None = None) -> None:
    folder = Path((argv or sys.argv[1:] or [str(DEFAULT_DIR)])[0])
    scores = [score_page(p) for p in sorted(folder.glob("*.txt"))]
    for s in scores:
        print(
            f"{s.name:24} furniture kept {len(s.furniture_kept)}/{s.furniture}  article lost {len(s.article_lost)}/{s.article}"
        )
        for f in s.furniture_kept:
            print(f"    kept furniture: {f}")
        for a in s.article_lost:
            print(f"    lost article:   {a}")
    f_total = sum(s.furniture for s in scores)
    f_kept = sum(len(s.furniture_kept) for s in scores)
    a_total = sum(s.article for s in scores)
    a_lost = sum(len(s.article_lost) for s in scores)
    print(f"overall: furniture kept {f_kept}/{f_total}, article lines lost {a_lost}/{a_total}")


if __name__ == "__main__":
    main()
