"""How much of a message is in the corpus's own words: a relevance check that a new policy brings with it.

The content words of a message (jieba, through the index's tokenizer) are looked up in what the assistant knows:
the loaded documents' text, the rule book's vocabulary and the in-scope question examples of acts.yaml (which
hold the words people ask with, in Chinese and in English). Words that carry no subject are left out: the
examples' question words (多少, 怎么, what, how), found as the words that in-scope examples of several acts *and*
the out-of-scope examples all use, and the names of the places the corpus covers (naming the place does not make
a question about its policy). An unknown piece that is no dictionary word (cut out of a typo) is left out too. What is left is the message's subject; the share of it the corpus knows says whether the
message is about this corpus at all ("泰兴哪家火锅好吃": 火锅, 好吃 → 0 of 2).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from assistant.vague_amounts import VAGUE_AMOUNT

_CONTENT = re.compile(r"[\u4e00-\u9fff]{2,}|[a-z]{3,}")
_HANZI = re.compile(r"[\u4e00-\u9fff]")
# A word the in-scope examples of this many acts use is a question word, not a subject.
_GENERIC_ACTS = 3
# A count ("三个", "哪几项", "两家") says how many, not what: "三大工程是指哪三个" is about 三大工程; a position
# ("第四项", "第2条") says which one of a list the rest of the question names.
_COUNT = re.compile(
    r"[哪几两多一二三四五六七八九十百\d]+[个项条种类家点批次样件位]|第[几一二三四五六七八九十\d]+(?:[个项条点部分章节])?"
    # a time ("去年", "今年") says when, not what
    r"|[去今明前上本当往近]年|这几年|近几年|上半年|下半年"
)
# A help-desk agent relaying a caller's question ("来电企业问：…我这边怎么答复"): the framing is not the subject.
_RELAY_HEAD = re.compile(r"^[^，。？?！!：:]{0,10}?(?:问|咨询|来电|反映|提问)(?:说|道)?[：:]")
_RELAY_TAIL = re.compile(
    r"[，,。？?！!\s]*(?:我|我们)?(?:这边|这里)?(?:该|应该|要|需要)?(?:怎么|如何|怎样|咋|咋么|怎么样)"
    r"(?:答复|回复|回答|解答|解释|回|答|跟(?:他|她|他们|对方|企业|客户)说)(?:他|她|他们|对方|企业|客户)?"
    # "怎么答复比较好", "咋回才合适": how well to put it, still the framing
    r"(?:比较|才|最)?(?:好|合适|妥当|恰当)?(?:呢|啊|呀|吧)?[？?。！!]*$"
)
# The relaying words anywhere in the message ("答复口径", "咋回"): how to answer, never what about.
_RELAY_WORDS = frozenset({"答复", "回复", "口径", "答复口径", "回复口径", "咋回", "回话"})
# Greeting and filler words of a spoken message ("喂你好 我想问一下那个 就是那个 补助的事") carry no subject: left
# out, the rest of the message is judged ("补助" alone is the policy's, asked back, not refused).
_FILLER = frozenset(
    {
        "喂",
        "你好",
        "您好",
        "嗯",
        "嗯嗯",
        "呃",
        "就是",
        "就是说",
        "那个",
        "这个",
        "那啥",
        "一下",
        "请问",
        "麻烦",
        "想问",
        "问问",
        "然后",
        "事情",
        "事儿",
        "看看",
        "帮忙",
        # directional complements ("认定下来了", "批出来没有") say how a verb ended, not what it is about
        "下来",
        "出来",
        "下去",
    }
)
# Winning an honour is what most awards pay for: the verbs are about the subject even where the examples only show
# them before a masked slot ("评上{level}{award}"), which the cut never separates.
_HONOUR_VERBS = frozenset(
    {"评上", "评为", "获评", "评定", "拿到", "获得", "获批", "认定为", "称号", "荣誉称号"}
)
# one verb with its direction ("批下来", "拨出来", "报上去"): how a step of the process ended, no subject of its own
_DIRECTED = re.compile(r"[\u4e00-\u9fff](?:下来|出来|上来|上去|下去|过来|回来)")
# the same cut short by the tokenizer ("批下来了" → 批下 + 来了): unknown only, since 以下/提出 are words of the text
_HALF_DIRECTED = re.compile(r"[\u4e00-\u9fff][下出]|来了")
# Adding to an earlier sum ("再加上…总共呢") says how the question goes on, not what it is about.
_ADDITIVE_WORDS = frozenset({"加上", "再加上", "外加", "另外"})
# How a part is divided ("附则分成哪几块", "第三部分下面包括哪几条"): asks for the part's items, says nothing about
# the subject.
_STRUCTURE_WORDS = frozenset(
    {"分成", "分为", "组成", "构成", "包含", "包括", "部分", "下面", "底下", "下设", "涵盖"}
)
# "省里", "市里", "部里": a level said as the body that confers it (省 → 省级 honours), a policy word.
_BODY_SUFFIX = "里"
_TYPO_MIN = 3  # shortest word matched to a known word with one character wrong


def _mask(word: str, i: int) -> str:
    return word[:i] + "\0" + word[i + 1 :]


@dataclass(frozen=True)
class RelevanceScore:
    known: tuple[str, ...]
    unknown: tuple[str, ...]

    @property
    def words(self) -> int:
        return len(self.known) + len(self.unknown)

    @property
    def share(self) -> float:
        """Share of the content words the corpus knows; 1.0 when the message has no content word of its own."""
        return len(self.known) / self.words if self.words else 1.0

    def describe(self) -> str:
        known = "、".join(self.known) or "无"
        unknown = "、".join(self.unknown) or "无"
        return f"相关度 {self.share:.2f}（语料用到的：{known}；没用到的：{unknown}）"


class Relevance:
    """Content words a corpus knows, built once per engine from the loaded documents and the examples."""

    def __init__(
        self,
        cut: Callable[[str], list[str]],
        corpus_text: str,
        vocabulary: Iterable[str],
        examples: Iterable[tuple[str, str]],
        places: Iterable[str] = (),
        in_dictionary: Callable[[str], bool] = lambda w: True,
    ) -> None:
        self._cut = cut
        self._in_dictionary = in_dictionary
        examples = list(examples)
        in_scope = [(act, t) for act, t in examples if act != "out_of_scope"]
        out_scope = [t for act, t in examples if act == "out_of_scope"]
        acts_using: Counter[str] = Counter()
        for act in {a for a, _ in in_scope}:
            acts_using.update({w for a, t in in_scope if a == act for w in self._words(t)})
        out_words = {w for t in out_scope for w in self._words(t)}
        self.generic = {w for w, n in acts_using.items() if n >= _GENERIC_ACTS and w in out_words}
        self.generic |= {p.lower() for p in places} | _ADDITIVE_WORDS | _STRUCTURE_WORDS
        self.known = {w for w in self._words(corpus_text)} | _HONOUR_VERBS
        self.known |= {w for _, t in in_scope for w in self._words(t)}
        self.known |= {w for v in vocabulary for w in self._words(v)} | {v.lower() for v in vocabulary}
        self._corpus_text = corpus_text
        # one character masked in turn: a word of three or more characters one typo away from a known word
        # ("智能制照", "精益管里") is that word; two-character words are left out (帖息 would meet 利息 and 信息)
        self._near = {_mask(w, i) for w in self.known if len(w) >= _TYPO_MIN for i in range(len(w))}

    def _words(self, text: str) -> set[str]:
        return {w for w in self._cut(text) if _CONTENT.fullmatch(w)}

    def _is_known(self, word: str) -> bool:
        if word in self.known:
            return True
        if word.endswith(_BODY_SUFFIX) and len(word) >= 2:
            stem = word[: -len(_BODY_SUFFIX)]
            if stem in self.known or stem + "级" in self.known:
                return True
        if (
            len(word) >= _TYPO_MIN
            and _HANZI.match(word)
            and any(_mask(word, i) in self._near for i in range(len(word)))
        ):
            return True
        # A compound whose two-character parts the corpus all uses (人才培养: 人才, 培养) is its subject in other
        # words; a four-character word is also known where the corpus text holds it.
        if len(word) >= 4 and _HANZI.match(word):
            return word in self._corpus_text or all(
                word[i : i + 2] in self.known for i in range(0, len(word) - 1, 2)
            )
        return False

    def score(self, text: str) -> RelevanceScore:
        text = _RELAY_TAIL.sub("", _RELAY_HEAD.sub("", text)) or text
        # a rough sum ("好几百万") is an amount not given, not a subject
        text = VAGUE_AMOUNT.sub("，", text)
        words = [
            w
            for w in dict.fromkeys(self._cut(text))
            if _CONTENT.fullmatch(w)
            and w not in self.generic
            and w not in _FILLER
            and w not in _RELAY_WORDS
            and not _DIRECTED.fullmatch(w)
            and not _COUNT.fullmatch(w)
        ]
        # the search-mode cut gives a long word and the words inside it: judge the longest form only
        words = [w for w in words if not any(w != o and w in o for o in words)]
        known = tuple(w for w in words if self._is_known(w))
        # an unknown Chinese piece that is no dictionary word is noise from a typo or a run-on ("500万奖" → 万奖),
        # not a subject of its own
        unknown = tuple(
            w
            for w in words
            if w not in known
            and not _HALF_DIRECTED.fullmatch(w)
            and (not _HANZI.match(w) or self._in_dictionary(w))
        )
        return RelevanceScore(known, unknown)
