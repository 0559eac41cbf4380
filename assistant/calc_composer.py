"""Calculator result → answer. Every amount in the text is copied from the calculator's output, never computed."""

from __future__ import annotations

import copy
import re
from typing import Any

from assistant import composer
from assistant.composer import Composed
from assistant.context import EngineContext
from assistant.types import AnswerKind, Citation

_KIND_WORDS = {
    "points": "给予积分奖励（没有现金金额）",
    "case_by_case": "采取一事一议的方式给予支持（没有固定金额）",
}
# Principles worth citing when they shaped the result (validity is stated as a note, cited last).
# "这三项分别多少，加起来一共多少": each figure and, because it is asked, their sum.
_TOTAL_ASKED = re.compile(r"合计|一共|总共|加起来|合起来|共计|总计|加在一起|总额")
_KINDS_ASKED = re.compile(
    r"哪些(?:类型|种类|类|种|方面|领域)|哪几(?:类|种|项)|什么(?:类型|种类)|包括哪些|包括什么"
)
_VALIDITY_ASKED = re.compile(r"有效期|到期|过期|失效|还有效|作数|实施期限")
_CITED_PRINCIPLES = ("exclusions", "scope", "highest_only", "tax_cap")


def _headline(claim: dict[str, Any]) -> str:
    title = claim["title"]
    if claim["eligible"] is False:
        return f"**{title}**：不符合条件（{claim.get('reason') or '条件未满足'}）"
    kind = claim["amount_kind"]
    if kind == "cash" and claim["eligible"] is None and claim.get("options"):
        opts = "；".join(
            f"{o['name']}{o['amount_text'] if o['amount_kind'] == 'cash' else _KIND_WORDS.get(o['amount_kind'], '')}"
            for o in claim["options"]
        )
        return f"**{title}**：{opts}"
    if kind == "cash":
        return f"**{title}**：{claim['amount_text']}"
    if kind == "other_document":
        docs = "、".join(claim.get("documents") or [])
        return f"**{title}**：按{docs}相关政策执行奖励（{claim.get('handled_by') or ''}）"
    if kind == "service":
        return f"**{title}**：{claim.get('amount_text') or '提供服务'}"
    return f"**{title}**：{_KIND_WORDS.get(kind, claim.get('amount_text') or '')}"


def _citations(
    ctx: EngineContext, result: dict[str, Any], time_matters: bool, relevant: frozenset[str] = frozenset()
) -> list[Citation]:
    meta = ctx.meta(result.get("doc_id"))
    claim_cites: list[Citation] = []
    for claim in result["claims"]:
        clause = ctx.clause_by_path(claim["clause"], claim["doc_id"])
        if clause and claim.get("quote"):
            c = composer.cite(meta, clause, claim["quote"])
            if c not in claim_cites:
                claim_cites.append(c)
    principle_cites: list[Citation] = []
    for p in result.get("principles", []):
        if p["id"] in _CITED_PRINCIPLES and (p.get("applied") or p["id"] in relevant):
            clause = ctx.clause_by_path(p["clause"], result.get("doc_id"))
            if clause and p.get("quote"):
                c = composer.cite(meta, clause, p["quote"])
                if c not in principle_cites:
                    principle_cites.append(c)
    validity_cites: list[Citation] = []
    if result.get("in_validity") is False:
        p = next((p for p in result.get("principles", []) if p["id"] == "validity"), None)
        clause = ctx.clause_by_path(p["clause"], result.get("doc_id")) if p else None
        if p and clause and p.get("quote"):
            validity_cites.append(composer.cite(meta, clause, p["quote"]))
    # The first claim's clause, then what changed the result (principles; the validity when the question is about
    # a date), then the other claims.
    if time_matters:
        return claim_cites[:1] + validity_cites + principle_cites + claim_cites[1:]
    return claim_cites[:1] + principle_cites + claim_cites[1:] + validity_cites


_AMOUNT_FACTS = ("level", "star", "field")


def _blocks_amount(missing: dict[str, Any]) -> bool:
    """A missing level, star, field or figure leaves the amount open; a yes/no condition is stated instead."""
    name = missing.get("name", "")
    return bool(missing.get("required")) and (name in _AMOUNT_FACTS or name.endswith("_yuan"))


def compose_calc(
    ctx: EngineContext,
    result: dict[str, Any],
    question: str,
    time_matters: bool = False,
    other_policy: bool = False,
    relevant: frozenset[str] = frozenset(),
    ambiguous: bool = False,
    ceiling_asked: bool = False,
    each: bool = False,
) -> Composed:
    """``relevant``: principles the question raised (tax_cap when the tax paid was given …), cited even when they
    did not change the result. ``result`` is the calculator's output as recorded in the tool call: it is read from a
    copy and never changed."""
    result = copy.deepcopy(result)
    claims = result["claims"]
    lines: list[str] = []
    for i, claim in enumerate(claims, 1):
        lines.append(f"{i}. {_headline(claim)}" if len(claims) > 1 else _headline(claim))
        steps = [s for s in claim.get("steps", []) if s]
        if claim.get("superseded_by") is not None:
            steps.append("同一事项按就高不重复原则，不另计")
        lines += [f"   - {s}" for s in steps]
        dept = "、".join(claim.get("department") or [])
        if dept:
            lines.append(f"   - 责任部门：{dept}")
    if _KINDS_ASKED.search(question):
        # "哪些类型的…能拿奖励": the clause's own list answers which kinds, quoted once per distinct sentence
        said = list(dict.fromkeys(c["quote"] for c in claims if c.get("quote")))
        lines += ["\n依据原文：", *(f"> {q}" for q in said)] if said else []
    counted_cash = [
        c for c in claims if c.get("counted") and c["amount_kind"] == "cash" and c["eligible"] is not False
    ]
    if ambiguous:
        lines.insert(0, "您说的可能是以下几项之一，请确认是哪一项（及级别）：")
    elif (len(counted_cash) > 1 and (not each or _TOTAL_ASKED.search(question))) or (
        result.get("total_before_tax_cap_yuan") not in (None, result.get("total_yuan"))
    ):
        lines.append(f"\n**合计：{result.get('total_text') or ''}**")
    if other_policy:
        for p in result.get("principles", []):
            if p["id"] == "highest_only":
                p["applied"] = True
                p["steps"] = [
                    f"同时符合本政策和{ctx.meta(result.get('doc_id')).place or '本地'}其他政策的，按就高不重复原则支持：只取其中最高的一项，不能两边都拿"
                ]
    applied = [p for p in result.get("principles", []) if p.get("applied") and p["id"] != "validity"]
    if applied:
        lines.append("\n适用的原则：")
        for p in applied:
            lines += [f"- {p['title']}：{s}" for s in p.get("steps", [])]
    for p in result.get("principles", []):
        # A principle the question raised ("同一个项目…都能拿吗") is stated even when it changed nothing here.
        if p["id"] in relevant and p["id"] == "highest_only" and not p.get("applied") and p.get("quote"):
            lines.append(f"\n{p['title']}：{p['quote']}")
    for w in result.get("warnings", []):
        if "有效期" not in w:  # the validity note below says it once, with the department to ask
            lines.append(f"\n提示：{w}")
    meta = ctx.meta(result.get("doc_id"))
    if result.get("in_validity") is False and meta.valid_from and meta.valid_until:
        lines.append(
            f"\n注意：本政策自{meta.valid_from.year}年{meta.valid_from.month}月{meta.valid_from.day}日起施行，有效期三年，"
            f"已于{meta.valid_until.year}年{meta.valid_until.month}月{meta.valid_until.day}日到期；以上为政策原文的标准，"
            f"现行政策请咨询{meta.contact_department}。"
        )
    elif (
        result.get("in_validity") is True
        and _VALIDITY_ASKED.search(question)
        and meta.valid_from
        and meta.valid_until
    ):
        lines.append(
            f"\n有效期：本政策自{_day(meta.valid_from)}起施行，有效期三年，"
            f"至{_day(meta.valid_until)}；按您说的时间，在有效期内。"
        )
    required = [m for m in result.get("missing", []) if _blocks_amount(m)]
    # "单个企业最多贴多少" is answered by the ceiling itself; the figures for an exact amount are still asked for.
    # "三个档分别多少": every tier is listed below, so a missing level or star asks nothing.
    tiers_asked = each and all(m.get("name") in ("level", "star") for m in required)
    kind: AnswerKind = (
        "clarify" if (required and not ceiling_asked and not tiers_asked) or ambiguous else "answer"
    )
    if required and not tiers_asked:
        asks = list(dict.fromkeys(m["question"] for m in required))
        lines.insert(
            0, "要算出确切金额，还需要您补充：\n" + "\n".join(f"- {q}" for q in asks) + "\n\n目前按政策原文："
        )
    cites = _citations(ctx, result, time_matters, relevant)
    depts = list(dict.fromkeys(d for c in claims for d in (c.get("department") or [])))
    script = _script(claims, result)
    return Composed(
        kind,
        "\n".join(lines),
        cites,
        composer.helpdesk(script, cites[0] if cites else None, "、".join(depts)),
    )


def _day(d: Any) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _script(claims: list[dict[str, Any]], result: dict[str, Any]) -> str:
    """One or two sentences a help-desk agent can read out."""
    if len(claims) == 1:
        return _headline(claims[0]).replace("**", "") + "。"
    return f"这几项合计{result.get('total_text') or ''}，明细请看下方。"


_ASKS_CASH = re.compile(r"现金|钱|奖金")


def _most_payable(result: dict[str, Any]) -> float:
    """The most the claims can pay, where every claim's figure is worked out (no level, star or field left open,
    none refused); infinity where one is not."""
    claims = result.get("claims") or []
    open_figure = any(m.get("name") in _AMOUNT_FACTS for m in result.get("missing", []))
    unworked = any(c.get("eligible") is False or not isinstance(c.get("amount_yuan"), int) for c in claims)
    if open_figure or not claims or unworked:  # a refused claim is corrected by its reason, not a figure
        return float("inf")
    return float(sum(c["amount_yuan"] for c in claims if c.get("counted", True)))


def _only_some_tiers(claims: list[dict[str, Any]], claimed: list[int]) -> str:
    """Each tier of a claim whose level, star or field was not said, when the figure claimed for it ("只要认定了都奖
    50万") is what only some of its tiers pay; "" otherwise."""
    for c in claims:
        options = c.get("options") or []
        paid = [o for o in options if o.get("amount_yuan") in claimed]
        if paid and len(paid) < len(options):
            only = "、".join(f"{o['name']}{o['amount_text']}" for o in paid)
            others = "；".join(f"{o['name']}{o['amount_text']}" for o in options if o not in paid)
            return f"{c['title']}分档支持，只有{only}；{others}"
    return ""


def yes_no_lead(
    act: str,
    result: dict[str, Any],
    claimed: list[int],
    text: str,
    question: str = "",
    thresholds: list[int] | None = None,
) -> str:
    """The first line of an answer to a yes/no question: 是/不是 for "is it true that …", 能/不能 for "can we …".

    A claimed figure (听说最多奖50万) is confirmed only when the calculator's answer states it; eligibility is
    confirmed only when the calculator decided it (a condition the user did not state leaves it open). A threshold
    the user says the rule sets (规定超过500万才能补) is corrected first: the answer below shows the clause's own."""
    if act not in ("confirm", "qualify") or not result.get("claims"):
        return ""
    claims = result["claims"]
    if thresholds:
        from tools.amounts import format_wan

        heads = "；".join(_headline(c).replace("**", "") for c in claims)
        return f"**不对。** 门槛不是{format_wan(thresholds[0])}，按政策原文：{heads}。"
    if act == "confirm" and claimed:
        from tools.amounts import find_amounts, format_wan

        stated = {a.yuan for a in find_amounts(text)}
        heads = "；".join(_headline(c).replace("**", "") for c in claims)
        if all(c in stated for c in claimed):
            if partial := _only_some_tiers(claims, claimed):
                return f"**不一定，不全是。** {partial}。"
            if max(claimed) > (most := _most_payable(result)):
                # "利息300万，补300万没问题吧" worked out to at most 100万: the premise is wrong whatever the
                # conditions still unconfirmed (they can only take the figure lower)
                return f"**不是。** 按政策原文最多 {format_wan(int(most))}：{heads}。"
            if composer.SURE.search(question) and any(c.get("is_ceiling") for c in claims):
                return f"**不一定：这是上限，不是固定金额。** {heads}。"
            return f"**是的。** {heads}。"
        if max(claimed) > (most := _most_payable(result)):
            # the figure is above what the rule can pay and not stated (a figure over the cap is never written out)
            return f"**不对。** 按政策原文最多 {format_wan(int(most))}：{heads}。"
        return f"**不对。** 按政策原文：{heads}。"
    if act == "confirm":
        return ""  # no figure to confirm: the answer itself says what applies
    refused = [c for c in claims if c["eligible"] is False]
    amounts = {c.get("amount_yuan") for c in claims} - {None}
    if act == "qualify" and claimed and not refused and amounts and not set(claimed) & amounts:
        # "条件都满足，能贴150万吧" worked out to 50万: the figure asked is corrected first, not met with 能
        from tools.amounts import format_wan

        heads = "；".join(_headline(c).replace("**", "") for c in claims)
        return f"**不能按{format_wan(claimed[0])}算。** 按政策原文：{heads}。"
    if not refused and _ASKS_CASH.search(question) and all(c.get("amount_kind") != "cash" for c in claims):
        # "泰州市级的标杆案例有现金吗": eligible, but the award pays points or follows another document
        what = "；".join(f"{c['title']}：{c.get('amount_text', '')}" for c in claims)
        if all(c.get("amount_kind") == "points" for c in claims):
            return f"**没有现金奖励。** {what}。"
        return f"**本政策没有写明现金金额。** {what}。"
    if refused:
        why = "；".join(f"{c['title']}：{c.get('reason') or '条件未满足'}" for c in refused)
        return f"**不能。** {why}。"
    if all(c["eligible"] is True for c in claims):
        return "**能。** 按您说的情况，条件都满足。"
    return "**还不能确定。** 下面标“待确认”的条件您还没有说明，满足后才能享受。"
