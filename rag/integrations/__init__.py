"""Adapters that let other frameworks use this project's stages: ``llama_index`` (a retriever
and a response synthesizer for LlamaIndex query engines)."""
