"""How a named award is worked out, or whether it is capped ("X是怎样计算的，设封顶了吗"), is answered from that
award's own clause with its rate and ceiling, never from another clause that shares a word of the asking (计算 is
also in 云计算, which the basic-investment clause lists)."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.lookup_rank import WordWeights, stating_clause_first
from indexing.types import Clause


@pytest.mark.parametrize(
    ("question", "heading", "figures"),
    [
        ("贴息是怎样计算的，设封顶了吗", "强化金融保障", ("1%", "100万")),
        ("贷款贴息如何计算？封顶吗", "强化金融保障", ("1%", "100万")),
        ("基础投入奖补如何核算？封不封顶？", "推动基础投入", ("5%", "50万")),
        ("工业APP奖励怎么算的，有没有上限", "鼓励应用开发", ("最高2万",)),
    ],
)
def test_the_named_awards_own_clause_states_rate_and_ceiling(
    bot: Assistant, question: str, heading: str, figures: tuple[str, ...]
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "answer"
    assert answer["plan"]["intent"] == "conditions", answer["plan"]
    assert heading in answer["citations"][0]["path"]
    assert not [c for c in answer["citations"] if heading not in c["path"] and "推动基础投入" in c["path"]]
    for figure in figures:
        assert figure in answer["answer"].replace(" ", ""), figure


def _clause(cid: str, title: str, text: str) -> Clause:
    return Clause(clause_id=cid, doc_id="d", path=(title,), text=text, order=0)


def test_computing_words_do_not_pick_a_clause_listing_cloud_computing() -> None:
    tech = _clause("a", "推动基础投入", "引入大数据、云计算、物联网等先进技术，按投入的5%奖补")
    loan = _clause("b", "强化金融保障", "对实际支付的贷款利息按不超过1%的利率贴息，最高100万元")
    others = [
        _clause(f"o{i}", f"第{i}项", text)
        for i, text in enumerate("建设园区 培育人才 打造标杆 推进上云 强化服务 加强考核".split())
    ]
    clauses = [tech, loan, *others]
    weights = WordWeights([f"{c.title}\n{c.text}" for c in clauses], lambda s: list(s))
    ordered = stating_clause_first("贴息是怎么计算的，有没有封顶", clauses, [loan], weights, ["贴息"])
    assert ordered[0] is loan
