"""Retrieval: a question to the passages most likely to answer it.

Receives a question (already standalone, see :mod:`rag.conversation`) and
optional :class:`~rag.retrieval.retriever.Filters` (date range, publisher,
language). ``retriever`` searches the store's vectors (dense, e5) and the BM25
index (lexical) of :mod:`rag.index`; ``fusion`` fuses the two rankings by
reciprocal rank into ranked candidates; ``postprocess`` holds the LlamaIndex
node postprocessors that merge passages saying the same thing (one wire story
on several sites) and widen each hit to its neighbouring chunks, run one
candidate at a time up to the top-k; ``nodes`` converts passages to LlamaIndex
nodes and back. It hands :class:`rag.types.Passage` values, with their document
offsets, in a ``RetrievalResult`` to :mod:`rag.answering`.
"""
