"""What a message says about the policy's term, checked against meta.yaml (assistant/term_claims.py,
assistant/term_figures.py): a rumour about when it stopped or how far it ran gets 是/不是 first; a past month asked
against the term gets whether it lies inside (with the enterprise's figure worked out when it does); a relayed
question whether the document can still be carried out is the term; asking whether this document still pays for
something done this year leads with the term and then gives the award's clause as a ceiling."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.engine import Assistant
from assistant.term_claims import hearsay_lead, past_date_inside, past_date_lead

FROM, UNTIL = date(2022, 4, 7), date(2025, 4, 6)
AFTER = date(2026, 1, 15)


def _first_cites_term(answer: dict) -> bool:  # type: ignore[type-arg]
    return any("实施期限" in c["path"] for c in answer["citations"][:3])


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("有人讲这个政策2023年底就叫停了，对吗", "**不是。**"),
        ("听说这政策2024年3月就结束了，靠谱吗", "**不是。**"),
        ("据说2025年就到期了，是真的吗", "**是的"),
        ("听人说这文件早就作废了，是吗", "**不是废止，是到期。**"),
        ("群里说延期到2028年了，真的假的", "**本政策原文没有延期到2028年的规定。**"),
    ],
)
def test_a_rumour_about_the_term_is_answered_yes_or_no(text: str, lead: str) -> None:
    said = hearsay_lead(text, FROM, UNTIL, AFTER, "主管部门")
    assert said.startswith(lead), said
    assert "2025年4月6日" in said


def test_a_rumour_before_the_end_is_not_true_while_the_term_runs() -> None:
    said = hearsay_lead("听说这个政策2023年就停了，真的吗", FROM, UNTIL, date(2024, 5, 1), "主管部门")
    assert said.startswith("**不是。**") and "仍在有效期内" in said


def test_no_rumour_no_lead() -> None:
    assert hearsay_lead("这个政策什么时候到期", FROM, UNTIL, AFTER, "主管部门") == ""


@pytest.mark.parametrize(
    ("text", "inside", "lead"),
    [
        ("2023年8月上的设备，当时在政策期限内吗", True, "**在实施期限内。**"),
        ("2021年11月投的，当时能享受吗", False, "**不在实施期限内。**"),
        ("2025年9月的项目算不算在有效期内", False, "**不在实施期限内。**"),
        ("2025年4月验收的，在不在期限内", False, "**要看具体日期。**"),
    ],
)
def test_a_past_month_is_judged_against_the_term(text: str, inside: bool, lead: str) -> None:
    assert past_date_inside(text, FROM, UNTIL, AFTER) is inside
    assert past_date_lead(text, FROM, UNTIL, AFTER).startswith(lead)


def test_a_month_said_relative_to_today_is_read_against_it() -> None:
    # 前年十月 said in 2026 is October 2024, inside the term
    assert past_date_inside("前年十月的项目在不在期限内", FROM, UNTIL, AFTER)
    assert not past_date_inside("前年十月的项目在不在期限内", FROM, UNTIL, date(2028, 1, 1))


@pytest.mark.parametrize(
    "question",
    ["有人说这个文件去年初就停掉了，是这样吗", "听说这政策2023年上半年就取消了，真的吗"],
)
def test_a_rumour_is_a_validity_answer_citing_the_term(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["plan"]["intent"] == "validity", answer["plan"]
    assert answer["answer"].startswith("**"), answer["answer"][:40]
    assert _first_cites_term(answer)
    assert "2025" in answer["answer"]


@pytest.mark.parametrize(
    "question",
    ["2023年7月我们智能车间投了800万，那时候符合政策吗", "2024年2月投入600万元建智能车间，当时能享受吗"],
)
def test_a_past_month_with_a_figure_gives_the_term_then_the_figure(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["plan"]["intent"] == "validity", answer["plan"]
    assert answer["answer"].startswith("**在实施期限内。**")
    assert "实施期限" in answer["citations"][0]["path"]
    assert "× 5%" in answer["answer"]  # the investment award worked out on the figure given


@pytest.mark.parametrize(
    "question",
    ["接到企业电话，问这个文件现在还能不能执行，该怎么回", "窗口有人问若干政策是否仍在执行，该怎么回复"],
)
def test_a_relayed_question_whether_it_is_still_carried_out_is_the_term(
    bot: Assistant, question: str
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["plan"]["intent"] == "validity", answer["plan"]
    assert answer["answer"].startswith("**已经到期"), answer["answer"][:40]
    assert _first_cites_term(answer)
    assert "市工信局" in answer["answer"]


@pytest.mark.parametrize(
    ("question", "ceiling"),
    [
        ("我们今年刚拿到DCMM认证，还可以按这个政策申请奖励吗", "DCMM"),
        ("今年刚获评省级工业互联网平台，还能按该文件拿50万不", "工业互联网平台"),
    ],
)
def test_still_by_this_document_leads_with_the_term_then_the_ceiling(
    bot: Assistant, question: str, ceiling: str
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["plan"]["intent"] == "validity", answer["plan"]
    text = answer["answer"]
    assert text.startswith("**已经到期"), text[:40]
    assert "实施期限" in answer["citations"][0]["path"]
    assert ceiling in text and "当时的上限" in text
    assert len(answer["citations"]) >= 2
