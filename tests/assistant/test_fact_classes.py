"""Fast tables for the facts a message states in words the rules were not written in: conditions stated all at
once (其他条件都满足), a field denied, scope facts in new words, a figure that is an award already granted, and an
approximate figure. Real rule book, real vocabulary; no index."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.claims import approx_lines, build_request
from assistant.conversation import ConversationState
from assistant.enterprise_memory import remember_and_apply
from assistant.facts import extract_facts
from tests.assistant.conftest import TODAY
from tools.award_amounts import OTHERS_MET


@pytest.mark.parametrize(
    "text",
    [
        "贷款4000万，其它条件我们都符合，能贴多少",
        "投入600万，条件都满足的话能拿多少",
        "固定资产贷款3000万，别的都没问题",
        "其余条件全都具备，省级示范车间能拿吗",
        "我们满足其他所有条件吗？不，我们满足了其他条件",
    ],
)
def test_all_other_conditions_stated_in_new_words(vocab: Any, text: str) -> None:
    assert extract_facts(text, vocab).claim_flags.get(OTHERS_MET) is True


@pytest.mark.parametrize(
    "text", ["贷款4000万，其他条件还不清楚", "需要满足哪些条件", "其他条件都不满足怎么办"]
)
def test_other_conditions_not_stated(vocab: Any, text: str) -> None:
    assert extract_facts(text, vocab).claim_flags.get(OTHERS_MET) is not True


def test_all_others_met_reaches_every_claim_but_a_denied_condition_stays_denied(
    vocab: Any, rule_book: Any
) -> None:
    facts = extract_facts("贷款没走产融平台，其他条件都满足，固定资产贷款3000万，利息付了60万", vocab)
    request, _ = build_request(facts, ConversationState(), rule_book, TODAY)
    (claim,) = request["claims"]
    assert claim[OTHERS_MET] is True and claim["loan_via_platform"] is False


@pytest.mark.parametrize(
    ("text", "smart"),
    [
        ("我们做的是纺织机械领域，算不上智能制造领域", False),
        ("首台套装备，我们属于医疗器械领域的", False),
        ("这台装备不算智能制造的", False),
        ("我们的首台套并不属于智能制造领域", False),
        ("我们的首台套是智能制造领域的", True),
        ("首台套装备属于哪个领域才有钱", None),
    ],
)
def test_field_negated_or_another_field_named(vocab: Any, text: str, smart: bool | None) -> None:
    assert extract_facts(text, vocab).smart_manufacturing_field is smart


@pytest.mark.parametrize(
    ("text", "flag", "value"),
    [
        ("公司的注册和纳税都在靖江市，厂房在泰兴", "registered_locally", False),
        ("公司的注册和纳税都在靖江市，厂房在泰兴", "pays_tax_locally", False),
        ("我们注册地在外省，生产在泰兴", "registered_locally", False),
        ("税是交在别的县的", "pays_tax_locally", False),
        ("我们在泰兴纳税", "pays_tax_locally", True),
        ("我们是在泰兴注册的", "registered_locally", True),
        ("我是以个人名义做的这个APP", "independent_legal_person", False),
        ("我是个体工商户，能申请吗", "independent_legal_person", False),
        ("这是我个人开发的软件", "independent_legal_person", False),
        ("我们是外地的公司，在泰兴有车间", "registered_locally", False),
        ("厂子是个人独资的", "independent_legal_person", False),
    ],
)
def test_scope_facts_in_new_words(vocab: Any, text: str, flag: str, value: bool) -> None:
    assert extract_facts(text, vocab).enterprise_flags.get(flag) is value


@pytest.mark.parametrize(
    "text",
    [
        "上面已经批了150万的基础投入奖补给我们",
        "我们获批80万补贴，是基础投入的",
        "去年领了40万奖励，今年投入情况还没统计",
        "给我们批下来60万的基础投入补贴",
    ],
)
def test_a_granted_award_figure_is_claimed_not_spent(vocab: Any, text: str) -> None:
    facts = extract_facts(text, vocab)
    assert facts.claimed_amounts and not facts.amounts


def test_a_spend_next_to_an_award_question_is_still_a_spend(vocab: Any) -> None:
    assert extract_facts("投入了500万，基础投入奖补能拿多少", vocab).amounts == {"investment_yuan": 5_000_000}


@pytest.mark.parametrize(
    ("text", "role", "yuan", "line"),
    [
        ("基础投入四百多万，用了物联网，能拿多少", "investment_yuan", 4_000_000, "按400万元计"),
        ("贷款8000万，利息付了90来万", "interest_paid_yuan", 900_000, "按90万元计"),
        ("相关投入800万左右，用了云计算", "investment_yuan", 8_000_000, "按800万元计"),
    ],
)
def test_an_approximate_figure_is_used_and_said(
    vocab: Any, rule_book: Any, text: str, role: str, yuan: int, line: str
) -> None:
    facts = extract_facts(text, vocab)
    request, _ = build_request(facts, ConversationState(), rule_book, TODAY)
    assert any(c.get(role) == yuan for c in request["claims"])
    assert line in "".join(approx_lines(facts, request, rule_book))


@pytest.mark.parametrize(
    "text", ["相关投入将近300万，用了大数据", "相关投入300万左右，用了区块链", "投入接近三百万"]
)
def test_a_threshold_met_only_by_rounding_is_not_met(vocab: Any, rule_book: Any, text: str) -> None:
    facts = extract_facts(text, vocab)
    request, _ = build_request(facts, ConversationState(), rule_book, TODAY)
    assert all("investment_yuan" not in c for c in request["claims"])
    assert "达不到300万元以上的门槛" in "".join(approx_lines(facts, request, rule_book))


def test_enterprise_facts_of_an_earlier_turn_judge_a_later_claim(vocab: Any) -> None:
    state = ConversationState()
    for turn, text in enumerate(["我们厂前年出过一次重大环境污染事故", "公司注册地在外地"], start=1):
        state.turn_no = turn
        remember_and_apply(extract_facts(text, vocab), state, vocab, text)
    state.turn_no = 3
    facts = extract_facts("评上省级示范车间能拿多少", vocab)
    notes = remember_and_apply(facts, state, vocab, "评上省级示范车间能拿多少")
    assert facts.exclusions == ["environmental_accident"]
    assert facts.enterprise_flags["registered_locally"] is False and facts.out_of_scope
    assert any("第1轮" in n for n in notes) and any("第2轮" in n for n in notes)


def test_a_lookup_is_not_judged_by_earlier_enterprise_facts_and_a_denial_clears_them(vocab: Any) -> None:
    state = ConversationState()
    remember_and_apply(extract_facts("我们有过安全生产事故", vocab), state, vocab, "我们有过安全生产事故")
    lookup = extract_facts("基础投入奖补的条件是什么", vocab)
    assert (
        remember_and_apply(lookup, state, vocab, "基础投入奖补的条件是什么") == [] and not lookup.exclusions
    )
    denial = "说错了，我们没有安全生产事故"
    remember_and_apply(extract_facts(denial, vocab), state, vocab, denial)
    claim = extract_facts("投入500万能拿多少", vocab)
    remember_and_apply(claim, state, vocab, "投入500万能拿多少")
    assert not claim.exclusions
