"""The award calculator's result (``CalcResult.to_dict()``) as one table, for the chat, the form and exports.

Columns: 项目, 条款, 条件, 金额或上限, 责任部门 — then the total, each principle of 附则 as applied, and the facts
still missing. Only text comes out of here; escaping for the page is render.py's job.

Example:
    >>> table_from_result({"claims": [], "total_text": "0元", "principles": []}).total
    '0元'
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from typing import Any

HEADERS = ["项目", "条款", "条件", "金额或上限", "责任部门"]
CALCULATOR_TOOL = "award_calculator"


@dataclass
class CalcTable:
    rows: list[list[str]] = field(default_factory=list)
    clause_ids: list[str] = field(default_factory=list)
    total: str = ""
    principles: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=lambda: list(HEADERS))
    basis: str = ""  # the document the calculation follows (its number)


def _clause_id(doc_id: str, clause: list[str]) -> str:
    if not doc_id or not clause:
        return ""
    from indexing.loader import clause_id_for

    return clause_id_for(doc_id, tuple(clause))


def _item(claim: dict[str, Any]) -> str:
    # The level, star and field as the rule book names them (国家级、五星级 …), set by the calculator.
    extra = "、".join(str(q) for q in claim.get("qualifiers") or [])
    title = str(claim.get("title") or claim.get("rule_id") or "")
    return f"{title}（{extra}）" if extra else title


def _amount(claim: dict[str, Any]) -> str:
    text = str(claim.get("amount_text") or "")
    if claim.get("eligible") is False:
        return "不符合条件"
    if claim.get("eligible") is None:
        return f"待补充信息（{text}）" if text else "待补充信息"
    if not claim.get("counted", True):
        return f"{text}（不重复计入）" if text else "不重复计入"
    return text


def _conditions(claim: dict[str, Any], labels: dict[str, str]) -> str:
    parts = [str(s) for s in claim.get("steps") or []]
    if claim.get("reason"):
        parts.append(f"说明：{claim['reason']}")
    if claim.get("missing"):
        parts.append("尚缺：" + "、".join(labels.get(str(m), str(m)) for m in claim["missing"]))
    return "；".join(p.rstrip("。；") for p in parts if p)


def table_from_result(result: dict[str, Any]) -> CalcTable:
    """One row per claim, in the order the claims were given."""
    table = CalcTable(basis=str(result.get("doc_number") or ""))
    labels = {
        str(m.get("name")): str(m.get("label")) for m in result.get("missing") or [] if isinstance(m, dict)
    }
    for claim in result.get("claims") or []:
        if not isinstance(claim, dict):
            continue
        clause = [str(c) for c in claim.get("clause") or []]
        table.rows.append(
            [
                _item(claim),
                clause[-1] if clause else str(claim.get("clause_path") or ""),
                _conditions(claim, labels),
                _amount(claim),
                "、".join(str(d) for d in claim.get("department") or []),
            ]
        )
        table.clause_ids.append(_clause_id(str(claim.get("doc_id") or result.get("doc_id") or ""), clause))
    table.total = str(result.get("total_text") or "")
    for p in result.get("principles") or []:
        if isinstance(p, dict):
            steps = "；".join(str(s).rstrip("。；") for s in p.get("steps") or [])
            mark = "（已适用）" if p.get("applied") else ""
            table.principles.append(
                f"{p.get('title', '')}{mark}：{steps}" if steps else f"{p.get('title', '')}{mark}"
            )
    for m in result.get("missing") or []:
        table.missing.append(str(m.get("question") or m.get("label")) if isinstance(m, dict) else str(m))
    table.notes = [str(w) for w in result.get("warnings") or []]
    table.notes += [str(n) for n in result.get("non_cash") or []]
    return table


def tables_from_answer(answer: dict[str, Any]) -> list[CalcTable]:
    """The tables of every calculator call in an answer (``Answer.to_dict()``)."""
    out = []
    for call in answer.get("tool_calls") or []:
        if (
            isinstance(call, dict)
            and call.get("name") == CALCULATOR_TOOL
            and isinstance(call.get("output"), dict)
        ):
            table = table_from_result(call["output"])
            if table.rows:
                out.append(table)
    return out


def to_html(table: CalcTable) -> str:
    """The table for ``gr.HTML`` (which does not sanitise): every cell escaped. On a phone each row becomes a
    card, its cells labelled from ``data-label`` by the stylesheet."""
    if not table.rows:
        return ""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{html.escape(h)}">{html.escape(c)}</td>'
            for h, c in zip(table.headers, row, strict=True)
        )
        + "</tr>"
        for row in table.rows
    )
    return f'<table class="calc-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def total_markdown(table: CalcTable) -> str:
    return f"### 合计：{table.total or '0元'}"


def details_markdown(table: CalcTable) -> str:
    """Principles, notes and missing facts as Markdown. All of it is the calculator's own wording from the
    rules; nothing a person typed appears in it."""
    lines: list[str] = []
    for heading, items in (
        ("适用的原则", table.principles),
        ("提示", table.notes),
        ("还需补充的信息", table.missing),
    ):
        if items:
            lines += ["", f"**{heading}**", *[f"- {i}" for i in items]]
    return "\n".join(lines).strip()


def to_csv(table: CalcTable) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    writer.writerow(["合计", "", "", table.total, ""])
    for p in table.principles:
        writer.writerow(["原则", "", p, "", ""])
    for n in table.notes:
        writer.writerow(["提示", "", n, "", ""])
    for m in table.missing:
        writer.writerow(["尚缺信息", "", m, "", ""])
    return buf.getvalue()


def to_markdown(table: CalcTable, title: str = "奖补测算结果") -> str:
    """A plain Markdown report (table, total, principles) to save or paste into a document."""

    def cell(s: str) -> str:
        return " ".join(s.split()).replace("|", "\\|")

    lines = [
        f"# {cell(title)}",
        "",
        "| " + " | ".join(table.headers) + " |",
        "|" + "---|" * len(table.headers),
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    lines += ["", f"**合计**：{table.total or '0元'}"]
    if table.principles:
        lines += ["", "## 适用的原则", ""] + [f"- {p}" for p in table.principles]
    if table.notes:
        lines += ["", "## 提示", ""] + [f"- {n}" for n in table.notes]
    if table.missing:
        lines += ["", "## 还需补充的信息", ""] + [f"- {m}" for m in table.missing]
    basis = f"依据{table.basis}测算" if table.basis else "按政策文件测算"
    lines += ["", f"*{basis}，仅供参考，以主管部门审定为准。*"]
    return "\n".join(lines) + "\n"
