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


def _step(ctx: PrincipleContext, pid: str, applied: bool, steps: list[str]) -> PrincipleStep:
    p = ctx.doc.principles[pid]
    return PrincipleStep(p.id, p.title, list(p.clause), p.quote, applied, steps)


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
        ex_steps.append("未报告除外情形（落后限制淘汰类工业企业；实施期限内较大及以上安全事故、重大环境污染事故、"
                        "严重违法经营、恶意欠薪造成较大影响、严重失信），按无此情形测算")  # fmt: skip
    if reasons:
        steps.append(f"✗ {'、'.join(reasons)}：不在本政策适用范围内")
    out.steps.append(_step(ctx, "scope", bool(reasons), steps))
    out.steps.append(_step(ctx, "exclusions", bool(ex_reasons), ex_steps))
    if reasons or ex_reasons:
        out.enterprise_eligible = False
        why = "；".join(
            ([f"不在适用范围内（{'、'.join(reasons)}）"] if reasons else [])
            + ([f"属于附则（一）除外情形（{'；'.join(ex_reasons)}）"] if ex_reasons else [])
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
    cash = [c for c in ctx.claims if c.counted and c.amount_kind == "cash" and c.amount_yuan]
    out.total_before_tax_cap_yuan = sum(c.amount_yuan or 0 for c in cash)
    out.total_is_ceiling = any(c.is_ceiling for c in cash)
    steps: list[str] = []
    if not cash:
        out.total_yuan = 0
        out.steps.append(_step(ctx, "tax_cap", False, ["无现金奖补，不涉及年度地方税收上限"]))
        return
    years = {c.year for c in cash if c.year is not None}
    by_year: dict[int | None, list[ClaimResult]] = defaultdict(list)
    for c in cash:  # a claim with no year joins the only year named, if there is one
        by_year[c.year if c.year is not None or len(years) != 1 else next(iter(years))].append(c)
    if fact(ent, "newly_introduced"):
        out.total_yuan = out.total_before_tax_cap_yuan
        steps.append(f"新引进项目：不受年度地方税收总额限制，合计 {format_wan(out.total_yuan)}")
        out.steps.append(_step(ctx, "tax_cap", True, steps))
        return
    total, applied, asked = 0, False, False
    for year, members in sorted(by_year.items(), key=lambda kv: kv[0] or 0):
        subtotal = sum(c.amount_yuan or 0 for c in members)
        label = f"{year}年" if year else "该年度"
        tax = (fact(ent, "local_tax_by_year") or {}).get(year) if year is not None else None
        if tax is None:
            tax = fact(ent, "local_tax_paid_yuan")
        if tax is None:
            total += subtotal
            if not asked:
                out.missing.append(_fact(ctx, "local_tax_paid_yuan"))
                out.warnings.append(
                    "未提供该年度对地方税收总额：除新引进项目外，单个企业年度奖补总额原则上不超过该年度对地方税收总额，"
                    "合计未按此核减"
                )
                asked = True
            steps.append(
                f"{label}奖补合计 {format_wan(subtotal)}；未提供地方税收，未核减（原则上不超过地方税收）"
            )
            continue
        if subtotal > tax:
            applied = True
            total += tax
            note = "（若属新引进项目则不受此限）" if fact(ent, "newly_introduced") is None else ""
            steps.append(f"{label}奖补合计 {format_wan(subtotal)} 超过该年度对地方税收总额 {format_wan(tax)}，"
                         f"按 {format_wan(tax)}{note}")  # fmt: skip
            if fact(ent, "newly_introduced") is None:
                out.missing.append(_fact(ctx, "newly_introduced"))
        else:
            total += subtotal
            steps.append(
                f"{label}奖补合计 {format_wan(subtotal)} 未超过该年度对地方税收总额 {format_wan(tax)}"
            )
    if (
        len(by_year) > 1
        and fact(ent, "local_tax_paid_yuan") is not None
        and not (fact(ent, "local_tax_by_year") or {})
    ):
        out.warnings.append(
            "奖补涉及多个年度，但只给出一个地方税收数额，已按每个年度相同处理；可用 local_tax_by_year 分年给出"
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
    stated_yuan: int, tax_yuan: int | None, newly_introduced: bool | None
) -> tuple[int, list[str]]:
    """The yearly cap applied to a total of awards the enterprise worked out itself (no award named): (the total
    payable, the steps). The same rule as ``_tax_cap``, for a figure that is not a claim of this calculator."""
    if newly_introduced:
        return stated_yuan, [f"新引进项目：不受年度地方税收总额限制，按 {format_wan(stated_yuan)}"]
    if tax_yuan is None:
        return stated_yuan, [f"奖补合计 {format_wan(stated_yuan)}；未提供该年度对地方税收总额，未核减"]
    note = "（若属新引进项目则不受此限）" if newly_introduced is None else ""
    if stated_yuan > tax_yuan:
        return tax_yuan, [
            f"奖补合计 {format_wan(stated_yuan)} 超过该年度对地方税收总额 {format_wan(tax_yuan)}，"
            f"按 {format_wan(tax_yuan)}{note}"
        ]
    return stated_yuan, [
        f"奖补合计 {format_wan(stated_yuan)} 未超过该年度对地方税收总额 {format_wan(tax_yuan)}，按 {format_wan(stated_yuan)}"
    ]
