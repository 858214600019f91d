"""The web UI (Gradio): ``rag serve`` or ``python app.py``.

Gradio's analytics are switched off here, before any module of this package
can import Gradio: the app must make no call to the network.
"""

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
