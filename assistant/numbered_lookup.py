"""A clause asked by its number ("第（七）条讲的什么", "（十一）说了啥", "附件第三条") and a document part asked for
its parts ("附件分几部分", "行动计划有哪几块内容"), both read from the heading tree, not from search.

A number is the heading numbering the document itself uses: （七） is the heading opening with （七）, "第7条" the
heading numbered 7 in any style. Where several headings carry the number, the one in the longest unbroken run of
numbers wins: a policy's articles are numbered on across its parts (（一）…（十二）), a section's items start over
in every section (1. 2. 3.). A document part named in the question (附件, or a share of its title line such as
若干政策) limits the search to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from assistant import composer
from assistant.composer import Composed
from assistant.quotes import sentences
from assistant.topics import core_title
from common.numerals import small_number
from indexing.types import Clause, DocMeta

_NUM = r"[一二两三四五六七八九十零〇]+|\d{1,2}"
# "第（七）条", "第七条", "第7款", "（十一）": the number, and whether it was written in brackets
_ASKED = re.compile(
    rf"第\s*[（(]\s*(?P<b1>{_NUM})\s*[）)]\s*[条款]?|[（(]\s*(?P<b2>{_NUM})\s*[）)]|第\s*(?P<p>{_NUM})\s*[条款]"
)
_HEAD_NUMBER = re.compile(
    r"^(?:(?P<dun>[一二三四五六七八九十]+)、|（(?P<paren>[一二三四五六七八九十]+)）|(?P<dot>\d+)\.)"
)
# What a question asking for a numbered clause may say besides the number and the part: asking words only.
# Anything else ("第三条基本原则说的…", "第十三条规定的人才奖励") names its own subject and is left to search.
_FILLER = re.compile(
    r"讲的是|讲了|讲的|说的是|说了|说的|写的是|写了|写的|规定了|规定的|主要|具体|内容|是什么|什么|啥|意思|原文|条文|"
    r"怎么说|怎么讲|是怎样|哪些|一下|帮我|请问|告诉我|看看|查查|查下|查一下|这条|那条|这一条|那一条|"
    r"本政策|该政策|这个政策|政策|文件|里面|里|中|的|是|呢|吗|嘛|呀|啊|了|讲|说|看|查|下|那么|那|再|"
    r"[\s，。？！?!、：:“”\"]"
)
_RESPONSIBLE_LINE = re.compile(r"\s*[（(]责任(?:单位|部门)[^）)]*[）)]\s*")
# "附件的四个板块分别是什么", "分几部分", "有哪几块内容": a part asked for its top-level parts.
_ASKS_PARTS = re.compile(
    r"板块|几大部分|几个?部分|哪几部分|哪些部分|哪几块|几块|几大块|哪几个方面|几个方面|几大方面|结构|框架|分为几|分成几"
)
# Words naming a document part in general, not a subject ("行动方案" names the plan by its kind of document).
_PART_WORDS = re.compile(r"方案|计划|政策|附件|通知|文件")


@dataclass(frozen=True)
class _Numbered:
    path: tuple[str, ...]
    number: int
    style: str
    run: int  # length of the unbroken run of numbers the heading is in


def _nodes(clauses: Sequence[Clause]) -> list[tuple[tuple[str, ...], int]]:
    """Every heading path of the tree with its place in document order."""
    first: dict[tuple[str, ...], int] = {}
    for c in clauses:
        for depth in range(1, len(c.path) + 1):
            first[c.path[:depth]] = min(first.get(c.path[:depth], c.order), c.order)
    return sorted(first.items(), key=lambda kv: (kv[1], len(kv[0])))


def numbered_headings(clauses: Sequence[Clause]) -> list[_Numbered]:
    """The numbered headings, each with the length of the run of consecutive numbers it belongs to (same top part,
    same style, same depth; a number not one more than the previous starts a new run)."""
    series: dict[tuple[str, str, int], list[tuple[tuple[str, ...], int]]] = {}
    for path, _ in _nodes(clauses):
        if m := _HEAD_NUMBER.match(path[-1]):
            style = next(k for k, v in m.groupdict().items() if v)
            n = small_number(m.group(style))
            if n is not None:
                series.setdefault((path[0], style, len(path)), []).append((path, n))
    out: list[_Numbered] = []
    for (_, style, _), items in series.items():
        runs: list[list[tuple[tuple[str, ...], int]]] = []
        for path, n in items:
            if runs and n == runs[-1][-1][1] + 1:
                runs[-1].append((path, n))
            else:
                runs.append([(path, n)])
        out += [_Numbered(path, n, style, len(run)) for run in runs for path, n in run]
    return out


def _part_names(clauses: Sequence[Clause]) -> dict[str, list[str]]:
    """Each top-level part's names: its heading and the title line its own text opens with."""
    names: dict[str, list[str]] = {}
    for c in clauses:
        top = c.path[0]
        names.setdefault(top, [core_title(top)])
        if len(c.path) == 1 and c.text.strip():
            names[top].append(c.text.strip().splitlines()[0].strip())
    return names


def _run(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def named_part(question: str, clauses: Sequence[Clause]) -> str | None:
    """The top-level part the question names (附件; 若干政策 from the attachment's title line; 行动方案 shares 行动 with
    the plan's), when one part shares more of the question than any other (two characters at least)."""
    scores = {top: max(_run(question, n) for n in names) for top, names in _part_names(clauses).items()}
    best = max(scores.values(), default=0)
    leaders = [top for top, s in scores.items() if s == best]
    return leaders[0] if best >= 2 and len(leaders) == 1 else None


def _members(clauses: Sequence[Clause], path: tuple[str, ...]) -> list[Clause]:
    return sorted((c for c in clauses if c.path[: len(path)] == path), key=lambda c: c.order)


def numbered_answer(question: str, clauses: Sequence[Clause], meta: DocMeta) -> tuple[str, Composed] | None:
    """(the trace's reason, the answer) for a question that asks only for the clause with a number; None when the
    question says more than that, gives no number, or the number is no heading's."""
    found = list(_ASKED.finditer(question))
    if len(found) != 1:
        return None
    m = found[0]
    bracketed = bool(m.group("b1") or m.group("b2"))
    n = small_number(m.group("b1") or m.group("b2") or m.group("p"))
    rest = question[: m.start()] + " " + question[m.end() :]
    part = named_part(rest, clauses)
    if n is None or _FILLER.sub("", _leftover(rest, part, clauses)):
        return None
    candidates = [
        h
        for h in numbered_headings(clauses)
        if h.number == n and (part is None or h.path[0] == part) and (h.style == "paren" or not bracketed)
    ]
    if not candidates:
        return past_last(n, m.group(0), part, bracketed, clauses, meta)
    longest = max(h.run for h in candidates)
    best = [h for h in candidates if h.run == longest]
    if len(best) != 1:
        return None  # "行动计划第（二）条": two sections each have a （二）; search decides
    path = best[0].path
    members = _members(clauses, path)
    why = f"按编号找条款：{m.group(0)} → {' › '.join(path)}"
    own = next((c for c in members if c.path == path), None)
    if own is None or len(members) > 1:
        items = [c for c in members if c.path != path]
        return why, composer.outline_answer(meta, path, items)
    return why, whole_clause(question, meta, own)


def _numeral(style: str, n: int) -> str:
    word = _cn_word(n)
    return {"paren": f"（{word}）", "dun": f"{word}、"}.get(style, f"{n}.")


def _cn_word(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def past_last(
    n: int, asked: str, part: str | None, bracketed: bool, clauses: Sequence[Clause], meta: DocMeta
) -> tuple[str, Composed] | None:
    """(reason, answer) for a number past the last of the numbering it would belong to ("第十三条" where the
    articles run （一）–（十二）): the numbers that exist, read from the heading tree, the last one quoted."""
    heads = [
        h
        for h in numbered_headings(clauses)
        if (part is None or h.path[0] == part) and (h.style == "paren" or not bracketed)
    ]
    if not heads:
        return None
    longest = max(h.run for h in heads)
    # the articles: the longest run, in document order (a run's members share top part, style and depth)
    series = [h for h in heads if h.run == longest]
    tops = {(h.path[0], h.style, len(h.path)) for h in series}
    if len(tops) != 1 or longest < 2 or n <= max(h.number for h in heads):
        return None
    first, last = series[0], series[-1]
    own = next((c for c in clauses if c.path == last.path), None)
    quotes = sentences(own.text) if own is not None and own.text.strip() else []
    where = first.path[0]
    text = (
        f"{where}的条款按{_numeral(first.style, first.number)}至{_numeral(last.style, last.number)}编号，"
        f"共{len(series)}条，没有{asked}。最后一条是“{last.path[-1]}”。"
    )
    cites = []
    if own is not None and quotes:
        text += f"\n\n依据“{own.path_str}”：\n> {quotes[0].strip()}"
        cites.append(composer.cite(meta, own, quotes[0].strip()))
    why = f"按编号找条款：{asked} 超出编号范围（{where} {first.number}–{last.number}）"
    return why, composer.Composed(
        "answer", text, cites, composer.helpdesk(text, cites[0] if cites else None, "")
    )


def whole_clause(question: str, meta: DocMeta, clause: Clause) -> Composed:
    """Every sentence of a clause (its 责任单位 line said once, below), led by its heading's name."""
    quotes = tuple(s for s in sentences(clause.text) if not _RESPONSIBLE_LINE.fullmatch(s))
    lead = f"{core_title(clause.title)}。" if quotes else ""
    return composer.passage_answer(
        question, meta, clause, target=False, lead=lead, must=quotes[0] if quotes else "", also=quotes
    )


def _leftover(rest: str, part: str | None, clauses: Sequence[Clause]) -> str:
    """The question without the part's names and the words naming a part in general."""
    if part is not None:
        for name in sorted(_part_names(clauses)[part], key=len, reverse=True):
            for size in range(len(name), 1, -1):
                pieces = {name[i : i + size] for i in range(len(name) - size + 1)}
                hit = next((p for p in pieces if p in rest), None)
                if hit:
                    rest = rest.replace(hit, " ")
                    break
    return _PART_WORDS.sub(" ", rest)


def parts_answer(question: str, clauses: Sequence[Clause], meta: DocMeta) -> tuple[str, Composed] | None:
    """(reason, answer) for a document part asked for its parts: its top-level headings, each with the headings
    one level below them (附件 → 一、着力企业能级提升：（一）推动基础投入、…)."""
    if not _ASKS_PARTS.search(question) or _ASKED.search(question):
        return None
    part = named_part(question, clauses)
    if part is None:
        return None
    members = _members(clauses, (part,))
    section = next((c for c in members if c.path == (part,)), None)
    heads = list(dict.fromkeys(c.path[1] for c in members if len(c.path) > 1))
    if len(heads) < 2 or section is None:
        return None
    groups = []
    for head in heads:
        # a heading without text of its own is still an item: shown by the first clause under it, renamed
        under = [c for c in members if len(c.path) > 2 and c.path[1] == head]
        children = {c.path[:3]: c for c in reversed(under)}
        items = [replace(c, path=p) for p, c in sorted(children.items(), key=lambda kv: kv[1].order)]
        groups.append((head, items))
    return f"问“{part}”分哪几部分：列出它的一级标题", composer.group_outline(meta, section, groups)


def structure_answer(
    question: str, clauses: Sequence[Clause], meta: Callable[[str], DocMeta]
) -> tuple[str, Composed] | None:
    """A clause asked by number, or a part asked for its parts, answered from one document's heading tree."""
    docs = {c.doc_id for c in clauses}
    if len(docs) != 1:
        return None
    doc_meta = meta(next(iter(docs)))
    return numbered_answer(question, clauses, doc_meta) or parts_answer(question, clauses, doc_meta)
