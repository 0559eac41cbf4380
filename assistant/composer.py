"""The answer assembler: turns tool results into a short Chinese answer with verbatim, cited quotes.

Both planners end here, so an answer looks the same whoever planned it. Amounts come only from calculator output
(see calc_composer.py); this module quotes the policy and never does arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.quotes import best_fragment, best_sentences, sentence_with
from assistant.types import AnswerKind, Citation
from indexing.types import Clause, DocMeta

SCOPE_LINE = (
    "我可以解答泰兴市《制造业智能化改造和数字化转型三年行动计划（2022—2024年）》（泰政办发〔2022〕25号）"
    "及附件《关于推进制造业智能化改造和数字化转型的若干政策》：奖补条件和金额测算、行动计划目标、责任部门、适用范围和有效期。"
)
_RESPONSIBLE = re.compile(r"（责任(?:单位|部门)：(.+?)）\s*$")


@dataclass
class Composed:
    kind: AnswerKind
    text: str
    citations: list[Citation] = field(default_factory=list)
    helpdesk: dict[str, Any] = field(default_factory=dict)


def cite(meta: DocMeta, clause: Clause, quote: str) -> Citation:
    if quote not in clause.text:  # a quote that is not verbatim must never leave the assistant
        raise ValueError(f"quote is not in clause {clause.clause_id}: {quote!r}")
    return Citation(doc=meta.number, path=clause.path_str, quote=quote, clause_id=clause.clause_id, doc_id=meta.doc_id)


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


def refuse(reason: str, injection: bool) -> Composed:
    if injection:
        text = (
            f"抱歉，这个要求我不能照办：{reason}。\n\n"
            "我只依据政策原文回答，金额一律由奖补计算器按文件规定算出，对话内容不会改变任何规则或金额；"
            "我也不能以任何政府部门的名义出具确认函或作出承诺。正式答复请联系市工信局。\n\n" + SCOPE_LINE
        )
    else:
        text = f"抱歉，这个问题不在本助手的范围内（{reason}）。\n\n{SCOPE_LINE}\n\n其他政策请咨询市相关部门或拨打政务服务热线。"
    return Composed("refuse", text, helpdesk=helpdesk("这个问题不在本政策范围内，请咨询相关部门。", None, ""))


def greeting() -> Composed:
    text = (
        "您好！我是泰兴市智改数转政策助手。" + SCOPE_LINE + "\n\n可以这样问：\n"
        "- 智能车间2023年相关投入800万，能拿多少奖补？\n- 获评省五星级工业信息安全防护企业奖多少？\n"
        "- 贴息需要满足什么条件？\n- 5G基站的目标是多少座？"
    )
    return Composed("answer", text, helpdesk=helpdesk("您好，请问您想了解智改数转政策的哪方面？", None, ""))


def validity(meta: DocMeta, clause: Clause | None, today: date, question_year: int | None = None) -> Composed:
    quote = sentence_with(clause.text, "有效期") if clause else None
    ended = today > meta.valid_until
    status = (
        f"已于{_cn_date(meta.valid_until)}到期" if ended else f"有效期至{_cn_date(meta.valid_until)}"
    )
    text = (
        f"《若干政策》自{_cn_date(meta.valid_from)}公布之日起施行，有效期三年，{status}。"
        + (f"{question_year}年的新项目已不在本政策实施期限内，" if ended and question_year and question_year >= 2025 else "")
        + (f"现在申请请向{meta.contact_department}咨询现行政策；" if ended else "")
        + "以下是本政策当时的规定，仅供参考。"
    )
    cites = [cite(meta, clause, quote)] if clause and quote else []
    if cites:
        text += f"\n\n> {quote}（{clause.path_str}）"  # type: ignore[union-attr]
    script = f"这项政策{status}，现行政策请咨询{meta.contact_department}。"
    return Composed("answer", text, cites, helpdesk(script, cites[0] if cites else None, meta.contact_department))


def passage_answer(question: str, meta: DocMeta, clause: Clause, target: bool, lead: str = "") -> Composed:
    """Answer a factual or target question with the sentence(s) that state it, quoted verbatim."""
    quotes = best_sentences(clause.text, question, limit=2 if not target else 1)
    quotes = [q for q in quotes if q.strip()]
    short = None
    if quotes:
        short = best_fragment(quotes[0], question, need_digit=target)
    head = lead or (f"{short}。" if short else "")
    body = "\n".join(f"> {q}" for q in quotes)
    text = (head + "\n\n" if head else "") + f"依据{_where(clause)}：\n{body}"
    resp = responsible(clause)
    if resp:
        text += f"\n\n责任单位：{resp[0]}。"
    cites = [cite(meta, clause, q) for q in quotes]
    return Composed("answer", text, cites, helpdesk(head or quotes[0] if quotes else "", cites[0] if cites else None, resp[0] if resp else ""))


def department_answer(meta: DocMeta, clause: Clause, departments: str, subject: str, quote: str) -> Composed:
    text = f"{subject}的责任单位是：**{departments}**。\n\n依据{_where(clause)}：\n> {quote}"
    c = cite(meta, clause, quote)
    return Composed("answer", text, [c], helpdesk(f"这个事项请找{departments}。", c, departments))


def _where(clause: Clause) -> str:
    return "“" + clause.path_str + "”"


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
