"""``rag serve`` / ``python app.py`` now live in ``rag.server.cli``: the page is served with the APIs on one port.

Kept so ``from rag.ui.cli import serve_command`` (``app.py``, older scripts) still works.
"""

from ..server.cli import Fail, serve_command

__all__ = ["Fail", "serve_command"]
