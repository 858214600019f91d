"""``rag eval``: run a question set, write the reports, print the table, apply the gate.

Exit codes: 0 all thresholds met, 1 an error (one ``error: ...`` line on
stderr, as everywhere in ``rag``), 2 a usage error (click), 3 the gate
failed, with one line per threshold that was not met.
"""

from __future__ import annotations

import functools
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

EXIT_ERROR = 1
EXIT_GATE = 3
_THRESHOLD = re.compile(r"^[A-Za-z_][\w@.]*=\S*$")


class Fail(click.ClickException):
    """A one-line error for the user (the style of ``rag.cli``)."""

    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx else None
    return bool(isinstance(obj, dict) and obj.get("debug"))


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..assistant import QuestionError
        from ..index.embedder import MissingBackend
        from ..index.store import StoreError

        try:
            return fn(*args, **kwargs)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except (QuestionError, StoreError, MissingBackend, FileNotFoundError, ValueError) as exc:
            if _debug():
                raise
            raise Fail(str(exc)) from exc
        except KeyboardInterrupt as exc:
            raise Fail("interrupted") from exc
        except Exception as exc:
            if _debug():
                raise
            raise Fail(f"unexpected {type(exc).__name__}: {exc} (run `rag --debug eval ...` for details)") from exc

    return wrapper


class _Bar:
    """A progress line on stderr: redrawn in place on a terminal, every 10% in a log file."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.tty = sys.stderr.isatty()
        self.last_decile = -1
        self.started = time.monotonic()

    def __call__(self, done: int, total: int, stage: str | None = None) -> None:
        label = stage or self.label
        frac = done / max(1, total)
        elapsed = time.monotonic() - self.started
        eta = f" ~{elapsed / frac - elapsed:.0f}s left" if 0 < frac < 1 and elapsed > 2 else ""
        if self.tty:
            filled = int(30 * frac)
            click.echo(f"\r{label:10} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}{eta}   ", err=True, nl=False)
            if done >= total:
                click.echo("", err=True)
        elif int(frac * 10) != self.last_decile or done >= total:
            self.last_decile = int(frac * 10)
            click.echo(f"{label} {done}/{total}{eta}", err=True)


def _ingest_bar() -> Callable[[str, int, int], None]:
    bars: dict[str, _Bar] = {}

    def show(stage: str, done: int, total: int) -> None:
        bars.setdefault(stage, _Bar(stage))(done, total)

    return show


def split_positionals(dataset: str, extra: tuple[str, ...], fail_under: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Separate the datasets from thresholds written after ``--fail-under`` without repeating it
    (``--fail-under hit@5=0.95 key_fact_recall=0.8``)."""
    tokens = [dataset, *extra]
    thresholds = [t for t in tokens if _THRESHOLD.match(t) and not Path(t).exists()]
    rest = [t for t in tokens if t not in thresholds]
    if thresholds and not fail_under:
        raise Fail(f"unexpected argument {thresholds[0]!r} (thresholds go after --fail-under)")
    if not rest:
        raise Fail("give a DATASET.jsonl (or several, evaluated as one set) or a SQuAD 2.0 .json file")
    if len(rest) > 1 and any(Path(r).suffix.lower() == ".json" for r in rest):
        raise Fail(f"a SQuAD .json file is evaluated on its own; got {', '.join(rest)}")
    return rest, [*fail_under, *thresholds]


@click.command("eval", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("dataset")
@click.argument("extra", nargs=-1, metavar="[METRIC=VALUE]...")
@click.option("--corpus", type=click.Path(path_type=Path), help="Corpus directory to index and evaluate over.")
@click.option(
    "--index",
    type=click.Path(path_type=Path),
    help="Index directory; alone (no --corpus), an existing index evaluated as it is.",
)
@click.option(
    "--k",
    "k",
    type=click.IntRange(1, 100),
    default=5,
    show_default=True,
    help="Passages retrieved per question for hit@k, MRR, nDCG@k, recall@k.",
)
@click.option("--out", type=click.Path(path_type=Path), help="Report directory [eval-out/DATASET-PIPELINE].")
@click.option(
    "--baseline", type=click.Path(path_type=Path), help="A report.json to compare with (delta column, grey bars)."
)
@click.option(
    "--fail-under",
    multiple=True,
    metavar="METRIC=VALUE",
    help="Exit 3 if a metric falls short (a ceiling for lower-is-better metrics). Repeatable; "
    "further METRIC=VALUE arguments may follow it.",
)
@click.option("--pipeline", type=click.Choice(["default", "naive"]), default="default", show_default=True)
@click.option("--judge", is_flag=True, help="Add LLM-judged faithfulness and correctness (needs an LLM configured).")
@click.option(
    "--sample",
    type=click.IntRange(1),
    help="Evaluate N questions drawn at random (seeded by --seed; the same N every run) for a quick look.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of --sample.")
@click.option(
    "--print-floors",
    is_flag=True,
    help="After the run, print --fail-under floors from this run's bootstrap 95% lower bounds "
    "(upper bounds for lower-is-better rates; latencies left out).",
)
@_guard
def eval_command(
    dataset: str,
    extra: tuple[str, ...],
    corpus: Path | None,
    index: Path | None,
    k: int,
    out: Path | None,
    baseline: Path | None,
    fail_under: tuple[str, ...],
    pipeline: str,
    judge: bool,
    sample: int | None,
    seed: int,
    print_floors: bool,
) -> None:
    """Evaluate the assistant on DATASET and write report.json, report.md, report.html.

    DATASET is a JSONL question set (several are evaluated as one set, e.g. the
    test part: evals/heldout.jsonl evals/news_test.jsonl) or a SQuAD 2.0 .json
    file, whose articles become the corpus (written under the index directory,
    or into --corpus) and are ingested into their own index.
    """
    from ..settings import Settings
    from .datasets import load_dataset, load_datasets, sample_items
    from .gate import check, floors, format_floors, parse_thresholds
    from .report import load_report, render_terminal, write_reports
    from .runner import evaluate, is_squad_path
    from .squad import default_corpus_dir, load_squad, write_corpus
    from .systems import default_index_dir, open_system

    dataset_names, specs = split_positionals(dataset, extra, fail_under)
    paths = [Path(n) for n in dataset_names]
    thresholds = parse_thresholds(specs, k)  # before any slow work: a typo costs a second
    base = load_report(baseline) if baseline else None
    overrides = _group_overrides()
    try:
        settings = Settings(**overrides)
    except Exception as exc:  # pydantic ValidationError: a malformed RAG_* variable
        raise Fail(f"invalid configuration: {exc}") from exc
    given_index = index
    index = index or overrides.get("index_dir")

    squad = None
    if is_squad_path(paths[0]):
        if not paths[0].is_file():
            load_dataset(paths[0])  # the same "no such dataset file" error as for JSONL
        squad = load_squad(paths[0])
        items = squad.items
    else:
        items = load_datasets(paths)
    total = len(items)
    if sample is not None:
        items = sample_items(items, sample, seed)

    if squad is not None:
        corpus = Path(corpus) if corpus else default_corpus_dir(paths[0], Path(settings.index_dir))
        write_corpus(squad, corpus)
        # Its own index: `rag --index-dir D eval` puts it under D, never into D's own collection.
        index = Path(given_index) if given_index else default_index_dir(settings, corpus)
    system = open_system(pipeline, None, corpus, index, settings, progress=_ingest_bar())
    report = evaluate(
        items, system, dataset=paths if len(paths) > 1 else paths[0], k=k, judge=judge, progress=_Bar("questions")
    )
    if sample is not None:
        report["header"]["sample"] = {"questions": len(items), "of": total, "seed": seed}
    name = report["header"]["dataset"]["name"]
    out = out or Path(getattr(settings, "ui_reports_dir", "eval-out")) / f"{name}-{pipeline}"
    write_reports(report, out, base)
    click.echo(render_terminal(report, base))
    click.echo(f"reports: {out / 'report.md'}, {out / 'report.html'}, {out / 'report.json'}")
    if print_floors:
        click.echo(f"floors: {format_floors(floors(report['aggregates']))}")
    failures = check(report["aggregates"], thresholds)
    for line in failures:
        click.echo(f"gate failed: {line}", err=True)
    if failures:
        raise click.exceptions.Exit(EXIT_GATE)
    if thresholds:
        click.echo(f"gate passed: {', '.join(f'{n}={v:g}' for n, v in thresholds.items())}", err=True)


def _group_overrides() -> dict[str, Any]:
    """--corpus-dir / --index-dir / --chroma-url given to the ``rag`` group, if registered under it."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx else None
    return dict(obj.get("overrides") or {}) if isinstance(obj, dict) else {}


if __name__ == "__main__":
    eval_command(prog_name="rag eval")
