"""Ingestion: files on disk to clean, dated, sentence-aligned chunks.

Receives paths. ``loader`` reads each supported file (text, Markdown, HTML,
PDF, JSONL) into a :class:`rag.types.RawDocument`, refusing what it cannot
read with a reason; ``cleaner`` (with ``boilerplate``, ``furniture`` and
``metadata``/``dates``) drops site furniture, splits pages that hold several
articles and reads title, publisher, byline and date from the page's own text;
``duplicates`` recognises wire stories republished by several outlets; and
``splitter`` cuts each cleaned :class:`rag.types.Document` into
:class:`rag.types.Chunk` values that end on sentence boundaries and keep their
character offsets. It hands those chunks to :mod:`rag.index`, which embeds and
stores them; nothing here talks to the store. The word lists and the small
furniture model it reads are in ``data/`` (``furniture_train`` rebuilds the
model, ``furniture_measure`` scores the cleaner on sample pages).
"""
