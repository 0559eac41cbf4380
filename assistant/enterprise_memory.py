"""Facts about the enterprise said in one turn hold for the rest of the conversation: an exclusion ("2023年出了一次
较大安全事故"), a denied scope fact ("注册在外省", "我个人"), tax, newly introduced. A later claim ("今年评上省级示范
车间，能拿30万吗") is then judged with them, and the trace says which turn said each."""

from __future__ import annotations

import re

from assistant.conversation import ConversationState
from assistant.facts import _NEG, Facts
from assistant.vocabulary import Vocabulary

EXCLUSIONS = "exclusions"
# The enterprise asks what it gets ("能拿30万吗", "奖多少", "能不能申请"), not what the policy says.
_ASKS_FOR_US = re.compile(
    r"能(?:拿|领|得|享受|申请|申报|报|奖|补|贴)|可以(?:拿|领|享受|申请|申报)|多少|能不能|可不可以|有没有|拿到|评上|获评|认定"
)
# Whether the enterprise may still get anything at all ("那还能申请吗", "我们还有戏吗", "补贴能申请不"), no award
# named: after an exclusion or a failed scope fact the answer is 不能 from the scope clause, not "which award?".
_MAY_WE_STILL = re.compile(
    r"还(?:能|可以|有戏|有机会|有希望|行不行|算不算)|有戏|有希望|有机会|(?:能|可以)(?:拿|领|得到|享受|申请|申报|报)"
    r"|(?:申请|申报|享受|拿)不了|能不能|可不可以|(?:申请|申报|享受)不[？?吗]?$"
)
# ...unless the question is about the policy's term, department or process, which the exclusion does not answer.
_ABOUT_THE_POLICY = re.compile(
    r"期限|到期|有效期|截止|延期|延长|过期|什么时候|哪年|几月|找谁|哪个部门|流程|材料|怎么|如何"
)


def remember_and_apply(
    facts: Facts,
    state: ConversationState,
    vocab: Vocabulary,
    text: str,
    enterprise_amounts: frozenset[str] = frozenset(),
) -> list[str]:
    """Store this turn's enterprise facts in the state, then give this turn's facts the ones said before (when it
    does not restate them). enterprise_amounts names the amount facts about the enterprise (its local tax): they
    are carried like its flags. Returns the trace lines: which earlier turn each carried fact came from."""
    said = _denied_exclusions(text, vocab)
    kept = [e for e in state.enterprise.get(EXCLUSIONS, []) if e not in said]
    if facts.exclusions or said:
        state.enterprise[EXCLUSIONS] = sorted(set(kept) | set(facts.exclusions))
        state.slots[EXCLUSIONS] = (tuple(state.enterprise[EXCLUSIONS]), state.turn_no)
    for name, value in facts.enterprise_flags.items():
        state.enterprise[name] = value
        state.slots[name] = (value, state.turn_no)
    for name in enterprise_amounts & facts.amounts.keys():
        state.enterprise[name] = facts.amounts[name]
        state.slots[name] = (facts.amounts[name], state.turn_no)
    claim = facts.amounts or ((facts.awards or facts.levels or facts.stars) and _ASKS_FOR_US.search(text))
    if not claim and _asks_if_still_eligible(facts, state, vocab, text):
        return _carry_disqualifying(facts, state, vocab)
    if not claim:
        return []  # only a claim is judged by the enterprise's earlier facts; a lookup is about the policy
    notes = []
    carried = [e for e in state.enterprise.get(EXCLUSIONS, []) if e not in facts.exclusions]
    if carried and not facts.exclusions:
        facts.exclusions = list(carried)
        notes.append(f"exclusions={'、'.join(carried)}（{_turn(state, EXCLUSIONS)}）")
    for name, spec in vocab.flags.items():
        held = state.enterprise.get(name)
        if spec.scope != "enterprise" or held is None or name in facts.enterprise_flags:
            continue
        facts.enterprise_flags[name] = bool(held)
        if held is False and spec.principle == "scope":
            facts.out_of_scope.append(spec.label.removeprefix("是否"))
        notes.append(f"{name}={held}（{_turn(state, name)}）")
    for name in sorted(enterprise_amounts):
        amount = state.enterprise.get(name)
        if isinstance(amount, int) and not isinstance(amount, bool) and name not in facts.amounts:
            facts.amounts[name] = amount
            notes.append(f"{name}={amount}（{_turn(state, name)}）")
    return notes


def asks_if_still_eligible(text: str) -> bool:
    """ "那还能申请吗 / 我们还有戏吗": whether the enterprise may get anything, not the policy's term or process."""
    return bool(_MAY_WE_STILL.search(text)) and not _ABOUT_THE_POLICY.search(text)


def _asks_if_still_eligible(facts: Facts, state: ConversationState, vocab: Vocabulary, text: str) -> bool:
    """A general "may we still" question, no award or figure named, after the enterprise said something that
    rules it out (an exclusion, or a scope fact it fails)."""
    if facts.awards or facts.levels or facts.stars or facts.exclusions or facts.out_of_scope:
        return False
    if not asks_if_still_eligible(text):
        return False
    return bool(state.enterprise.get(EXCLUSIONS)) or any(
        state.enterprise.get(name) is False and spec.scope == "enterprise" and spec.principle == "scope"
        for name, spec in vocab.flags.items()
    )


def _carry_disqualifying(facts: Facts, state: ConversationState, vocab: Vocabulary) -> list[str]:
    """Only what rules the enterprise out is carried: the exclusions and the scope facts it fails."""
    notes = []
    carried = list(state.enterprise.get(EXCLUSIONS, []))
    if carried:
        facts.exclusions = carried
        notes.append(f"exclusions={'、'.join(carried)}（{_turn(state, EXCLUSIONS)}）")
    for name, spec in vocab.flags.items():
        if spec.scope != "enterprise" or spec.principle != "scope" or state.enterprise.get(name) is not False:
            continue
        facts.enterprise_flags.setdefault(name, False)
        facts.out_of_scope.append(spec.label.removeprefix("是否"))
        notes.append(f"{name}=False（{_turn(state, name)}）")
    return notes


def _turn(state: ConversationState, slot: str) -> str:
    held = state.slots.get(slot)
    return f"第{held[1]}轮" if held else "此前"


def _denied_exclusions(text: str, vocab: Vocabulary) -> set[str]:
    """Exclusions this turn denies ("其实没有发生安全事故"): they no longer hold."""
    return {
        m.value
        for m in vocab.find("exclusions", text)
        if re.search(rf"{_NEG}[^，。；,;]{{0,6}}$", text[max(0, m.start - 8) : m.start])
    }
