"""The award calculator's result (``CalcResult.to_dict()``) as one table, for the chat, the form and exports.

Columns: 项目, 条款, 条件, 金额或上限, 责任部门 — then the total and each principle of 附则 that was applied.

Example:
    >>> table_from_result({"claims": [], "total_text": "0元", "principles": []}).rows
    []
"""

from __future__ import annotations

import csv
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
    headers: list[str] = field(default_factory=lambda: list(HEADERS))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(_text(v) for v in value if v not in (None, ""))
    return str(value)


def _first(d: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if d.get(key) not in (None, "", []):
            return d[key]
    return None


def table_from_result(result: dict[str, Any]) -> CalcTable:
    """One row per claim; a claim that is not eligible says why in 条件 and shows 不符合 as its amount."""
    table = CalcTable()
    for item in result.get("claims") or result.get("awards") or []:
        if not isinstance(item, dict):
            continue
        clause = _first(item, "clause", "path")
        if isinstance(clause, list | tuple):
            clause = " › ".join(str(c) for c in clause)
        conditions = _first(item, "conditions_text", "condition", "reasons", "steps")
        amount = _first(item, "amount_text", "amount")
        if item.get("eligible") is False:
            amount = "不符合" + (f"（{amount}）" if amount else "")
        table.rows.append(
            [
                _text(_first(item, "title", "award")),
                _text(clause),
                _text(conditions),
                _text(amount),
                _text(_first(item, "department", "departments")),
            ]
        )
        table.clause_ids.append(_text(item.get("clause_id")))
    table.total = _text(_first(result, "total_text", "total"))
    for p in result.get("principles") or []:
        table.principles.append(_text(_first(p, "text", "note", "title")) if isinstance(p, dict) else _text(p))
    table.missing = [_text(m) for m in result.get("missing") or []]
    return table


def tables_from_answer(answer: dict[str, Any]) -> list[CalcTable]:
    """The tables of every calculator call in an answer (``Answer.to_dict()``)."""
    out = []
    for call in answer.get("tool_calls") or []:
        if isinstance(call, dict) and call.get("name") == CALCULATOR_TOOL and isinstance(call.get("output"), dict):
            table = table_from_result(call["output"])
            if table.rows:
                out.append(table)
    return out


def to_csv(table: CalcTable) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    if table.total:
        writer.writerow(["合计", "", "", table.total, ""])
    for p in table.principles:
        writer.writerow(["原则", "", p, "", ""])
    return buf.getvalue()


def to_markdown(table: CalcTable, title: str = "奖补测算结果") -> str:
    """A plain Markdown report (table, total, principles) to save or paste into a document."""

    def cell(s: str) -> str:
        return " ".join(s.split()).replace("|", "\\|")

    lines = [f"# {title}", "", "| " + " | ".join(table.headers) + " |", "|" + "---|" * len(table.headers)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    if table.total:
        lines += ["", f"**合计**：{table.total}"]
    if table.principles:
        lines += ["", "## 适用的原则", ""] + [f"- {p}" for p in table.principles]
    if table.missing:
        lines += ["", "## 尚缺的信息", ""] + [f"- {m}" for m in table.missing]
    return "\n".join(lines) + "\n"
