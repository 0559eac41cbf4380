"""The premise that an award has no conditions ("既然贴息不看条件…直接算", "反正示范车间不用认定，直接算"): corrected
first from the clause (the conditions it states, in its words), then the figure worked out on the user's numbers as
a ceiling, the conditions left 待确认."""

from __future__ import annotations

import re
from typing import Any

from assistant.facts import Facts
from assistant.intents import Intent

# "不看条件 / 没有门槛 / 零门槛 / 不用认定": said of the award, not asked ("有没有条件" asks).
_NO_CONDITIONS = re.compile(
    r"(?:不看|不管|不问|不论|不需要?|不用|无需|不必|不设|(?<!有)没有?|(?<!有)无)(?:管|看|考虑|讲)?(?:什么|任何|啥)?(?:条件|门槛|要求|限制)"
    r"|(?:不看|不管|不需要?|不用|无需|不必|免)(?:什么|任何|啥)?(?:认定|审核|审定|评审|评定|审批)"
    r"|(?<!有)无条件|零门槛|条件(?:都)?不(?:用|需要?)(?:看|管|满足)"
)
# What the clause requires when its rule lists no separate condition: the recognition words of a title.
_RECOGNISED = re.compile(r"获评|认定|评为|经审定|列入")


def no_conditions_correction(rule: Any, question: str) -> str:
    """ "贴息不看条件，直接算" of a rule the clause sets conditions on: the premise corrected first, the conditions
    in the clause's own words. Empty when the question does not say the award has none, or it truly has none."""
    if not _NO_CONDITIONS.search(question):
        return ""
    conditions = [c.text for c in rule.conditions or ()]
    quote = rule.quote or ""
    if not conditions and not _RECOGNISED.search(quote):
        return ""
    needs = f"原文要求：{'；'.join(conditions)}。" if conditions else ""
    return (
        f"**不对，{rule.title}是有条件的。** {needs}原文是：“{quote}”"
        "下面的金额按条件都满足计，是上限；标“待确认”的条件须满足才能享受。"
    )


def calc_despite_premise(intent: Intent, text: str, facts: Facts) -> Intent:
    """ "反正示范车间不用认定，直接算": a named award asked to be worked out on a no-conditions premise is calculated
    (the premise corrected first), not answered with its conditions alone."""
    if intent.name != "conditions" or not facts.awards or not _NO_CONDITIONS.search(text):
        return intent
    return Intent("calc", (*intent.reasons, "前提说奖项没有条件：先按条款纠正，再按给出的数字测算"), "amount")
