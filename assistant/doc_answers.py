"""Answers from a document's own text: for a document without rules.yaml, and for comparisons across documents.

Nothing here computes money. A document without rules is answered with the sentences that state its amounts,
quoted verbatim and cited; another document's rules are never applied to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from assistant.composer import Composed, cite, helpdesk
from assistant.quotes import best_fragment, best_sentences
from assistant.types import Citation, ToolCall
from indexing.types import Clause, DocMeta

_ASKS_AMOUNT = re.compile(r"多少|几|上限|最高|金额|额度|比例|补助|补贴|奖励|奖补|贴息|能拿|能领|标准")
_HAS_AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:%|万元|元|亿元)")
_HAS_FIGURES = re.compile(r"\d")
_ASKS_CEILING = re.compile(r"上限|最高|最多|封顶|顶格")
_STATES_CEILING = re.compile(r"最高|不超过|上限|最多")
# A question with its own figures asks for a calculation; without rules we say so instead of computing.
_ASKS_CALC = re.compile(r"投入|投资|贷款|利息|花了").pattern

Search = Callable[[str, str, int], list[Clause]]  # (query, doc_id, k) -> clauses of that document


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def validity_note(meta: DocMeta, today: date) -> str:
    """The document's own validity, in one sentence; it says so when the text states no period."""
    ask = meta.contact_department or meta.issuer
    until: date | None = getattr(meta, "valid_until", None)
    if until is None:
        return f"该文件原文未写明有效期，是否仍在执行请向{meta.issuer}咨询。"
    if today > until:
        return f"该文件已于{cn_date(until)}到期，现行政策请向{ask}咨询。"
    return f"该文件有效期至{cn_date(until)}。"


def _label(meta: DocMeta) -> str:
    return f"《{meta.short_title or meta.title}》（{meta.number}）" if meta.number else f"《{meta.title}》"


def strip_names(text: str, names: Sequence[str]) -> str:
    """The question without the document names in it, so search ranks on what is asked, not on who."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    return re.sub(r"^[和与跟及、，,\s]+|(?<=[^\u4e00-\u9fff])和", "", text) or text


def best_clause(question: str, clauses: Sequence[Clause]) -> Clause | None:
    """The first search hit, or the first that states an amount when the question asks for one."""
    if not clauses:
        return None
    if _ASKS_AMOUNT.search(question):
        with_amount = [c for c in clauses[:3] if _HAS_AMOUNT.search(c.text)]
        if with_amount:
            return with_amount[0]
    return clauses[0]


def stated_amount(question: str, clause: Clause) -> tuple[str, str]:
    """(the verbatim sentence that answers, a short spoken piece of it) from ``clause``."""
    quotes = best_sentences(clause.text, question, limit=1)
    quote = quotes[0] if quotes else clause.text.strip()
    asks_amount = bool(_ASKS_AMOUNT.search(question))
    # "上限多少" is answered by the piece that states money, not by "不超过2年" which merely has a digit.
    parts = [p for p in re.split(r"[，；。]", quote) if _HAS_AMOUNT.search(p)]
    if _ASKS_CEILING.search(question):
        parts = [p for p in parts if _STATES_CEILING.search(p)] or parts
    money = "，".join(parts)
    short = (best_fragment(money, question) if asks_amount and money else None) or best_fragment(
        quote, question, need_digit=asks_amount
    )
    return quote, short or ""


def searched(query: str, doc_id: str, search: Search, calls: list[ToolCall]) -> list[Clause]:
    """Search one document and record the call, as every tool call is recorded."""
    clauses = search(query, doc_id, 5)
    found = [{"clause_id": c.clause_id, "path": c.path_str} for c in clauses]
    calls.append(ToolCall("policy_search", {"query": query, "k": 5, "doc_ids": [doc_id]}, found))
    return clauses


def answer_from_text(
    question: str, meta: DocMeta, search: Search, today: date, calls: list[ToolCall]
) -> Composed:
    """A lookup in one document without rules: the clause that states it, quoted, and its validity."""
    clause = best_clause(question, searched(question, meta.doc_id, search, calls))
    note = validity_note(meta, today)
    if clause is None:
        text = f"在{_label(meta)}中没有找到与您的问题相关的条款。{note}"
        return Composed("answer", text, [], helpdesk(text, None, meta.contact_department))
    quote, short = stated_amount(question, clause)
    citation = cite(meta, clause, quote)
    lead = f"{short}。" if short else ""
    if _HAS_FIGURES.search(question) and re.search(_ASKS_CALC, question):
        lead += "该文件未录入奖补测算规则，助手不替它计算金额，请按下面的原文规定核对。"
    text = (
        f"按{_label(meta)}：{lead}\n\n> {quote}（{clause.path_str}）\n\n{note}"
        f"\n\n如需确认，请咨询{meta.contact_department or meta.issuer}。"
    )
    script = (short or quote) + "。" + note
    return Composed("answer", text, [citation], helpdesk(script, citation, meta.contact_department))


def compare(
    question: str,
    metas: Sequence[DocMeta],
    names: Sequence[str],
    search: Search,
    today: date,
    calls: list[ToolCall],
) -> Composed:
    """Each document's own rule on what is asked, side by side, each with its verbatim quote and citation."""
    query = strip_names(question, names)
    rows: list[tuple[DocMeta, Clause | None, str, str]] = []
    for meta in metas:
        clause = best_clause(query, searched(query, meta.doc_id, search, calls))
        quote, short = stated_amount(query, clause) if clause else ("", "")
        rows.append((meta, clause, quote, short))
    citations: list[Citation] = [cite(m, c, q) for m, c, q, _ in rows if c is not None and q]
    table = ["| 文件 | 规定 | 出处 |", "|---|---|---|"]
    for meta, clause, quote, short in rows:
        where = clause.path_str if clause else "未找到相关条款"
        table.append(f"| {meta.place or meta.issuer} {meta.number} | {short or quote or '—'} | {where} |")
    quotes = [f"> {m.place or m.issuer}：{q}（{c.path_str}）" for m, c, q, _ in rows if c is not None and q]
    notes = [f"- {m.place or m.issuer}：{validity_note(m, today)}" for m, *_ in rows]
    text = (
        f"按各文件的原文对比（{len(rows)}份）：\n\n"
        + "\n".join(table)
        + "\n\n原文：\n"
        + "\n".join(quotes)
        + "\n\n有效期：\n"
        + "\n".join(notes)
    )
    script = "；".join(f"{m.place or m.issuer}：{s or q}" for m, _, q, s in rows if q)
    return Composed("answer", text, citations, helpdesk(script, citations[0] if citations else None, ""))


def ask_which(metas: Sequence[DocMeta], reason: str) -> Composed:
    """Two or more documents fit equally: ask which one, naming them."""
    options = "\n".join(f"- {m.place or m.issuer}：{_label(m)}" for m in metas)
    text = f"您问的是哪一份文件？{reason}：\n{options}\n\n请说明地方或文号，我再按那份文件回答。"
    return Composed("clarify", text, [], helpdesk("请问您问的是哪个地方的政策？", None, ""))


def doc_scores(hits: Sequence[Any]) -> dict[str, float]:
    """Each document's best fused score among ``hits`` (``Hit`` records of an unfiltered search)."""
    best: dict[str, float] = {}
    for h in hits:
        doc_id = h.chunk.doc_id
        best[doc_id] = max(best.get(doc_id, 0.0), float(h.score))
    return best
