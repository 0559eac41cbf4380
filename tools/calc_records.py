"""The award calculator's output records. ``CalcResult.to_dict()`` is the JSON contract of ``calc --json``
and of the LangChain tool."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as dc_field  # ClaimResult has a fact called "field"
from datetime import date
from typing import Any

from tools.amounts import format_wan

AmountKind = str  # cash / points / case_by_case / other_document / service


def amount_text(
    kind: AmountKind, yuan: int | None, is_ceiling: bool, documents: list[str] | None = None
) -> str:
    """How an amount is said to people: 最高 50万元, 5万元, 积分奖励, 一事一议 …"""
    if kind == "cash":
        if yuan is None:
            return "金额待定"
        return f"最高 {format_wan(yuan)}" if is_ceiling else format_wan(yuan)
    if kind == "other_document":
        return f"按{'、'.join(documents or [])}相关政策执行"
    return {"points": "积分奖励", "case_by_case": "一事一议", "service": "免费服务（无现金奖补）"}.get(
        kind, kind
    )


@dataclass
class MissingFact:
    """A fact the calculator needs, with the question to ask for it.

    ``required``: without it the claim's eligibility is undetermined; otherwise the calculator assumed the
    favourable case (registered locally, no exclusion …) and says so in its steps.
    """

    field: (
        str  # where it goes in the request, e.g. claims[0].investment_yuan or enterprise.local_tax_paid_yuan
    )
    name: str  # the bare field name, e.g. investment_yuan
    label: str
    question: str
    rule_id: str | None = None
    required: bool = True


@dataclass
class ClaimResult:
    index: int  # position in the request's claims
    rule_id: str
    title: str
    doc_id: str
    eligible: bool | None  # None: undetermined, facts are missing
    amount_kind: AmountKind
    amount_yuan: int | None  # cash only; 0 when not eligible
    is_ceiling: bool  # 最高/不超过: the amount is an upper limit, not a promise
    amount_text: str
    counted: bool  # counted in the total (False when not eligible or dropped by 就高不重复)
    clause: list[str]
    clause_path: str
    quote: str
    department: list[str]
    handled_by: str  # 附则（三）: who gathers it for approval
    documents: list[str] = dc_field(default_factory=list)
    level: str | None = None
    star: int | None = None
    field: str | None = None
    qualifiers: list[str] = dc_field(default_factory=list)  # their names in the rule book (国家级、五星级 …)
    project: str | None = None
    year: int | None = None
    steps: list[str] = dc_field(default_factory=list)
    missing: list[str] = dc_field(default_factory=list)
    reason: str | None = None  # why not eligible or not counted
    superseded_by: int | None = None  # index of the claim kept under 就高不重复
    # each level/star/field and its amount, listed when the claim does not say which
    options: list[dict[str, Any]] = dc_field(default_factory=list)
    # the applicant's own figure for this award (claims[].stated_yuan), when the amount was taken from it
    stated_yuan: int | None = None


@dataclass
class PrincipleStep:
    """One principle of 附则 and what it did to this calculation."""

    id: str
    title: str
    clause: list[str]
    quote: str
    applied: bool  # it changed the result (or made the enterprise ineligible)
    steps: list[str] = dc_field(default_factory=list)


@dataclass
class CalcResult:
    doc_id: str
    doc_number: str
    as_of: date
    in_validity: bool
    eligible: bool | None
    claims: list[ClaimResult]
    total_yuan: int  # cash counted, after 就高不重复 and the tax cap
    total_is_ceiling: bool
    total_before_tax_cap_yuan: int
    principles: list[PrincipleStep] = dc_field(default_factory=list)
    missing: list[MissingFact] = dc_field(default_factory=list)
    warnings: list[str] = dc_field(default_factory=list)
    non_cash: list[str] = dc_field(default_factory=list)  # 积分奖励/一事一议/其他文件/服务, not in the total

    @property
    def total_text(self) -> str:
        return amount_text("cash", self.total_yuan, self.total_is_ceiling)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["as_of"] = self.as_of.isoformat()
        d["total_text"] = self.total_text
        return d
