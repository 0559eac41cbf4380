"""The question-act classifier: character n-grams of the masked message → logistic regression.

Trained deterministically (sorted examples, fixed solver and seed) the first time it is needed and cached in the
data dir under a hash of the examples and the library version, so a changed acts.yaml retrains by itself. At
question time it is one sparse transform and one dot product (well under a millisecond).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.nlu.examples import ACTS_FILE, MASK_VERSION, Examples, load_examples, mask
from assistant.vocabulary import Vocabulary

log = logging.getLogger(__name__)

# Below this probability the act is not trusted: the planner answers with a safe lookup (or the calculator,
# when the message itself gives an award and a figure), never with a guessed amount.
MIN_CONFIDENCE = 0.3
_MODEL = "char1-3-lr-capped-weights"  # part of the cache key: a changed pipeline retrains


@dataclass(frozen=True)
class ActPrediction:
    act: str
    confidence: float
    runner_up: str
    runner_up_confidence: float
    probs: tuple[tuple[str, float], ...] = ()  # every act, most likely first

    def share(self, acts: set[str]) -> float:
        """How much probability a group of acts holds together (amount + qualify + confirm all ask for money)."""
        return sum(p for a, p in self.probs if a in acts)

    @property
    def confident(self) -> bool:
        return self.confidence >= MIN_CONFIDENCE

    def describe(self) -> str:
        return f"{self.act} {self.confidence:.2f}（次选 {self.runner_up} {self.runner_up_confidence:.2f}）"


def _build_pipeline() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=1, lowercase=True),
        LogisticRegression(C=8.0, max_iter=3000, random_state=0),
    )


class ActClassifier:
    """Predicts the question act of a message; ``predict`` masks the message with the same vocabulary."""

    def __init__(self, model: Any, acts: tuple[str, ...], vocab: Vocabulary | None) -> None:
        self.model = model
        self.acts = acts
        self.vocab = vocab

    @classmethod
    def train(cls, examples: Examples, vocab: Vocabulary | None) -> ActClassifier:
        model = _build_pipeline()
        model.fit(
            [mask(t, vocab) for t in examples.texts],
            list(examples.labels),
            logisticregression__sample_weight=_weights(examples.labels),
        )
        return cls(model, tuple(model.classes_), vocab)

    @classmethod
    def load_or_train(
        cls, vocab: Vocabulary | None, cache_dir: Path | None, path: Path = ACTS_FILE
    ) -> ActClassifier:
        examples = load_examples(path)
        cache = cache_dir / f"acts-{_cache_key(examples, vocab)}.pkl" if cache_dir else None
        if cache is not None and cache.exists():
            try:
                with cache.open("rb") as f:
                    model = pickle.load(f)  # noqa: S301 - our own file, written below
                return cls(model, tuple(model.classes_), vocab)
            except Exception as exc:  # a damaged cache is retrained, never fatal
                log.warning("question-act cache %s unreadable (%s); retraining", cache, exc)
        clf = cls.train(examples, vocab)
        if cache is not None:
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache.with_suffix(".tmp")
                with tmp.open("wb") as f:
                    pickle.dump(clf.model, f)
                tmp.replace(cache)
            except OSError as exc:
                log.warning("could not cache the question-act model in %s: %s", cache_dir, exc)
        return clf

    def predict(self, text: str) -> ActPrediction:
        probs = self.model.predict_proba([mask(text, self.vocab)])[0]
        order = sorted(range(len(probs)), key=lambda i: -probs[i])
        first, second = order[0], order[1] if len(order) > 1 else order[0]
        return ActPrediction(
            self.acts[first],
            float(probs[first]),
            self.acts[second],
            float(probs[second]),
            tuple((self.acts[i], float(probs[i])) for i in order),
        )


def _weights(labels: tuple[str, ...]) -> list[float]:
    """An act with more examples than the average act weighs as much as the average one, no more: out_of_scope
    holds many more examples (unrelated subjects are many), which is no reason to find a message likelier
    unrelated. The other acts keep weight 1, so their balance is the examples' own."""
    counts = Counter(labels)
    mean = sum(counts.values()) / len(counts)
    return [min(1.0, mean / counts[label]) for label in labels]


def _cache_key(examples: Examples, vocab: Vocabulary | None) -> str:
    import sklearn

    words = "|".join(sorted(vocab.awards) + sorted(vocab.levels) + sorted(vocab.stars)) if vocab else ""
    h = hashlib.sha256(f"{examples.digest}|{MASK_VERSION}|{_MODEL}|{sklearn.__version__}|{words}".encode())
    return h.hexdigest()[:16]
