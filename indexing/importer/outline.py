"""Plain lines of a Chinese policy → policy.md: the numbering (第X章, 第X条, 一、, （一）, 1., （1）, 附件) becomes
Markdown headings, nested in the order the kinds first appear, as people read them.

A heading line usually carries its clause's first words: “（一）推动基础投入。鼓励企业……” gives the heading
“（一）推动基础投入” and the text after it. A numbered line with no short title (“第三条 本办法自……”) keeps
its number as the heading and all its words as text, so nothing is lost. Lines before the first numbered
heading (title, number, addressees) go under a heading with the document's title; an annex (附件, 附件2)
starts a new top-level part.

Example:
    >>> print(to_markdown(["关于若干措施", "一、总则", "（一）适用范围。本县注册企业。"], "关于若干措施").markdown)
    # 关于若干措施
    <BLANKLINE>
    关于若干措施
    <BLANKLINE>
    ## 一、总则
    <BLANKLINE>
    ### （一）适用范围
    <BLANKLINE>
    本县注册企业。
    <BLANKLINE>
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CN = "一二三四五六七八九十百零〇两"
# (kind, pattern): the number is group 1, the rest of the line group 2.
KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("annex", re.compile(rf"^(附件\s*[0-9{_CN}]*)\s*[:：]?\s*$")),
    ("chapter", re.compile(rf"^(第[{_CN}\d]+章)\s*(.*)$")),
    ("section", re.compile(rf"^(第[{_CN}\d]+节)\s*(.*)$")),
    ("article", re.compile(rf"^(第[{_CN}\d]+条)\s*(.*)$")),
    ("cn", re.compile(rf"^([{_CN}]+、)\s*(.*)$")),
    ("paren_cn", re.compile(rf"^([（(][{_CN}]+[）)])\s*(.*)$")),
    ("num", re.compile(r"^(\d{1,2}[.．、])(?!\d)\s*(.*)$")),
    ("paren_num", re.compile(r"^([（(]\d{1,2}[）)])\s*(.*)$")),
]
SHORT_TITLE = 30  # a heading's words end at the first 。 within this many characters
_PHRASE = re.compile(r"^(.{2,20}?)[，,：:；;]")


def starts_heading(line: str) -> bool:
    return any(p.match(line) for _, p in KINDS)


@dataclass
class Outline:
    markdown: str
    headings: int
    kinds: list[str] = field(default_factory=list)  # in the order of their levels


def split_heading(kind: str, number: str, rest: str) -> tuple[str, str]:
    """(heading, text) of one numbered line."""
    rest = rest.strip()
    if kind == "annex" or not rest:
        return number, ""
    if kind == "article":  # 第一条 is cited by its number; its words are the text
        return number, rest
    if kind in ("chapter", "section"):  # written 第一章 总则
        number += " "
    stop = rest.find("。")
    if 0 < stop <= SHORT_TITLE:
        return number + rest[:stop], rest[stop + 1 :].strip()
    if stop < 0 and len(rest) <= SHORT_TITLE:
        return number + rest, ""
    m = _PHRASE.match(rest)
    return (number + m.group(1) if m else number), rest


def to_markdown(lines: list[str], title: str) -> Outline:
    """The heading tree of ``lines`` as Markdown (see the module docstring)."""
    out: list[str] = [f"# {title}", ""]
    stack: list[str] = []  # kinds open from level 2 down
    base = 1  # the level of the current top part (the main text or an annex)
    headings = 0
    order: list[str] = []
    for i, line in enumerate(lines):
        kind, m = next(((k, p.match(line)) for k, p in KINDS if p.match(line)), ("", None))
        if m is None:
            out += [line, ""]
            continue
        number, rest = m.group(1), (m.group(2) if m.lastindex and m.lastindex >= 2 else "")
        heading, text = split_heading(kind, number, rest)
        if not text and rest.endswith(("。", "；")) and (i + 1 == len(lines) or starts_heading(lines[i + 1])):
            text = rest.strip()  # a one-line item (（1）工厂5个。): its words are its whole text
        if kind == "annex":
            stack, base = [], 1
            out += [f"# {heading}", ""]
        else:
            if kind in stack:
                del stack[stack.index(kind) + 1 :]
            else:
                stack.append(kind)
            if kind not in order:
                order.append(kind)
            out += [f"{'#' * min(6, base + len(stack))} {heading}", ""]
        headings += 1
        if text:
            out += [text, ""]
    return Outline("\n".join(out), headings, order)
