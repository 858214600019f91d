"""When to say "the corpus does not say".

Deliberately a small, readable rule over evidence a reader would weigh, not
a learned model: the calibration data is a few dozen questions, and a user
who is told "no article mentions GDPR" can check that claim.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .settings import Settings

# Answer kinds that a sentence either visibly contains or not (a figure, a date).
CHECKABLE_TYPES = frozenset({"money", "percent", "number", "age", "date"})


@dataclass
class Evidence:
    answer_type: str | None
    z: float  # best passage vs this question's similarity to random passages, in std devs
    best_coverage: float  # IDF-weighted share of the question's words in the best sentence
    best_entity_coverage: float
    typed_on_topic: bool  # an on-topic sentence holds an answer of the asked-for kind
    unknown_entities: list[str] = field(default_factory=list)  # names the corpus never mentions
    unknown_share: float = 0.0
    best_score: float = 0.0
    n_entities: int = 0


@dataclass
class Verdict:
    abstain: bool
    reason: str
    score: float


class AbstentionModel:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def decide(self, ev: Evidence) -> Verdict:
        if ev.unknown_entities and ev.unknown_share >= self.settings.abstain_unknown_share:
            return Verdict(True, "unknown_terms", ev.z)
        if ev.answer_type in CHECKABLE_TYPES and not ev.typed_on_topic:
            return Verdict(True, "no_typed_answer", ev.z)
        if ev.z < self.settings.abstain_z:
            return Verdict(True, "weak", ev.z)
        return Verdict(False, "", ev.z)
