"""Text helpers shared by several stages: folding, sentence boundaries, language, titles.

No stage owns these: ingestion splits documents into sentences and detects
their language, retrieval folds terms, answering quotes whole sentences and
detects the question's language, evaluation compares folded strings. One
definition here keeps them agreeing. ``textnorm`` folds case, accents and
punctuation; ``sentences`` gives sentence spans with character offsets;
``language`` identifies the language of a document or a question; ``titles``
names an article that states no title (for the CLI and the UI). These modules
receive strings and return strings, spans or codes; they import no stage.
"""
