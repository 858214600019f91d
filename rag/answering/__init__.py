"""Answering: retrieved passages to an answer whose every claim cites the passage it came from.

Receives the question and the :class:`rag.types.Passage` values that
:mod:`rag.retrieval` found. ``question`` analyses the question (language,
expected answer type, key terms) and ``names`` matches names across
languages. ``extractive`` is the default answerer: the learned ``reader``
scores every sentence of the passages and quotes those that answer, with the
short answer first, or says the corpus does not say. ``generative`` lets an
LLM write from numbered sources when one is configured, and ``verification``
checks each of its sentences against the passage it cites (``markers`` is the
one ``[n]`` grammar, ``claims`` what a sentence asserts, ``support`` when a
span backs it). ``relative_dates`` adds the absolute date after "last
Tuesday" in a cited sentence. ``injection``
keeps text in the corpus that addresses an AI from vouching for anything
(model in ``data/``, rebuilt by ``injection_train``); ``templates`` loads the
phrases and prompts kept as files in ``prompts/``, one per language. It hands
on a :class:`rag.types.Answer` with its :class:`rag.types.Citation` values
(quote, document, character offsets, date).
"""
