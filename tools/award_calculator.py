"""The award calculator: every amount the assistant states comes from here.

``calculate`` checks the request against the rule book, evaluates each claim by its rule
(``tools.award_amounts``), then applies the principles of 附则 in order: scope and exclusions, 就高不重复,
the yearly cap at the local tax paid (新引进项目 excepted), the policy's period of validity, and who handles each
award. Each step is written out in Chinese, and each missing fact comes with the question to ask for it.

Example:
    >>> book = RuleBook.load("corpus")                                              # doctest: +SKIP
    >>> req = {"claims": [{"award": "base_investment", "investment_yuan": "800万", "advanced_tech": True}]}
    >>> calculate(req, book, today=date(2024, 6, 1)).total_text                     # doctest: +SKIP
    '最高 40万元'
"""

from __future__ import annotations

from datetime import date
from typing import Any

from common.errors import BadClaim
from tools.award_amounts import OTHERS_MET, ClaimEvaluator
from tools.calc_records import CalcResult, ClaimResult, MissingFact, PrincipleStep, amount_text
from tools.calc_schema import CalcRequest, Claim, fact, parse_request
from tools.principles import PrincipleContext, apply_principles
from tools.rule_records import DocRules, FactSpec, Rule
from tools.rulebook import RuleBook

__all__ = ["calculate", "CalcResult", "ClaimResult", "MissingFact", "PrincipleStep"]


def calculate(request: CalcRequest | dict, book: RuleBook, today: date | None = None) -> CalcResult:
    """Work out every claim of ``request`` under the rules of ``book``.

    ``today`` stands in for the date when the request gives no ``as_of`` (tests pass it; default: the real
    date). Raises BadClaim, naming the field and the allowed values, for anything the rules cannot read.
    """
    request = parse_request(request, book.models)
    for i, claim in enumerate(request.claims):
        try:
            book.rule(claim.award)
        except BadClaim as exc:
            raise BadClaim(f"claims[{i}].award: {exc}") from None
    doc = _pick_doc(request, book)
    as_of = request.as_of or today or date.today()
    _check_once_per_year(request.claims, book)
    evaluator = ClaimEvaluator(doc, book.vocabulary)
    results: list[ClaimResult] = []
    missing: list[MissingFact] = []
    warnings: list[str] = []
    for i, claim in enumerate(request.claims):
        rule = book.rule(claim.award)
        level, star, fld = _normalise(i, claim, rule, book)
        warnings += _unused_facts(i, claim, rule, book.models.names("claim", "yuan", "bool"), doc.facts)
        ev = evaluator.evaluate(rule, claim, level, star, fld)
        handled_by = _handled_by(doc, ev.kind, ev.documents)
        results.append(
            ClaimResult(
                index=i,
                rule_id=rule.id,
                title=rule.title,
                doc_id=doc.doc_id,
                eligible=ev.eligible,
                amount_kind=ev.kind,
                amount_yuan=ev.amount_yuan,
                is_ceiling=ev.is_ceiling,
                amount_text="不符合条件"
                if ev.eligible is False
                else ev.text or amount_text(ev.kind, ev.amount_yuan, ev.is_ceiling, ev.documents),
                counted=ev.eligible is not False,
                clause=list(rule.clause),
                clause_path=rule.clause_path,
                quote=rule.quote,
                department=list(rule.department),
                handled_by=handled_by,
                documents=ev.documents,
                level=level,
                star=star,
                field=fld,
                qualifiers=[
                    n
                    for n in (
                        book.vocabulary.level_names.get(level or ""),
                        book.vocabulary.star_names.get(star or 0),
                        book.vocabulary.field_names.get(fld or ""),
                    )
                    if n
                ],  # fmt: skip
                project=claim.project,
                year=claim.year,
                steps=ev.steps,
                missing=list(dict.fromkeys(ev.missing)),
                reason="；".join(ev.reasons) or None,
                options=ev.options,
                stated_yuan=ev.stated_yuan,
            )  # fmt: skip
        )
        missing += [
            _missing_fact(doc, book, rule, f"claims[{i}]", name) for name in dict.fromkeys(ev.missing)
        ]
    ctx = PrincipleContext(doc=doc, book=book, request=request, as_of=as_of, claims=results)
    outcome = apply_principles(ctx)
    if not outcome.enterprise_eligible:
        missing = []
    missing += outcome.missing
    warnings += outcome.warnings
    return CalcResult(
        doc_id=doc.doc_id, doc_number=doc.number, as_of=as_of, in_validity=outcome.in_validity,
        eligible=_overall(results, outcome.enterprise_eligible), claims=results, total_yuan=outcome.total_yuan,
        total_is_ceiling=outcome.total_is_ceiling, total_before_tax_cap_yuan=outcome.total_before_tax_cap_yuan,
        principles=outcome.steps, missing=missing, warnings=warnings, non_cash=outcome.non_cash,
    )  # fmt: skip


def _pick_doc(request: CalcRequest, book: RuleBook) -> DocRules:
    doc_ids = {book.rule(c.award).doc_id for c in request.claims}
    if request.doc_id:
        doc = book.doc(request.doc_id)
        stray = [c.award for c in request.claims if book.rule(c.award).doc_id != doc.doc_id]
        if stray:
            raise BadClaim(f"奖项 {', '.join(stray)} 不属于 doc_id “{doc.doc_id}”")
        return doc
    if len(doc_ids) > 1:
        raise BadClaim(f"一次测算只能针对一个政策文件，claims 涉及：{', '.join(sorted(doc_ids))}")
    if doc_ids:
        return book.doc(doc_ids.pop())
    if len(book.docs) == 1:
        return next(iter(book.docs.values()))
    raise BadClaim(f"没有 claims 时请给出 doc_id，可选：{', '.join(book.docs)}")


def _allowed(names: dict, keys: tuple) -> str:
    return "、".join(f"{k}（{names.get(k, k)}）" for k in keys)


# (claim field, vocabulary lookup, vocabulary names, rule's allowed values, word for people, why it must go)
_DIMENSIONS = (
    ("level", "level_id", "level_names", "levels", "级别", "不分级别，请去掉 level"),
    ("star", "star_value", "star_names", "stars", "星级", "不分星级，与给出的星级矛盾，请去掉 star"),
    ("field", "field_id", "field_names", "fields", "领域", "不分领域，请去掉 field"),
)


def _normalise(i: int, claim: Claim, rule: Rule, book: RuleBook) -> tuple[str | None, int | None, str | None]:
    """Level, star and field as ids, checked against the vocabulary and against what this rule has."""
    v = book.vocabulary
    out: list[Any] = []
    for attr, lookup, names_attr, allowed, word, not_here in _DIMENSIONS:
        given = getattr(claim, attr)
        if given is None:
            out.append(None)
            continue
        value = getattr(v, lookup)(given)
        if value is None:
            names = getattr(v, names_attr)
            raise BadClaim(f"claims[{i}].{attr}: 未知{word}“{given}”，可选：{_allowed(names, tuple(names))}")
        if not getattr(rule, allowed):
            raise BadClaim(f"claims[{i}].{attr}: 奖项 {rule.id}（{rule.title}）{not_here}")
        out.append(value)
    level, star, fld = out
    return level, star, fld


def _unused_facts(
    i: int, claim: Claim, rule: Rule, claim_facts: frozenset[str], specs: dict[str, FactSpec]
) -> list[str]:
    """Facts given that this rule never reads: not an error, but likely a mix-up worth showing."""
    a = rule.amount
    used = {c.fact for c in rule.conditions} | {a.base, a.loan, a.paid, OTHERS_MET}  # others_met: every rule
    # a part taken out of a fact the rule reads (a loan's civil-works part, award_amounts.py) is read too
    used |= {name for name, spec in specs.items() if spec.deducted_from and spec.deducted_from in used}
    unused = [f for f in claim_facts if fact(claim, f) is not None and f not in used]
    return (
        [f"claims[{i}]: {', '.join(unused)} 与奖项 {rule.id}（{rule.title}）无关，已忽略"] if unused else []
    )


def _check_once_per_year(claims: list[Claim], book: RuleBook) -> None:
    seen: dict[tuple[str, int | None], int] = {}
    for i, c in enumerate(claims):
        rule = book.rule(c.award)
        if not rule.once_per_year:
            continue
        key = (rule.id, c.year)
        if key in seen:
            year = f"{c.year}年" if c.year else "同一年度"
            raise BadClaim(
                f"claims[{seen[key]}] 与 claims[{i}] 都是 {rule.id}（{rule.title}，{year}）：单个企业每年只算一次，"
                "请把当年的数额合并为一条，或注明不同的 year"
            )
        seen[key] = i


def _handled_by(doc: DocRules, kind: str, documents: list[str]) -> str:
    if kind == "other_document" and documents:
        return "；".join(f"{d}：{doc.approval.documents.get(d, doc.approval.default)}" for d in documents)
    if kind == "points":
        return doc.approval.points
    return doc.approval.default


def _missing_fact(doc: DocRules, book: RuleBook, rule: Rule, prefix: str, name: str) -> MissingFact:
    spec = doc.facts.get(name)
    v = book.vocabulary
    options = {
        "level": "、".join(v.level_names.get(x, x) for x in rule.levels),
        "star": "、".join(v.star_names.get(x, str(x)) for x in rule.stars),
        "field": "、".join(v.field_names.get(x, x) for x in rule.fields),
    }.get(name, "")
    question = spec.question.replace("{options}", options) if spec else f"请提供 {name}"
    return MissingFact(f"{prefix}.{name}", name, spec.label if spec else name, question, rule.id, True)


def _overall(results: list[ClaimResult], enterprise_eligible: bool) -> bool | None:
    if not enterprise_eligible or (results and all(r.eligible is False for r in results)):
        return False
    return None if any(r.counted and r.eligible is None for r in results) else True
