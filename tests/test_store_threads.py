"""Opening an index from several threads at once: a server's first requests arrive together (the UI's
first page load polls the document list while startup indexing opens the index)."""

from __future__ import annotations

import threading

from rag import Assistant
from rag.index.store import ChromaStore


def _at_once(n: int, work) -> list[BaseException]:
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run() -> None:
        barrier.wait()
        try:
            work()
        except BaseException as exc:  # every failure is the test's finding
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_stores_opened_at_once_on_a_new_index_all_open(tmp_path) -> None:
    """Chroma fills its per-path cache without a lock; unguarded, 18 of 20 such rounds failed here
    with "'RustBindingsAPI' object has no attribute 'bindings'" or "Could not connect to tenant"."""
    for round_ in range(5):
        index = tmp_path / f"index{round_}"
        stores: list[ChromaStore] = []
        errors = _at_once(8, lambda index=index, stores=stores: stores.append(ChromaStore(index, "news", "e5", 384)))
        assert not errors, errors[0]
        assert len(stores) == 8 and all(s.count() == 0 for s in stores)


def test_one_assistant_asked_from_several_threads_builds_one_store(tmp_path) -> None:
    assistant = Assistant(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", use_llm=False)
    seen: list[object] = []
    errors = _at_once(8, lambda: seen.append(assistant.store))
    assert not errors, errors[0]
    assert len(seen) == 8 and all(s is seen[0] for s in seen)
