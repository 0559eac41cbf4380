"""Which clause a lookup answers from: near-tied hits decided by the question's rarer words, the clause stating
an award ahead of the plan's sentence on it, and parts of the document addressed by position or theme.

Fast: small hand-made clauses, and the real corpus's heading tree (no index build)."""

from __future__ import annotations

import pytest

from assistant.lookup_rank import WordWeights, innermost, lead_by_words, pick_items, stating_clause_first
from assistant.settings import Settings
from assistant.topics import HeadingIndex, stated_count
from indexing.loader import load_corpus
from indexing.types import Clause


def _clause(n: int, title: str, text: str) -> Clause:
    return Clause(f"d:{n}", "d", ("计划", title), text, n)


# Every clause names the departments in charge; only one holds the rarer words a question may use.
CLAUSES = [
    _clause(1, "考核评价", "细化分解各乡镇街道任务清单，实行月度调度。责任单位：各乡镇街道"),
    _clause(2, "应用推广", "每年开展人才交流培训活动。责任单位：各乡镇街道"),
    _clause(3, "组织领导", "成立两级工作专班，各乡镇街道要制定具体实施方案。责任单位：各乡镇街道"),
    _clause(4, "金融保障", "按不超过1%的利率给予贴息，单个企业最高100万元。"),
    _clause(5, "项目投入", "鼓励新建项目对标智能车间建设要求，2024年实现全覆盖。"),
]


@pytest.fixture(scope="module")
def weights() -> WordWeights:
    return WordWeights(
        [f"{c.title}\n{c.text}" for c in CLAUSES], lambda s: [s[i : i + 2] for i in range(len(s) - 1)]
    )


def _hits(*pairs: tuple[Clause, float]) -> list[dict[str, object]]:
    return [{"clause_id": c.clause_id, "score": s} for c, s in pairs]


@pytest.mark.parametrize(
    "question",
    ["镇上要不要另外出实施方案？", "专班是设几级的？", "街道自己得制定实施方案吗"],
)
def test_a_near_tie_goes_to_the_clause_holding_the_rarer_words(question: str, weights: WordWeights) -> None:
    order = [CLAUSES[0], CLAUSES[1], CLAUSES[2]]
    hits = _hits((CLAUSES[0], 0.102), (CLAUSES[1], 0.101), (CLAUSES[2], 0.091))
    assert lead_by_words(question, order, hits, weights)[0] is CLAUSES[2]


def test_a_clear_lead_is_kept_whatever_the_words(weights: WordWeights) -> None:
    order = [CLAUSES[0], CLAUSES[2]]
    hits = _hits((CLAUSES[0], 0.136), (CLAUSES[2], 0.080))  # not a tie of ranks
    assert lead_by_words("街道要制定实施方案吗", order, hits, weights) == order


def test_words_every_clause_has_do_not_move_the_lead(weights: WordWeights) -> None:
    order = [CLAUSES[0], CLAUSES[1]]
    hits = _hits((CLAUSES[0], 0.102), (CLAUSES[1], 0.101))
    assert lead_by_words("各乡镇街道的责任单位是谁", order, hits, weights)[0] is CLAUSES[0]


def test_a_money_question_keeps_the_clause_stating_an_amount_first(weights: WordWeights) -> None:
    order = [CLAUSES[3], CLAUSES[4]]
    hits = _hits((CLAUSES[3], 0.136), (CLAUSES[4], 0.125))
    question = "2024年新建智能车间项目，贴息能补多少？"
    assert lead_by_words(question, order, hits, weights, asks_money=True)[0] is CLAUSES[3]
    # The same words without asking about money: the clause holding more of them leads.
    assert lead_by_words("2024年新建智能车间项目的要求", order, hits, weights)[0] is CLAUSES[4]


def test_the_award_clause_leads_unless_another_holds_more_of_the_question(weights: WordWeights) -> None:
    order = [CLAUSES[0], CLAUSES[4], CLAUSES[3]]
    assert stating_clause_first("贴息利率多少", order, [CLAUSES[3]], weights)[0] is CLAUSES[3]
    assert stating_clause_first("贴息的企业要月度调度吗", order, [CLAUSES[3]], weights)[0] is CLAUSES[0]


def test_the_award_name_and_the_asking_words_are_not_the_subject() -> None:
    plan = _clause(6, "行动", "推进标识解析二级节点建设，政府支持企业改造内网。")
    rule = _clause(7, "平台", "对建成二级节点解析项目的企业给予最高100万元奖励。")
    other = _clause(8, "保障", "对防护等级较高的企业优先支持上市。")
    texts = [f"{c.title}\n{c.text}" for c in (*CLAUSES, plan, rule, other)]
    w = WordWeights(texts, lambda s: [s[i : i + 2] for i in range(len(s) - 1)])
    # The plan repeats the award's name more literally and says 政府支持: still the rule's clause answers.
    order = [plan, rule]
    assert (
        stating_clause_first("标识解析二级节点政府怎么支持？", order, [rule], w, ["标识解析二级节点"])[0]
        is rule
    )
    # Counting those words, the plan's sentence would have led.
    assert stating_clause_first("标识解析二级节点政府怎么支持？", order, [rule], w)[0] is plan
    # A subject of its own that the rule's clause lacks (上市) still leads.
    assert (
        stating_clause_first("二级节点企业上市有什么优待", [rule, other], [rule], w, ["二级节点"])[0] is other
    )


def test_an_unknown_word_stands_for_its_known_parts() -> None:
    w = WordWeights(["工作专班", "考核办法"], lambda s: [s])  # jieba-like: whole words only
    assert w.cover("专班设", "工作专班") > 0


# ── parts of the real document addressed by position or by theme ──
@pytest.fixture(scope="module")
def headings() -> HeadingIndex:
    corpus = load_corpus(Settings(_env_file=None).corpus_dir)  # type: ignore[call-arg]
    return HeadingIndex(corpus.clauses)


@pytest.mark.parametrize(
    ("question", "last_heading"),
    [
        ("附则的第三条说了什么", "（三）实施过程"),
        ("附则里第一条是啥", "（一）适用范围"),
        ("附件第二部分是关于什么的", "二、强化示范标杆引领"),
        ("附件的第五部分", "五、附则"),
        ("三年行动计划第三部分讲什么", "三、保障措施"),
        ("保障措施第二条是什么内容", "2.强化政策支持"),
    ],
)
def test_a_part_is_addressed_by_position(headings: HeadingIndex, question: str, last_heading: str) -> None:
    match = headings.match(question)
    assert match is not None and match.path[-1] == last_heading


@pytest.mark.parametrize(
    ("question", "last_heading"),
    [
        ("附件里跟协同生态有关的有哪几条", "三、加快协同生态营造"),
        ("讲服务能力的有哪些条", "四、加强服务能力保障"),
    ],
)
def test_a_part_asked_for_its_items_is_named_by_theme(
    headings: HeadingIndex, question: str, last_heading: str
) -> None:
    match = headings.match(question)
    assert match is not None and match.path[-1] == last_heading and len(match.clauses) == 3


def test_a_short_part_name_without_a_position_names_no_part(headings: HeadingIndex) -> None:
    # "附则" alone is a principle's home, answered by the principle asked, not by listing the whole part.
    match = headings.match("附则里就高不重复怎么规定")
    assert match is None or match.path[-1] != "五、附则"


# ── a section's items asked by position, by theme or by count ──
ACTIONS = [
    _clause(11, "1.画像诊断服务行动", "推进企业画像评估。"),
    _clause(12, "2.应用推广服务行动", "建立资源库。"),
    _clause(13, "3.园区智慧转型行动", "发挥园区招商主阵地作用。"),
]


@pytest.fixture(scope="module")
def action_weights() -> WordWeights:
    texts = [f"{c.title}\n{c.text}" for c in (*CLAUSES, *ACTIONS)]
    return WordWeights(texts, lambda s: [s[i : i + 2] for i in range(len(s) - 1)])


@pytest.mark.parametrize(
    ("question", "picked"),
    [
        ("三项行动中的第二项叫什么", ["2.应用推广服务行动"]),
        ("第三项和第一项分别叫什么", ["1.画像诊断服务行动", "3.园区智慧转型行动"]),
        ("那几项行动里讲园区的是哪一项", ["3.园区智慧转型行动"]),
        ("和园区相关的是哪项？另外第一项是什么", ["1.画像诊断服务行动", "3.园区智慧转型行动"]),
        ("这几项行动分别是什么", []),  # picks none: all are listed
        ("第七项是什么", []),  # no such position
    ],
)
def test_items_are_picked_by_position_and_theme(
    action_weights: WordWeights, question: str, picked: list[str]
) -> None:
    assert [c.title for c in pick_items(question, ACTIONS, action_weights)] == picked


def test_innermost_leaves_out_a_section_intro() -> None:
    intro = Clause("d:20", "d", ("计划", "二、重点工作"), "统筹推进三项行动。", 20)
    items = [Clause(f"d:2{i}", "d", ("计划", "二、重点工作", f"{i}.行动"), "内容。", 20 + i) for i in (1, 2)]
    assert innermost([intro, *items]) == items


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("三大工程分别是什么", 3),
        ("九项行动都有哪些", 9),
        ("第三项是什么", None),
        ("有几项", None),
        ("2个方面", 2),
    ],
)
def test_the_count_a_question_states(question: str, count: int | None) -> None:
    assert stated_count(question) == count


def test_a_short_part_asked_for_its_items_is_listed(headings: HeadingIndex) -> None:
    match = headings.match("附则一共有几条")
    assert match is not None and match.path[-1] == "五、附则" and len(match.clauses) == 4


def test_questions_are_not_kept(weights: WordWeights) -> None:
    # A long-running service sees endless new questions: only the corpus's own texts are kept, cut once.
    kept = len(weights._tokens)
    for i in range(50):
        weights.cover(f"第{i}个问题里的实施方案", CLAUSES[2].title + "\n" + CLAUSES[2].text)
    assert len(weights._tokens) == kept
