"""The answer assembler: turns tool results into a short Chinese answer with verbatim, cited quotes.

Both planners end here, so an answer looks the same whoever planned it. Amounts come only from calculator output
(see calc_composer.py); this module quotes the policy and never does arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.quotes import _bigrams, best_fragment, best_sentences, sentence_with, sentences
from assistant.scope import EVERYWHERE, Coverage
from assistant.term_claims import term_lead
from assistant.types import Answer, AnswerKind, Citation, Plan, ToolCall
from indexing.types import Clause, DocMeta
from tools.calc_records import amount_text
from tools.rule_records import Rule

_RESPONSIBLE = re.compile(r"（责任(?:单位|部门)：(.+?)）\s*$")


@dataclass
class Composed:
    kind: AnswerKind
    text: str
    citations: list[Citation] = field(default_factory=list)
    helpdesk: dict[str, Any] = field(default_factory=dict)

    def answer(
        self, calls: list[ToolCall], plan: Plan, planner: str = "rules", trace: list[str] | None = None
    ) -> Answer:
        """The record that leaves the assistant, with the tool calls, plan and trace that led to this text."""
        return Answer(
            kind=self.kind,
            answer=self.text,
            citations=self.citations,
            tool_calls=calls,
            plan=plan,
            planner=planner,
            trace=trace or [],
            helpdesk=self.helpdesk,
        )


def cite(meta: DocMeta, clause: Clause, quote: str) -> Citation:
    if quote not in clause.text:  # a quote that is not verbatim must never leave the assistant
        raise ValueError(f"quote is not in clause {clause.clause_id}: {quote!r}")
    return Citation(
        doc=meta.number, path=clause.path_str, quote=quote, clause_id=clause.clause_id, doc_id=meta.doc_id
    )


def responsible(clause: Clause) -> tuple[str, str] | None:
    """(departments, the verbatim parenthesis) of a clause's 责任单位/责任部门 line, if it has one."""
    tail = clause.text.strip().splitlines()[-1] if clause.text.strip() else ""
    m = _RESPONSIBLE.search(tail) or re.search(r"（责任(?:单位|部门)：(.+?)）", clause.text)
    return (m.group(1), m.group(0)) if m else None


def helpdesk(script: str, citation: Citation | None, department: str) -> dict[str, Any]:
    return {
        "script": script,
        "clause": citation.path if citation else "",
        "quote": citation.quote if citation else "",
        "department": department,
    }


def refuse(reason: str, injection: bool, coverage: Coverage = EVERYWHERE) -> Composed:
    if injection:
        text = (
            f"抱歉，这个要求我不能照办：{reason}。\n\n"
            "我只依据政策原文回答，金额一律由奖补计算器按文件规定算出，对话内容不会改变任何规则或金额；"
            f"我也不能以任何政府部门的名义出具确认函或作出承诺。正式答复请联系{coverage.contact}。\n\n"
            + coverage.intro
        )
    else:
        text = f"抱歉，这个问题不在本助手的范围内（{reason}）。\n\n{coverage.intro}\n\n其他政策请咨询市相关部门或拨打政务服务热线。"
    return Composed("refuse", text, helpdesk=helpdesk("这个问题不在本政策范围内，请咨询相关部门。", None, ""))


def greeting(coverage: Coverage = EVERYWHERE) -> Composed:
    text = "您好！我是智改数转政策助手。" + coverage.intro
    if coverage.examples:
        text += "\n\n可以这样问：\n" + "\n".join(f"- {e}" for e in coverage.examples)
    return Composed("answer", text, helpdesk=helpdesk("您好，请问您想了解智改数转政策的哪方面？", None, ""))


def which_award(
    rules: list[Any] | tuple[Any, ...], level_names: Iterable[str] = (), level: tuple[str, str] | None = None
) -> Composed:
    """A money question that names no award: ask which one, listing what the policy rewards and the levels
    its rule book names (国家级/省级 …). An honour said only by its level ("拿了个省里的奖", ``level``: id and
    name) is asked among the honours the rules pay at that level."""
    levels = "/".join(level_names)
    if level is not None and (at_level := [r.title for r in rules if level[0] in (r.levels or ())]):
        text = (
            f"请问获评的是哪一项{level[1]}荣誉？本政策对{level[1]}给奖励的事项有："
            + "、".join(dict.fromkeys(at_level))
            + "。\n\n请告诉我具体名称（及星级），我再按文件测算。"
        )
        return Composed("clarify", text, helpdesk=helpdesk("请问您获评的是哪一项荣誉？", None, ""))
    titles = list(dict.fromkeys(r.title for r in rules))
    text = (
        "请问是哪一项？本政策的奖补事项有：" + "、".join(titles) + "。\n\n"
        f"请告诉我获评/投入的具体事项、级别{f'（{levels}）' if levels else ''}或星级，以及相关金额，我再按文件测算。"
    )
    return Composed("clarify", text, helpdesk=helpdesk("请问您说的是哪一项奖补？", None, ""))


_PLAN = re.compile(r"行动计划|三年计划")
# "计划结束后那年的头几个月报的": months early in a year, which the attachment's term may still cover
_EARLY_MONTHS = re.compile(
    r"(20\d{2})\s*年\s*(?:的)?(?:头几个月|前几个月|年初|初|开年|一季度|第一季度|前三个月|1-3月|1～3月)"
)
_WHOLE_ASKED = re.compile(
    r"怎么说|如何说|怎么讲|怎么规定|如何规定|有什么规定|有哪些规定|什么内容|哪些内容|具体内容|讲了什么|讲的什么|"
    r"说了什么|说的什么|写了什么|写的什么|介绍一下|详细说说|具体说说|原文"
)
_WHOLE_MAX = 500  # a longer clause is quoted by its best sentences, not whole
_FUTURE_YEAR = re.compile(r"明年|后年|来年|下一年|下年度")
_TERM_START = re.compile(
    r"(?:从|自)[^，。？?]{0,10}(?:算|起算|开始|计算)|起算|算起|哪天开始|何时开始|什么时候开始"
)
_YEAR_MONTH = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月")
_STILL = re.compile(
    r"还|仍在|仍然|现在|目前|如今|眼下|今年|明年|作数|算数|有效吗|过期|失效|兑现|延续|继续|续期|延期|管用"
)


def _after_plan_months(question: str, start: date, end: date, plan_end: int) -> str:
    """Months named after the plan's last year that the attachment's term still covers: they follow the policy."""
    named = [(int(y), int(m)) for y, m in _YEAR_MONTH.findall(question) if 1 <= int(m) <= 12]
    named += [(int(y), 3) for y in _EARLY_MONTHS.findall(question)]  # early months: up to March
    inside = [(y, m) for y, m in named if y > plan_end and start <= date(y, m, 1) <= end]
    if not inside:
        return ""
    y, m = max(inside)
    return (
        f"{y}年{m}月及以前仍在附件实施期限（截至{_cn_date(end)}）内，这期间的申报仍按本政策执行；"
        f"{_cn_date(end)}以后的请咨询现行政策。"
    )


def validity(
    meta: DocMeta, clause: Clause | None, today: date, question_year: int | None = None, question: str = ""
) -> Composed:
    """The validity answer: a yes/no first when the question asks whether it still holds, the dates, the clause
    quoted and where to ask about the current policy."""
    quote = sentence_with(clause.text, "有效期") if clause else None
    if meta.valid_from is None or meta.valid_until is None:
        # a document whose text states no term: say so, and where to ask
        text = f"《{meta.title}》原文没有写明有效期；是否仍在执行请咨询{meta.contact_department}。"
        cites = [cite(meta, clause, quote)] if clause and quote else []
        return Composed(
            "answer", text, cites, helpdesk(text, cites[0] if cites else None, meta.contact_department)
        )
    ended = today > meta.valid_until
    status = f"已于{_cn_date(meta.valid_until)}到期" if ended else f"有效期至{_cn_date(meta.valid_until)}"
    text = (
        f"《若干政策》自{_cn_date(meta.valid_from)}公布之日起施行，有效期三年，{status}。"
        + (
            f"{question_year}年的新项目已不在本政策实施期限内，"
            if ended and question_year and question_year >= meta.valid_until.year
            else ""
        )
        + (f"现在申请请向{meta.contact_department}咨询现行政策；" if ended else "")
        + "以下是本政策当时的规定，仅供参考。"
    )
    late = [
        (int(y), int(m))
        for y, m in _YEAR_MONTH.findall(question)
        if 1 <= int(m) <= 12 and (int(y), int(m)) > (meta.valid_until.year, meta.valid_until.month)
    ]
    if late:
        # "2025年12月投入的，能按这个申报吗": a date after the end leads the answer
        y, m = max(late)
        text = (
            f"**不在本政策实施期限内。** {y}年{m}月晚于本政策的截止日期{_cn_date(meta.valid_until)}，"
            f"不能按本政策申报，请向{meta.contact_department}咨询现行政策。\n\n" + text
        )
    future = _FUTURE_YEAR.search(question) if question else None
    if future and ended and not late:
        # "明年申报…可以吗" after the end: the answer is no, and where to ask about the current policy
        text = (
            f"**不在本政策实施期限内。** 本政策已于{_cn_date(meta.valid_until)}到期，{future.group()}申报"
            f"不能按本政策执行，请向{meta.contact_department}咨询现行政策。\n\n" + text
        )
    covered = ""  # months after the plan's years that the attachment still covers
    if question and meta.plan_period and _PLAN.search(question):
        # "行动计划和若干政策是同一时间结束的吗": both periods, the plan's years and the attachment's term
        plan_end = re.findall(r"\d{4}", meta.plan_period)
        same = plan_end and int(plan_end[-1]) == meta.valid_until.year
        if plan_end:
            covered = _after_plan_months(question, meta.valid_from, meta.valid_until, int(plan_end[-1]))
        text = (
            f"三年行动计划的期限是{meta.plan_period}；附件《若干政策》的实施期限是"
            f"{_cn_date(meta.valid_from)}至{_cn_date(meta.valid_until)}（有效期三年）"
            + ("，两者结束时间相同。" if same else "，两者结束时间不同。")
            + covered
            + "\n\n"
            + text
        )
    # a rumour about the term, or a past month asked against it: 是/不是 on that first (assistant/term_claims.py)
    lead = term_lead(question, meta.valid_from, meta.valid_until, today, meta.contact_department)
    if question and _TERM_START.search(question):
        # "有效期是从发文那天算吗": the start day leads
        other = "，不是从次年1月1日起算" if re.search(r"1月1|元旦|次年|第二年|下一年", question) else ""
        text = f"**从公布之日起算**：{_cn_date(meta.valid_from)}起施行{other}。\n\n" + text
    elif question and _STILL.search(question) and not late and not future and not covered and not lead:
        text = ("**已经到期，不再执行。** " if ended else "**仍在有效期内。** ") + text
    text = lead + text
    cites = [cite(meta, clause, quote)] if clause and quote else []
    if cites:
        text += f"\n\n> {quote}（{clause.path_str}）"  # type: ignore[union-attr]
    script = f"这项政策{status}，现行政策请咨询{meta.contact_department}。"
    return Composed(
        "answer", text, cites, helpdesk(script, cites[0] if cites else None, meta.contact_department)
    )


def passage_answer(
    question: str,
    meta: DocMeta,
    clause: Clause,
    target: bool,
    lead: str = "",
    must: str = "",
    also: tuple[str, ...] = (),
) -> Composed:
    """Answer a factual or target question with the sentence(s) that state it, quoted verbatim; ``must`` (a sentence
    of the clause the answer leads with) is always among them, so what the answer states is what it cites; ``also``:
    more sentences of the clause that must be quoted (each award a clause gives, when the clause is asked whole)."""
    # The clause's own heading named in the question ("智数项目投入行动里…") says which clause, not which sentence.
    title = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）)、.]", "", clause.title)
    asked = question.replace(title, "") if title and len(title) >= 4 else question
    whole = _WHOLE_ASKED.search(question) and len(clause.text) <= _WHOLE_MAX
    # "这一块政策是怎么说的": what the clause says as a whole, every sentence of a short clause
    limit = len(sentences(clause.text)) if whole else 2 if not target else 1
    quotes = best_sentences(clause.text, asked or question, limit=limit)
    if whole:  # the department line is said below as 责任单位, not quoted as a sentence
        quotes = [q for q in quotes if not re.fullmatch(r"[（(]责任(?:部门|单位)[^）)]*[）)]", q.strip())]
    quotes = [q for q in quotes if q.strip()]
    if must and must in clause.text and not any(must in q or q in must for q in quotes):
        quotes = sorted([must, *quotes[:1]], key=clause.text.find)
    extra = [a for a in also if a in clause.text and not any(a in q or q in a for q in quotes)]
    if extra:
        quotes = sorted([*quotes, *extra], key=clause.text.find)
    short = None
    if quotes:
        short = best_fragment(quotes[0], question, need_digit=target)
    head = lead or (f"{short}。" if short else "")
    body = "\n".join(f"> {q}" for q in quotes)
    text = (head + "\n\n" if head else "") + f"依据{_where(clause)}：\n{body}"
    resp = responsible(clause)
    if resp:
        text += f"\n\n责任单位：{resp[0]}。"
    # One citation per clause, so the first three citations name distinct clauses: two sentences of the clause are
    # cited as the one verbatim span that holds both.
    joined = _span(clause.text, quotes)
    cites = [cite(meta, clause, q) for q in ([joined] if joined else quotes)]
    return Composed(
        "answer",
        text,
        cites,
        helpdesk(head or quotes[0] if quotes else "", cites[0] if cites else None, resp[0] if resp else ""),
    )


def _span(text: str, quotes: list[str]) -> str | None:
    """The one verbatim span of ``text`` from the first of the quotes to the end of the last (in either order)."""
    if len(quotes) < 2:
        return None
    ordered = sorted(quotes, key=text.find)
    a, b = ordered[0], ordered[-1]
    start = text.find(a)
    end = text.find(b, start + len(a))
    if start < 0 or end < 0:
        return None
    return text[start : end + len(b)]


def merge(parts: list[Composed]) -> Composed:
    """Several passage answers to one question with several asks, in order, citations kept per part."""
    text = "\n\n".join(p.text for p in parts)
    cites = [c for p in parts for c in p.citations]
    script = "；".join(p.helpdesk.get("script", "") for p in parts if p.helpdesk.get("script"))
    first = parts[0].helpdesk
    return Composed("answer", text, cites, {**first, "script": script})


_TARGET_WORDS = re.compile(r"(?:到|至)20\d\d年|累计|力争|以上|达|超过|突破|梯队|全覆盖")


def target_score(clause: Clause, question: str) -> float:
    """How well the clause states a target the question asks about: the best fragment's overlap with the
    question, more when the sentence is worded as a target (到2024年, 累计, 力争) and less when it is about money."""
    q = _bigrams(question)
    best = 0.0
    for sent in sentences(clause.text):
        parts = [p for p in re.split(r"[，；。]", sent) if p.strip()]
        for frag in parts:
            if not (re.search(r"\d", frag) or _TARGET_WORDS.search(frag)):
                continue
            score = len(q & _bigrams(frag)) / (len(q) or 1)
            score += 0.15 if _TARGET_WORDS.search(sent) else 0.0
            score -= 0.2 if "万元" in sent else 0.0
            best = max(best, score)
    return best


_DEPT = re.compile(r"市[\u4e00-\u9fff]{1,8}?(?:局|委|办|行|政府)")


def department_score(clause: Clause, question: str) -> float:
    """How well a clause answers "which department": its best sentence's overlap, more if it names one."""
    quote = best_sentences(clause.text, question, limit=1)
    overlap = len(_bigrams(question) & _bigrams(quote[0])) / (len(_bigrams(question)) or 1) if quote else 0.0
    return overlap + (0.2 if responsible(clause) or (quote and _DEPT.search(quote[0])) else 0.0)


def names_department_in_answer(clause: Clause, question: str) -> bool:
    """True when the sentence that answers the question itself names the department (附则（三）: 由市科技局…)."""
    quote = best_sentences(clause.text, question, limit=1)
    return bool(quote and _DEPT.search(quote[0]) and "责任" not in quote[0][:4])


def outline_answer(
    meta: DocMeta, path: tuple[str, ...], clauses: list[Clause], total: int | None = None
) -> Composed:
    """A heading with several items (基本原则 → 1. 2. 3.): list them, quoting each item's first sentence; ``total``
    when only the items asked of more (``total``) are listed."""
    items, cites = [], []
    for c in clauses:
        first = sentences(c.text)[0].strip() if c.text.strip() else ""
        items.append(f"- **{c.title}**" + (f"：{first}" if first else ""))
        if first:
            cites.append(cite(meta, c, first))
    if total is not None and total > len(clauses):
        head = f"“{path[-1]}”共{total}项，问到的是：" if len(clauses) > 1 else f"“{path[-1]}”中问到的是："
    else:
        head = f"“{path[-1]}”共{len(clauses)}项：" if len(clauses) > 1 else ""
    text = head + "\n" + "\n".join(items)
    return Composed(
        "answer",
        text,
        cites[:5],
        helpdesk(head + "、".join(c.title for c in clauses), cites[0] if cites else None, ""),
    )


def related_answer(meta: DocMeta, word: str, clauses: list[Clause]) -> Composed:
    """Every clause giving something for one subject ("5G"), each quoted by its sentences naming the subject."""
    parts, cites = [], []
    for c in clauses:
        quotes = [q.strip() for q in sentences(c.text) if word.lower() in q.lower()]
        parts.append(f"依据{_where(c)}：\n" + "\n".join(f"> {q}" for q in quotes))
        span = _span(c.text, quotes) or (quotes[0] if quotes else "")
        if span:
            cites.append(cite(meta, c, span))
    titles = "、".join(c.title for c in clauses)
    text = f"政策中与“{word}”有关的支持共{len(clauses)}条：{titles}。\n\n" + "\n\n".join(parts)
    return Composed(
        "answer", text, cites, helpdesk(f"与{word}有关的支持见{titles}", cites[0] if cites else None, "")
    )


def group_outline(meta: DocMeta, section: Clause, groups: list[tuple[str, list[Clause]]]) -> Composed:
    """A section's headings one level down (三大工程), each with the titles of its items, citing the section's
    sentence that names them."""
    lines = [f"- **{head}**：" + "、".join(c.title for c in items) for head, items in groups]
    text = f"“{section.path[-1]}”共{len(groups)}项：\n" + "\n".join(lines)
    names = [core for head, _ in groups if (core := re.sub(r"^[（(][^）)]*[）)]", "", head))]
    quote = next((q.strip() for q in sentences(section.text) if any(n[:4] in q for n in names)), None) or (
        sentences(section.text)[0].strip() if section.text.strip() else None
    )
    cites = [cite(meta, section, quote)] if quote else []
    if quote:
        text += f"\n\n依据{_where(section)}：\n> {quote}"
    script = f"“{section.path[-1]}”共{len(groups)}项：" + "、".join(h for h, _ in groups)
    return Composed("answer", text, cites, helpdesk(script, cites[0] if cites else None, ""))


def department_answer(
    meta: DocMeta, clause: Clause, departments: str, subject: str, quote: str, rule_quote: str = ""
) -> Composed:
    """``rule_quote``: the award's own sentence, for "谁来认定/怎么判定": who recognises it (省认定, 经审定) is
    stated there, not in the 责任部门 line."""
    text = f"{subject}的责任单位是：**{departments}**。"
    if rule_quote:
        text += f"\n\n认定或审定的依据，原文是：\n> {rule_quote}"
    text += f"\n\n依据{_where(clause)}：\n> {quote}"
    c = cite(meta, clause, quote)
    return Composed("answer", text, [c], helpdesk(f"这个事项请找{departments}。", c, departments))


def _where(clause: Clause) -> str:
    return "“" + clause.path_str + "”"


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def conditions_answer(
    meta: DocMeta,
    clause: Clause,
    rule: Any,
    level_names: dict[str, str],
    labels: dict[str, str] | None = None,
    choice_names: dict[str, str] | None = None,
) -> Composed:
    """An award's conditions, one per line (figures in 万元), its standard, and the clause sentence quoted."""
    from assistant.standards import condition_lines, standard_line

    lines = [f"**{rule.title}**的条件（依据“{clause.path_str}”）："]
    conds = condition_lines(rule, labels or {})
    if rule.levels and getattr(rule.amount, "choose_by", None) != "level":
        conds.append("获得" + "、".join(level_names.get(lv, lv) for lv in rule.levels) + "认定")
    elif rule.levels:
        conds.append("按认定级别（" + "、".join(level_names.get(lv, lv) for lv in rule.levels) + "）分档")
    if conds:
        lines += [f"{i}. {c}" for i, c in enumerate(conds, 1)]
    else:
        lines.append("原文没有另列门槛条件，以获得相应认定或经审定为准。")
    if standard := standard_line(rule, labels or {}, {**level_names, **(choice_names or {})}):
        lines.append(f"奖补标准：{standard}。")
    quote = rule.quote if rule.quote in clause.text else ""
    cites = [cite(meta, clause, quote)] if quote else []
    if quote:
        lines.append(f"\n> {quote}")
    if resp := responsible(clause):
        lines.append(f"\n责任单位：{resp[0]}。")
    script = f"{rule.title}的条件：" + ("；".join(conds) if conds else "以获得相应认定或经审定为准") + "。"
    return Composed(
        "answer",
        "\n".join(lines),
        cites,
        helpdesk(script, cites[0] if cites else None, resp[0] if resp else meta.contact_department),
    )


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
# A figure asked as certain or fixed; a ceiling (最高/不超过) is neither.
SURE = re.compile(r"固定|肯定|一定能|保证|足额|全额|稳拿|都能拿|都给|一律|统一给")


def tiers_lead(rule: Rule, claimed: list[int], names: dict[str, str], question: str) -> str:
    """不一定 for "只要认定了都奖50万，是不是" when the figure is what only some of the award's tiers (level, star,
    field) pay and the question names none of them: each tier said, the figure's own first."""
    a = rule.amount
    if a.family != "choice" or not claimed:
        return ""
    paid = [k for k, c in a.choices.items() if c.max_cash_yuan in claimed]
    if not paid or len(paid) == len(a.choices):
        return ""
    named = {k: names.get(k, k) for k in a.choices}
    if any(n in question or re.sub(r"(?:领域|级)$", "", n) in question for n in named.values()):
        return ""  # the tier is named: the figure is checked against it as usual

    def tier(k: str) -> str:
        c = a.choices[k]
        return named[k] + amount_text(c.family, c.yuan, c.up_to or c.kind == "ceiling", list(c.documents))

    others = "；".join(tier(k) for k in a.choices if k not in paid)
    return f"**不一定，不全是。** {rule.title}分档支持，只有{'、'.join(tier(k) for k in paid)}；{others}。"


def figure_lead(question: str, claimed: list[int], reference: str) -> str:
    """是的/不对 for "is it true that …" when the question states a figure (an amount or a percentage): the
    figure is confirmed only when the answer's own text (the clause quote, the calculator's lines) states it."""
    from tools.amounts import find_amounts

    percents = set(_PERCENT.findall(question))
    if not claimed and not percents:
        return ""
    stated = {a.yuan for a in find_amounts(reference)}
    stated_pct = set(_PERCENT.findall(reference))
    quoted = [ln[2:] for ln in reference.splitlines() if ln.startswith("> ")]
    figure = next(
        (f for q in quoted if (f := best_fragment(q, question, need_digit=True))), None
    )  # the clause's own figure, said first
    said = f"原文：“{figure}”。" if figure else "见下文政策原文。"
    if all(c in stated for c in claimed) and percents <= stated_pct:
        if figure and SURE.search(question) and re.search(r"最高|不超过|以内", figure):
            # "是固定给30万吗" / "肯定能拿30万吗": the figure is right, but it is a ceiling, not a promise
            return f"**不完全对：这是上限，不是固定金额。** {said}"
        return f"**是的。** {said}"
    return f"**不对。** {said}"
