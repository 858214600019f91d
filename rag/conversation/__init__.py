"""Conversation: a follow-up question made standalone before it is searched.

Receives the chat history (OpenAI-style messages, checked by
``normalise_history``) and the new question. ``followup`` rewrites a question
such as "And how much was it fined?" into one that names its subject (with the
configured LLM, or a rule without one) and hands that string to
:mod:`rag.retrieval` in place of the question as typed.
"""
