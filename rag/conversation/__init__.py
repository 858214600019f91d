"""Conversation: a follow-up question made standalone before it is searched.

Receives the chat history (OpenAI-style messages, checked by
``normalise_history``) and the new question. ``followup`` rewrites a question
such as "And how much was it fined?" into one that names its subject (with the
configured LLM, or a rule without one) and hands that string to
:mod:`rag.retrieval`; it also turns relative dates in quoted passages ("last
Tuesday") into the absolute dates they mean, given the article's publication
date, so a reader of the answer sees when things happened.
"""
