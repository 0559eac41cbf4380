"""Turn an answer (``Answer.to_dict()``) into the chat's messages: escaped Markdown, sources, calculator table.

Everything that came from a person or from the corpus is escaped here, so no question and no document can
put HTML or script into the page. The engine's own answer is Markdown: it keeps its Markdown, but any raw
HTML in it is shown as text. Links to a clause (``#clause-<id>``) are the only links this module writes; the
page's script turns a click on one into "open this clause in 政策原文".

Example:
    >>> escape_text("<script>alert(1)</script>")
    '&lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt;'
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from ui.calc_table import CalcTable, tables_from_answer

CLAUSE_ANCHOR = "#clause-"
KIND_LABELS = {"clarify": "需要补充信息", "refuse": "超出范围"}

# Characters that make Markdown (or Gradio's $$…$$ LaTeX) anywhere in a line; ( ) ! are harmless once [ ] are
# escaped. Escaping only these keeps a copied answer readable.
_MD_INLINE = re.compile(r"([\\`*_\[\]|$~])")
# …and those that only mean something at the start of a line: a heading, a list item, a quote.
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+(?=[.)]))", re.MULTILINE)


def escape_text(text: str) -> str:
    """Plain text → Markdown that shows exactly that text (no HTML, no formatting, no links)."""
    out = _MD_INLINE.sub(r"\\\1", html.escape(str(text), quote=False))
    # "1." is escaped as "1\." (a backslash before a digit would show); "-" as "\-".
    return _MD_LINE_START.sub(
        lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)), out
    )


def escape_line(text: str) -> str:
    """Like escape_text, for one line: inside a table cell or a title, line breaks become spaces."""
    return escape_text(" ".join(str(text).split()))


def safe_markdown(markdown: str) -> str:
    """The engine's Markdown with any raw HTML shown as text; quotes (>), lists and **bold** still work."""
    return str(markdown).replace("&", "&amp;").replace("<", "&lt;")


def clause_href(clause_id: str) -> str:
    return CLAUSE_ANCHOR + _safe_id(clause_id)


def clause_link(clause_id: str, label: str) -> str:
    """A Markdown link that opens the clause in the policy browser (or plain text without an id)."""
    if not clause_id:
        return escape_line(label)
    return f"[{escape_line(label)}]({clause_href(clause_id)})"


def _safe_id(clause_id: str) -> str:
    # Clause ids are "<doc_id>:<sha1[:10]>"; anything else is dropped so an id can never close the link.
    return re.sub(r"[^0-9A-Za-z_:\-]", "", clause_id)


def helpdesk_markdown(helpdesk: dict[str, Any], clause_id: str = "") -> str:
    """The block a help-desk agent reads out: the script, the clause to cite, the department to refer to."""
    script = str(helpdesk.get("script") or "").strip()
    if not script:
        return ""
    lines = [f"**坐席话术**：{escape_text(script)}"]
    clause = str(helpdesk.get("clause") or "").strip()
    if clause:
        lines.append(f"**依据条款**：{clause_link(clause_id, clause)}")
    quote = str(helpdesk.get("quote") or "").strip()
    if quote:
        lines.append(f"**原文**：“{escape_line(quote)}”")
    department = str(helpdesk.get("department") or "").strip()
    lines.append(
        f"**转介部门**：{escape_line(department) if department else '本文件的联系部门（政策牵头部门）'}"
    )
    # A blockquote keeps the agent's block visually apart from the answer proper.
    return "\n".join("> " + line + "  " for line in lines)


def answer_markdown(answer: dict[str, Any], helpdesk_mode: bool = False) -> str:
    """The main bubble of one answer: (help-desk block), kind label, the answer, the calculator's tables."""
    parts: list[str] = []
    citations = answer.get("citations") or []
    if helpdesk_mode and answer.get("helpdesk"):
        first_id = next(
            (
                str(c.get("clause_id") or "")
                for c in citations
                if c.get("path") == answer["helpdesk"].get("clause")
            ),
            "",
        )
        block = helpdesk_markdown(answer["helpdesk"], first_id)
        if block:
            parts.append(block)
    label = KIND_LABELS.get(str(answer.get("kind")))
    if label:
        parts.append(f"`{label}`")
    parts.append(safe_markdown(str(answer.get("answer") or "")))
    for table in tables_from_answer(answer):
        parts.append(calc_table_markdown(table))
    return "\n\n".join(p for p in parts if p)


def calc_table_markdown(table: CalcTable) -> str:
    """The calculator's result as a Markdown table (项目, 条款, 条件, 金额或上限, 责任部门), total and principles."""
    lines = ["| " + " | ".join(table.headers) + " |", "|" + "---|" * len(table.headers)]
    for row, clause_id in zip(table.rows, table.clause_ids, strict=True):
        cells = [escape_line(c) for c in row]
        if clause_id:
            cells[1] = clause_link(clause_id, row[1])
        lines.append("| " + " | ".join(cells) + " |")
    out = ["**测算结果**", "\n".join(lines), f"**合计**：{escape_line(table.total or '0元')}"]
    details = []
    for heading, items in (
        ("适用的原则", table.principles),
        ("提示", table.notes),
        ("还需补充的信息", table.missing),
    ):
        if items:
            details.append(f"**{heading}**\n\n" + "\n".join(f"- {escape_line(i)}" for i in items))
    if details:
        # Folded: the answer above already says what matters; the principles are there for whoever checks.
        out.append(
            "<details><summary>适用的原则与提示</summary>\n\n" + "\n\n".join(details) + "\n\n</details>"
        )
    return "\n\n".join(out)


def citation_message(number: int, citation: dict[str, Any], clause_text: str | None) -> dict[str, Any]:
    """One source as a collapsed chat message: heading path as title; quote, whole clause, open-link inside."""
    path = str(citation.get("path") or "")
    body = [f"> {escape_text(str(citation.get('quote') or ''))}"]
    if clause_text:
        body.append(f"<details><summary>条款全文</summary>\n\n{escape_text(clause_text)}\n\n</details>")
    clause_id = str(citation.get("clause_id") or "")
    if clause_id:
        body.append(f"[在「政策原文」中打开 →]({clause_href(clause_id)})")
    doc = str(citation.get("doc") or "")
    title = f"来源 {number}｜{path}" + (f"（{doc}）" if doc else "")
    return {
        "role": "assistant",
        "content": "\n\n".join(body),
        "metadata": {"title": escape_line(title), "status": "done"},
    }


def chat_messages(
    answer: dict[str, Any], helpdesk_mode: bool, clause_text: Callable[[str], str | None]
) -> list[dict[str, Any]]:
    """All assistant messages for one answer: the answer bubble, then one collapsed message per source."""
    messages = [{"role": "assistant", "content": answer_markdown(answer, helpdesk_mode)}]
    for i, citation in enumerate(answer.get("citations") or [], start=1):
        text = clause_text(str(citation.get("clause_id") or "")) if citation.get("clause_id") else None
        messages.append(citation_message(i, citation, text))
    return messages


def user_message(text: str, notice: str = "") -> dict[str, Any]:
    content = escape_text(text)
    if notice:
        content += f"\n\n*{escape_text(notice)}*"
    return {"role": "user", "content": content}


def error_message(message: str) -> dict[str, Any]:
    return {"role": "assistant", "content": f"`出错了` {escape_text(message)}"}
