"""A calculation asked with the validity waived ("别管有效期…帮我算投入600万能拿多少，只要数字", "就当还没过期，贴息算
多少"): the number asked for is worked out from the figures given, and the one-line note that the policy has ended
(with whom to ask) stays under it. Answering only "已经到期" would drop the number the user asked for."""

from __future__ import annotations

import re

from assistant.facts import Facts
from assistant.intents import Intent

# The validity set aside by the user, not asked about.
_WAIVED = re.compile(
    r"(?:别管|不管|不用管|甭管|不考虑|先不(?:说|管|考虑|谈)|忽略|撇开|抛开|不论|跳过)[^，。；]{0,4}"
    r"(?:有效期|到期|过期|期限|时效|有没有效|是否有效)"
    r"|(?:就当|假设|假定|当作|就算)[^，。；]{0,6}(?:有效|没过期|没到期|未到期|还在执行)"
    r"|(?:过期|到期|失效)了?(?:也)?(?:没关系|无所谓|不要紧|没事)"
)
_ASKS_FIGURE = re.compile(r"算|多少|几[万块]|数字|金额|能拿|能补|能奖|能贴")


def calc_despite_validity(intent: Intent, text: str, facts: Facts) -> Intent:
    """The validity intent turned into the calculation when the user waived the validity and gave figures."""
    if intent.name != "validity" or not _WAIVED.search(text) or not _ASKS_FIGURE.search(text):
        return intent
    if not (facts.amounts or facts.awards):
        return intent
    return Intent(
        "calc",
        (*intent.reasons, "用户说先不管有效期、要金额：按给出的数字测算，到期提示保留在结果下"),
        "amount",
    )
