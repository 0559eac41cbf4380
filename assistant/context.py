"""Everything a planner needs, loaded once: the index, the rule book, the planner's vocabulary and the tools."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from assistant.relevance import Relevance
from assistant.scope import Coverage
from assistant.settings import Settings
from assistant.topics import HeadingIndex
from assistant.vague_amounts import is_vague_amount
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
    doc_id: str | None = None  # the document this context answers from; None = the whole corpus
    coverage: Coverage = field(default_factory=Coverage)
    headings: HeadingIndex = field(init=False)
    _by_path: dict[tuple[str, tuple[str, ...]], Clause] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        clauses = [c for c in self.index.clauses if self.doc_id is None or c.doc_id == self.doc_id]
        self.headings = HeadingIndex(clauses)
        self._by_path = {(c.doc_id, c.path): c for c in clauses}
        self._corpus_text = "\n".join(c.path_str + "\n" + c.text for c in clauses)
        if not self.coverage.names:
            self.coverage = corpus_coverage([d.meta for d in self.index.documents])

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
            and not is_vague_amount(w)  # "好几百万": an amount not given, not a subject
            and any(w[i : i + 2] not in self._corpus_text for i in range(0, len(w) - 1, 2))
        ]

    @cached_property
    def relevance(self) -> Relevance:
        """The share of a message's content words this corpus, its rules and the in-scope examples use."""
        from assistant.nlu.examples import load_examples

        examples = load_examples()
        return Relevance(
            self.index.tokenizer.cut,
            self._corpus_text,
            self.vocab_words(),
            zip(examples.labels, examples.texts, strict=True),
            self.coverage.names,
            self.index.tokenizer.in_dictionary,
        )

    @cached_property
    def document_names(self) -> tuple[str, ...]:
        """The names the corpus's documents go by in a question (若干政策, the number, the title), no place alone."""
        from assistant.document_names import document_names

        return document_names(d.meta for d in self.index.documents)

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
        """A document's metadata: ``doc_id``'s, else this context's document's; never a silent first pick."""
        docs = {d.meta.doc_id: d.meta for d in self.documents}
        wanted = doc_id or self.doc_id or (next(iter(docs)) if len(docs) == 1 else None)
        if wanted is None:
            raise ValueError(f"several documents ({', '.join(docs)}): say which one (EngineContext.for_doc)")
        if wanted not in docs:
            raise KeyError(f"no document {wanted!r} in the corpus ({', '.join(docs)})")
        return docs[wanted]

    def vocab_words(self) -> set[str]:
        """Every word of the planner's vocabulary and the corpus terms (routing lets them shadow place names)."""
        words = set(self.vocab.terms)
        for table in ("awards", "levels", "stars", "exclusions", "principles", "fields"):
            words.update(getattr(self.vocab, table, {}) or {})
        return words

    def has_rules(self, doc_id: str) -> bool:
        return self.book is not None and doc_id in self.book.docs

    def for_doc(self, doc_id: str) -> EngineContext:
        """The context of one document: its clauses, its own rules and vocabulary, search filtered to it."""
        from tools.calculator_tool import make_calculator_tool
        from tools.policy_search import make_policy_search_tool
        from tools.rulebook import RuleBook

        self.meta(doc_id)  # an unknown id fails here, by name
        book = RuleBook([self.book.docs[doc_id]]) if self.has_rules(doc_id) else None
        view = DocIndexView(self.index, doc_id)
        vocab = build_vocabulary(book, self.settings) if book else self.vocab
        return EngineContext(
            self.settings,
            view,
            book,
            vocab,
            make_policy_search_tool(view),
            make_calculator_tool(book) if book else None,
            doc_id=doc_id,
            coverage=self.coverage,
        )

    def clause(self, clause_id: str) -> Clause:
        return self.index.clause(clause_id)

    def clause_by_path(self, path: tuple[str, ...] | list[str], doc_id: str | None = None) -> Clause | None:
        doc_id = doc_id or self.doc_id
        if doc_id is not None:
            return self._by_path.get((doc_id, tuple(path)))
        return next((c for (_, p), c in self._by_path.items() if p == tuple(path)), None)

    def names_and_labels(self, doc_id: str) -> tuple[dict[str, str], dict[str, str]]:
        """The document's level/star/field names (national → 国家级) and fact labels, for the answer's lines."""
        doc = self.book.doc(doc_id)
        names = {k: t.name for k, t in {**doc.vocabulary.levels, **doc.vocabulary.fields}.items()}
        names |= {str(k): t.name for k, t in doc.vocabulary.stars.items()}
        return names, {k: f.label for k, f in doc.facts.items()}

    def quoting_clause(self, rule: Any) -> Clause | None:
        """The clause a rule lives in, when the rule's quote stands in it word for word: the only clause the rule
        may be cited with (composer.cite refuses any other quote)."""
        clause = self.clause_by_path(rule.clause, rule.doc_id)
        return clause if clause is not None and rule.quote in clause.text else None

    def book_clause(self, principle_id: str, doc_id: str | None = None) -> Clause | None:
        """The clause a principle of 附则 lives in (scope, exclusions, fraud, validity …), from rules.yaml."""
        doc_id = doc_id or self.meta().doc_id
        if not self.has_rules(doc_id):
            return None
        try:
            principle = self.book.principle(doc_id, principle_id)
        except KeyError:
            return None
        return self.clause_by_path(principle.clause, doc_id)


def build_vocabulary(book: Any, settings: Settings) -> Vocabulary:
    """The planner's words come from rules.yaml (aliases, levels, stars, exclusions) and the corpus terms."""
    from indexing.tokenizer import load_terms

    return Vocabulary.from_rulebook(book, {w for w in load_terms(settings.corpus_dir) if len(w) >= 2})


class DocIndexView:
    """A PolicyIndex seen through one document: search returns only that document's chunks."""

    def __init__(self, index: Any, doc_id: str) -> None:
        self._index = index
        self.doc_id = doc_id

    def search(self, query: str, k: int | None = None, doc_ids: Any = None) -> list[Any]:
        # A caller (an LLM's tool call) asking for another document still searches only this one.
        return list(self._index.search(query, k, doc_ids=[self.doc_id]))

    @property
    def clauses(self) -> list[Clause]:
        return [c for c in self._index.clauses if c.doc_id == self.doc_id]

    @property
    def documents(self) -> list[Any]:
        return [d for d in self._index.documents if d.meta.doc_id == self.doc_id]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)


def corpus_coverage(metas: list[DocMeta]) -> Coverage:
    """The corpus's places and names, the phrases its documents say they do not cover, and a label for refusals."""
    from assistant.routing import profile_of

    names: set[str] = set()
    elsewhere: list[str] = []
    for meta in metas:
        names.update(profile_of(meta, False).names)
        elsewhere += meta.not_covered
    labels = "、".join(f"{m.place}{m.number}".strip() or m.title for m in metas)
    titles = "、".join(
        f"《{m.short_title or m.title}》" + (f"（{m.number}）" if m.number else "") for m in metas
    )
    intro = (
        f"我可以解答{titles}：奖补条件和金额测算、目标任务、责任部门、适用范围和有效期。" if titles else ""
    )
    contacts = list(dict.fromkeys(m.contact_department or m.issuer for m in metas))
    return Coverage(
        tuple(sorted(names)),
        labels or "语料库中的政策文件",
        tuple(elsewhere),
        intro,
        "、".join(contacts) or "相关主管部门",
        tuple(e for m in metas for e in m.examples),
    )
