"""The LLM client: any OpenAI-compatible chat-completions server, used only when configured.

Receives messages from :mod:`rag.answering.generative` (answers written from
numbered sources), :mod:`rag.conversation` (follow-up rewriting) and the
evaluation's optional judge. ``client`` sends them through LlamaIndex's
``OpenAILike`` with our own retries and time limits, and hands back the
model's text or an ``LLMError`` saying what went wrong and how to fix it.
Without a configured endpoint nothing here runs and answers are extractive.
"""
