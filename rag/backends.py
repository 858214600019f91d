"""The one error for an optional backend whose package is not installed.

Every stage that can run on more than one backend (embeddings, near-duplicate
detection, loaders of other file formats) raises it with the command that
installs the missing package; the CLI, the evaluation and the servers turn it
into one clear line. It sits here, below every stage, so that raising it does
not make a stage import another (ingestion does not import the index).
"""

from __future__ import annotations


class MissingBackend(RuntimeError):
    """A configured backend whose package is not installed; the message says what to install."""
