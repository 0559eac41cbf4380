"""Which document an award follows, asked of an award this policy pays by other documents: the documents' titles
and numbers read from the award's clause (via the rule book), quoted and cited, not the policy's own document card."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.referral_followup import asks_which_document
from assistant.referred_documents import referred_documents


@pytest.mark.parametrize(
    "text", ["那这个照哪个文件执行", "依据的是什么文", "参照哪些办法", "是哪份文件规定的", "适用什么政策"]
)
def test_asking_which_document_is_recognised(text: str) -> None:
    assert asks_which_document(text)


@pytest.mark.parametrize("text", ["这个文件的文号是多少", "软件企业奖多少", "哪个部门负责"])
def test_other_questions_do_not_ask_which_document(text: str) -> None:
    assert not asks_which_document(text)


@pytest.mark.parametrize(
    "turns",
    [
        ["新认定的软件企业奖多少", "这个奖励是按什么规定执行的"],
        ["引导信创服务讲的什么", "对应的是哪份文件"],
        ["信息服务业企业奖励参照什么文件"],
    ],
)
def test_the_documents_an_award_follows_are_named_from_its_clause(bot: Assistant, turns: list[str]) -> None:
    answer = bot.ask_turns(turns).to_dict()
    docs = referred_documents(bot.context.book.rules)
    assert docs, "the rule book refers some award to other documents"
    assert answer["kind"] == "answer", answer["answer"][:160]
    for doc in docs:
        assert doc.number in answer["answer"] and f"《{doc.title}》" in answer["answer"], answer["answer"]
    assert answer["citations"][0]["path"] != "通知", answer["citations"]
    assert all(d.number in answer["citations"][0]["quote"] for d in docs), answer["citations"]


def test_an_award_paid_by_this_policy_is_not_sent_to_other_documents(bot: Assistant) -> None:
    answer = bot.ask_turns(["DCMM认证奖多少", "按哪个文件执行"]).to_dict()
    assert not any("按哪个文件执行：读条款" in t for t in answer["trace"]), answer["trace"]
    assert not any(d.number in answer["answer"] for d in referred_documents(bot.context.book.rules))
