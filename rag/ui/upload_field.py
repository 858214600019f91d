"""The upload widget: Gradio's File, minus the copies of refused files in Gradio's cache.

Gradio stores every uploaded file in its cache before any handler runs, and
serves files from there. When its own type check refuses one (an ``.exe`` sent
to the HTTP endpoint directly, past the page's filter), the file would stay
downloadable until the cache is next cleaned; this widget deletes it as it
refuses it. Files our handler refuses are deleted by ``save_uploads``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr
from gradio.utils import get_upload_folder

from .uploads import discard_cached


def upload_folder() -> Path:
    """Where Gradio keeps uploads (GRADIO_TEMP_DIR, or <tmp>/gradio)."""
    return Path(get_upload_folder())


def upload_field(**kwargs: Any) -> gr.File:
    """A ``gr.File`` (``kwargs`` as for it) whose refusals delete the refused files from Gradio's cache.

    The instance's ``preprocess`` is wrapped rather than the class subclassed: Gradio writes a
    ``.pyi`` stub next to every Component subclass it imports, which an installed package
    must not do (its folder may be read-only).
    """
    field = gr.File(**kwargs)
    checked = field.preprocess

    def preprocess(payload: Any) -> Any:
        try:
            return checked(payload)
        except gr.Error:
            root = getattr(payload, "root", payload)
            items = root if isinstance(root, list) else [root]
            discard_cached([getattr(f, "path", "") for f in items if getattr(f, "path", None)], upload_folder())
            raise

    field.preprocess = preprocess  # type: ignore[method-assign]
    return field
