"""A CalcResult as a readable table for a terminal or a help-desk note (``python -m assistant calc``)."""

from __future__ import annotations

import unicodedata

from tools.calc_records import CalcResult

_VERDICT = {True: "符合", False: "不符合", None: "待确认"}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def render_table(result: CalcResult) -> str:
    """Claims as rows (verdict, amount), each with its clause, department and steps; then the principles."""
    period = "在有效期内" if result.in_validity else "不在有效期内"
    lines = [f"{result.doc_number} 奖补测算（测算日期 {result.as_of.isoformat()}，{period}）", ""]
    title_w = max([_width("奖项")] + [_width(c.title) for c in result.claims]) + 2
    lines.append(f"{'#':<3}{_pad('奖项', title_w)}{_pad('结果', 8)}金额")
    for c in result.claims:
        verdict = _VERDICT[c.eligible] if c.counted or c.eligible is False else "不另计"
        lines.append(f"{c.index + 1:<3}{_pad(c.title, title_w)}{_pad(verdict, 8)}{c.amount_text}")
        lines.append(f"   条款：{c.clause_path}")
        lines.append(f"   责任部门：{'、'.join(c.department)}；报批：{c.handled_by}")
        lines += [f"   · {s}" for s in c.steps]
        if c.reason:
            lines.append(f"   原因：{c.reason}")
    lines.append("")
    cut = result.total_before_tax_cap_yuan != result.total_yuan
    lines.append(f"合计：{result.total_text}" + ("（已按地方税收核减）" if cut else ""))
    if result.non_cash:
        lines.append(f"另有（不计入合计）：{'；'.join(result.non_cash)}")
    verdict = {True: "可申请", False: "不符合", None: "待确认（见下方需补充的信息）"}[result.eligible]
    lines.append(f"总体：{verdict}")
    lines += ["", "附则："]
    for p in result.principles:
        mark = "【已适用】" if p.applied else ""
        lines.append(f"  {p.title}{mark}（{' › '.join(p.clause)}）")
        lines += [f"    · {s}" for s in p.steps]
    if result.missing:
        lines += ["", "需要补充的信息："]
        for m in result.missing:
            lines.append(
                f"  - {m.field}：{m.question}" + ("" if m.required else "（未提供时按有利情形测算）")
            )
    if result.warnings:
        lines += ["", "提示："]
        lines += [f"  - {w}" for w in result.warnings]
    return "\n".join(lines)
