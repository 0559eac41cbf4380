"""Facts and dialogue state → the calculator's claims (no arithmetic here)."""

from __future__ import annotations

from datetime import date

from assistant.claims import build_request
from assistant.conversation import ConversationState
from assistant.facts import extract_facts

TODAY = date(2026, 11, 27)


def _claims(vocab, book, text: str, state: ConversationState | None = None) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    request, _ = build_request(extract_facts(text, vocab), state or ConversationState(), book, TODAY, text)
    return request["claims"]


def test_the_same_award_named_twice_is_one_claim(vocab, rule_book) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(vocab, rule_book, "工业互联网平台国家级奖励多少？另外国家级平台还有什么要求？")
    assert claims == [{"award": "industrial_internet_platform", "level": "national"}]


def test_a_level_carries_to_a_newly_named_award_in_a_follow_up(vocab, rule_book) -> None:  # type: ignore[no-untyped-def]
    state = ConversationState(claims=[{"award": "industrial_internet_platform", "level": "national"}])
    assert _claims(vocab, rule_book, "那产业链协作平台呢？", state) == [
        {"award": "industry_chain_platform", "level": "national"}
    ]


def test_an_additive_follow_up_keeps_the_first_award(vocab, rule_book) -> None:  # type: ignore[no-untyped-def]
    state = ConversationState(claims=[{"award": "industrial_internet_platform", "level": "national"}])
    claims = _claims(vocab, rule_book, "再加上五星级信息安全防护，总共呢？", state)
    assert [c["award"] for c in claims] == ["industrial_internet_platform", "infosec_star"]
    assert claims[1]["star"] == 5


def test_a_technology_named_like_an_award_is_not_a_second_claim(vocab, rule_book) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(vocab, rule_book, "今年智能车间投入了400万，上了工业互联网平台和AI质检")
    assert [c["award"] for c in claims] == ["base_investment"]
    assert claims[0]["investment_yuan"] == 4_000_000 and claims[0]["advanced_tech"] is True


def test_unstated_conditions_stay_unknown(vocab, rule_book) -> None:  # type: ignore[no-untyped-def]
    [claim] = _claims(vocab, rule_book, "贴息：总投资5000万，贷款3000万，软件600万，付息120万")
    assert "in_project_library" not in claim and "loan_via_platform" not in claim
    [claim] = _claims(vocab, rule_book, "智能车间投入800万")
    assert "advanced_tech" not in claim


def test_a_denied_condition_is_false(vocab, rule_book) -> None:  # type: ignore[no-untyped-def]
    [claim] = _claims(vocab, rule_book, "贷款不是在泰州市产融综合服务平台贷的，能贴息吗")
    assert claim["loan_via_platform"] is False


def test_a_condition_changed_in_a_follow_up_replaces_the_old_one(vocab, rule_book) -> None:  # type: ignore[no-untyped-def]
    state = ConversationState(
        claims=[{"award": "interest_subsidy", "in_project_library": True, "loan_via_platform": True}]
    )
    [claim] = _claims(vocab, rule_book, "要是没走产融平台呢？", state)
    assert claim["loan_via_platform"] is False and claim["in_project_library"] is True


# Round 7: one matter that won two levels or two honours is one matter (就高不重复 decides); a field named in a
# follow-up replaces the one carried over. New wordings, not suite sentences.
def test_one_matter_won_at_two_levels_is_two_claims_of_one_project(vocab, rule_book) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(vocab, rule_book, "我们同一个平台先后评上了省级和国家级工业互联网平台，奖金能叠加吗")
    assert sorted(c["level"] for c in claims) == ["national", "provincial"]
    assert {c["award"] for c in claims} == {"industrial_internet_platform"}
    assert all(c["project"] == "同一项目" for c in claims)


def test_two_levels_named_without_saying_both_were_won_stay_one_claim(vocab, rule_book) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(vocab, rule_book, "我们的工业互联网平台正从省级往国家级冲")
    assert len(claims) == 1 and "project" not in claims[0]


def test_this_matter_also_winning_another_honour_is_the_same_project(vocab, rule_book) -> None:  # type: ignore[no-untyped-def]
    state = ConversationState(claims=[{"award": "smart_demo_factory", "level": "provincial"}])
    claims = _claims(vocab, rule_book, "该工厂还入选了省级工业互联网试点示范，总共能拿多少", state)
    assert [c["award"] for c in claims] == ["smart_demo_factory", "pilot_demonstration"]
    assert all(c["project"] == "同一项目" for c in claims)


def test_a_field_named_in_a_follow_up_replaces_the_carried_one(vocab, rule_book) -> None:  # type: ignore[no-untyped-def]
    state = ConversationState(claims=[{"award": "first_set_equipment", "field": "smart_manufacturing"}])
    [claim] = _claims(vocab, rule_book, "那换成非智能制造领域的呢", state)
    assert claim["field"] == "other"
    [claim] = _claims(vocab, rule_book, "如果是其它领域的装备呢？", state)
    assert claim["field"] == "other"
    [claim] = _claims(vocab, rule_book, "要是环保设备领域的呢", state)
    assert claim["field"] == "other"
    [claim] = _claims(vocab, rule_book, "那哪些领域有现金呢", state)
    assert claim["field"] == "smart_manufacturing"  # a question about fields, not a field named


def test_one_honour_raised_a_level_is_one_matter_unless_another_is_named(vocab, rule_book) -> None:  # type: ignore[no-untyped-def]
    raised = _claims(vocab, rule_book, "平台前年是省级产业链协作平台，去年升为国家级了，两笔都给吗")
    assert len(raised) == 2 and all(c["project"] == "同一项目" for c in raised)
    two = _claims(vocab, rule_book, "两个车间一个升为国家级产业链协作平台，另一个是省级产业链协作平台")
    assert len(two) == 2 and not any("project" in c for c in two)
