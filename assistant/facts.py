"""Facts in a message: which awards, at what level or star, what amounts and in which role, what exclusions.

Everything is read with the vocabulary from rules.yaml and the shared amount parser; nothing here knows an award
or an amount fact by name (an amount's role words are its ``words`` in rules.yaml ``facts:``), so a new rule or
fact in the YAML is recognised without code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.vocabulary import HIGHEST_ONLY_WORD, Vocabulary
from tools.amounts import find_amounts
from tools.rule_records import FactSpec

# Words that make a figure something other than a fact about the enterprise: what an award pays (最高补贴50万,
# 能拿888万), what someone else said (听说…50万), or a figure of the business that no rule reads (营收5000万).
_OUTCOME_WORDS = (
    "最高",
    "最多",
    "封顶",
    "上限",
    "不超过",
    "补贴",
    "奖补",
    "奖励",
    "奖",
    "补",
    "贴",  # "能贴150万吧": what 贴息 pays
    "能拿",
    "可以拿",
    "拿到",
    "能领",
    "给",
    "返",
    # an award already granted ("批了200万的补贴", "批下来80万", "拿了30万奖励") is an outcome, not a spend
    "批了",
    "批下",
    "获批",
    "批给",
    "批复",
    "拿了",
    "领了",
    "领到",
    "到账",
    "发了",
)
# A figure followed by the award it is ("200万的基础投入补贴", "30万奖励"): what was paid, not what was spent.
_OUTCOME_AFTER = re.compile(
    r"^\s*(?:元|块)?\s*(?:的)?[\u4e00-\u9fff（）()]{0,10}?(?:补贴|奖补|奖励|奖金|贴息款|扶持资金)(?![^，。；]*?(?:多少|几|吗))"
)
_HEARSAY = re.compile(
    r"听说|听[\u4e00-\u9fff]{1,4}?说|据说|听人|有人说|网上说|别人说|传言|传闻|说是|政策说|文件说|原文说|规定说|群里说|记得"
)
# The applicant's own working right before a figure ("贴息算下来是50万", "DCMM我们自己测算的是20万"): what one award
# comes to by their reckoning. Bound to the award named just before it, it is their figure for that award (not a
# fact the calculator computes from, and not hearsay to correct).
_OWN_FIGURE = re.compile(
    r"(?:算下来|算出来|算出|算得|算了一?下|(?:我|我们|自己|咱们)(?:自己)?(?:初步|大致)?(?:算|核算|测算|计算)(?:的|了)?"
    r"|核算|测算|计算|估算)(?:下来|出来|了)?(?:的)?(?:结果|金额|数)?(?:大概|大约|约|差不多|应该)?"
    r"(?:是|为|有|等于|得|能拿|能有)?\s*$"
)
# "…算下来是50万，对吗": the working is put up to be checked, so it is a claimed figure, not one to count.
_CHECK_ASKED = re.compile(
    r"对吗|对不对|对么|是不是|没错吧|没算错|算错|算得对|算对|准不准|准确吗|靠谱吗|核实|核对|帮我看看|有没有问题"
)
# "…按5%计算是40万吗？" / "算下来40万吧": the figure itself is the question.
_ASKED_AFTER = re.compile(r"\s*(?:元|块)?\s*(?:吗|么|吧|对吧|是吧|[？?])")
# "…利息300万，那就是100万对吧": a figure no amount word binds, put as the result to check, is what the user thinks
# the award pays (a claimed figure), not an unnamed spend.
_RESULT_BEFORE = re.compile(r"(?:是|拿|补|贴|给|奖)\s*$")
# "政策规定投入超过500万才能补": a threshold the user says the rule sets, a claim about the rule to correct, not the
# enterprise's own amount (a threshold word right before it, and a rule word before or 才能 after it).
_THRESHOLD_BEFORE = re.compile(r"(?:超过|高于|不低于|不少于|达到|满|至少|门槛(?:是|为)?)\s*$")
_RULE_BEFORE = re.compile(r"规定|要求|门槛|政策|文件|标准|条件")
_ONLY_THEN_AFTER = re.compile(r"\s*(?:元|块)?(?:及?以上)?(?:的)?(?:企业|项目)?才(?:能|可以|可|给|补|有|算)")
# A figure summing several awards ("加起来算下来80万") is not one award's figure.
_SUMMED = re.compile(r"加起来|合起来|一共|总共|合计|共计|加在一起|总计")
_OTHER_FIGURES = (
    "营收",
    "营业收入",
    "营业额",
    "销售额",
    "销售收入",
    "产值",
    "利润",
    "注册资本",
    "市值",
    "工资",
    "房租",
    "收入",
)
# A figure of another enterprise ("隔壁厂投了900万拿了45万") is not this one's.
_OTHER_PARTY = re.compile(
    r"隔壁|别家|人家|同行|别的(?:企业|厂|公司)|其他(?:企业|厂|公司)|朋友(?:的|家)?(?:公司|厂)"
)
_SELF = re.compile(r"我们|我厂|我司|我公司|本公司|本企业|咱们|咱厂|我这边|我家")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」|『[^』]*』|‘[^’]*’")
_SAME_MATTER = re.compile(
    r"(?<!不是)(?<!不属于)(?<!并非)(?<!非)(?:同一(?:个|项)?(?:项目|事项|工厂|车间|平台)|同一个|同一项)"
)
# "这个项目同时还入选了省级5G+试点示范": the matter just named also won another honour, the same matter twice.
_THIS_MATTER_ALSO = re.compile(
    r"(?:这个|这一|该|此)(?:项目|工厂|车间|平台|事项)[^，。；,;！？!?]{0,3}(?:同时|也|还|又)"
)
# One honour won again at another level ("先后", "升成国家级", "两次"), unless another matter is named.
_RAISED = re.compile(r"先后|升(?:成|为|到|级|格)|两次|又评上|又获评")
_OTHER_ONE = re.compile(r"另一|另外一|[两二俩]个(?:工厂|车间|平台|项目)|两家|分别|各自")
_SEGMENT = re.compile(r"[，。；,;！？!?\n]|(?:另外|同时|而且|并且|此外|另一家|还有)")
_RATE = re.compile(
    r"(?:年)?利率\s*(?:是|为|按|在)?\s*(\d+(?:\.\d+)?)\s*%|(\d+(?:\.\d+)?)\s*%\s*(?:的)?(?:年)?利率"
)
_YEAR = re.compile(r"(20[2-3]\d)\s*年")
# A change in an amount is not the amount ("比去年多了200万", "增加了150万", "多投了80万"): the year's total is unknown.
# "增加到500万" names the total and is not matched.
_DELTA_BEFORE = re.compile(
    r"(?:比[^，。；,;]{0,10}?(?:多|高|增加|增长)|多投|多花|增加|增长|提高|上涨|涨|多出)了?\s*(?:约|大约|近|将近)?\s*$"
)
_LIST_BACKREF = re.compile(r"这些|那些|这几项|这几样|这几块|等")
_NEG = r"(?:不|没|没有|未|尚未|还没|并非|并未|无)"
# Hardware and software named together ("设备加软件一共投了", "硬件软件加起来", "软硬件") is the whole spend, not the
# software line of 贴息's conditions: the pair reads as a generic investment word.
_WHOLE_SPEND = re.compile(
    r"软硬件|(?:设备|硬件|装备|机器)\s*(?:加上|加|和|与|及|跟|、|还有|\+)?\s*(?:软件|系统)"
    r"|(?:软件|系统)\s*(?:加上|加|和|与|及|跟|、|还有|\+)?\s*(?:设备|硬件|装备)"
)


@dataclass
class AwardMention:
    rule_id: str
    word: str
    start: int
    level: str | None = None
    star: int | None = None
    alternatives: tuple[str, ...] = ()  # other awards the same word may mean (智能制造示范 → 工厂 or 车间)


@dataclass
class Facts:
    awards: list[AwardMention] = field(default_factory=list)
    amounts: dict[str, int] = field(default_factory=dict)
    bare_amounts: list[int] = field(default_factory=list)  # amounts with no word saying what they are
    # figures that are not facts about the enterprise: hearsay, quoted, what an award pays, revenue …
    claimed_amounts: list[int] = field(default_factory=list)
    # a threshold the user says the rule sets ("规定投入超过500万才能补"): a premise to correct, not a fact
    claimed_thresholds: list[int] = field(default_factory=list)
    # the applicant's own figure for what one award comes to ("贴息算下来是50万"), by rule id
    own_figures: dict[str, int] = field(default_factory=dict)
    # hearsay about what an award pays ("听说贴息能拿888万"): (yuan, the award named before it or None)
    hearsay: list[tuple[int, str | None]] = field(default_factory=list)
    each: bool = False  # "各/分别": amounts per item, no total
    deltas: list[int] = field(
        default_factory=list
    )  # changes in an amount ("比去年多了200万"), not the amount
    ignored_amounts: list[int] = field(default_factory=list)
    interest_rate: Decimal | None = None
    year: int | None = None
    month: int | None = None
    second_half: bool = False
    levels: list[str] = field(
        default_factory=list
    )  # every level word, in order (a follow-up may carry only this)
    stars: list[int] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    same_project: bool = False
    # yes/no facts stated (True) or denied (False), by the words rules.yaml declares for them
    enterprise_flags: dict[str, bool] = field(default_factory=dict)
    claim_flags: dict[str, bool] = field(default_factory=dict)
    hinted_flags: dict[str, bool] = field(default_factory=dict)  # words that only suggest a claim fact
    out_of_scope: list[str] = field(default_factory=list)  # labels of denied scope facts (不在…注册)
    smart_manufacturing_field: bool | None = None
    # "两个首台套，一个智能制造领域的，一个环保设备领域的": one item in each field, each answered
    both_fields: bool = False
    # figures said approximately ("600多万", "近300万"), by role: (approx kind, the words as said)
    approx_amounts: dict[str, tuple[str, str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        d = {k: v for k, v in self.__dict__.items() if v not in (None, [], {}, False)}
        d["awards"] = [{**a.__dict__, "alternatives": list(a.alternatives)} for a in self.awards]
        if self.interest_rate is not None:
            d["interest_rate"] = str(self.interest_rate)
        return d

    def flag(self, name: str) -> bool | None:
        """A yes/no fact as the message states it (True), denies it (False) or leaves it (None)."""
        for table in (self.enterprise_flags, self.claim_flags, self.hinted_flags):
            if name in table:
                return table[name]
        return None

    @property
    def has_claim_facts(self) -> bool:
        return bool(
            self.awards
            or self.levels
            or self.stars
            or self.amounts
            or self.bare_amounts
            or self.interest_rate
            # "要是没走产融平台呢？": a condition changed in a follow-up is a claim fact too
            or self.claim_flags
            or self.smart_manufacturing_field is not None
        )


def _said(text: str, start: int, end: int) -> str:
    """An approximate figure as the user wrote it, with its 近/约 before and 左右 after."""
    head = re.search(
        r"(?:将近|接近|(?<![最附])近|不到|不足|大约|大概|约)\s*$", text[max(0, start - 2) : start]
    )
    tail = re.match(r"\s*(?:左右|上下|出头|多|余)", text[end:])
    return text[start - (len(head.group(0)) if head else 0) : end + (tail.end() if tail else 0)]


def _flag(text: str, says: tuple[str, ...], denies: tuple[str, ...] = ()) -> bool | None:
    """True when the fact is stated, False when it is negated (不在库, 没有通过平台) or denied, None when absent."""
    positive = "|".join(says) or "(?!)"
    if re.search(rf"{_NEG}[^，。；,;]{{0,10}}(?:{positive})" + "".join(f"|{d}" for d in denies), text):
        return False
    if re.search(positive, text):
        return True
    return None


# "我们是X注册的企业 / 在X注册": a place word right before 注册, with no 在 or 市/区 suffix the rule's patterns need.
_PLACE_THEN_REGISTERED = re.compile(r"(?:是|在)?([\u4e00-\u9fff]{2,4}?)(?:市|区|县)?注册")


def _registered_elsewhere(text: str, spec: FactSpec) -> bool:
    """A place that is not the rule's own (jieba's ns tag, or a place the scope check knows) right before 注册,
    for a fact whose patterns state registration in the rule's place."""
    if not any("注册" in s for s in spec.says):
        return False
    import jieba.posseg as pseg

    from assistant.scope import known_places

    places = {w.word for w in pseg.cut(text) if w.flag == "ns"} | {p for p in known_places() if p in text}
    for m in _PLACE_THEN_REGISTERED.finditer(text):
        word = next((p for p in places if m.group(1).endswith(p)), None)
        if word and not any(re.search(s, f"{word}注册") for s in spec.says):
            return True
    return False


def _flags(text: str, vocab: Vocabulary, facts: Facts) -> None:
    for name, spec in vocab.flags.items():
        value = _flag(text, spec.says, spec.denies)
        if value is None and spec.principle == "scope" and _registered_elsewhere(text, spec):
            value = False
        if value is None:
            continue
        table = facts.enterprise_flags if spec.scope == "enterprise" else facts.claim_flags
        (facts.hinted_flags if spec.hint else table)[name] = value
        if value is False and spec.principle == "scope":
            facts.out_of_scope.append(spec.label.removeprefix("是否"))


def _slots(a: AwardMention) -> dict[str, object]:
    return {"level": a.level, "star": a.star, "alternatives": a.alternatives}


_RELATIVE_YEAR = re.compile(r"今年|当年|本年度?|去年|上一?年|前年")
_RELATIVE_NAMES = {
    "今年": 0,
    "当年": 0,
    "本年": 0,
    "本年度": 0,
    "去年": -1,
    "上年": -1,
    "上一年": -1,
    "前年": -2,
}


def _relative_year(before: str) -> int | None:
    """The last 今年/去年/前年 before a figure, as an offset from this year."""
    found = _RELATIVE_YEAR.findall(before)
    return _RELATIVE_NAMES[found[-1]] if found else None


def _segment_year(before: str) -> int | None:
    found = _YEAR.findall(before)
    return int(found[-1]) if found else None


def _nearest(before: str, words: tuple[str, ...]) -> int | None:
    dists = [len(before) - (before.rfind(w) + len(w)) for w in words if w in before]
    return min(dists) if dists else None


def _role_of(segment: str, pos: int, end: int, amounts: dict[str, FactSpec], own: bool = True) -> str | None:
    """The role the words next to an amount give it, or "claimed" (hearsay, what an award pays), "other", or
    "own" (the applicant's own working for an award, bound to the award by the caller)."""
    before = segment[:pos]
    role = _bound_role(segment, pos, end, amounts)
    role_dist = _nearest(before, tuple(w for spec in amounts.values() for w in spec.words))
    other = _nearest(before, _OTHER_FIGURES)
    if (other is not None and (role_dist is None or other < role_dist)) or _other_party_speaking(before):
        return "other"
    if own and _OWN_FIGURE.search(before) and not _HEARSAY.search(before):
        return "own"
    if (
        _THRESHOLD_BEFORE.search(before)
        and (_RULE_BEFORE.search(before) or _ONLY_THEN_AFTER.match(segment[end:]))
        and not _SELF.search(before)
    ):
        return "threshold"
    outcome = _nearest(before, _OUTCOME_WORDS)
    if outcome is not None and (role_dist is None or outcome < role_dist):
        return "claimed"
    if (role_dist is None or role_dist > 4) and _OUTCOME_AFTER.match(segment[end:]):
        return "claimed"
    if role is None and _HEARSAY.search(before):
        return "claimed"
    return role


def _other_party_speaking(before: str) -> bool:
    """Another enterprise is the subject, unless the speaker's own words come after it ("隔壁厂投了900万…我们今年
    投了720万" in one unpunctuated breath)."""
    last_other = max((m.end() for m in _OTHER_PARTY.finditer(before)), default=-1)
    return last_other >= 0 and not _SELF.search(before[last_other:])


def _generic_word(amounts: dict[str, FactSpec]) -> str | None:
    """The shortest word of the catch-all amount (投入), what a hardware-and-software pair reads as."""
    words = [w for spec in amounts.values() if spec.generic for w in spec.words]
    return min(words, key=len) if words else None


def _bound_role(segment: str, pos: int, end: int, amounts: dict[str, FactSpec]) -> str | None:
    before, after = segment[:pos], segment[end : end + 8]
    if (generic := _generic_word(amounts)) is not None:
        before = _WHOLE_SPEND.sub(lambda m: "#" * max(len(m.group(0)) - len(generic), 0) + generic, before)
    # "…其中800万是土建": only words right next to the figure; a long unpunctuated message has 土建 elsewhere too.
    # "贷款3000万其中土建800万": a figure followed by 其中 is the whole, its part comes next.
    if not re.match(r"\s*[，,（(]?\s*其中", segment[end:]) and re.search(
        r"其中|是", segment[max(0, pos - 8) : pos] + segment[end : end + 4]
    ):
        for role, spec in amounts.items():
            part = "|".join(re.escape(w) for w in spec.part_words)
            if part and re.search(rf"(?<!不含)(?<!除)(?:{part})", segment[end : end + 6]):
                return role
    # (distance, generic, -word length, declaration order, role): the nearest word decides; at the same distance a
    # specific fact outranks the generic one, then the longer word (土建贷款 over 贷款, 总投资 over 投资).
    best: tuple[int, bool, int, int, str] | None = None
    for order, (role, spec) in enumerate(amounts.items()):
        for w in spec.words:
            i = before.rfind(w)
            if i >= 0:
                dist = len(before) - (i + len(w))
                if not spec.generic and _LIST_BACKREF.search(before[i + len(w) :]) and dist <= 12:
                    dist = 0  # "软件、系统集成和云这些只投了350万": the list the figure refers back to
                # Specific roles win inside the same phrase; the generic one only when it is clearly nearer.
                cand = (dist + (_GENERIC_HANDICAP if spec.generic else 0), spec.generic, -len(w), order, role)
                best = cand if best is None or cand < best else best
            elif w in after and spec.after:
                cand = (after.index(w) + 3, spec.generic, -len(w), order, role)
                best = cand if best is None or cand < best else best
    return best[4] if best else None


# How much nearer the generic amount word (投入) must be than a specific one to win: "软件和系统集成只投了380万".
_GENERIC_HANDICAP = 6


def _award_named_before(seg_start: int, pos: int, spans: list[tuple[int, int, str]]) -> str | None:
    """The one award named before a figure in its segment (None when none or several are)."""
    named = {rid for start, end, rid in spans if seg_start <= start and end <= pos}
    return named.pop() if len(named) == 1 else None


def _award_reckoned(
    text: str, seg_start: int, pos: int, spans: list[tuple[int, int, str]], amounts: dict[str, FactSpec]
) -> str | None:
    """The one award named before a figure in its segment, when nothing between them (an amount word, a sum of
    several) makes the figure something else."""
    named = [(end, rid) for start, end, rid in spans if seg_start <= start and end <= pos]
    if len({rid for _, rid in named}) != 1:
        return None
    end, rid = max(named)
    between = text[end:pos]
    if (
        _SUMMED.search(between)
        or _nearest(between, tuple(w for s in amounts.values() for w in s.words)) is not None
    ):
        return None
    return rid


def _asks_paid_twice(text: str, vocab: Vocabulary) -> bool:
    """Whether the message asks to be paid for both ("两份都能拿吗"), which the vocabulary reads as highest-only."""
    highest_only = vocab.principles.get(HIGHEST_ONLY_WORD)
    return highest_only is not None and any(m.value == highest_only for m in vocab.find("principles", text))


def extract_facts(text: str, vocab: Vocabulary) -> Facts:
    facts = Facts()
    bounds = [0] + [m.end() for m in _SEGMENT.finditer(text)] + [len(text)]
    segments = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i + 1] > bounds[i]]

    def seg_of(pos: int) -> tuple[int, int]:
        return next((s for s in segments if s[0] <= pos < s[1]), (0, len(text)))

    levels = vocab.find("levels", text)
    stars = vocab.find("stars", text)
    facts.levels = [m.value for m in levels]
    facts.stars = [int(m.value) for m in stars]
    award_positions: list[
        int
    ] = []  # every award word, merged or not, so its segment is not taken as level-only
    award_spans: list[tuple[int, int, str]] = []
    for m in vocab.find("awards", text):
        award_positions.append(m.start)
        award_spans.append((m.start, m.end, m.value))
        seg = seg_of(m.start)
        lvl = [x for x in levels if seg[0] <= x.start < seg[1]]
        st = [x for x in stars if seg[0] <= x.start < seg[1]]
        mention = AwardMention(
            m.value,
            m.word,
            m.start,
            level=min(lvl, key=lambda x: abs(x.start - m.start)).value if lvl else None,
            star=int(min(st, key=lambda x: abs(x.start - m.start)).value) if st else None,
        )
        alternatives = tuple(r for r in vocab.ambiguous.get(m.word, ()) if r != m.value)
        mention.alternatives = alternatives
        same = [a for a in facts.awards if a.rule_id == m.value]
        if same and (mention.level, mention.star) == (None, None):
            continue  # "同一个工业互联网平台…评上国家级工业互联网平台": one claim, not two
        bare = [a for a in same if (a.level, a.star) == (None, None)]
        if bare:
            bare[0].level, bare[0].star = mention.level, mention.star
            continue
        if any((a.level, a.star) == (mention.level, mention.star) for a in same):
            continue
        facts.awards.append(mention)
    # A segment with a star or level but no award of its own ("另一家评上省三星级") is another claim of the
    # award named just before it.
    for seg in segments:
        if any(seg[0] <= p < seg[1] for p in award_positions) or not facts.awards:
            continue
        st = [x for x in stars if seg[0] <= x.start < seg[1]]
        lvl = [x for x in levels if seg[0] <= x.start < seg[1]]
        prev = [a for a in facts.awards if a.start < seg[0]]
        if (st or lvl) and prev and (prev[-1].star or prev[-1].level):
            p = prev[-1]
            level = lvl[0].value if lvl else p.level
            star = int(st[0].value) if st else p.star
            if (level, star) == (p.level, p.star) and not re.search(
                r"另一|还有一|再一|第二|又一", text[seg[0] : seg[1]]
            ):
                continue  # "另外国家级平台还有什么要求": the same achievement named again, one claim
            facts.awards.append(
                AwardMention(
                    p.rule_id,
                    p.word,
                    seg[0],
                    level=level,
                    star=star,
                )
            )
    # "国家级和省级产业链协作平台各奖多少" / "省五星、四星、三星…分别奖多少": one claim per level or star asked.
    # "国家级和省级差多少" compares two tiers: each is answered, as with 各/分别.
    facts.each = bool(re.search(r"各|分别|每(?:个|项|档)|差多少|相差|差距|差别|区别|有什么不同|对比", text))
    if facts.each and len({a.rule_id for a in facts.awards}) == 1:
        first = facts.awards[0]
        for kind, found in (
            ("level", list(dict.fromkeys(facts.levels))),
            ("star", list(dict.fromkeys(facts.stars))),
        ):
            if len(found) > 1:
                facts.awards = [
                    AwardMention(first.rule_id, first.word, first.start, **{**_slots(first), kind: v})  # type: ignore[arg-type]
                    for v in found
                ]
                break
    # "同一个工厂先后拿了国家级和省级示范工厂，两个奖能加在一起吗": both honours of one award were won, each is a
    # claim (the highest-only principle then keeps one); without such words two levels may be a comparison.
    levels_named = list(dict.fromkeys(facts.levels))
    if (
        not facts.each
        and len(facts.awards) == 1
        and len(levels_named) > 1
        and re.search(
            rf"先后|都拿|都评|两个(?:奖|都|荣誉|称号)|两项|加在一起|叠加|{_SAME_MATTER.pattern}", text
        )
    ):
        first = facts.awards[0]
        facts.awards = [
            AwardMention(first.rule_id, first.word, first.start, **{**_slots(first), "level": v})  # type: ignore[arg-type]
            for v in levels_named
        ]
    if len(facts.awards) == 1 and facts.awards[0].level is None and len(set(facts.levels)) == 1:
        facts.awards[0].level = facts.levels[0]
    if len(facts.awards) == 1 and facts.awards[0].star is None and len(set(facts.stars)) == 1:
        facts.awards[0].star = facts.stars[0]

    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    years = [int(y) for y in _YEAR.findall(text)]
    asked_year = years[-1] if len(set(years)) > 1 else None
    role_years: dict[str, int | None] = {}
    # "去年投了500万今年又投了400万，今年能拿多少": with no calendar year named, the figure of the year asked counts.
    relative = [_RELATIVE_NAMES[w] for w in _RELATIVE_YEAR.findall(text)]
    asked_relative = relative[-1] if not years and len(set(relative)) > 1 else None
    role_relative: dict[str, int | None] = {}
    unbound: list[int] = []
    for a in find_amounts(text):
        seg = seg_of(a.start)
        if any(q0 <= a.start < q1 for q0, q1 in quoted):
            role: str | None = "claimed"  # a quoted figure is someone's words, never the enterprise's fact
        else:
            role = _role_of(text[seg[0] : seg[1]], a.start - seg[0], a.end - seg[0], vocab.amounts)
        if role == "own":
            rule_id = _award_reckoned(text, seg[0], a.start, award_spans, vocab.amounts)
            to_check = bool(_CHECK_ASKED.search(text) or _ASKED_AFTER.match(text, a.end))
            if rule_id is not None and rule_id not in facts.own_figures and not to_check:
                facts.own_figures[rule_id] = a.yuan
                continue
            # no award named before it ("利息算下来是50万"): the words next to it decide, as for any figure; a working
            # over several awards ("这两项加起来算下来80万") is a figure to check, like what an award pays
            named = any(seg[0] <= s0 and e0 <= a.start for s0, e0, _ in award_spans)
            between_sum = named and _SUMMED.search(text[seg[0] : a.start])
            role = (
                "claimed"
                if (rule_id is None and between_sum) or (rule_id is not None and to_check)
                else _role_of(
                    text[seg[0] : seg[1]], a.start - seg[0], a.end - seg[0], vocab.amounts, own=False
                )
            )
        if role is None and _ASKED_AFTER.match(text, a.end) and _RESULT_BEFORE.search(text[seg[0] : a.start]):
            role = "claimed"
        if role not in ("threshold", "claimed", "other") and _DELTA_BEFORE.search(text[seg[0] : a.start]):
            facts.deltas.append(a.yuan)
        elif role == "threshold":
            facts.claimed_thresholds.append(a.yuan)
        elif role == "claimed":
            facts.claimed_amounts.append(a.yuan)
            if _HEARSAY.search(text[seg[0] : a.start]):
                facts.hearsay.append((a.yuan, _award_named_before(seg[0], a.start, award_spans)))
        elif role == "other":
            facts.ignored_amounts.append(a.yuan)
        elif role is None:
            unbound.append(a.yuan)
        elif role not in facts.amounts:
            facts.amounts[role] = a.yuan
            if a.approx:
                facts.approx_amounts[role] = (a.approx, _said(text, a.start, a.end))
            role_years[role] = _segment_year(text[seg[0] : a.start])
            role_relative[role] = _relative_year(text[: a.start])
        elif asked_relative is not None and role_relative.get(role) != asked_relative == _relative_year(
            text[: a.start]
        ):
            facts.ignored_amounts.append(facts.amounts[role])
            facts.amounts[role], role_relative[role] = a.yuan, asked_relative
        elif asked_year is not None and role_years.get(role) != asked_year == _segment_year(
            text[seg[0] : a.start]
        ):
            # "2021年投了200万，2022年当年又投了380万…2022年度能奖补多少": the figure of the year asked counts
            facts.ignored_amounts.append(facts.amounts[role])
            facts.amounts[role], role_years[role] = a.yuan, asked_year
    # One figure no word binds, in a message about spending, is the generic amount (the investment); several are
    # left bare (asked).
    generic = next((n for n, spec in vocab.amounts.items() if spec.generic), None)
    if generic and len(unbound) == 1 and not facts.amounts and re.search(r"投|花|费", text):
        facts.amounts[generic] = unbound.pop()
    facts.bare_amounts = unbound
    if rate := _RATE.search(text):
        facts.interest_rate = Decimal(rate.group(1) or rate.group(2)) / 100
    facts.year = asked_year if asked_year in role_years.values() else (years[0] if years else None)
    if (
        facts.year
        and (mm := re.search(rf"{facts.year}\s*年\s*(\d{{1,2}})\s*月", text))
        and 1 <= int(mm.group(1)) <= 12
    ):
        facts.month = int(mm.group(1))
    facts.second_half = bool(re.search(r"下半年|年底|年末|[7-9]月|1[0-2]月", text))
    # "没有安全环保事故，也不是淘汰类": a denied exclusion is not one (negation scope: the words just before it).
    facts.exclusions = list(
        dict.fromkeys(
            m.value
            for m in vocab.find("exclusions", text)
            if not re.search(rf"{_NEG}[^，。；,;]{{0,6}}$", text[max(0, m.start - 8) : m.start])
        )
    )
    facts.same_project = bool(_SAME_MATTER.search(text) or _THIS_MATTER_ALSO.search(text))
    levels_won = {a.level for a in facts.awards if a.level}
    if (
        len({a.rule_id for a in facts.awards}) == 1
        and len(levels_won) > 1
        and _RAISED.search(text)
        and not _OTHER_ONE.search(text)
    ):
        # "去年评了省级示范工厂，今年又升成国家级了": one matter raised a level, not two matters
        facts.same_project = True
    if len({a.rule_id for a in facts.awards}) == 1 and len(levels_won) > 1 and _asks_paid_twice(text, vocab):
        # "这个示范工厂省里和国家都评上了，能领两份吗": one award won at two levels, asked to be paid for both
        facts.same_project = True
    _flags(text, vocab, facts)
    fields = vocab.find("fields", text)
    if fields:
        facts.smart_manufacturing_field = (fields[0].value == "smart_manufacturing") != bool(
            _FIELD_NEGATION.search(text[max(0, fields[0].start - 8) : fields[0].start])
        )
    elif _OTHER_FIELD.search(text) or (_FIELD_FOLLOW_UP.search(text) and not _WHICH.search(text)):
        facts.smart_manufacturing_field = (
            False  # "我们是环保设备领域的": a field named that is not one of the rule's
        )
    if facts.smart_manufacturing_field and _TWO_ITEMS.search(text):
        facts.both_fields = any(m.value != "smart_manufacturing" for m in fields) or any(
            "智能制造" not in f.group() for f in _A_FIELD.finditer(text)
        )
    return facts


# "不算/算不上/不在/不属于/并非/不是 智能制造领域": the negation governs the field word right after it (a few
# characters of filler allowed: "不算是", "并不属于").
_FIELD_NEGATION = re.compile(r"(?:不是|不属于|不算|算不上|不在|并非|非|谈不上|够不上)[是于属在的]{0,2}$")
# Two items spoken of ("两个…", "一个…另一个…", "分别"): each may be in its own field.
_TWO_ITEMS = re.compile(r"[两俩二]个|[两二][台套项]|一个[^。]{1,30}(?:另)?一个|分别|各[有一]")
_A_FIELD = re.compile(r"[\u4e00-\u9fff]{2,6}领域")
# "那环保设备领域的呢" / "要是新能源行业的呢": a follow-up naming a field of its own (智能制造 is found by name first).
_FIELD_FOLLOW_UP = re.compile(r"^(?:那|那么|要是|如果是?|换成|改成)[\u4e00-\u9fff]{2,10}(?:领域|行业)")
_WHICH = re.compile(r"哪|什么|啥|其他|其它")
# A field of its own named ("环保设备领域", "医疗器械行业的装备"): the other field, not a guess of 智能制造.
_OTHER_FIELD = re.compile(
    r"(?:我们|我司|我厂|公司|企业|装备|产品|设备)?(?:是|属于|做|搞|从事|在)(?![^，。；]*智能制造)"
    r"(?!哪|什么|其他|其它)[\u4e00-\u9fff]{2,8}(?:领域|行业)(?:的|，|。|$)"
)
