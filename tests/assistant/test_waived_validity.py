"""A calculation asked with the validity waived: the number asked for from the figures given, with the note that
the policy has ended (and whom to ask) kept under it; never only the validity answer."""

from __future__ import annotations

from assistant.engine import Assistant


def _waived(a) -> bool:  # type: ignore[no-untyped-def]
    return any("先不管有效期" in line for line in a.trace)


def test_a_waived_validity_still_gets_the_figure_and_the_note(bot: Assistant) -> None:
    a = bot.ask_turns(["不管有效期到没到，就当它还有效，投入800万给我算个数就行"])
    assert _waived(a) and a.kind == "answer" and "最高 40万元" in a.answer
    assert "已于" in a.answer and "市工信局" in a.answer


def test_a_supposed_validity_with_an_investment_is_worked_out(bot: Assistant) -> None:
    a = bot.ask_turns(["假设政策还没到期，忽略有效期，投了400万元能拿多少"])
    assert _waived(a) and "最高 20万元" in a.answer and "到期" in a.answer


def test_asking_about_the_validity_alone_is_still_answered_by_it(bot: Assistant) -> None:
    a = bot.ask_turns(["就当政策有效的话，现在还能申请吗"])
    assert not _waived(a)
