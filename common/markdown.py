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
