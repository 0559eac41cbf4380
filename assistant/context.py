"""Everything a planner needs, loaded once: the index, the rule book, the planner's vocabulary and the tools."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.settings import Settings
from assistant.topics import HeadingIndex
from assistant.vocabulary import Vocabulary
from indexing.types import Clause, DocMeta

_HANZI = re.compile(r"[\u4e00-\u9fff]+")


@dataclass
class EngineContext:
    settings: Settings
    index: Any  # indexing.index.PolicyIndex
    book: Any  # tools.rulebook.RuleBook
    vocab: Vocabulary
    search_tool: Any
    calc_tool: Any
    headings: HeadingIndex = field(init=False)
    _by_path: dict[tuple[str, tuple[str, ...]], Clause] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        clauses = list(self.index.clauses)
        self.headings = HeadingIndex(clauses)
        self._by_path = {(c.doc_id, c.path): c for c in clauses}
        self._corpus_text = "\n".join(c.path_str + "\n" + c.text for c in clauses)

    def unknown_terms(self, text: str) -> list[str]:
        """Words of four or more Chinese characters in ``text`` that the corpus never uses (高新技术, 专利申请):
        a question built around one of them is about something this policy does not cover."""
        words = dict.fromkeys(
            w for w in self.index.tokenizer.cut(text) if len(w) >= 4 and _HANZI.fullmatch(w)
        )
        # A compound whose two-character parts the policy all uses (人才培养: 人才, 培养) is its subject in other
        # words; one with a part it never uses (高新技术: 高新) is not.
        return [
            w
            for w in words
            if w not in self._corpus_text
            and any(w[i : i + 2] not in self._corpus_text for i in range(0, len(w) - 1, 2))
        ]

    @classmethod
    def load(cls, settings: Settings, progress: bool = False) -> EngineContext:
        from indexing.index import PolicyIndex
        from tools.calculator_tool import make_calculator_tool
        from tools.policy_search import make_policy_search_tool
        from tools.rulebook import RuleBook

        index = PolicyIndex.open(settings, progress=progress)
        book = RuleBook.load(settings.corpus_dir)
        vocab = build_vocabulary(book, settings)
        return cls(settings, index, book, vocab, make_policy_search_tool(index), make_calculator_tool(book))

    @property
    def documents(self) -> list[Any]:
        return list(self.index.documents)

    def meta(self, doc_id: str | None = None) -> DocMeta:
        docs = self.documents
        for d in docs:
            if doc_id is None or d.meta.doc_id == doc_id:
                return d.meta
        return docs[0].meta

    def clause(self, clause_id: str) -> Clause:
        return self.index.clause(clause_id)

    def clause_by_path(self, path: tuple[str, ...] | list[str], doc_id: str | None = None) -> Clause | None:
        if doc_id is not None:
            return self._by_path.get((doc_id, tuple(path)))
        return next((c for (_, p), c in self._by_path.items() if p == tuple(path)), None)

    def book_clause(self, principle_id: str, doc_id: str | None = None) -> Clause | None:
        """The clause a principle of 附则 lives in (scope, exclusions, fraud, validity …), from rules.yaml."""
        doc_id = doc_id or self.meta().doc_id
        try:
            principle = self.book.principle(doc_id, principle_id)
        except KeyError:
            return None
        return self.clause_by_path(principle.clause, doc_id)


def build_vocabulary(book: Any, settings: Settings) -> Vocabulary:
    """The planner's words come from rules.yaml (aliases, levels, stars, exclusions) and the corpus terms."""
    from indexing.tokenizer import load_terms

    return Vocabulary.from_rulebook(book, {w for w in load_terms(settings.corpus_dir) if len(w) >= 2})
