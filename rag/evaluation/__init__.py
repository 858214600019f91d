"""Measuring the assistant on question sets: retrieval, answers, citations, abstention, latency.

Deterministic and offline first, so that two runs of the same code on the
same corpus give the same numbers and a regression shows up as a difference;
an LLM judge is an optional extra section, never a replacement.

Entry points: :func:`rag.evaluation.runner.run_evaluation` (the report as a
dict), :mod:`rag.evaluation.report` (Markdown, HTML, files) and the
``rag eval`` command in :mod:`rag.evaluation.cli`.
"""
