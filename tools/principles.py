"""The principles of 附则, applied to the claims after each was worked out by its own rule.

In order: scope and exclusions (附则（一）), 就高不重复 (附则（二）), the yearly cap at the local tax paid with the
新引进项目 exception (附则（二）), validity (附则（四）, dates from meta.yaml), and who handles what (附则（三）).
Each principle's clause and quote come from rules.yaml; this module only decides when each applies.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from common.errors import BadClaim
from common.markdown import cited_as
from tools.amounts import format_wan
from tools.calc_records import ClaimResult, MissingFact, PrincipleStep
from tools.calc_schema import CalcRequest, fact
from tools.rule_records import DocRules
from tools.rule_vocabulary import fold_word
from tools.rulebook import RuleBook


@dataclass
class PrincipleContext:
    doc: DocRules
    book: RuleBook
    request: CalcRequest
    as_of: date
    claims: list[ClaimResult]


@dataclass
class Outcome:
    enterprise_eligible: bool = True
    in_validity: bool = True
    total_yuan: int = 0
    total_before_tax_cap_yuan: int = 0
    total_is_ceiling: bool = False
    steps: list[PrincipleStep] = field(default_factory=list)
    missing: list[MissingFact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    non_cash: list[str] = field(default_factory=list)


def apply_principles(ctx: PrincipleContext) -> Outcome:
    out = Outcome()
    _scope(ctx, out)
    _highest_only(ctx, out)
    _tax_cap(ctx, out)
    _validity(ctx, out)
    _implementation(ctx, out)
    if not any(c.counted for c in ctx.claims):  # nothing to claim: questions about the enterprise are moot
        out.missing = [m for m in out.missing if m.required]
    out.non_cash = [
        f"{c.title}：{c.amount_text}" for c in ctx.claims if c.counted and c.amount_kind != "cash"
    ]
    return out


@dataclass(frozen=True)
class CapFacts:
    """The facts the yearly cap reads: rules.yaml declares them with ``principle: tax_cap``, told apart by type."""

    amount: str | None  # the yearly limit (yuan)
    by_year: str | None  # the limit per year ({year: yuan})
    exempt: str | None  # a yes/no fact whose yes lifts the cap

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.amount, self.by_year, self.exempt) if n)


def cap_facts(doc: DocRules) -> CapFacts:
    def of(kind: str) -> str | None:
        return next((s.name for s in doc.facts.values() if s.principle == "tax_cap" and s.type == kind), None)

    return CapFacts(of("yuan"), of("yuan_by_year"), of("bool"))


def _step(ctx: PrincipleContext, pid: str, applied: bool, steps: list[str]) -> PrincipleStep:
    p = ctx.doc.principles[pid]
    return PrincipleStep(p.id, p.title, list(p.clause), p.quote, applied, steps)


def _label(ctx: PrincipleContext, name: str) -> str:
    spec = ctx.doc.facts.get(name)
    return spec.label if spec else name


def _fact(ctx: PrincipleContext, name: str, required: bool = False) -> MissingFact:
    spec = ctx.doc.facts.get(name)
    label, question = (spec.label, spec.question) if spec else (name, f"请提供 {name}")
    return MissingFact(f"enterprise.{name}", name, label, question, None, required)


def _drop_all(ctx: PrincipleContext, reason: str) -> None:
    for c in ctx.claims:
        c.eligible, c.counted, c.reason = False, False, reason
        c.amount_yuan = 0 if c.amount_kind == "cash" else None
        c.is_ceiling, c.amount_text, c.options, c.missing = False, "不符合条件", [], []
        c.steps = [f"✗ {reason}"]  # the rule's own steps would show an amount the enterprise cannot get


def _scope(ctx: PrincipleContext, out: Outcome) -> None:
    ent = ctx.request.enterprise
    steps, reasons = [], []
    # The facts the scope principle needs are those rules.yaml declares with ``principle: scope``.
    scope_facts = [s for s in ctx.doc.facts.values() if s.principle == "scope" and s.type == "bool"]
    for spec in scope_facts:
        name, text = spec.name, spec.label.removeprefix("是否")
        value = fact(ent, name)
        if value is None:
            steps.append(f"未确认是否{text}，按符合测算")
            out.missing.append(_fact(ctx, name))
        elif value:
            steps.append(f"✓ {text}")
        else:
            reasons.append(f"不{text}")
    ex_steps, ex_reasons = [], []
    ids = {e.id for e in ctx.doc.exclusions}
    for raw in ent.exclusions:
        ex_id = ctx.book.vocabulary.exclusion_id(raw, ids)
        if ex_id is None:
            allowed = "、".join(f"{e.id}（{e.name}）" for e in ctx.doc.exclusions)
            raise BadClaim(f"enterprise.exclusions: 未知除外情形“{raw}”，可选：{allowed}")
        ex_reasons.append(ctx.book.exclusion(ex_id).name)
    if ex_reasons:
        ex_steps.append(f"✗ 属于除外情形：{'；'.join(ex_reasons)}，不适用本政策")
    else:
        named = "；".join(e.name for e in ctx.doc.exclusions)
        ex_steps.append(f"未报告除外情形（{named}），按无此情形测算" if named else "本文件未列除外情形")
    if reasons:
        steps.append(f"✗ {'、'.join(reasons)}：不在本政策适用范围内")
    out.steps.append(_step(ctx, "scope", bool(reasons), steps))
    out.steps.append(_step(ctx, "exclusions", bool(ex_reasons), ex_steps))
    if reasons or ex_reasons:
        out.enterprise_eligible = False
        where = cited_as(ctx.doc.principles["exclusions"].clause, with_title=False)
        why = "；".join(
            ([f"不在适用范围内（{'、'.join(reasons)}）"] if reasons else [])
            + ([f"属于{where}除外情形（{'；'.join(ex_reasons)}）"] if ex_reasons else [])
        )
        _drop_all(ctx, f"企业不适用本政策：{why}")


def _highest_only(ctx: PrincipleContext, out: Outcome) -> None:
    groups: dict[str, list[ClaimResult]] = defaultdict(list)
    for c in ctx.claims:
        if c.counted and c.project and c.project.strip():
            groups[fold_word(c.project.strip())].append(c)
    steps: list[str] = []
    applied = False
    for members in groups.values():
        if len(members) < 2:
            continue
        applied = True
        cash = [c for c in members if c.amount_kind == "cash"]
        keep = max(cash or members, key=lambda c: (c.amount_yuan or 0, -c.index))
        listing = "、".join(f"{c.title} {c.amount_text}" for c in members)
        steps.append(f"同一事项“{keep.project}”：{listing} → 就高只计 {keep.title} {keep.amount_text}")
        for c in members:
            if c is keep:
                continue
            c.counted, c.superseded_by = False, keep.index
            c.reason = f"与 claims[{keep.index}] 属同一事项“{keep.project}”，按就高不重复只计 {keep.title}"
            c.steps.append(f"按就高不重复不另计（保留 {keep.title} {keep.amount_text}）")
    counted = [c for c in ctx.claims if c.counted]
    if not applied and len(counted) > 1:
        steps.append("各项奖励未标明属于同一事项（project），分别计算；若其中几项属同一事项，只计最高一项")
    if counted:
        steps.append(f"同时符合{ctx.doc.place or '本地'}其他政策的，也按就高不重复原则支持，不重复享受")
    out.steps.append(_step(ctx, "highest_only", applied, steps))


def _tax_cap(ctx: PrincipleContext, out: Outcome) -> None:
    ent = ctx.request.enterprise
    names = cap_facts(ctx.doc)

    def given(name: str | None) -> object:
        return fact(ent, name) if name else None

    cash = [c for c in ctx.claims if c.counted and c.amount_kind == "cash" and c.amount_yuan]
    out.total_before_tax_cap_yuan = sum(c.amount_yuan or 0 for c in cash)
    out.total_is_ceiling = any(c.is_ceiling for c in cash)
    if names.amount is None and names.by_year is None:  # a document whose rules declare no yearly limit
        out.total_yuan = out.total_before_tax_cap_yuan
        return
    limit = _label(ctx, names.amount or names.by_year or "")  # 该年度对地方税收总额
    exempt = _label(ctx, names.exempt).removeprefix("是否") if names.exempt else ""  # 新引进项目
    steps: list[str] = []
    if not cash:
        out.total_yuan = 0
        out.steps.append(_step(ctx, "tax_cap", False, [f"无现金奖补，不涉及{limit}上限"]))
        return
    years = {c.year for c in cash if c.year is not None}
    by_year: dict[int | None, list[ClaimResult]] = defaultdict(list)
    for c in cash:  # a claim with no year joins the only year named, if there is one
        by_year[c.year if c.year is not None or len(years) != 1 else next(iter(years))].append(c)
    if given(names.exempt):
        out.total_yuan = out.total_before_tax_cap_yuan
        steps.append(f"{exempt}：不受{limit}限制，合计 {format_wan(out.total_yuan)}")
        out.steps.append(_step(ctx, "tax_cap", True, steps))
        return
    exempt_unknown = names.exempt is not None and given(names.exempt) is None
    per_year = given(names.by_year) or {}
    assert isinstance(per_year, dict)
    total, applied, asked = 0, False, False
    for year, members in sorted(by_year.items(), key=lambda kv: kv[0] or 0):
        subtotal = sum(c.amount_yuan or 0 for c in members)
        label = f"{year}年" if year else "该年度"
        tax = per_year.get(year) if year is not None else None
        if tax is None:
            tax = given(names.amount)
        if not isinstance(tax, int):
            total += subtotal
            if not asked:
                out.missing.append(_fact(ctx, names.amount or names.by_year or ""))
                unless = f"除{exempt}外，" if exempt else ""
                out.warnings.append(
                    f"未提供{limit}：{unless}单个企业年度奖补总额原则上不超过{limit}，合计未按此核减"
                )
                asked = True
            steps.append(
                f"{label}奖补合计 {format_wan(subtotal)}；未提供{limit}，未核减（原则上不超过{limit}）"
            )
            continue
        if subtotal > tax:
            applied = True
            total += tax
            note = f"（若属{exempt}则不受此限）" if exempt_unknown else ""
            steps.append(f"{label}奖补合计 {format_wan(subtotal)} 超过{limit} {format_wan(tax)}，"
                         f"按 {format_wan(tax)}{note}")  # fmt: skip
            if exempt_unknown:
                out.missing.append(_fact(ctx, names.exempt or ""))
        else:
            total += subtotal
            steps.append(f"{label}奖补合计 {format_wan(subtotal)} 未超过{limit} {format_wan(tax)}")
    if len(by_year) > 1 and given(names.amount) is not None and not per_year:
        out.warnings.append(
            f"奖补涉及多个年度，但{limit}只给出一个数额，已按每个年度相同处理；可用 {names.by_year} 分年给出"
            if names.by_year
            else f"奖补涉及多个年度，但{limit}只给出一个数额，已按每个年度相同处理"
        )
    out.total_yuan = total
    out.steps.append(_step(ctx, "tax_cap", applied, steps))


def _validity(ctx: PrincipleContext, out: Outcome) -> None:
    doc = ctx.doc
    span = f"{doc.valid_from.isoformat()} 至 {doc.valid_until.isoformat()}"
    out.in_validity = doc.valid_from <= ctx.as_of <= doc.valid_until
    if out.in_validity:
        steps = [f"测算日期 {ctx.as_of.isoformat()} 在政策有效期（{span}）内"]
    else:
        steps = [f"测算日期 {ctx.as_of.isoformat()} 不在政策有效期（{span}）内；以下仅按政策原文测算"]
        out.warnings.append(
            f"测算日期 {ctx.as_of.isoformat()} 不在 {doc.number} 有效期（{span}）内，结果仅供参考，"
            f"现行政策请咨询{doc.contact_department or '责任部门'}"
        )
    for c in ctx.claims:
        if c.year is None:
            continue
        if c.year < doc.valid_from.year or c.year > doc.valid_until.year:
            msg = f"claims[{c.index}] {c.title}：{c.year}年不在政策有效期（{span}）内"
        elif c.year == doc.valid_until.year:
            msg = (
                f"claims[{c.index}] {c.title}：{c.year}年只有 {doc.valid_until.isoformat()} 前在政策有效期内"
            )
        else:
            continue
        out.warnings.append(msg)
        steps.append(msg)
    out.steps.append(_step(ctx, "validity", not out.in_validity, steps))


def _implementation(ctx: PrincipleContext, out: Outcome) -> None:
    routes: dict[str, list[str]] = defaultdict(list)
    for c in ctx.claims:
        if c.counted:
            routes[c.handled_by].append(c.title)
    steps = ["各奖补事项由责任部门负责解释并实施"]
    steps += [f"{who}：{'、'.join(titles)}" for who, titles in routes.items()]
    out.steps.append(_step(ctx, "implementation", False, steps))


def cap_stated_total(
    doc: DocRules, stated_yuan: int, limit_yuan: int | None, exempt: bool | None
) -> tuple[int, list[str]]:
    """The yearly cap applied to a total of awards the enterprise worked out itself (no award named): (the total
    payable, the steps). The same rule as ``_tax_cap``, for a figure that is not a claim of this calculator."""
    names = cap_facts(doc)
    limit = doc.facts[names.amount].label if names.amount else "年度上限"
    exempt_text = doc.facts[names.exempt].label.removeprefix("是否") if names.exempt else ""
    if exempt and exempt_text:
        return stated_yuan, [f"{exempt_text}：不受{limit}限制，按 {format_wan(stated_yuan)}"]
    if limit_yuan is None:
        return stated_yuan, [f"奖补合计 {format_wan(stated_yuan)}；未提供{limit}，未核减"]
    note = f"（若属{exempt_text}则不受此限）" if exempt is None and exempt_text else ""
    if stated_yuan > limit_yuan:
        return limit_yuan, [
            f"奖补合计 {format_wan(stated_yuan)} 超过{limit} {format_wan(limit_yuan)}，按 {format_wan(limit_yuan)}{note}"
        ]
    return stated_yuan, [
        f"奖补合计 {format_wan(stated_yuan)} 未超过{limit} {format_wan(limit_yuan)}，按 {format_wan(stated_yuan)}"
    ]
