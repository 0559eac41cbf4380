"""Which enterprises the text names ("点名了哪些企业建平台", "方案提到了哪些公司"): the clause whose sentences name
enterprises on the question's subject, quoted, with the names read from the text itself, never from a list.

A sentence names enterprises when it lists names before "等…企业" ("鼓励甲乙、丙丁等龙头企业…"), writes a name with a
company word (…公司, …集团, …股份, …科技), or gives a platform's quoted name after its owner ("甲乙“某某云”平台").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant import composer
from assistant.composer import Composed
from assistant.quotes import sentences
from indexing.types import Clause, DocMeta

_ASKS = re.compile(
    r"(?:点名|点了名|点到|提到|提及|列出|列举|写到|写了|说到|举例|举了|点出)了?的?(?:哪些|哪几家|哪家|哪个|哪几个|什么|啥)"
    r"(?:具体)?的?(?:企业|公司|厂家|厂商|单位|集团)"
    r"|(?:哪些|哪几家|哪家|哪个)(?:企业|公司|厂家)(?:被|有被)?(?:点名|点到|提到|提及|写进|列入|列出)"
    r"|(?:有没有|是否|有无)(?:点名|提到|提及|写到?)(?:具体|哪些)?的?(?:企业|公司)(?:名字|名称)?"
)
# Words of a question that say where to look or how to ask, not what about.
_NOT_SUBJECT = re.compile(
    r"行动计划|三年|方案|政策|文件|附件|通知|里面?|中|的|了|吗|呢|有|哪些|企业|公司|[\s，。？?！!、]"
)
_CJK = r"[\u4e00-\u9fff]"
# A verb the sentence opens a list with is not part of the first name ("鼓励甲乙、丙丁" names 甲乙).
_LEADING_VERB = re.compile(
    r"^(?:鼓励|支持|引导|推动|推进|推广|依托|依靠|培育|发挥|加快|扶持|带动|学习|借鉴|联合|组织|包括|例如|如|像|以|由|对|和|与|及)"
)
_LISTED = re.compile(rf"({_CJK}{{2,6}}(?:、{_CJK}{{2,6}})+)等(?:龙头|骨干|重点|本地|链主|领军)?(?:企业|公司)")
_SUFFIXED = re.compile(rf"{_CJK}{{2,8}}(?:有限公司|公司|集团(?!化)|(?:股份|科技)(?=[、，。；等）)]))")
_GENERIC = re.compile(r"企业|相关|各类|有关|其他|国有|龙头|骨干|重点|一批|上市")
_PLATFORM = re.compile(rf"({_CJK}{{2,8}})“([^”]{{2,12}})”平台")


def asks_named_firms(text: str) -> bool:
    return bool(_ASKS.search(text))


def _bare(name: str) -> str:
    return _LEADING_VERB.sub("", name)


def firm_names(sentence: str) -> list[str]:
    """The enterprises a sentence names, in order (a platform's owner with the platform's quoted name)."""
    found: list[tuple[int, str]] = []
    for m in _LISTED.finditer(sentence):
        for i, name in enumerate(m.group(1).split("、")):
            found.append((m.start(1), _bare(name) if i == 0 else name))
    for m in _SUFFIXED.finditer(sentence):
        found.append((m.start(), _bare(m.group(0))))
    for m in _PLATFORM.finditer(sentence):
        if owner := _bare(m.group(1)):
            found.append((m.start(), f"{owner}（“{m.group(2)}”平台）"))
    # a kind of enterprise is no name ("龙头企业集团", "相关公司")
    return list(
        dict.fromkeys(
            n for _, n in sorted(found, key=lambda x: x[0]) if len(n) >= 2 and not _GENERIC.search(n)
        )
    )


def _grams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def named_firms_answer(
    question: str, clauses: Sequence[Clause], meta: Callable[[str], DocMeta]
) -> tuple[str, Composed] | None:
    """(reason, answer) quoting the clause(s) on the question's subject whose sentences name enterprises; None
    when the question does not ask which enterprises are named or no naming clause shares its subject."""
    m = _ASKS.search(question)
    if m is None:
        return None
    subject = _NOT_SUBJECT.sub("", question[: m.start()] + question[m.end() :])
    naming = []
    for c in clauses:
        quotes = [s.strip() for s in sentences(c.text) if firm_names(s)]
        if quotes:
            shared = len(_grams(subject) & _grams(c.text))
            # a word or two in common ("建设") is not the subject: a third of its pairs of characters at least
            score = shared if not subject or shared * 3 >= len(_grams(subject)) else 0
            score = score if subject else 1
            naming.append((score, c, quotes))
    best = max((s for s, _, _ in naming), default=0)
    if best == 0:
        return None
    parts, cites, names = [], [], []
    for score, c, quotes in naming:
        if score != best:
            continue
        names += [n for q in quotes for n in firm_names(q)]
        parts.append(f"依据“{c.path_str}”：\n" + "\n".join(f"> {q}" for q in quotes))
        cites += [composer.cite(meta(c.doc_id), c, q) for q in quotes]
    lead = f"原文点名的企业：{'、'.join(dict.fromkeys(names))}。"
    text = lead + "\n\n" + "\n\n".join(parts)
    why = f"问点名了哪些企业：条款原文中的企业名（{len(cites)}句）"
    return why, Composed("answer", text, cites, composer.helpdesk(lead, cites[0], ""))
