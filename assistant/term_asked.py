"""Validity questions the act classifier spreads too thin to decide.

A long hotline message ("…是不是已经过期了，去年底刚弄完的项目还想报一下") splits its probability between the
term and the money acts; a term word (过期/到期/失效) and no figure of the enterprise's own settle it as the term.
Filing late (补报) for work done earlier asks the same. A question about what follows the plan's years ("三年计划结束了，后面还执行吗") asks the same: the plan's years
and the attachment's own term answer it together.
"""

from __future__ import annotations

import re

from assistant.facts import Facts

_EXPIRY = re.compile(r"过期|到期|失效|过了期|过了有效期")
# filing late for work done earlier ("前年做完的现在补报还行吗"): whether the term still takes it; not the
# materials of a filing sent again (补报材料)
_LATE_FILING = re.compile(r"补(?:报|申报|申请)(?!材料|资料|的材料|一下材料)")
# a loan or contract that falls due is the enterprise's own term, not the policy's
_OWN_TERM = re.compile(r"贷款|借款|合同|还款|贴息期|利息")
_PLAN_THEN = re.compile(
    r"(?:行动|三年)计划[^？?]{0,30}(?:以后|之后|后面|往后|此后|结束后|到期后|结束了|到期了|过了)"
    r"[^？?]{0,20}(?:还|仍|是否|能否|继续)[^，。？?]{0,10}(?:按|执行|适用|有效|作数|算数|管用)"
)


def expiry_asked(text: str, facts: Facts) -> bool:
    """A term word about the policy, with no amount of the enterprise's to work out."""
    asked = _EXPIRY.search(text) or _LATE_FILING.search(text)
    return bool(asked) and not facts.amounts and not _OWN_TERM.search(text)


def after_plan_asked(text: str, facts: Facts) -> bool:
    """What happens after the plan's years: whether the document is still followed then."""
    return bool(_PLAN_THEN.search(text)) and not facts.amounts
