"""Records of the award rules, as read from corpus/<doc>/rules.yaml by ``tools.rulebook``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

CASH_KINDS = ("fixed", "ceiling", "percent_of_base", "interest_subsidy")
CHOICE_KINDS = {
    "by_level": "levels",
    "by_star": "stars",
    "by_field": "fields",
}  # kind → YAML key of the choices
OTHER_KINDS = ("points", "case_by_case", "other_document", "service")
AMOUNT_KINDS = (*CASH_KINDS, *CHOICE_KINDS, *OTHER_KINDS)


@dataclass(frozen=True)
class Threshold:
    yuan: int
    inclusive: bool  # 以上/不低于 include the boundary; 超过 excludes it
    word: str


@dataclass(frozen=True)
class Amount:
    """How a rule sets its amount. ``kind`` says which of the other fields are used."""

    kind: str
    yuan: int | None = None  # fixed, ceiling
    base: str | None = None  # percent_of_base: the claim fact the percentage is taken of
    percent: Decimal | None = None
    threshold: Threshold | None = None
    cap_yuan: int | None = None
    up_to: bool = False  # 不超过/最高: the result is a ceiling, not a promise
    loan: str | None = None  # interest_subsidy
    paid: str | None = None
    rate_percent: Decimal | None = None
    choose_by: str | None = None  # by_level/by_star/by_field: level, star or field
    choices: dict[str, Amount] = field(default_factory=dict)  # keys are strings: "national", "5", "other"
    documents: tuple[str, ...] = ()  # other_document
    service: str = ""

    @property
    def family(self) -> str:
        """cash, points, case_by_case, other_document, service, or choice."""
        if self.kind in CASH_KINDS:
            return "cash"
        return "choice" if self.kind in CHOICE_KINDS else self.kind

    @property
    def max_cash_yuan(self) -> int:
        """The most this amount can ever pay in cash (0 when it pays none)."""
        if self.kind in ("fixed", "ceiling"):
            return self.yuan or 0
        if self.kind in ("percent_of_base", "interest_subsidy"):
            return self.cap_yuan or 0
        return max((c.max_cash_yuan for c in self.choices.values()), default=0)

    @property
    def cap_reached_at_yuan(self) -> int | None:
        """The base (investment, loan) at which a rate-with-cap award reaches its cap: cap ÷ rate, in whole yuan
        rounded up (50万 ÷ 5% = 1000万). None for an award that is not a rate with a cap."""
        rate = self.percent if self.kind == "percent_of_base" else self.rate_percent
        if self.kind not in ("percent_of_base", "interest_subsidy") or not rate or not self.cap_yuan:
            return None
        base = Decimal(self.cap_yuan) * 100 / rate
        return int(base.to_integral_value(rounding="ROUND_CEILING"))


@dataclass(frozen=True)
class Condition:
    """A fact the rule requires: a yes/no fact, or an amount at least ``at_least_yuan``."""

    fact: str
    text: str
    at_least_yuan: int | None = None
    inclusive: bool = True
    word: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    clause: tuple[str, ...]
    quote: str
    department: tuple[str, ...]
    aliases: tuple[str, ...]
    amount: Amount
    doc_id: str
    conditions: tuple[Condition, ...] = ()
    levels: tuple[str, ...] = ()  # levels this rule recognises (empty: the award has no levels)
    stars: tuple[int, ...] = ()
    fields: tuple[str, ...] = ()
    once_per_year: bool = False

    @property
    def clause_path(self) -> str:
        return " › ".join(self.clause)


@dataclass(frozen=True)
class Exclusion:
    id: str
    name: str
    clause: tuple[str, ...]
    aliases: tuple[str, ...]
    doc_id: str


@dataclass(frozen=True)
class Principle:
    id: str
    title: str
    clause: tuple[str, ...]
    quote: str
    aliases: tuple[str, ...]
    doc_id: str


@dataclass(frozen=True)
class Approval:
    """附则（三）: who gathers and submits each kind of award for approval."""

    documents: dict[str, str]
    points: str
    default: str


@dataclass(frozen=True)
class FactSpec:
    """One declared fact (rules.yaml ``facts:``): a field of the calculator's input and a thing to ask about.

    ``says``/``denies`` are the words (regular expressions, ``{place}`` already filled in from meta.yaml) that
    state or deny a yes/no fact in a message; ``principle`` names the principle a false value fails (scope);
    ``part_of`` names the total this amount is part of; ``formerly`` lists earlier names of the field;
    ``hint`` marks words that only suggest the fact: they fill a claim but do not make a message about one.
    """

    name: str
    label: str
    question: str
    scope: str = "claim"
    type: str = "text"
    says: tuple[str, ...] = ()
    denies: tuple[str, ...] = ()
    principle: str | None = None
    part_of: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    formerly: tuple[str, ...] = ()
    hint: bool = False  # its words suggest the fact (a topic word) rather than state it
    # An amount fact's words: a figure next to one of them is this fact ("地方税收交了120万"). ``generic`` marks
    # the catch-all amount (投入): a specific fact's word in the same phrase outranks it. ``after``: the words also
    # name a figure they follow ("120万的税"); False where a word after a figure starts the next thing said.
    words: tuple[str, ...] = ()
    generic: bool = False
    after: bool = True
    # words naming this amount when they follow a figure said as a part of another ("其中800万是土建")
    part_words: tuple[str, ...] = ()
    # a part taken out of another amount before a rule reads it (the civil-works part of a loan counted 不含土建)
    deducted_from: str | None = None


@dataclass(frozen=True)
class Term:
    """A value people name in several ways: national → 国家级 (国家, 部级 …)."""

    name: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class DocVocabulary:
    """The ``vocabulary`` section of one rules.yaml."""

    levels: dict[str, Term]
    stars: dict[int, Term]
    fields: dict[str, Term]
    not_levels: tuple[
        str, ...
    ] = ()  # phrases holding a level word that are not a level (a platform named after a city)


@dataclass(frozen=True)
class DocRules:
    """One document's rules.yaml together with the dates and number from its meta.yaml."""

    doc_id: str
    number: str
    title: str
    valid_from: date
    valid_until: date
    contact_department: str
    rules: tuple[Rule, ...]
    exclusions: tuple[Exclusion, ...]
    principles: dict[str, Principle]
    approval: Approval
    facts: dict[str, FactSpec]
    vocabulary: DocVocabulary
    source: Path
    place: str = ""  # meta.yaml place: the sentences the principles write name it
