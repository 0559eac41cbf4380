"""Facts (this turn's and the conversation's) → the calculator's request. No arithmetic happens here."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from assistant.conversation import ConversationState
from assistant.facts import Facts
from assistant.followup import both_earlier
from assistant.formula_correction import base_correction
from assistant.standards import rate_correction
from tools.amounts import format_wan
from tools.award_amounts import OTHERS_MET

_FOLLOW_UP = re.compile(r"^(那|那么|换成|如果是|要是|改成)|呢[？?]?$")
_ADDITIVE = re.compile(r"还|又|同时|另外|加起来|一共|总共|合计|再|也")


def rule_fields(rule: Any, specs: dict[str, Any]) -> set[str]:
    """The claim facts a rule reads: its amount's base/loan/paid fields, its conditions' facts, and the parts
    declared ``deducted_from`` one of them (a loan's civil-works part)."""
    fields: set[str] = set()
    amount = rule.amount
    for attr in ("base", "loan", "paid"):
        value = getattr(amount, attr, None)
        if isinstance(value, str):
            fields.add(value)
    for cond in getattr(rule, "conditions", ()) or ():
        fields.add(cond.fact)
    fields |= {name for name, spec in specs.items() if getattr(spec, "deducted_from", None) in fields}
    return fields


def _rules_reading(book: Any, fields: set[str]) -> list[str]:
    """Rules whose amount is computed from one of these facts (投入 → 基础投入, 贷款/利息 → 贴息)."""
    out = []
    for rule in book.rules:
        amount_fields = {getattr(rule.amount, a, None) for a in ("base", "loan", "paid")} - {None}
        if amount_fields & fields:
            out.append(rule.id)
    return out


# What was bought or built ("上了个DCS加工业互联网平台", "用了5G+AI质检") against what was won ("拿了省三星级…",
# "评上国家级平台"): the nearest such verb before an award word says which.
# A thing built ("建了个国家级工业互联网平台") with its level named right before it is the honour; one used is not.
_USED = r"上了|用了|用上|用到|引入|引进|采用|部署|购置|买了|上线|应用了|使用|改造|接入"
_BUILT = r"搭建|搭了|建了|建设|建成"
_WON = r"评上|评为|评了|评到|获评|获得|获|拿了|拿到|认定|入选|被评|荣获|授予|称号|挂牌|通过"
_VERB = re.compile(rf"(?P<used>{_USED})|(?P<built>{_BUILT})|(?P<won>{_WON})")


def _bought_not_won(facts: Facts, text: str, level_words: Any) -> set[str]:
    """Awards whose word only describes what an investment bought: the nearest verb before it (within its own
    clause, after the award named before it) is a verb of buying or using, or of building with no level named
    between the verb and the award, not of winning."""
    out: set[str] = set()
    for i, a in enumerate(facts.awards):
        start = max([0, *(b.start + len(b.word) for b in facts.awards[:i])])
        # spoken messages run clauses together without punctuation: 另外/此外/同时 start a new one
        before = re.split(r"[，。；,;！？?!]|另外|此外|同时", text[start : a.start])[-1]
        verbs = list(_VERB.finditer(before))
        if not verbs or verbs[-1].group("won"):
            continue
        if verbs[-1].group("built") and any(w in before[verbs[-1].end() :] for w in level_words):
            continue
        out.add(a.rule_id)
    return out


def _drop_described(
    claims: list[dict[str, Any]],
    facts: Facts,
    book: Any,
    claim_amounts: dict[str, int],
    text: str,
    notes: list[str],
) -> list[dict[str, Any]]:
    """Next to a claim computed from a given figure, an award paid by level or star is a description of what was
    bought, not a second claim, when it has neither level nor star ("投入400万，上了工业互联网平台和AI质检") or
    when only a verb of buying governs it ("上了个DCS加工业互联网平台一共投了650万"): the user never said it won."""
    from_amount = any(
        {getattr(book.rule(c["award"]).amount, "base", None)} & claim_amounts.keys() for c in claims
    )
    if not from_amount:
        return claims
    bought = _bought_not_won(facts, text, book.vocabulary.level_words)
    described = [
        c
        for c in claims
        if getattr(book.rule(c["award"]).amount, "choose_by", None) in ("level", "star")
        and ((not c.get("level") and not c.get("star")) or c["award"] in bought)
    ]
    for c in described:
        notes.append(
            f"{c['award']} 只是投入所用的技术或系统（没有说获评），且本轮按金额测算另一项：不作申报事项"
        )
    return [c for c in claims if c not in described] or claims


def _as_of(facts: Facts, today: date) -> date:
    if facts.year is None:
        return today
    if facts.month:
        last = date(facts.year + (facts.month == 12), facts.month % 12 + 1, 1) - date.resolution
        return min(last, today)
    return date(facts.year, 12, 31) if facts.second_half or facts.year != today.year else today


def build_request(
    facts: Facts, state: ConversationState, book: Any, today: date, text: str = ""
) -> tuple[dict[str, Any], list[str]]:
    """Return (CalcRequest as a dict, the reasons for each decision, for the trace)."""
    notes: list[str] = []
    enterprise: dict[str, Any] = dict(state.enterprise)
    enterprise.update(facts.enterprise_flags)
    # each amount goes where its declaration says: the enterprise's (地方税收) or the claim's (投入, 贷款)
    specs = book.models.specs
    about_enterprise = {k for k in facts.amounts if getattr(specs.get(k), "scope", None) == "enterprise"}
    enterprise.update({k: facts.amounts[k] for k in about_enterprise})
    if facts.exclusions:
        enterprise["exclusions"] = sorted(set(enterprise.get("exclusions", [])) | set(facts.exclusions))

    claim_amounts = {k: v for k, v in facts.amounts.items() if k not in about_enterprise}
    claims: list[dict[str, Any]]
    if facts.awards:
        claims = []
        for a in facts.awards:
            options = [a.rule_id, *a.alternatives]
            if a.level and len(options) > 1:
                options = [r for r in options if a.level in book.rule(r).levels] or options[:1]
            if len(options) > 1:
                notes.append(f"“{a.word}”可指{'、'.join(options)}：分别列出并追问")
            claims += [{"award": r, "level": a.level, "star": a.star} for r in options]
        # An award that is computed from an amount but was only named in passing ("同一个智能工厂项目…获评示范工厂")
        # is not claimed when other awards are and no amount was given for it.
        if len(claims) > 1:
            kept = []
            for c in claims:
                needs = {getattr(book.rule(c["award"]).amount, "base", None)} - {None}
                if needs and not (needs & claim_amounts.keys()) and c["award"] not in facts.own_figures:
                    notes.append(f"未给出{c['award']}所需的金额，且同时提到其他奖项：不把它当作申报事项")
                    continue
                kept.append(c)
            claims = kept or claims
        notes.append("按本轮提到的奖项建立申报事项")
        named = {c["award"] for c in claims}
        for rid in _rules_reading(book, set(claim_amounts)):
            if rid not in named:
                claims.insert(0, {"award": rid})
                notes.append(f"给出的金额属于 {rid}，一并测算")
                break
        claims = _drop_described(claims, facts, book, claim_amounts, text, notes)
        if state.claims and _FOLLOW_UP.search(text):
            # "国家级工业互联网平台奖多少？" → "那产业链协作平台呢？": the level (or star) carries over to the new award
            # when the user did not give one and the new award has it.
            for slot, have in (("level", "levels"), ("star", "stars")):
                before = {c.get(slot) for c in state.claims} - {None}
                if len(before) != 1:
                    continue
                value = before.pop()
                for c in claims:
                    if c.get(slot) is None and value in getattr(book.rule(c["award"]), have):
                        c[slot] = value
                        notes.append(f"追问：{slot} 沿用上一轮的 {value}")
        if state.claims and _ADDITIVE.search(text):
            claims = [dict(c) for c in state.claims] + claims
            notes.append("追问在上一轮的申报事项上再加一项")
    elif both := both_earlier(text, facts, state):
        claims = both
        notes.append("“两个都…”：此前两轮测算的申报事项一起测算")
    elif state.claims or state.topic_rules:
        claims = [dict(c) for c in state.claims] or [{"award": r} for r in state.topic_rules[:1]]
        if len(set(facts.levels)) == 1:
            for c in claims:
                c["level"] = facts.levels[0]
            notes.append(f"追问：级别改为 {facts.levels[0]}")
        if len(set(facts.stars)) == 1:
            for c in claims:
                c["star"] = facts.stars[0]
            notes.append(f"追问：星级改为 {facts.stars[0]}")
        if facts.smart_manufacturing_field is not None:
            # "要是其他领域的呢": the field named now replaces the one carried over
            field = "smart_manufacturing" if facts.smart_manufacturing_field else "other"
            for c in claims:
                if book.rule(c["award"]).fields:
                    c["field"] = field
            notes.append(f"追问：领域改为 {field}")
        if facts.bare_amounts and len(claims) == 1:
            base = getattr(book.rule(claims[0]["award"]).amount, "base", None)
            if base:
                claims[0][base] = facts.bare_amounts[0]
                notes.append(f"追问：未说明用途的金额按{base}理解")
        notes.append("沿用上一轮的申报事项")
    else:
        ids = _rules_reading(book, set(claim_amounts))
        claims = [{"award": rid} for rid in ids[:1]]
        if claims:
            notes.append(f"未点名奖项，按给出的金额用途推断为 {ids[0]}")

    if facts.both_fields:
        # one item in each field named: each is its own claim, answered for its field
        claims = [
            {**c, "field": f}
            for c in claims
            for f in (("smart_manufacturing", "other") if book.rule(c["award"]).fields else (None,))
        ]
        notes.append("同一奖项的两项分属智能制造领域和其他领域：分别测算")
    for c in claims:
        rule = book.rule(c["award"])
        # A level, star or field the rule does not distinguish is a description, not a claim fact.
        if not rule.levels:
            c.pop("level", None)
        if not rule.stars:
            c.pop("star", None)
        fields = rule_fields(rule, specs)
        for k, v in claim_amounts.items():
            if k in fields:
                c[k] = v
        c.update({k: v for k, v in facts.claim_flags.items() if k in fields})
        if facts.claim_flags.get(OTHERS_MET):
            c[OTHERS_MET] = True  # "其他条件都满足": about every claim, whatever conditions its rule has
        for k, v in facts.hinted_flags.items():
            if k in fields and c.get(k) is None:
                # The question names the technologies (True) or denies using them ("没用到大数据…": False).
                c[k] = v
        if facts.smart_manufacturing_field is not None and rule.fields and not c.get("field"):
            c["field"] = "smart_manufacturing" if facts.smart_manufacturing_field else "other"
        if (
            facts.interest_rate is not None
            and "interest_paid_yuan" in fields
            and "interest_paid_yuan" not in c
        ):
            c["interest_rate_percent"] = str(facts.interest_rate * 100)
        if c["award"] in facts.own_figures and not any(k in c for k in claim_amounts):
            # "贴息算下来是50万": the applicant's figure for this award, counted as theirs (capped, not recomputed)
            c["stated_yuan"] = facts.own_figures[c["award"]]
            notes.append(f"{c['award']} 按用户自己算出的 {format_wan(c['stated_yuan'])} 计（未按条件核算）")
        if facts.year:
            c["year"] = facts.year
        if facts.same_project:
            c["project"] = "同一项目"
        for k in [k for k, v in c.items() if v is None]:
            del c[k]
    for c in claims:
        for role, (kind, said) in facts.approx_amounts.items():
            if (
                kind in ("below", "about")
                and role in c
                and _met_only_by_rounding(book.rule(c["award"]), role, c[role])
            ):
                del c[role]
                notes.append(f"“{said}”不足{format_wan(facts.amounts[role])}，门槛不能按凑整算：不作测算金额")
    request = {"enterprise": enterprise, "claims": claims, "as_of": _as_of(facts, today).isoformat()}
    return request, notes


# "近300万" is some figure a little under 300万 (taken as within a tenth of it): a threshold in that band is met
# only by rounding up, so it is not met on the user's word; a threshold well below it is met either way.
_BELOW_BAND = 0.9


def _thresholds(rule: Any, role: str) -> list[tuple[int, str]]:
    out = []
    t = getattr(rule.amount, "threshold", None)
    if t is not None and getattr(rule.amount, "base", None) == role:
        out.append((t.yuan, t.word))
    out += [(c.at_least_yuan, c.word) for c in rule.conditions or () if c.fact == role and c.at_least_yuan]
    return out


def _met_only_by_rounding(rule: Any, role: str, yuan: int) -> bool:
    return any(_BELOW_BAND * yuan < t <= yuan for t, _ in _thresholds(rule, role))


def approx_lines(facts: Facts, request: dict[str, Any], book: Any) -> list[str]:
    """What the answer says about figures given approximately: the figure used, or why a threshold is not met."""
    lines = []
    for role, (kind, said) in facts.approx_amounts.items():
        yuan = facts.amounts.get(role)
        if yuan is None:
            continue
        used = [c for c in request.get("claims", []) if c.get(role) == yuan]
        if used:
            how = {"more": "“多”的部分未计入", "below": "实际略低于此数，结果是上限"}.get(
                kind, "按所说的约数"
            )
            lines.append(f"您说的“{said}”，按{format_wan(yuan)}计（{how}，以实际凭证金额为准）。")
            continue
        for c in request.get("claims", []):
            for t, word in _thresholds(book.rule(c["award"]), role):
                if _BELOW_BAND * yuan < t <= yuan:
                    lines.append(
                        f"您说的“{said}”不足{format_wan(yuan)}，达不到{format_wan(t)}{word}的门槛，"
                        f"不能按凑整后的{format_wan(yuan)}算作达标；请提供准确金额。"
                    )
    return list(dict.fromkeys(lines))


def hearsay_lines(facts: Facts, result: dict[str, Any], book: Any) -> list[str]:
    """What the answer says about a figure someone else gave for an award ("听说贴息能拿888万"): corrected against the
    rule and left out of the total, never summed as the applicant's own."""
    lines = []
    for yuan, rule_id in facts.hearsay:
        claim = next((c for c in result.get("claims", []) if c.get("rule_id") == rule_id), None)
        if rule_id is None or claim is None:
            continue
        rule = book.rule(rule_id)
        cap = rule.amount.max_cash_yuan
        if not cap:
            lines.append(
                f"您听说的{format_wan(yuan)}没有依据：{rule.title}不是现金奖补（{claim.get('amount_text', '')}），未计入合计。"
            )
        elif yuan > cap:
            lines.append(
                f"**您听说的{format_wan(yuan)}不对。** 按政策原文，{rule.title}单个企业最高{format_wan(cap)}，"
                f"听说的数额未计入合计。"
            )
        else:
            lines.append(
                f"您听说的{format_wan(yuan)}是别人的说法，不是按您的情况算出的，未计入合计；{rule.title}按政策原文为"
                f"{claim.get('amount_text', '')}。"
            )
    return list(dict.fromkeys(lines))


def conditions_all_stated(request: dict[str, Any], result: dict[str, Any], book: Any) -> bool:
    """Every condition of every claim is stated (its fact given, or "其他条件都满足" said) and none failed, so only
    the figures the amount is worked out on can still be open: a qualify question is answered, not asked back."""
    claims = request.get("claims") or []
    if not claims or len(claims) != len(result.get("claims") or []):
        return False
    for c, r in zip(claims, result["claims"], strict=True):
        rule = book.rule(c["award"])
        if (
            r.get("eligible") is False
            or (rule.levels and not c.get("level"))
            or (rule.stars and not c.get("star"))
        ):
            return False
        if not c.get(OTHERS_MET) and any(cond.fact not in c for cond in rule.conditions or ()):
            return False
    return True


def boundary_met(request: dict[str, Any], book: Any) -> list[str]:
    """The thresholds a stated figure meets exactly ("正好400万" against 不低于400万元): 以上/不低于 include it."""
    out = []
    for c in request.get("claims") or []:
        rule = book.rule(c["award"])
        for role, yuan in c.items():
            if not isinstance(yuan, int) or isinstance(yuan, bool):
                continue
            out += [
                f"{format_wan(t)}{word}" if word.endswith("以上") else f"{word}{format_wan(t)}"
                for t, word in _thresholds(rule, role)
                if t == yuan
            ]
    return list(dict.fromkeys(out))


def sharpen_lead(
    act: str, lead: str, request: dict[str, Any], result: dict[str, Any], book: Any, question: str
) -> tuple[str, bool]:
    """The yes/no lead made exact: a rate the confirm question presses ("贴息是按2%算的…100万对吧") is corrected
    from the clause whatever the figure; a threshold met exactly is said to count (以上/不低于 include it); a qualify
    question whose every condition is stated is answered 符合 with the ceiling. Returns (lead, answered): answered
    means the answer is not a clarify even if figures for the exact amount are still asked for."""
    rules = [book.rule(c["award"]) for c in request.get("claims") or []]
    if act == "confirm" and (fix := next((f for r in rules if (f := rate_correction(r, question))), "")):
        if not lead:
            return f"**不对。** {fix}", True
        if lead.startswith("**是的。**"):
            return f"**金额没错，但比例不对：** {fix}" + lead.removeprefix("**是的。**"), True
        return lead + fix, True
    if act == "confirm" and (
        fix := next(
            (
                f
                for c in request.get("claims") or []
                if (f := base_correction(book.rule(c["award"]), question, book, c))
            ),
            "",
        )
    ):
        # the rate right but taken of the wrong base ("按利息的1%"): not a sum to check, a formula to correct
        return f"**不对。** {fix}", True
    if act != "qualify" or not lead.startswith(("**还不能确定。**", "**能。**")):
        return lead, False
    met = boundary_met(request, book)
    edge = f"（{'、'.join(met)}：正好达到也符合，含本数）" if met else ""
    if lead.startswith("**能。**"):
        return lead.removesuffix("。") + edge + "。", False
    if conditions_all_stated(request, result, book):
        # "正好400万，其他条件都够，符合吗": every condition is stated, only the amount's own figures are open
        heads = "；".join(f"{c['title']}{c.get('amount_text', '')}" for c in result["claims"])
        return (
            f"**符合。** 按您说的情况，条件都满足{edge}。金额：{heads}，确切数额请补充下面列出的数字。",
            True,
        )
    return lead, False
