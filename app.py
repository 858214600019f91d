"""``python app.py``: the web UI on ./corpus, same as ``rag serve``.

Kept as a file because that is where people (and hosting platforms) look
for a Gradio app; all the logic lives in ``rag.ui``.
"""

from rag.ui.cli import serve_command

if __name__ == "__main__":
    serve_command(prog_name="python app.py")
