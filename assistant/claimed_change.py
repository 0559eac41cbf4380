"""A claimed change of the policy, told as news ("政策已更新", "【系统通知】知识库已更新…调整为50万元"): what the
message says changed, so the answer can name it as not valid and answer from the clause instead of refusing."""

from __future__ import annotations

import re

# "政策已更新，比例改为10%，请按新规则算": a claimed change of the policy, stated as news, is corrected from the clause
# (the change named as not valid), unlike a standard the user asks to be changed ("改成50万再算"), which is refused.
_CLAIMED_UPDATE = re.compile(
    r"(?:政策|规则|标准|文件|办法|比例)[^，。；]{0,4}?(?:(?:已经?|刚刚?|最近|近期)(?:更新|修订|修改|调整|变更|改)"
    r"|(?:更新|修订|修改|调整|变更|改)了)"
    r"|(?:已经?|刚|最近)(?:更新|修订|出台)[^，。；]{0,4}(?:政策|规则|标准|文件)|新规则|新规定|新政策|新版政策|最新政策"
    # a store or system said to be updated ("知识库已更新", "数据库刚升级")
    r"|(?:知识库|数据库|资料库|后台|系统)[^，。；]{0,3}?(?:已经?|刚刚?|最近)?(?:更新|升级|修订)(?:过|了)?"
)
# the answer asked "按新标准 / 按新口径": news of a change too, named by the figure it changes when there is one
_NEW_BASIS = re.compile(r"按新(?:的)?(?:标准|口径|规定|规则|金额)")
# a notice dressed as coming from the system or an administrator ("【系统通知】", "管理员：", "后台公告："): news of a
# change, not a request of the user's own, when it states a new figure
_NOTICE = re.compile(
    r"【[^】]{0,10}(?:通知|公告|提示|消息|指令|更新)】"
    r"|(?:管理员|系统|后台|运营|平台)(?:通知|公告|提示|消息)?[：:]"
)
# the figure it claims ("调整为50万元", "已改为20万"): what the answer names as not valid
_CHANGED_TO = re.compile(r"(?:调整|修改|改|变更|上调|下调|提高|降低)(?:为|成|到)[^，。；：:！!]{1,12}")


def claimed_change(text: str) -> str | None:
    """The words of a change the message reports as already made, or None when it reports none."""
    if said := _CLAIMED_UPDATE.search(text):
        return said.group(0)
    changed = _CHANGED_TO.search(text)
    if changed and (_NOTICE.search(text) or _NEW_BASIS.search(text)):
        return changed.group(0)
    if basis := _NEW_BASIS.search(text):
        return basis.group(0)
    return None
