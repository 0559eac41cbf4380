"""The question acts' examples (acts.yaml), and the masking shared by training and question time.

Award, level and star words come from the rule book's vocabulary and amounts from the shared amount parser;
each is replaced by one placeholder character, so "智能车间投入800万能拿多少" and "DCMM认证奖多少" look alike to
the classifier where they should (both ask an amount) and the examples stay policy-generic.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.vocabulary import Vocabulary
from tools.amounts import find_amounts

ACTS_FILE = Path(__file__).with_name("acts.yaml")
# One private-use character per slot: never typed by a user, one "character" to the n-gram featuriser.
MASK_VERSION = 3  # part of the classifier's cache key: a change to mask() retrains
PLACEHOLDERS = {"award": "\ue001", "level": "\ue002", "star": "\ue003", "amount": "\ue004"}


@dataclass(frozen=True)
class Examples:
    acts: tuple[str, ...]
    texts: tuple[str, ...]  # filled templates, unmasked
    labels: tuple[str, ...]
    digest: str  # hash of the file, for the classifier cache


def load_examples(path: Path = ACTS_FILE) -> Examples:
    """Read acts.yaml; a slot is filled with the placeholder itself (masking at question time gives the same)."""
    raw = path.read_bytes()
    data = yaml.safe_load(raw)
    acts = data.get("acts") if isinstance(data, dict) else None
    if not isinstance(acts, dict) or not acts:
        raise ValueError(f"{path}: expected a mapping 'acts' of act name → {{examples: [...]}}")
    texts: list[str] = []
    labels: list[str] = []
    for act in sorted(acts):
        examples = (acts[act] or {}).get("examples") or []
        if len(examples) < 10:
            raise ValueError(f"{path}: act {act!r} has {len(examples)} examples; give it at least 10")
        for ex in sorted(set(str(e) for e in examples)):
            texts.append(ex.format(**PLACEHOLDERS))
            labels.append(act)
    return Examples(tuple(sorted(acts)), tuple(texts), tuple(labels), hashlib.sha256(raw).hexdigest()[:16])


def mask(text: str, vocab: Vocabulary | None) -> str:
    """Replace award, level and star words and amounts with their placeholders (longest, first-found wins)."""
    spans: list[tuple[int, int, str]] = []
    taken = [False] * len(text)

    def add(start: int, end: int, slot: str) -> None:
        if end <= len(text) and not any(taken[start:end]):
            for i in range(start, end):
                taken[i] = True
            spans.append((start, end, PLACEHOLDERS[slot]))

    for a in find_amounts(text):
        add(a.start, a.end, "amount")
    if vocab is not None:
        # stars before awards: "省五星级工业信息安全防护企业" is a star and an award, not one long award word
        for table, slot in (("stars", "star"), ("awards", "award"), ("levels", "level")):
            for m in vocab.find(table, text):
                add(m.start, m.end, slot)
    out = text
    for start, end, ph in sorted(spans, reverse=True):
        out = out[:start] + ph + out[end:]
    return out
