"""The one reader of policy.md's heading tree: ATX headings (``#`` to ``######``) and the lines under each.

Example:
    >>> [(s.path, s.lines) for s in read_sections("# 附件\\n## 一、总则\\n正文。")]
    [(('附件',), []), (('附件', '一、总则'), ['正文。'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")


@dataclass
class Section:
    """One heading: its path from the root, and the non-blank lines (stripped) written directly under it."""

    path: tuple[str, ...]
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Outline:
    """Every heading of a Markdown text in reading order, and the lines before the first heading."""

    sections: list[Section]
    preamble: list[str]


def read_outline(text: str) -> Outline:
    """Headings nest by level: a heading closes every open heading of its level or deeper."""
    stack: list[tuple[int, str]] = []
    sections: list[Section] = []
    preamble: list[str] = []
    for line in text.splitlines():
        m = HEADING.match(line)
        if m:
            level, title = len(m.group(1)), m.group(2).strip()
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, title))
            sections.append(Section(tuple(h for _, h in stack)))
        elif line.strip():
            (sections[-1].lines if sections else preamble).append(line.strip())
    return Outline(sections, preamble)


def read_sections(text: str) -> list[Section]:
    return read_outline(text).sections


# A heading's own number: "一、" (a part), "（一）" (an item) or "1." (a point).
_HEADING_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[）)]|\d+[.．、])"
)


def cited_as(path: tuple[str, ...] | list[str], with_title: bool = True) -> str:
    """How a sentence cites a clause: its part's name, then its own number and title, as the text's readers do.

    Example:
        >>> cited_as(("附件", "五、附则", "（一）适用范围"))
        '附则（一）适用范围'
        >>> cited_as(("附件", "五、附则", "（一）适用范围"), with_title=False)
        '附则（一）'

    A heading without a number, or without a part above it, is cited by itself.
    """
    if not path:
        return ""
    last = path[-1]
    number = _HEADING_NUMBER.match(last)
    if number is None or len(path) < 2:
        return last
    return _HEADING_NUMBER.sub("", path[-2]) + (last if with_title else number.group(0))
