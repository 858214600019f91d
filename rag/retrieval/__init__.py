"""Retrieval: a question to the passages most likely to answer it.

Receives a question (already standalone, see :mod:`rag.conversation`) and
optional :class:`~rag.retrieval.retriever.Filters` (date range, publisher,
language). ``retriever`` searches the store's vectors (dense, e5) and the BM25
index (lexical) of :mod:`rag.index`, fuses the two rankings by reciprocal
rank, merges passages that say the same thing (one wire story on several
sites) and widens each hit to its neighbouring chunks. It hands
:class:`rag.types.Passage` values, with their document offsets, in a
``RetrievalResult`` to :mod:`rag.answering`.
"""
