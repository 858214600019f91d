"""The assistant served to other tools: one ASGI app behind ``rag serve``, and ``rag mcp``.

``rag serve`` starts one uvicorn process on one port (127.0.0.1 unless told
otherwise) that serves:

- ``/``: the Gradio web UI (``rag.ui``), mounted into the app;
- ``/v1``: an OpenAI-compatible chat API (``openai_api``), so chat front ends
  and plain ``openai`` clients work unchanged, with the sources in an extra
  ``citations`` field for clients that read it;
- ``/api``: a REST API (``rest``) over the same types the Python API returns
  (``rag.types``), with its OpenAPI schema and a docs page;
- ``/mcp``: the Model Context Protocol server (``mcp_server``) over streamable
  HTTP; ``rag mcp`` serves the same tools over stdio.

``security`` holds what keeps it safe to expose: API keys, the refusal to bind
beyond loopback unprotected, request size limits and a bounded queue.
``app`` assembles the pieces; ``cli`` is the two commands. FastAPI, uvicorn and
the ``mcp`` SDK are imported only here, so the library and the CLI work
without them (``pip install 'rag-news[server]'``).
"""
