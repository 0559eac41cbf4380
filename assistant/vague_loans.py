"""A loan said only roughly ("贷款大概几千万", "借了好几千万"): no figure to work the interest subsidy on.

A rough sum may lie either side of the loan threshold, and the subsidy is the smaller of the interest actually paid
and the loan times the rate, so neither can be guessed. The clause of the award worked out on a loan is quoted and
both figures are asked for, as assistant/investment_ask.py does for a rough investment.
"""

from __future__ import annotations

from assistant import composer
from assistant.composer import Composed
from assistant.context import EngineContext
from assistant.facts import Facts
from assistant.standards import standard_line
from assistant.types import Plan
from assistant.vague_amounts import VAGUE_AMOUNT

# The loan word may sit a few characters before the rough sum ("贷款大概几千万", "借了好几千万").
_NEAR = 8
_INTENTS = frozenset({"calc", "conditions", "which_award", "lookup"})


def _loan_words(ctx: EngineContext, loan_fact: str, doc_id: str) -> tuple[str, ...]:
    spec = ctx.book.doc(doc_id).facts.get(loan_fact)
    # "借了" is how people say a loan they took; the rule book's words name the loan as a noun
    return (*(spec.words if spec else ()), "借了", "借的", "借款")


def vague_loan_ask(ctx: EngineContext, text: str, facts: Facts, plan: Plan) -> Composed | None:
    """Clarify a rough loan: quote the loan-based award's clause, ask the loan and the interest paid."""
    if plan.intent not in _INTENTS or not (rough := VAGUE_AMOUNT.search(text)):
        return None
    rules = [r for r in ctx.book.rules if r.amount.loan and r.amount.paid]
    if facts.awards:
        rules = [r for r in rules if r.id in {a.rule_id for a in facts.awards}]
    if len(rules) != 1:
        return None
    rule = rules[0]
    loan, paid = rule.amount.loan or "", rule.amount.paid or ""
    if loan in facts.amounts:
        return None
    before = text[max(0, rough.start() - _NEAR) : rough.start()]
    if not any(w in before for w in _loan_words(ctx, loan, rule.doc_id)):
        return None
    clause = ctx.quoting_clause(rule)
    if clause is None:
        return None
    doc = ctx.book.doc(rule.doc_id)
    labels = {k: f.label for k, f in doc.facts.items()}
    asks = [doc.facts[n].question for n in (loan, paid) if n in doc.facts]
    lines = [
        f"“{rough.group(0)}”不是确切金额：**{rule.title}**要看{labels.get(loan, loan)}是否达到门槛，"
        f"贴息按{labels.get(paid, paid)}和按利率计算的数额中较小的一个，都需要具体数字。",
        "",
        "请补充：",
        *[f"- {q}" for q in asks],
        "",
        f"按条款：{standard_line(rule, labels, {})}。",
        "",
        f"依据“{clause.path_str}”：",
        f"> {rule.quote}",
    ]
    plan.reasons.append(f"贷款金额只说了大概（“{rough.group(0)}”）：不据此测算，追问贷款总额和实付利息")
    plan.missing = [labels.get(n, n) for n in (loan, paid)]
    return Composed("clarify", "\n".join(lines), [composer.cite(ctx.meta(rule.doc_id), clause, rule.quote)])
