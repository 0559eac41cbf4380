"""Documents this policy only refers to ("按照《…》（某文号）相关政策执行奖励"): their own text is not in the corpus.

A question about what such a document itself says or pays ("《…》里研发投入奖励怎么算", "某文号里面X奖多少") is
refused: the answer would have to be made up. The documents are read from the rule book (rules whose amount is
"other_document"), with the title the rule's quote gives them, so a new policy brings its own. A question about
what this policy says of the referral ("哪些奖励按某文号执行", "涉及某文号的奖补由谁报批") is not this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_TITLED = re.compile(r"《([^》]{4,60})》[（(]([^）)]{4,20})[）)]")
_NUMBER = re.compile(r"(\d{4})[〕\]】)）]\s*(?:第)?(\d+)号")
_SHORTEST_TITLE_RUN = 8  # this many characters of a title in a row name it ("提升创新驱动能力推动高质量发展")
# the document's own contents asked right after it is named: "…里 / 中 / 里面 / 规定的 / 的X怎么算"
_INSIDE_AFTER = re.compile(
    r"^(?:(?:那|这)[个份]|该)?(?:文件|文)?(?:里面?|中|当中|之中|上面?|规定|写的|对|的[^，。；？?！!]{0,14}?(?:怎么算|怎么计算|如何计算|"
    r"标准|多少|条件|金额|比例|具体规定))"
)


@dataclass(frozen=True)
class ReferredDocument:
    number: str  # the document number as the rule book writes it
    title: str  # its title as the policy quotes it, "" when not quoted
    rule_ids: tuple[str, ...]  # the rules of this policy that refer there


def _documents(amount: Any) -> tuple[str, ...]:
    found = tuple(getattr(amount, "documents", ()) or ())
    for choice in (getattr(amount, "choices", None) or {}).values():
        found += _documents(choice)
    return found


def referred_documents(rules: Any) -> list[ReferredDocument]:
    """Every document the rule book's rules refer their amounts to, with the title their quotes give it."""
    by_number: dict[str, tuple[str, list[str]]] = {}
    for rule in rules:
        titles = {number: title for title, number in _TITLED.findall(rule.quote)}
        for number in dict.fromkeys(_documents(rule.amount)):
            title, ids = by_number.setdefault(number, (titles.get(number, ""), []))
            if not title and titles.get(number):
                by_number[number] = (titles[number], ids)
            ids.append(rule.id)
    return [ReferredDocument(n, t, tuple(dict.fromkeys(ids))) for n, (t, ids) in by_number.items()]


def _mentions(text: str, doc: ReferredDocument) -> list[int]:
    """Where in the message a mention of the document ends: its number (any brackets) or a run of its title."""
    ends = []
    if m := _NUMBER.search(doc.number):
        year, seq = m.groups()
        number = re.compile(rf"{year}\s*[〕\]】)）年]?\s*(?:第)?{seq}号(?:文件|文)?[》]?|(?<!\d){seq}号文")
        ends += [x.end() for x in number.finditer(text)]
    title = doc.title
    for size in range(len(title), _SHORTEST_TITLE_RUN - 1, -1):
        runs = [title[i : i + size] for i in range(len(title) - size + 1)]
        if hits := [text.find(r) + len(r) for r in runs if r in text]:
            end = max(hits)
            # the mention runs on to the end of the title as written ("…若干政策措施》（…）")
            tail = re.match(r"[^，。；？?！!里中]{0,12}?》(?:[（(][^）)]{0,20}[）)])?", text[end:])
            ends.append(end + (tail.end() if tail else 0))
            break
    return ends


def asked_inside(text: str, docs: list[ReferredDocument]) -> ReferredDocument | None:
    """The referred document whose own contents the message asks about, or None."""
    for doc in docs:
        if any(_INSIDE_AFTER.match(text[end:].lstrip("》）) ")) for end in _mentions(text, doc)):
            return doc
    return None


def referred_reason(doc: ReferredDocument) -> str:
    name = f"《{doc.title}》（{doc.number}）" if doc.title else doc.number
    return f"问的是{name}本身的规定，本政策只是引用这份文件，语料库中没有它的正文，不能代为解释或测算"
