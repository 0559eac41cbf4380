"""The 政策原文 tab's content: each document as a heading tree with its full text, searchable, one clause in focus.

The output is HTML for ``gr.HTML``, which does not sanitise: every piece of corpus text and every search term
goes through ``html.escape`` here, and matches are marked on the raw text before escaping, so a search can
never cut an entity in half.

Example:
    >>> browser = PolicyBrowser([])
    >>> "没有找到" in browser.render("贴息")
    True
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from indexing.types import PATH_SEP, Clause, PolicyDocument

MAX_QUERY_CHARS = 100


@dataclass
class _Node:
    title: str
    path: tuple[str, ...]
    clause: Clause | None = None
    children: dict[str, _Node] = field(default_factory=dict)


def _terms(query: str) -> list[str]:
    return [t for t in " ".join(str(query or "")[:MAX_QUERY_CHARS].split()).split(" ") if t]


def _matches(clause: Clause, terms: list[str]) -> bool:
    haystack = (clause.path_str + "\n" + clause.text).lower()
    return all(t.lower() in haystack for t in terms)


def highlight(text: str, terms: list[str]) -> str:
    """Escape ``text`` for HTML, wrapping each occurrence of a term in <mark>."""
    if not terms:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def _paragraphs(text: str, terms: list[str]) -> str:
    return "".join(f"<p>{highlight(p, terms)}</p>" for p in text.split("\n") if p.strip())


class PolicyBrowser:
    """Renders documents (``PolicyIndex.documents``) for the policy tab."""

    def __init__(self, documents: list[PolicyDocument]) -> None:
        self.documents = list(documents)
        self._clauses = {c.clause_id: c for d in self.documents for c in d.clauses}

    def clause(self, clause_id: str) -> Clause | None:
        return self._clauses.get(clause_id)

    def clause_text(self, clause_id: str) -> str | None:
        clause = self._clauses.get(clause_id)
        return clause.text if clause else None

    def choices(self) -> list[tuple[str, str]]:
        """(label, clause id) of every clause, in reading order, for a "go to clause" dropdown."""
        many = len(self.documents) > 1
        return [
            ((f"{d.meta.short_title} › " if many else "") + c.path_str, c.clause_id)
            for d in self.documents
            for c in d.clauses
        ]

    def render(self, query: str = "", focus: str | None = None) -> str:
        """The whole browser: the clause in focus (if any), then each document's tree, filtered by ``query``."""
        terms = _terms(query)
        parts: list[str] = []
        focused = self._clauses.get(focus or "")
        if focused is not None:
            parts.append(self._focus_card(focused, terms))
        shown = 0
        for doc in self.documents:
            clauses = [c for c in doc.clauses if not terms or _matches(c, terms)]
            shown += len(clauses)
            if clauses:
                parts.append(self._document(doc, clauses, terms, focused))
        if terms:
            summary = f"找到 {shown} 条包含“{html.escape(' '.join(terms))}”的条款" if shown else ""
            if not shown:
                summary = f"没有找到包含“{html.escape(' '.join(terms))}”的条款，换个词试试（如：贴息、星级、责任部门）。"
            parts.insert(1 if focused is not None else 0, f'<p class="pb-summary">{summary}</p>')
        elif not self.documents:
            parts.append('<p class="pb-summary">没有找到政策文件：请检查 corpus/ 目录。</p>')
        return '<div class="policy-browser">' + "".join(parts) + "</div>"

    def _focus_card(self, clause: Clause, terms: list[str]) -> str:
        return (
            f'<section class="pb-focus" id="focus-{html.escape(clause.clause_id)}">'
            f'<div class="pb-focus-label">当前条款</div>'
            f'<div class="pb-path">{html.escape(clause.path_str)}</div>'
            f"{_paragraphs(clause.text, terms)}</section>"
        )

    def _document(
        self, doc: PolicyDocument, clauses: list[Clause], terms: list[str], focused: Clause | None
    ) -> str:
        meta = doc.meta
        head = (
            f'<header class="pb-doc"><h3>{html.escape(meta.title)}</h3>'
            f'<div class="pb-meta">{html.escape(meta.number)} · {html.escape(meta.issuer)} · '
            f"{meta.published:%Y年%m月%d日}发布 · 有效期 {meta.valid_from:%Y-%m-%d} 至 {meta.valid_until:%Y-%m-%d}</div>"
            "</header>"
        )
        root = _Node("", ())
        for c in clauses:
            node = root
            for i, title in enumerate(c.path):
                node = node.children.setdefault(title, _Node(title, c.path[: i + 1]))
            node.clause = c
        open_path = focused.path if focused is not None and focused.doc_id == meta.doc_id else ()
        body = "".join(self._node(child, terms, open_path, depth=1) for child in root.children.values())
        return f'<article class="pb-document">{head}{body}</article>'

    def _node(self, node: _Node, terms: list[str], open_path: tuple[str, ...], depth: int) -> str:
        on_focus_path = bool(open_path) and node.path == open_path[: len(node.path)]
        own = ""
        if node.clause is not None:
            focus = " pb-current" if node.path == open_path else ""
            own = (
                f'<div class="pb-clause{focus}" data-clause="{html.escape(node.clause.clause_id)}" '
                f'data-path="{html.escape(PATH_SEP.join(node.path))}">{_paragraphs(node.clause.text, terms)}</div>'
            )
        children = "".join(self._node(c, terms, open_path, depth + 1) for c in node.children.values())
        if not children:
            # A leaf: its heading and its text, folded unless searched for or in focus.
            return (
                f'<details class="pb-leaf"{" open" if terms or on_focus_path else ""}>'
                f"<summary>{highlight(node.title, terms)}</summary>{own}</details>"
            )
        return (
            f'<details class="pb-branch pb-depth-{min(depth, 4)}"{" open" if terms or on_focus_path or depth == 1 else ""}>'
            f"<summary>{highlight(node.title, terms)}</summary>{own}{children}</details>"
        )
