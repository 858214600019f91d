"""Learning: the small learned models several stages ship, and how they are trained.

A stage that judges text by a learned model (ingestion's furniture detector,
answering's injection detector) keeps its features next to its code and its
weights in its ``data/`` folder; what a logistic model *is* (how its weights are
stored, applied and refitted) lives here once, below every stage, so that
ingestion and answering share it without one importing the other (data flows
ingestion -> index -> retrieval -> answering; nothing imports upward). It
imports nothing from ``rag``.
"""
