"""A figure the applicant worked out for one award ("贴息算下来是50万") is theirs: it goes to the calculator as that
claim's stated amount, capped by the rule and counted in the principles, and the answer says it was not worked
out from conditions. Hearsay about what an award pays stays hearsay: corrected, never summed. New wordings, not
suite sentences."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.claims import build_request
from assistant.conversation import ConversationState
from assistant.engine import Assistant
from assistant.facts import extract_facts
from tools.award_calculator import calculate

TODAY = date(2024, 6, 1)


@pytest.mark.parametrize(
    ("text", "own", "claimed"),
    [
        ("DCMM认证我们算下来能拿25万，再加省级示范车间，一共多少", {"dcmm": 250_000}, []),
        ("精益管理奖补自己测算的是6万，地方税收30万，合计能拿多少", {"lean_management": 60_000}, []),
        ("省级示范工厂算了一下大概45万", {"smart_demo_factory": 450_000}, []),
        ("贴息我们初步核算是70万元，加上国家级工业互联网平台呢", {"interest_subsidy": 700_000}, []),
        # hearsay stays hearsay, even when worded as a calculation
        ("听说贴息算下来能有500万，加上省级示范车间总共多少", {}, [5_000_000]),
        ("群里说DCMM能拿60万，我们过了DCMM能拿多少", {}, [600_000]),
        # working put up to be checked is a figure to check against the rule, not one to count
        ("精益管理奖补我们核算出来10万，没算错吧", {}, [100_000]),
        ("贴息这块测算的是90万元，帮我核对一下", {}, [900_000]),
        ("DCMM奖励按原文计算是30万吗？", {}, [300_000]),
        # a sum of several awards is nobody's figure for one of them
        ("DCMM和精益管理加起来算下来是38万对不对", {}, [380_000]),
    ],
)
def test_own_figure_or_hearsay(vocab, text: str, own: dict[str, int], claimed: list[int]) -> None:  # type: ignore[no-untyped-def]
    facts = extract_facts(text, vocab)
    assert facts.own_figures == own
    assert facts.claimed_amounts == claimed
    assert not facts.amounts.keys() - {"local_tax_paid_yuan"}  # never an investment, a loan or the interest


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        # no award named before the working: an amount word decides, as for any figure
        (
            "利息我们算下来是45万，固定资产贷款4000万",
            {"interest_paid_yuan": 450_000, "fixed_asset_loan_yuan": 40_000_000},
        ),
        # an amount word between the award and the working: the figure is that amount, not the award's
        ("基础投入这块投入算下来是600万", {"investment_yuan": 6_000_000}),
    ],
)
def test_working_that_is_not_an_awards_figure_keeps_its_role(
    vocab, text: str, amounts: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    facts = extract_facts(text, vocab)
    assert facts.own_figures == {} and facts.amounts == amounts


def _calc(rule_book, text: str) -> tuple[dict, dict]:  # type: ignore[no-untyped-def]
    request, _ = build_request(
        extract_facts(text, vocab_of(rule_book)), ConversationState(), rule_book, TODAY, text
    )
    return request, calculate(request, rule_book, today=TODAY).to_dict()


def vocab_of(rule_book):  # type: ignore[no-untyped-def]
    from assistant.vocabulary import Vocabulary

    return Vocabulary.from_rulebook(rule_book, set())


def test_the_figure_is_the_claims_stated_amount_and_counts_in_the_total(rule_book) -> None:  # type: ignore[no-untyped-def]
    request, result = _calc(rule_book, "DCMM认证我们算下来能拿25万，再加省级示范车间，地方税收90万，一共多少")
    assert {k: v for k, v in request["claims"][0].items() if k != "year"} == {
        "award": "dcmm",
        "stated_yuan": 250_000,
    }
    dcmm = result["claims"][0]
    assert dcmm["amount_yuan"] == 250_000 and dcmm["is_ceiling"] is False
    assert dcmm["amount_text"] == "按您算出的 25万元（未按条件核算）"
    assert result["total_yuan"] == 550_000  # 25万 + 省级车间 最高30万, under the 90万 of local tax
    assert [m["name"] for m in result["missing"] if m["required"]] == []  # nothing asked for the figure


def test_the_figure_is_capped_by_the_rule_and_by_the_tax_paid(rule_book) -> None:  # type: ignore[no-untyped-def]
    _, over = _calc(rule_book, "DCMM认证我们算下来能拿45万，地方税收100万，能拿多少")
    assert over["claims"][0]["amount_yuan"] == 300_000 and over["claims"][0]["is_ceiling"] is True
    assert "超过本项上限" in over["claims"][0]["amount_text"]
    _, taxed = _calc(rule_book, "精益管理奖补自己测算的是6万，地方税收4万，合计能拿多少")
    assert taxed["total_before_tax_cap_yuan"] == 60_000 and taxed["total_yuan"] == 40_000


def test_a_denied_condition_still_fails_the_figure(rule_book) -> None:  # type: ignore[no-untyped-def]
    _, result = _calc(rule_book, "贴息我们算下来是60万，不过项目没有进项目库，能拿多少")
    assert result["claims"][0]["eligible"] is False and result["total_yuan"] == 0


def test_a_figure_computed_from_inputs_is_not_replaced(rule_book) -> None:  # type: ignore[no-untyped-def]
    # the investment is given: the calculator works the award out; the working is not its amount
    request, _ = _calc(rule_book, "投入了700万，用了物联网，基础投入奖补我算下来是35万")
    assert "stated_yuan" not in request["claims"][0]
    assert request["claims"][0]["investment_yuan"] == 7_000_000


def test_answer_shows_the_users_figure_and_the_sum(bot: Assistant) -> None:
    a = bot.ask_turns(["省级示范工厂我们测算出来是42万，另外还过了DCMM认证，今年税交了100万，加起来能拿多少"])
    assert a.kind == "answer"
    assert "按您算出的 42万元（未按条件核算）" in a.answer and "72万元" in a.answer
    calc = next(c for c in a.tool_calls if c.name == "award_calculator")
    assert calc.input["claims"][0]["stated_yuan"] == 420_000


def test_answer_corrects_hearsay_and_leaves_it_out(bot: Assistant) -> None:
    a = bot.ask_turns(["听朋友说贴息算下来能有300万，再加个省级示范车间，一共能拿多少"])
    assert "您听说的300万元不对" in a.answer and "最高100万元" in a.answer
    calc = next(c for c in a.tool_calls if c.name == "award_calculator")
    assert all("stated_yuan" not in c for c in calc.input["claims"])
    assert (
        "合计：最高 130万元" in a.answer and "330万元" not in a.answer
    )  # the rule’s ceilings, not the rumour
