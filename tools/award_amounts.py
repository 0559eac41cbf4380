"""One claim against one rule: its conditions, then its amount kind, with every step written out.

Generic on purpose: each branch interprets a kind of amount from rules.yaml (fixed, ceiling, percent_of_base,
interest_subsidy, by_level/by_star/by_field, points, case_by_case, other_document, service); the numbers come
only from the rule. Arithmetic is Decimal, rounded down to the yuan, because the policy says 不超过.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_UP, Decimal
from typing import Any

from tools.amounts import format_wan
from tools.calc_records import amount_text
from tools.calc_schema import Claim, fact
from tools.rule_records import Amount, Condition, DocRules, Rule
from tools.rule_vocabulary import Vocabulary

# The claim fact (declared in rules.yaml) by which the user states every condition not named is met, and the
# words a condition met only by that statement carries, so no ✓ reads as more than the user said.
OTHERS_MET = "others_met"
BY_USER_WORD = "（您说其他条件都满足）"


@dataclass
class Evaluation:
    """What one rule says about one claim, before the principles of 附则 are applied."""

    eligible: bool | None
    kind: str  # cash / points / case_by_case / other_document / service
    amount_yuan: int | None
    is_ceiling: bool
    documents: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    options: list[dict[str, Any]] = field(default_factory=list)
    stated_yuan: int | None = None  # the applicant's own figure for this award, when it was used
    text: str | None = (
        None  # how the amount is said, when amount_text() cannot say it (the applicant's figure)
    )


def percent_of(base: int, percent: Decimal) -> int:
    """``percent`` % of ``base`` yuan, rounded down: 5% of 2,999,999 is 149,999 (不超过, never more)."""
    return int((Decimal(base) * percent / 100).to_integral_value(rounding=ROUND_DOWN))


def _pct(p: Decimal) -> str:
    return f"{p.normalize():f}%"


def _meets(value: int, at_least: int, inclusive: bool) -> bool:
    return value >= at_least if inclusive else value > at_least


def _threshold_step(label: str, value: int, at_least: int, inclusive: bool, word: str) -> tuple[bool, str]:
    ok = _meets(value, at_least, inclusive)
    rule = f"“{word}”{'含' if inclusive else '不含'}本数"
    if ok:
        return True, f"✓ {label} {format_wan(value)}，达到门槛 {format_wan(at_least)}（{rule}）"
    return False, f"✗ {label} {format_wan(value)}，未达到门槛 {format_wan(at_least)}（{rule}），不符合"


class ClaimEvaluator:
    """Evaluates claims of one document; ``labels`` name the facts in the steps (from rules.yaml facts)."""

    def __init__(self, doc: DocRules, vocab: Vocabulary) -> None:
        self.doc = doc
        self.vocab = vocab

    def label(self, fact: str) -> str:
        spec = self.doc.facts.get(fact)
        return spec.label if spec else fact

    def evaluate(
        self, rule: Rule, claim: Claim, level: str | None, star: int | None, fld: str | None
    ) -> Evaluation:
        ev = Evaluation(eligible=True, kind="cash", amount_yuan=None, is_ceiling=False)
        claim = self._net_of_deductions(claim, ev)
        self._check_recognition(rule, level, star, ev)
        for cond in rule.conditions:
            self._check_condition(cond, claim, ev)
        if ev.reasons:  # a failed condition: no amount is worked out, so none can be quoted by mistake
            ev.kind = rule.amount.family if rule.amount.family != "choice" else "cash"
            ev.amount_yuan = 0 if ev.kind == "cash" else None
            ev.eligible = False
            ev.missing = []
            return ev
        choice = {"level": level, "star": None if star is None else str(star), "field": fld}
        if claim.stated_yuan is not None and self._take_stated(rule.amount, claim.stated_yuan, choice, ev):
            return ev
        self._amount(rule.amount, claim, choice, ev)
        if ev.reasons:
            ev.eligible = False
            ev.amount_yuan = 0 if ev.kind == "cash" else None
            ev.missing = []  # nothing left to ask: the claim fails whatever the answer
        elif ev.missing:
            ev.eligible = None
        return ev

    def _net_of_deductions(self, claim: Claim, ev: Evaluation) -> Claim:
        """A part declared ``deducted_from`` a total (the civil-works part of a loan counted 不含土建) is taken out
        of that total before any rule reads it."""
        for spec in self.doc.facts.values():
            total_name = spec.deducted_from
            total, part = (fact(claim, total_name), fact(claim, spec.name)) if total_name else (None, None)
            if total_name is None or total is None or not part:
                continue
            net = max(total - part, 0)
            ev.steps.append(
                f"{self.label(total_name)} {format_wan(total)} 扣除{self.label(spec.name)} {format_wan(part)}："
                f"{format_wan(total)} − {format_wan(part)} = {format_wan(net)}"
            )
            claim = claim.model_copy(update={total_name: net, spec.name: None})
        return claim

    def _check_recognition(self, rule: Rule, level: str | None, star: int | None, ev: Evaluation) -> None:
        """Levels and stars a rule names without paying by them (工业APP 省级以上, 省级工业质量标杆)."""
        if rule.amount.choose_by != "level" and rule.levels:
            names = "、".join(self.vocab.level_names.get(lv, lv) for lv in rule.levels)
            if level is None:
                ev.steps.append(f"本条适用于{names}认定，按此测算")
            elif level not in rule.levels:
                ev.reasons.append(f"本条只适用于{names}，{self.vocab.level_names.get(level, level)}不在其列")
            else:
                ev.steps.append(f"✓ 级别：{self.vocab.level_names.get(level, level)}")
        if rule.amount.choose_by != "star" and rule.stars and star is not None:
            if star not in rule.stars:
                names = "、".join(self.vocab.star_names.get(s, str(s)) for s in rule.stars)
                ev.reasons.append(f"本条只适用于{names}，{self.vocab.star_names.get(star, star)}不在其列")
            else:
                ev.steps.append(f"✓ 星级：{self.vocab.star_names.get(star, star)}")

    def _check_condition(self, cond: Condition, claim: Claim, ev: Evaluation) -> None:
        value = getattr(claim, cond.fact)
        if value is None and fact(claim, OTHERS_MET):
            # the user said every condition not named is met: met by their word, and the answer says so
            ev.steps.append(f"✓ {cond.text}{BY_USER_WORD}")
        elif value is None:
            ev.missing.append(cond.fact)
            ev.steps.append(f"待确认：{cond.text}")
        elif cond.at_least_yuan is None:
            if value:
                ev.steps.append(f"✓ {cond.text}")
            else:
                ev.reasons.append(f"不满足条件：{cond.text}")
                ev.steps.append(f"✗ 不满足：{cond.text}")
        else:
            ok, step = _threshold_step(
                self.label(cond.fact), value, cond.at_least_yuan, cond.inclusive, cond.word
            )
            ev.steps.append(step)
            if not ok:
                ev.reasons.append(f"{cond.text}；实际 {format_wan(value)}")

    def _amount(self, amount: Amount, claim: Claim, choice: dict[str, str | None], ev: Evaluation) -> None:
        kind = amount.kind
        if kind in ("fixed", "ceiling"):
            ev.kind, ev.amount_yuan, ev.is_ceiling = "cash", amount.yuan, kind == "ceiling"
            ev.steps.append(f"金额：{amount_text('cash', amount.yuan, ev.is_ceiling)}")
        elif kind == "percent_of_base":
            self._percent_of_base(amount, claim, ev)
        elif kind == "interest_subsidy":
            self._interest_subsidy(amount, claim, ev)
        elif amount.family == "choice":
            self._choose(amount, claim, choice, ev)
        else:
            ev.kind, ev.amount_yuan, ev.documents = kind, None, list(amount.documents)
            text = amount.service or amount_text(kind, None, False, list(amount.documents))
            ev.steps.append(f"{text}，不计入现金合计")

    def _take_stated(self, a: Amount, stated: int, choice: dict[str, str | None], ev: Evaluation) -> bool:
        """The applicant's own figure for a cash award ("贴息算下来是50万"): counted as theirs, never as worked out
        here, and no more than the award's ceiling. False (the rule is evaluated as usual) when the award pays no
        cash or the level, star or field given is not one it has."""
        chosen = a
        if a.family == "choice":
            key = choice[a.choose_by or ""]
            if key is not None and key not in a.choices:
                return False
            chosen = a.choices[key] if key is not None else a
        cap = chosen.max_cash_yuan
        if not cap:
            ev.steps.append(f"您算出的 {format_wan(stated)} 未计入：本项不是现金奖补")
            return False
        # conditions not stated are not asked: the figure is the applicant's, the answer says it was not checked
        unchecked = bool(ev.missing)
        ev.missing = []
        ev.kind, ev.stated_yuan = "cash", stated
        if stated > cap:
            ev.amount_yuan, ev.is_ceiling = cap, True
            ev.text = f"最高 {format_wan(cap)}（您算出的 {format_wan(stated)} 超过本项上限）"
            ev.steps.append(
                f"您算出的 {format_wan(stated)} 超过本项单个企业上限 {format_wan(cap)}，按 {format_wan(cap)}"
            )
        else:
            ev.amount_yuan, ev.is_ceiling = stated, False
            ev.text = f"按您算出的 {format_wan(stated)}（未按条件核算）"
            ev.steps.append(
                f"按您算出的 {format_wan(stated)} 计入（未按条件核算，以审定金额为准）；"
                f"未超过本项上限 {format_wan(cap)}"
            )
        ev.eligible = None if unchecked else True
        return True

    def _percent_of_base(self, a: Amount, claim: Claim, ev: Evaluation) -> None:
        assert a.base and a.percent is not None and a.threshold and a.cap_yuan is not None
        ev.kind, ev.is_ceiling = "cash", a.up_to
        base, label = getattr(claim, a.base), self.label(a.base)
        if base is None:
            ev.missing.append(a.base)
            ev.amount_yuan = a.cap_yuan
            ev.is_ceiling = True
            ev.steps.append(
                f"未提供{label}：须 {format_wan(a.threshold.yuan)}{a.threshold.word}，"
                f"按{_pct(a.percent)}计、单个企业上限 {format_wan(a.cap_yuan)}，列示为最高 {format_wan(a.cap_yuan)}"
            )
            return
        t = a.threshold
        ok, step = _threshold_step(label, base, t.yuan, t.inclusive, t.word)
        ev.steps.append(step)
        if not ok:
            ev.reasons.append(f"{label}须 {format_wan(t.yuan)}{t.word}，实际 {format_wan(base)}")
            return
        raw = percent_of(base, a.percent)
        product = f"{format_wan(base)} × {_pct(a.percent)}"
        if raw > a.cap_yuan:
            # a product above the cap is a figure the enterprise can never get: it is not stated, only where the
            # cap is reached (a help desk reads the steps out)
            reach = int((Decimal(a.cap_yuan) * 100 / a.percent).to_integral_value(rounding=ROUND_UP))
            ev.steps.append(
                f"{product} 超过单个企业上限 {format_wan(a.cap_yuan)}"
                f"（{label}达到 {format_wan(reach)} 即达上限），按 {format_wan(a.cap_yuan)}"
            )
            ev.amount_yuan = a.cap_yuan
            return
        ev.steps.append(f"{product} = {format_wan(raw)}")
        ev.amount_yuan = self._cap(raw, a.cap_yuan, ev)

    def _interest_subsidy(self, a: Amount, claim: Claim, ev: Evaluation) -> None:
        assert a.loan and a.paid and a.rate_percent is not None and a.cap_yuan is not None
        ev.kind, ev.is_ceiling = "cash", a.up_to
        loan, paid = getattr(claim, a.loan), getattr(claim, a.paid)
        if loan is None:
            ev.missing += [a.loan] + ([a.paid] if paid is None else [])  # ask for both at once
            ev.amount_yuan, ev.is_ceiling = a.cap_yuan, True
            ev.steps.append(
                f"贴息 = min(当年实付利息, {self.label(a.loan)} × {_pct(a.rate_percent)})，"
                f"单个企业最高 {format_wan(a.cap_yuan)}；缺少贷款数据，列示为最高 {format_wan(a.cap_yuan)}"
            )
            return
        limit = percent_of(loan, a.rate_percent)
        product = f"{format_wan(loan)} × {_pct(a.rate_percent)}"
        over = limit > a.cap_yuan  # the 1% bound is above the cap: never stated as a figure
        if not over:
            ev.steps.append(f"按{_pct(a.rate_percent)}利率的贴息上限：{product} = {format_wan(limit)}")
        rate = fact(claim, "interest_rate_percent")
        if paid is None and rate is not None:
            months = fact(claim, "loan_months") or 12
            paid = int((Decimal(loan) * rate * months / 1200).to_integral_value(rounding=ROUND_DOWN))
            ev.steps.append(
                f"未直接给出实付利息，按年利率{_pct(rate)}、{months}个月估算："
                f"{format_wan(loan)} × {_pct(rate)}"
                + (f" × {months}/12" if months != 12 else "")
                + f" = {format_wan(paid)}（以实际支付利息凭证为准）"
            )
        if paid is None:
            ev.missing.append(a.paid)
            ev.is_ceiling = True
            ev.steps.append(f"未提供{self.label(a.paid)}：贴息不超过实付利息，暂按上限列示")
            if over:
                ev.steps.append(
                    f"{product} 超过单个企业上限 {format_wan(a.cap_yuan)}，按 {format_wan(a.cap_yuan)}"
                )
                ev.amount_yuan = a.cap_yuan
                return
            ev.amount_yuan = self._cap(limit, a.cap_yuan, ev)
            return
        raw = min(paid, limit)
        # interest paid above the cap is, like the product, a figure the enterprise can never get: named, not stated
        cap_text = f"单个企业上限 {format_wan(a.cap_yuan)}"
        if over and paid > a.cap_yuan:
            ev.steps.append(f"{product} 与实付利息均超过{cap_text}，按 {format_wan(a.cap_yuan)}")
            ev.amount_yuan = a.cap_yuan
            return
        if paid > a.cap_yuan:
            # here the loan's bound is at or under the cap, so it is that bound, not the cap, that sets the figure
            ev.steps.append(
                f"min(实付利息, {format_wan(limit)}) = {format_wan(raw)}"
                f"（实付利息高于按{_pct(a.rate_percent)}利率算出的 {format_wan(limit)}，按 {format_wan(limit)}）"
            )
        else:
            ev.steps.append(
                f"min(实付利息 {format_wan(paid)}, {product if over else format_wan(limit)}) = {format_wan(raw)}"
            )
        ev.amount_yuan = self._cap(raw, a.cap_yuan, ev)

    @staticmethod
    def _cap(raw: int, cap: int, ev: Evaluation) -> int:
        if raw > cap:
            ev.steps.append(f"{format_wan(raw)} 超过单个企业上限 {format_wan(cap)}，按 {format_wan(cap)}")
            return cap
        ev.steps.append(f"未超过单个企业上限 {format_wan(cap)}")
        return raw

    def _names(self, by: str) -> dict[str, str]:
        if by == "level":
            return dict(self.vocab.level_names)
        if by == "star":
            return {str(k): v for k, v in self.vocab.star_names.items()}
        return dict(self.vocab.field_names)

    def _choose(self, a: Amount, claim: Claim, choice: dict[str, str | None], ev: Evaluation) -> None:
        assert a.choose_by
        names = self._names(a.choose_by)
        key = choice[a.choose_by]
        if key is None:
            for k, c in a.choices.items():
                text = amount_text(c.family, c.yuan, c.up_to or c.kind == "ceiling", list(c.documents))
                ev.options.append({a.choose_by: k, "name": names.get(k, k), "amount_kind": c.family,
                                   "amount_yuan": c.yuan, "amount_text": text})  # fmt: skip
            ev.missing.append(a.choose_by)
            listing = "；".join(f"{o['name']} {o['amount_text']}" for o in ev.options)
            ev.steps.append(f"未说明{self.label(a.choose_by)}，各档：{listing}")
            best = max(a.choices.values(), key=lambda c: c.max_cash_yuan)
            if best.max_cash_yuan:
                ev.kind, ev.amount_yuan, ev.is_ceiling = "cash", best.max_cash_yuan, True
            else:
                ev.kind, ev.amount_yuan = best.family, None
            return
        if key not in a.choices:
            allowed = "、".join(names.get(k, k) for k in a.choices)
            ev.reasons.append(f"本条只奖励{allowed}；{names.get(key, key)}不在其列")
            ev.kind = "cash" if any(c.family == "cash" for c in a.choices.values()) else "points"
            return
        ev.steps.append(f"✓ {self.label(a.choose_by)}：{names.get(key, key)}")
        self._amount(a.choices[key], claim, choice, ev)
