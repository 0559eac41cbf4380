"""Errors a user should see; defined in :mod:`common.errors` (the bottom layer) and re-exported here."""

from common.errors import (
    AssistantError,
    BadAmount,
    BadClaim,
    BadFeedback,
    BadQuery,
    ConfigError,
    CorpusError,
    ImportProblem,
    IndexNotBuilt,
)

__all__ = [
    "AssistantError",
    "BadAmount",
    "BadClaim",
    "BadFeedback",
    "BadQuery",
    "ConfigError",
    "CorpusError",
    "ImportProblem",
    "IndexNotBuilt",
]
