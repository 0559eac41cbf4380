"""Which kind of question a message is. Order matters: the first rule that fires decides, and says why."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.conversation import ConversationState
from assistant.facts import Facts
from assistant.scope import ScopeVerdict

_DEPARTMENT = re.compile(
    r"哪个部门|哪些部门|什么部门|哪个单位|哪些单位|什么单位|找谁|找哪|谁负责|负责单位|负责部门|"
    r"责任单位|责任部门|谁管|归口|哪里申请|向谁|去哪|哪个局|哪家单位|哪儿办|哪办|牵头|哪两个部门|"
    r"哪几个部门|什么部门|部门负责|汇总报批|统筹安排|由哪个|找谁|联系谁|咨询谁|问谁"
)
_VALIDITY = re.compile(
    r"有效期|还有效|到期|过期|失效|截止|截至|执行到|实施期限|什么时候结束|期限|开始执行|开始施行|"
    r"哪天开始|什么时候开始|从哪天|施行日期|生效|来得及|还赶得上|现在去申请|现在申请|现在还|"
    r"(现在|目前|如今|今年|明年|当前|眼下)[^，。？,?]{0,8}(还能|能不能|可以|可不可以|还可以)|还在执行|还执行"
)
_PLAN_YEARS = re.compile(r"哪几年|哪些年|哪一年到哪一年|几年|时间范围|起止|年限")
_DOCUMENT = re.compile(
    r"文号|发文|印发|哪个单位发布|谁发布|谁印发|什么时候发布|发布时间|哪天发|几号发|公布时间|"
    r"什么时候出台|什么时候发的|哪个文件|发文单位|发布单位|发布日期|成文日期"
)
_TARGET = re.compile(
    r"目标|多少个|多少家|多少座|多少台|多少场|多少项|几个|几家|几座|几台|几场|几项|普及率|覆盖率|数控化率|"
    r"达到多少|要达到|要求达到|要完成|计划完成|累计|力争|到20\d\d年|指标|什么水平|新增几|各多少"
)
_AMOUNT_Q = re.compile(
    r"多少钱|多少万|奖多少|补多少|补贴多少|奖励多少|能拿|能领|能获得|能得到|可以拿|可以得|给多少|"
    r"贴多少|贴息多少|能补|能奖|奖补|奖金|怎么算|算一下|算下|测算|有奖励|有没有奖|有补贴|有钱|"
    r"怎么奖|怎么补|如何奖|怎么支持|啥奖励|什么奖励|有什么支持|什么支持|补贴|奖励|多少|几万|"
    r"给不给|有没有|能不能拿|可以申请|能申请|够不够|符合|资格|够格|算不算|行不行|对吧|没错吧|是不是|给钱|发钱|"
    r"有钱拿|给奖励|贴息|怎么贴"
)
_STRONG_MONEY_Q = re.compile(
    r"能拿多少|能补多少|能奖多少|奖多少|补多少|多少钱|能领多少|给多少|拿多少|补贴多少|奖励多少"
)
FRAUD = re.compile(r"弄虚作假|骗取|造假|虚报|伪造|骗补")
_SCOPE_Q = re.compile(
    r"适用范围|哪些企业可以|什么企业可以|谁可以申请|申请条件|分公司|不是独立法人|非独立法人|外地注册|"
    r"注册在外地|不在泰兴|个体户|事业单位"
)


@dataclass(frozen=True)
class Intent:
    name: str
    reasons: tuple[str, ...]


def classify(
    text: str, facts: Facts, scope: ScopeVerdict, state: ConversationState, principles: tuple[str, ...] = ()
) -> Intent:
    if scope.kind == "injection":
        return Intent("refuse", (scope.reason,))
    if scope.kind == "greeting":
        return Intent("greeting", ("问候语",))
    if scope.kind in {"off_topic", "other_place", "no_chinese"}:
        return Intent("refuse", (scope.reason,))
    if facts.exclusions:
        return Intent("eligibility", (f"提到排除情形：{', '.join(facts.exclusions)}",))
    if FRAUD.search(text):
        return Intent("eligibility", ("问弄虚作假的后果",))
    if _DOCUMENT.search(text) and not facts.awards:
        return Intent("document", ("问文号、发文单位或日期",))
    if _DEPARTMENT.search(text):
        return Intent("department", ("问责任部门/单位",))
    late_year = facts.year is not None and (
        facts.year >= 2026 or (facts.year == 2025 and (facts.second_half or "现在" in text))
    )
    asks_amount = bool(_AMOUNT_Q.search(text))
    late_apply = late_year and bool(re.search(r"还能|能不能|可以|能否|还可以", text))
    if (_VALIDITY.search(text) or late_apply) and not (
        facts.awards and asks_amount and not (late_apply and not facts.amounts)
    ):
        return Intent("validity", ("问政策是否仍在有效期",))
    if (
        _PLAN_YEARS.search(text) or re.search(r"行动计划.{0,12}(结束|截止|到期|哪年)", text)
    ) and not facts.awards:
        return Intent("document", ("问行动计划的年限",))
    if (
        _SCOPE_Q.search(text)
        or facts.registered_in_taixing is False
        or facts.independent_legal_person is False
    ):
        return Intent("eligibility", ("问适用范围",))
    if _TARGET.search(text) and not facts.amounts and not re.search(r"奖|补|贴|钱|拿", text):
        return Intent("target", ("问行动计划的目标",))
    if facts.awards and (asks_amount or facts.amounts or facts.bare_amounts or facts.levels or facts.stars):
        return Intent("calc", (f"提到奖补事项：{', '.join(a.word for a in facts.awards)}",))
    if state.claims and facts.has_claim_facts:
        return Intent("calc", ("追问：沿用上一轮的奖补事项，替换本轮给出的事实",))
    if state.claims and (facts.newly_introduced is not None or "local_tax_paid_yuan" in facts.amounts):
        return Intent("calc", ("追问：补充企业情况后重新测算",))
    if facts.amounts and asks_amount:
        return Intent("calc", ("给出金额并问能拿多少：按金额的用途推断奖补事项",))
    if (
        _STRONG_MONEY_Q.search(text)
        and not facts.awards
        and not principles
        and not _TARGET.search(text)
        and len(text) <= 30
    ):
        return Intent("which_award", ("问能拿多少，但没说是哪项奖补",))
    if _TARGET.search(text):
        return Intent("target", ("问行动计划的目标",))
    return Intent("lookup", ("其他政策问题：检索条款并引用原文",))
