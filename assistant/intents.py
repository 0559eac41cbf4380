"""Which kind of question a message is. Order matters: the first rule that fires decides, and says why."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.conversation import ConversationState
from assistant.facts import Facts
from assistant.scope import ScopeVerdict

_DEPARTMENT = re.compile(r"哪个部门|哪些部门|什么部门|哪个单位|哪些单位|什么单位|找谁|找哪|谁负责|负责单位|负责部门|"
                         r"责任单位|责任部门|谁管|归口|哪里申请|向谁|去哪|哪个局|哪家单位|由谁|谁来|哪儿办|哪办")
_VALIDITY = re.compile(r"有效期|还有效|到期|过期|失效|截止|截至|执行到|实施期限|什么时候结束|期限|"
                       r"(现在|目前|如今|今年|明年|当前|眼下)[^，。？]{0,8}(还能|能不能|可以|可不可以|还可以)|还在执行|还执行")
_PLAN_YEARS = re.compile(r"哪几年|哪些年|哪一年到哪一年|几年|时间范围|起止|年限")
_DOCUMENT = re.compile(r"文号|发文|印发|哪个单位发布|谁发布|谁印发|什么时候发布|发布时间|哪天发布|公布时间|什么时候出台|哪个文件")
_TARGET = re.compile(r"目标|多少个|多少家|多少座|多少台|多少场|多少项|普及率|覆盖率|数控化率|达到多少|要达到|要求达到|"
                     r"要完成|计划完成|累计|力争|到20\d\d年")
_AMOUNT_Q = re.compile(r"多少钱|多少万|奖多少|补多少|补贴多少|奖励多少|能拿|能领|能获得|能得到|可以拿|可以得|给多少|"
                       r"贴多少|贴息多少|能补|能奖|奖补|奖金|怎么算|算一下|算下|测算|有奖励|有没有奖|有补贴|有钱")
_FRAUD = re.compile(r"弄虚作假|骗取|造假|虚报|伪造|骗补")
_SCOPE_Q = re.compile(r"适用范围|哪些企业可以|什么企业可以|谁可以申请|申请条件|分公司|不是独立法人|非独立法人|外地注册|"
                      r"注册在外地|不在泰兴|个体户|事业单位")


@dataclass(frozen=True)
class Intent:
    name: str
    reasons: tuple[str, ...]


def classify(text: str, facts: Facts, scope: ScopeVerdict, state: ConversationState) -> Intent:
    if scope.kind == "injection":
        return Intent("refuse", (scope.reason,))
    if scope.kind == "greeting":
        return Intent("greeting", ("问候语",))
    if scope.kind in {"off_topic", "other_place", "no_chinese"}:
        return Intent("refuse", (scope.reason,))
    if facts.exclusions:
        return Intent("eligibility", (f"提到排除情形：{', '.join(facts.exclusions)}",))
    if _FRAUD.search(text):
        return Intent("eligibility", ("问弄虚作假的后果",))
    if _DEPARTMENT.search(text):
        return Intent("department", ("问责任部门/单位",))
    late_year = facts.year is not None and (facts.year >= 2026 or (facts.year == 2025 and (facts.second_half or "现在" in text)))
    if _VALIDITY.search(text) or (late_year and re.search(r"还能|能不能|可以|能否|还可以", text)):
        return Intent("validity", ("问政策是否仍在有效期",))
    if _PLAN_YEARS.search(text) and not facts.awards:
        return Intent("document", ("问行动计划的年限",))
    if _DOCUMENT.search(text) and not facts.awards:
        return Intent("document", ("问文号、发文单位或日期",))
    if _SCOPE_Q.search(text) or facts.registered_in_taixing is False or facts.independent_legal_person is False:
        return Intent("eligibility", ("问适用范围",))
    if facts.awards:
        return Intent("calc", (f"提到奖补事项：{', '.join(a.word for a in facts.awards)}",))
    if state.claims and facts.has_claim_facts:
        return Intent("calc", ("追问：沿用上一轮的奖补事项，替换本轮给出的事实",))
    if state.claims and (facts.newly_introduced is not None or "local_tax_paid_yuan" in facts.amounts):
        return Intent("calc", ("追问：补充企业情况后重新测算",))
    if facts.amounts and _AMOUNT_Q.search(text):
        return Intent("calc", ("给出金额并问能拿多少：按金额的用途推断奖补事项",))
    if _TARGET.search(text):
        return Intent("target", ("问行动计划的目标",))
    return Intent("lookup", ("其他政策问题：检索条款并引用原文",))
