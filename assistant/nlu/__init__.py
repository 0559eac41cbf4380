"""Understanding learned from examples: question acts declared as data, a classifier trained on them, and the
masking that lets one example stand for every award of the rule book."""

from assistant.nlu.classifier import ActClassifier, ActPrediction
from assistant.nlu.examples import load_examples, mask

__all__ = ["ActClassifier", "ActPrediction", "load_examples", "mask"]
