"""The award a support question names by its subject, and the verdict a yes/no on a named award's cost takes.

"这块政策怎么支持X" names no award word for word, yet X may be the subject of one: 5G is the subject of the award
titled 5G全连接工厂, "软件开发、信息服务这些服务商" of the one titled 信息服务与软件企业. The award's own clause states
what is given (一事一议, the documents it refers to), which the plan's action on the same subject does not; so the
subject words are matched against the rule book (titles first, then aliases, then the quoted sentence), never a
table of words.

"诊断服务企业要自己掏钱的吧" asks whether a named service costs the firm: its own clause says it is 免费 (政府购买服务),
and the answer says so first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.lookup_rank import WHICH_FIRMS, WordWeights
from assistant.subject_heading import subject_words
from tools.rule_records import Rule

# "怎么支持 / 有什么扶持 / 有哪些支持政策": asked what the policy gives for a subject (not a claim to check, "一律补贴10%")
_SUPPORT = re.compile(
    r"(?:怎么|怎样|如何|有什么|有啥|有哪些|哪些|什么样的?)[^，。？?]{0,3}(?:支持|扶持|帮扶|优惠|鼓励|激励|奖励|奖补|补贴|政策)"
)
_WAYS = re.compile(r"措施|举措|办法|手段|方式|途径")
# A word shared by more awards' titles than this names no one of them (企业, 省级).
_MAX_TITLES = 3


def _rank(word: str, rule: Rule) -> int:
    """Where the rule book names ``word`` for ``rule``: 3 its title, 2 an alias, 1 its quote, 0 nowhere."""
    low = word.lower()
    if low in rule.title.lower():
        return 3
    if any(low in a.lower() for a in rule.aliases):
        return 2
    return 1 if low in rule.quote.lower() else 0


def award_by_subject(
    question: str, rules: Sequence[Rule], weights: WordWeights
) -> tuple[Rule, list[str]] | None:
    """(the award whose title carries the support question's subject, the question's words naming it), or None when the
    question asks no support, or its subject is in no award's title, or in too many, or equally in awards of
    different clauses."""
    if not _SUPPORT.search(question) or WHICH_FIRMS.search(question):
        return None  # "支持哪些类型的企业搞X" asks which firms, answered where a sentence names them
    words = subject_words(question, weights)
    scored: list[tuple[float, int, Rule, str]] = []
    for word in words:
        titled = [r for r in rules if _rank(word, r) == 3]
        if not titled or len(titled) > _MAX_TITLES:
            continue
        for rule in rules:
            # the subject's other words, wherever the rule book names them for this award, add their weight
            score = sum(
                (weights.weight(w) or 0.0) * _rank(w, rule) for w in words if _rank(w, rule) and w != word
            )
            if rule in titled:
                scored.append((score + 3 * (weights.weight(word) or 0.0), len(rule.title), rule, word))
    if not scored:
        return None
    scored.sort(key=lambda s: (-s[0], s[1]))
    best = scored[0]
    rivals = [s for s in scored if s[0] == best[0] and s[2].clause != best[2].clause]
    if rivals:
        return None
    # every subject word the rule book names for the award names it (软件开发 and 信息服务 alike), and so does a
    # word asking for ways of support (鼓励措施: only a referred document's name shares 措施): none of them lets
    # another clause lead over the award's own; a word of its own (大数据 of 推动基础投入) still may
    named = [best[3]] + [w for w in words if w != best[3] and (_rank(w, best[2]) or _WAYS.fullmatch(w))]
    return best[2], [_said(w, question) for w in named]


def _said(token: str, question: str) -> str:
    """The word as the question writes it (the tokenizer lower-cases "5G")."""
    found = re.search(re.escape(token), question, re.IGNORECASE)
    return found.group() if found else token


# "要自己掏钱吗 / 收费吗 / 要花钱的吧": asked whether the firm pays; "是免费的吗": whether it is free
_PAYS = re.compile(
    r"掏钱|出钱|花钱|付钱|付费|交钱|缴费|交费|收费|收钱|要钱|自费|自掏腰包|自己承担|费用谁出|谁出钱"
)
_FREE_ASKED = re.compile(r"免费的?(?:吗|么|吧|嘛|不)|免不免费|是不是免费|不要钱|不收费|不花钱|白送")
_FREE = re.compile(r"免费|政府购买服务")


def cost_verdict(question: str, lead: str) -> str:
    """``lead`` (the award's own sentence) opened with the yes/no a question on the award's cost takes, when that
    sentence says the service is free; ``lead`` unchanged otherwise."""
    if not lead or not _FREE.search(lead):
        return lead
    if _PAYS.search(question):
        return f"**不用，是免费的。** {lead}"
    if _FREE_ASKED.search(question):
        return f"**是的，免费。** {lead}"
    return lead


def asks_cost(question: str) -> bool:
    return bool(_PAYS.search(question) or _FREE_ASKED.search(question))


def lookup_awards(
    question: str, named: Sequence[tuple[str, str]], rules: Sequence[Rule], weights: WordWeights
) -> tuple[list[str], list[str]]:
    """(rule ids, the words naming them) a lookup answers from: the awards the facts name, else the one the
    support question names by its subject."""
    if named:
        return [rid for rid, _ in named], [word for _, word in named]
    found = award_by_subject(question, rules, weights)
    return ([found[0].id], found[1]) if found else ([], [])


def free_service_asked(question: str, rules: Sequence[Rule]) -> bool:
    """True when the question asks the cost of the awards it names and every one is a service, not money
    ("诊断要收费吗"): answered from the service's own clause, not worked out as an award."""
    return bool(rules) and asks_cost(question) and all(r.amount.kind == "service" for r in rules)
