"""The policy's own words on false claims (弄虚作假 … 追回 / 失信), quoted when a misstatement is refused."""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexing.types import Clause

# One sentence (between 。/；) that names falsifying and its consequence: found by its words, so a policy whose
# 附则 numbers the clause differently is still quoted.
_SENTENCE = re.compile(r"[^。；\n]*(?:弄虚作假|骗取)[^。；\n]*[。；]?")
_CONSEQUENCE = re.compile(r"追回|失信|追究")


def false_claim_quote(clauses: Iterable[Clause]) -> tuple[Clause, str] | None:
    """(the clause, its verbatim sentence) saying what happens to those who falsify an application; else None."""
    for clause in clauses:
        for m in _SENTENCE.finditer(clause.text):
            sentence = m.group(0).strip()
            if _CONSEQUENCE.search(sentence):
                return clause, sentence.rstrip("；")
    return None
