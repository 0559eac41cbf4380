"""Which kind of question a message is.

The learned question act (assistant/nlu: amount, conditions, confirm, qualify, validity, department, document,
target, scope, lookup, out_of_scope) decides, with its confidence, together with the facts the message states.
A few precise rules run first as named overrides (scope verdicts, exclusions, fraud, a document number, a year
after the policy ended); the trace names whichever decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.conversation import ConversationState
from assistant.enterprise_memory import asks_if_still_eligible
from assistant.facts import Facts
from assistant.followup import refers_to_both
from assistant.nlu import ActPrediction
from assistant.nlu.classifier import MIN_CONFIDENCE
from assistant.scope import ScopeVerdict
from assistant.term_asked import after_plan_asked, expiry_asked
from assistant.term_claims import asks_past_date, hearsay_about_term
from assistant.term_figures import STILL_BY_DOCUMENT

# ── precise overrides ──────────────────────────────────────────────────────────
FRAUD = re.compile(r"弄虚作假|骗取|造假|虚报|伪造|骗补")
_DOCUMENT = re.compile(
    r"文号|发文|印发|谁发布|谁印发|什么时候发布|发布时间|公布时间|什么时候出台|发文单位|发布单位|发布日期|成文日期"
)
# "这个通知发给了哪些单位 / 印发给谁": the notice's addressee line, not a department named by a clause.
ADDRESSEES = re.compile(
    r"(?:发给|印发给|下发给|发到|下发到|主送|抄送)(?:了)?(?:谁|哪|什么)"
    r"|(?:通知|文件|文)[^，。？?]{0,6}(?:是)?(?:发给|印发给|下发给|发到|下发到|主送)"
    # "发文单位 / 印发单位" is the issuer, not whom it was sent to
    r"|(?:主送|发送|下发)(?:的)?(?:对象|单位)|印发对象"
)
# "这个通知是哪个单位发的 / 文件谁发的 / 发文机关": who issued the document, not a clause's 责任单位; money words
# ("补贴是哪个部门发的") make it who pays, a department.
ISSUER = re.compile(
    r"(?:通知|文件|政策|文)[^，。？?]{0,8}(?:是)?(?:由)?(?:哪个|哪家|哪一?级|什么|啥)(?:单位|部门|机关|机构|政府)"
    r"(?:发|出|下发|颁布|制定|出台)(?:的|了)?(?![钱放])"
    r"|(?:通知|文件|政策|文)[^，。？?]{0,8}(?:是)?谁(?:发|出|下发|颁布|制定|出台)(?:的|了)?(?![钱放])"
    r"|发文机关|发文部门|发文主体|印发(?:单位|机关)|出台(?:单位|部门|机关)"
)
# "X号文的奖补今年还有没有啊 / 这政策现在还给不给": whether the policy's awards are still given is its term; "有没有
# 机器人补贴" (no 还, no time) asks what an award gives.
_STILL_GIVEN = re.compile(
    r"还(?:有没有|有吗|有么|有没|在不在|在吗|给不给|给吗|发不发|兑不兑现|作不作数|算不算数?"
    r"|能不能(?:拿|领|享受|申请|申报|报|兑现)|能(?:拿|领|享受|申请|申报)吗|可不可以(?:拿|领|申请|申报))"
    r"(?:[了啊呀呢吗哈嘛么]*)(?=[，,。？?！!\s]|$)"
)
_NOW = re.compile(r"今年|现在|目前|如今|眼下|这会儿|这阵子|当下")
_POLICY_ITSELF = re.compile(r"政策|号文|文件|这些(?:奖补|补贴|奖励)|(?:的|些)(?:奖补|补贴|奖励)(?:资金)?")
# "行动计划的三大工程是什么 / 有哪几大任务": a counted group of the plan's parts is a heading of it, not the document.
_COUNTED_PARTS = re.compile(
    r"(?<![第])[一二三四五六七八九十两几\d](?:大|项|个|条|类)(?:工程|行动|任务|举措|措施|原则|重点工作|工作)"
)
_PLAN_YEARS = re.compile(
    r"(?:行动|三年)计划.{0,12}(结束|截止|到期|哪一?年|哪几年|几年|哪[一二两三四五六七八九十\d]+年|哪些年|起止|起讫|哪年到哪年|哪个年份|什么年份)"
)
_DEPARTMENT = re.compile(
    r"哪个部门|哪些部门|什么部门|哪个单位|哪些单位|什么单位|找谁|谁负责|责任单位|责任部门|归口|哪个局|"
    r"谁牵头|牵头(?:的)?(?:单位|部门)|哪几个部门|汇总报批|联系谁|咨询谁|问谁|谁认定|谁审核|谁来审|谁来评|谁来解释|谁解释|解释权"
    # who collects, approves or pays: 附则 names the department that 汇总报批 and the one that 统筹安排资金
    r"|(?:由)?谁(?:来|去|负责)?(?:汇总|报批|审批|安排|拨付|拨款|出钱|出资|发钱|兑现|统筹|买单)|找谁(?:报批|审批|拨付|兑现)"
)
# "…若干政策也是2024年底就结束了吗": the attachment's end asked beside the plan's years is its validity.
_ATTACHMENT = re.compile(
    r"若干政策|附件|(?:奖补|补贴|贴息|奖励|扶持|支持)政策|这些(?:奖补|政策|补贴)|这个政策|这份政策|该政策|本政策"
)
# "贴息政策能用到什么时候": an award named as a policy is asked about as the policy.
_AWARD_POLICY = re.compile(r"(?:贴息|奖补|补贴|奖励|扶持)政策")
_ENDS = re.compile(
    r"结束|截止|到期|为止|到什么时候|到哪(?:天|年|一年)|哪天|什么时候停|还有效|失效|过期|有效期|期限|年限"
    # "附件所列奖补政策目前是否仍可申报": whether it still takes applications is its term
    r"|(?:仍|还)(?:可以?|能够?|在)(?:申报|申请|享受|执行|兑现|用)"
)
# "有效期是从发文那天算，还是从次年1月1日算": where the term starts is the validity clause, though it says 发文.
_TERM_START = re.compile(
    r"(?:有效期|实施期限|三年)[^。？?]{0,16}(?:从|自)[^，。？?]{0,10}(?:算|起算|开始|计算)"
    r"|(?:有效期|实施期限)[^。？?]{0,12}(?:起算|算起|哪天开始|何时开始|什么时候开始)"
)
# "明年申报…可以吗": a year after this one, asked about once the policy has ended.
_FUTURE_YEAR = re.compile(r"明年|后年|来年|下一年|下年度")
# The rule's own tiers or kinds asked, not the enterprise's: "星级是哪一级评的" "哪些方向的算" "几星给多少".
_KINDS_ASKED = re.compile(
    r"哪一?级(?:评|认定|颁发|授予)|(?:谁|哪里|哪个层级)(?:评|认定|颁发)的|几星级?(?:给|奖|补|能?拿)"
    r"|哪些(?:方向|类型|种类|类别|领域)|哪几(?:类|种|个方向|个领域)|什么(?:方向|类型|领域)的?都?算"
)
# A rule's conditions asked in the words of its numbers: its threshold, its rate, what it requires.
_CONDITIONS_CORE = re.compile(
    r"门槛|起点|起步|比例|百分之几|几个点|按什么|条件|要求|需要满足|要满足|够格|资格|才(?:奖|给|补|能拿)|就(?:奖|给|补)"
    r"|全额|是按|按实际|"
    # "按星级怎么奖" "怎么认定" "哪一级认定的": how the tiers pay out, or who recognises it, is the rule's condition
    r"按[^，。？?]{0,4}怎么(?:奖|给|补)|(?:怎么|如何|怎样)(?:认定|评定|审定)|哪一?级[^，。？?]{0,2}(?:认定|评定)"
    # "什么样的X可以拿奖励 / 哪种X才给": which of the award's kind qualifies is its clause's qualifying words
    r"|(?:什么样|啥样|怎样|哪种|哪类|哪些)的?[^，。？?]{0,10}(?:可以|能够?|才能?|才可以|有资格)[^，。？?]{0,3}"
    r"(?:拿|领|获|享受|申请|申报|给|奖|补)(?![^，。？?]{0,6}(?:多少|几万))"
    r"|(?:要|得|需)(?:具备|达到|做到)(?:什么|啥|哪些)"
)
# "X是怎么计算的，有没有封顶": how a named award is worked out, or whether it is capped, is its clause's standard.
_HOW_COMPUTED = re.compile(r"(?:怎么|如何|怎样|咋)(?:计算|核算|算)|计算方[法式]|封顶|顶格|上限|最高")
_CONDITIONS_Q = re.compile(_CONDITIONS_CORE.pattern + "|" + _KINDS_ASKED.pattern)
_SCOPE_Q = re.compile(r"适用范围|分公司|不是独立法人|非独立法人|外地注册|注册在外地|个体户|事业单位")
# "对注册地/法人有没有要求": the scope asked in its own words; with an award named, the enterprise states facts.
_SCOPE_ASKED = re.compile(
    r"适用对象|适用于哪|(?:法人|注册地|注册|纳税)[^，。？?]{0,6}(?:要求|限制|规定|条件)"
)
# "哪些单位可以享受 / 什么企业能申报": who may apply is the policy's scope, not a department, though it says 单位.
_WHO_MAY = re.compile(
    r"(?:哪些|哪类|哪种|什么样?的?|啥样?的?)(?:单位|企业|公司|机构|主体)[^，。？?]{0,6}"
    r"(?:可以|能够?|可|有资格|才能|符合)[^，。？?]{0,3}(?:享受|申请|申报|报|拿|领|参与|适用)"
    # "哪些单位会被排除在外 / 什么企业不能享受": who is left out is the same clause
    r"|(?:哪些|哪类|哪种|什么样?的?|啥样?的?)(?:单位|企业|公司|机构|主体)[^，。？?]{0,6}"
    r"(?:被排除|排除在|除外|不(?:能|可以|得|予)(?:享受|申请|申报|适用))"
)
# "商会这样的社会组织可不可以申报": whether a kind of body may apply is the scope sentence (相关企业、机构).
_BODY_KIND_MAY = re.compile(
    r"(?:协会|商会|学会|社会组织|社团|基金会|民办非企业|民非|合作社|事业单位|机构)[^，。？?]{0,10}"
    r"(?:能不能|可不可以|能否|可否|是否|可以|能)[^，。？?]{0,3}(?:申请|申报|享受|报|参与|适用)"
)
_LATE_APPLY = re.compile(r"还能|能不能|可以|能否|还可以|来得及|赶得上")
# "…奖补今年申报还来得及吗 / 赶得上吗": whether there is still time is the policy's term, whatever award is named.
_STILL_TIME = re.compile(
    r"(?:还|是否|能否)?来(?:得|不)及|来不来得及|赶(?:得|不)上|赶不赶得上|赶趟"
    # "现在还能按某号文件申报某奖补吗": the document or award named between still decides nothing but the term
    r"|(?:今年|现在|目前|如今)还(?:能|可以)(?:按[^，。？?]{0,24}?)?(?:报|申报|申请)"
    # "现在申请得到吗 / 现在还申请得了吗 / 现在能申请到吗": whether it can still be had is the term, not a sum
    r"|(?:今年|现在|目前|如今)还?(?:能|可以)?(?:申请|申报|报)(?:得到|得了|得上|到)(?![^，。？?]{0,4}多少)"
)
# "目前是否仍在受理 / 还受理吗 / 受理截止到什么时候": whether applications are still taken is the policy's term.
_ACCEPTING = re.compile(
    r"(?:仍|还|是否)(?:在|继续)?受理|受理(?:吗|不|没)|(?:还|仍)(?:收|接受)(?:申报|申请|材料)|"
    r"受理[^，。？?]{0,6}(?:截止|截至|到什么时候|到哪天|到何时|期限|结束)|停止受理"
)
# "这个“实施期限内”是指哪段时间": what the term's words mean is the term itself, whatever clause quotes them.
_TERM_MEANING = re.compile(
    r"(?:实施期限|有效期|实施期)内?[”\"」』]?[^，。？?]{0,6}(?:是指|指的是|指|具体是|是)[^，。？?]{0,4}"
    r"(?:哪段|哪个时间段?|什么时间段?|什么时候|哪几年|哪些年|多长|多久|从哪|到哪|哪天)"
)
# "计划到2024年就结束了，2025年初报的还按这个文件吗": filings after the plan's years fall under the attachment's term.
_AFTER_PLAN = re.compile(
    r"(?:行动|三年)计划[^。？?]{0,12}(?:结束|到期|截止|只到|为止)[^？?]{0,30}(?:申报|申请|报的|兑现|奖补|补贴)"
    r"[^？?]{0,16}(?:还|仍|是否|能否)(?:按|适用|算|用|执行|有效|能|可以)"
)
_VALIDITY_WORDS = re.compile(
    r"有效期|还有效|到期|过期|失效|实施期限|施行|生效|作数|续期|延期|延长|废止|作废|不算数|截止到?哪|来得及|赶得上|赶趟"
    # "…号文还能不能执行 / 是否仍在执行": whether the document is still carried out is its term
    r"|(?:还|仍|依旧|依然|是否仍?)(?:能不能|能否|可不可以|可以|能|在)?(?:继续)?执行"
)
_ASKS_FIGURE = re.compile(r"多少|几万|能拿|能领|标准|怎么算")
# Not a count: "要给多少家企业做诊断" asks a target, not money.
_STRONG_MONEY_Q = re.compile(
    r"(?:能拿多少|能补多少|能奖多少|奖多少|补多少|多少钱|能领多少|给多少|拿多少|补贴多少|奖励多少)(?![家个项户所台])"
)
_TARGET_WORDS = re.compile(r"目标|多少个|多少家|几个|几家|普及率|覆盖率|数控化率|达到多少|累计|力争|指标")

# "要投多少才能拿满 / 投入多少能拿到最高 / 多少投入封顶 / 贷多少能贴满": where the rate reaches the cap.
_REACH_CAP = re.compile(
    r"(?:投|投入|投资|花|贷|贷款|借)[^，。？?]{0,4}多少[^，。？?]{0,8}"
    r"(?:拿满|拿到?最高|拿到?顶|封顶|顶格|到顶|满额|拿足|贴满|补满|奖满|最高额|上限|最多)"
    r"|多少(?:投入|投资|贷款)[^，。？?]{0,6}(?:封顶|顶格|到顶|拿满|上限|最高)"
)
# "再加上DCMM认证，总共呢？": a sum is a calculation, whatever act the wording resembles.
_SUM_ASKED = re.compile(r"总共|合计|一共|加起来|合起来|加一起|加在一起|共计|总计|再加上")
# Greeting and filler of a spoken message: "喂你好 我想问一下那个 就是那个 补助的事" is as short as "补助的事".
_SPOKEN_FILLER = re.compile(r"喂|你好|您好|嗯+|呃|就是|那个|那啥|一下|请问|麻烦|\s")
# "再加上评上X，总共呢" / "X也有，一共能拿多少" after a calculation: one more award added to the earlier ones,
# whatever act it resembles; the adding word may come before or after the award, the sum word after it.
_ADDED_TO_SUM = re.compile(
    r"(?:再加上|加上|另外|还有|外加|还(?:拿|通过|评|获|被|有)|也(?:有|拿|评|通过|获)|又(?:拿|通过|评|获))"
    r"[^。？?！!]{0,30}?(?:总共|一共|合计|加起来|合起来|加一起|加在一起|共计|总计)"
)
MONEY_WORDS = re.compile(r"补贴|奖励|奖补|补助|扶持资金|奖金|给钱|有钱")
_MONEY_ACTS = {"amount", "confirm", "qualify"}
# The 附则 principles the calculator applies (tools/principles.py); any other one named ("名称变更", "资金安排")
# is a rule about the policy itself, answered from its own clause.
CALC_PRINCIPLES = frozenset({"scope", "exclusions", "highest_only", "tax_cap", "implementation", "validity"})

# "这个能申请吗" / "能申请吗？" / "可以申报不" as a first message: asking (and pointing) words, nothing named.
_CONTENT_FREE = re.compile(
    r"这个|这项|这种|这事儿?|这件事|此事|那个|它|该项|此项|请问|我们?|想|要|能不能|可不可以|可以|能否|能|可|"
    r"申请|申报|报|拿|领|补|多少钱?|怎么|怎样|如何|咋|弄|办|搞|做|操作|一下|有|没有|给|行不行|行|"
    # "我想申请那个奖": a money word names no award either
    r"奖(?:励|补|金|项)?|补贴|补助|资金|政策|一项|个|"
    # "帮我算算" / "给我查查" / "你算一下吧": a task verb with nothing to work on names nothing either
    r"你|您|帮忙|帮|给|替|算|计算|测算|核算|查|看|"
    r"的|了|是|吗|呢|啊|呀|吧|嘛|么|不|没|呗|哈|[，。？?！!、~～\s]"
)


# "那贴息呢 / 要是示范车间呢 / 换成DCMM呢": a short turn naming only another award asks the last question again.
# The turn asks nothing of its own ("那贴息奖多少呢" asks an amount, "贴息怎么申请呢" a procedure).
_SHORT_FOLLOW_UP = re.compile(
    r"^(?:那|那么|要是|如果是|换成|改成)?"
    r"(?:(?!多少|怎么|怎样|如何|哪|什么|啥|谁|几|能|可以|可不可以|吗|是否|要求|条件|门槛)[^，。？?]){1,14}呢[？?。]?$"
)
_KEEPS_ACT = frozenset({"department", "conditions"})


@dataclass(frozen=True)
class Intent:
    name: str
    reasons: tuple[str, ...]
    act: str = ""  # the question act the answer is shaped for (confirm → 是/不是 first …)


# "2025年12月投入的": a month of a year; "泰政办发2022年25号" is a document number, not a date.
_YEAR_MONTH = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月")


def _late_year(text: str, facts: Facts, valid_until: date | None) -> bool:
    """A year the policy no longer covers: after its last year, or late in its last year (it ends part-way).
    Any month named after the end counts, whichever year the message names first."""
    if valid_until is None:
        return False
    for y, m in _YEAR_MONTH.findall(text):
        if 1 <= int(m) <= 12 and (int(y), int(m)) > (valid_until.year, valid_until.month):
            return True
    if facts.year is None:
        return False
    return facts.year > valid_until.year or (
        facts.year == valid_until.year and (facts.second_half or "现在" in text)
    )


# "今年刚评上…，想按这个文件申请，现在找谁办 / 怎么申报 / 去哪报": something achieved this year, filed now.
_THIS_YEAR = re.compile(r"今年|本年度?|今年度")
_ACHIEVED = re.compile(r"评上|评为|获评|获得|拿到|拿了|通过|认定|入选|建成|获批|认证")
_FILING_NOW = re.compile(
    r"(?:申请|申报|报)[^。？?]{0,16}(?:找谁|问谁|哪个部门|什么部门|哪个单位|去哪|到哪|在哪|哪里|怎么|如何)"
    r"|(?:找谁|问谁|去哪|到哪|在哪|哪里|怎么|如何)[^，。？?]{0,4}(?:办|申请|申报|报|交|递)"
)


def _late_filing(text: str, valid_until: date | None, today: date | None) -> bool:
    """A filing now, under a document that has ended, for something achieved this year."""
    if valid_until is None or today is None or today <= valid_until:
        return False
    this_year = _THIS_YEAR.search(text)
    return bool(
        this_year and _ACHIEVED.search(text, this_year.end()) and _FILING_NOW.search(text, this_year.end())
    )


def classify(
    text: str,
    facts: Facts,
    scope: ScopeVerdict,
    state: ConversationState,
    principles: tuple[str, ...] = (),
    act: ActPrediction | None = None,
    valid_until: date | None = None,
    today: date | None = None,
) -> Intent:
    name, why = _trusted_act(act)
    # "…是不是已经失效了，去年底刚验收的项目能不能报": thin or money-shaped, naming no award, it asks the term
    thin = act is not None and (not act.confident or (name in _MONEY_ACTS and not facts.awards))
    if thin and name != "validity" and expiry_asked(text, facts):
        name, why = "validity", f"{why}；置信度低或没有点名奖项，但问到过期/到期或补报：有效期"
    content_free = not state.history and not facts.awards and not _CONTENT_FREE.sub("", text)
    override = _override(text, facts, scope, name, valid_until, today)
    if override is not None and not (content_free and scope.kind in {"ok", "off_topic"}):
        return Intent(override.name, override.reasons, override.act or name)
    if content_free:
        # "这个能申请吗" / "能申请吗？" as a first message: only asking (and pointing) words, nothing named
        return Intent(
            "which_award", (why, "规则 content_free：只有指代和问句词，没有上文可指：先问清楚"), name
        )
    if (
        state.last_intent in _KEEPS_ACT
        and facts.awards
        and _SHORT_FOLLOW_UP.match(text)
        and not (facts.amounts or facts.levels or facts.stars)
    ):
        # "基础投入奖补找哪个部门" → "那贴息呢": the same question about the award named now
        return Intent(
            state.last_intent,
            (why, f"追问：同一问题换成 {'、'.join(a.word for a in facts.awards)}，沿用上一轮的问句类型"),
            name,
        )
    if state.claims and facts.awards and _ADDED_TO_SUM.search(text):
        return Intent(
            "calc", (why, "规则 added_to_sum：在上一轮的测算上再加一项并问合计：合并计算"), "amount"
        )
    if _REACH_CAP.search(text) and not facts.amounts and (facts.awards or state.topic_rules):
        # "要投多少才能拿满": the base at which the rate reaches the cap, from the rule's own figures
        return Intent("conditions", ("规则 cap_reach：问投入多少能拿到上限（上限 ÷ 比例）",), "cap_reach")
    intent = _from_act(name, text, facts, state, principles)
    if name in {"scope", "lookup", "target", "document", ""} and intent[0] == "calc":
        name = "amount"  # a calculation decided by the facts is answered as one (each award and the total)
    if name == "qualify" and intent[0] == "calc" and _SUM_ASKED.search(text):
        name = "amount"  # "再加上…总共呢？" asks a sum, not 能/不能
    return Intent(intent[0], (why, intent[1]), name)


def _trusted_act(act: ActPrediction | None) -> tuple[str, str]:
    """The act to act on: the classifier's first choice when confident; the money acts taken together when they
    are (a long hotline message spreads its probability over amount, qualify and confirm); otherwise none."""
    if act is None:
        return "", "没有问句分类器"
    if act.confident and not (act.act == "document" and act.confidence < 0.6):
        return act.act, f"问句类型 {act.describe()}"
    if act.act == "validity" and act.confidence >= 2 * act.runner_up_confidence:
        return "validity", f"问句类型 {act.describe()}（远高于次选）"
    if act.act == "conditions" and act.confidence >= 0.2 and act.confidence >= 1.5 * act.runner_up_confidence:
        # "…是建好就给，还是要评上什么级别？": a conditions question in a long, mixed wording
        return "conditions", f"问句类型 {act.describe()}（明显高于次选）"
    if act.act == "target" and act.confidence >= 0.25:
        return "target", f"问句类型 {act.describe()}"
    money = act.share(_MONEY_ACTS)
    if money >= MIN_CONFIDENCE:
        best = next(a for a, _ in act.probs if a in _MONEY_ACTS)
        return best, f"问句类型 {act.describe()}；问金额的几类合计 {money:.2f} → {best}"
    return "", f"问句类型 {act.describe()}：置信度低，不据此测算"


def _override(
    text: str,
    facts: Facts,
    scope: ScopeVerdict,
    act: str,
    valid_until: date | None,
    today: date | None = None,
) -> Intent | None:
    if scope.kind == "injection":
        return Intent("refuse", (f"规则 scope.injection：{scope.reason}",))
    if scope.kind == "greeting":
        return Intent("greeting", ("规则 scope.greeting：问候语",))
    if scope.kind in {"off_topic", "other_place", "other_document", "no_chinese"}:
        return Intent("refuse", (f"规则 scope.{scope.kind}：{scope.reason}",))
    if ADDRESSEES.search(text) and not facts.awards and not facts.amounts:
        return Intent("document", ("规则 addressees：问通知发给哪些单位（主送单位）",))
    if hearsay_about_term(text) and not facts.amounts or today and asks_past_date(text, today):
        return Intent(
            "validity", ("规则 term_claim：听说的停止/延期时间，或问过去某月是否在实施期限内",), "validity"
        )
    if STILL_BY_DOCUMENT.search(text) and _NOW.search(text):
        # "今年刚建成X，还能按这个文件拿Y吗": the term decides first; the clause's figure follows as a ceiling
        return Intent(
            "validity", ("规则 still_by_document：现在还能否按这个文件/政策拿奖补（有效期在先）",), "validity"
        )
    if _TERM_MEANING.search(text) and not facts.amounts:
        return Intent("validity", ("规则 term_meaning：问“实施期限内/有效期内”指哪段时间",), "validity")
    if facts.exclusions:
        return Intent("eligibility", (f"规则 exclusions：提到排除情形 {', '.join(facts.exclusions)}",))
    if FRAUD.search(text):
        return Intent("eligibility", ("规则 fraud：问弄虚作假的后果",))
    if _TERM_START.search(text):
        return Intent("validity", ("规则 term_start：问有效期从哪天起算",), "validity")
    if ISSUER.search(text) and not facts.awards and not MONEY_WORDS.search(text):
        return Intent("document", ("规则 issuer：问文件由哪个机关印发（发文单位）",), "document")
    if _DOCUMENT.search(text) and not facts.awards:
        return Intent("document", ("规则 document：问文号、发文单位或日期",))
    if _WHO_MAY.search(text) and not facts.awards:
        return Intent("eligibility", ("规则 who_may：问哪些企业/单位可以享受（适用范围）",), "scope")
    if facts.out_of_scope and asks_if_still_eligible(text) and not _NOW.search(text):
        # "(注册在外地) 这些奖补我们还能享受吗": the scope fact it fails answers, not the term "还能享受" resembles
        return Intent("eligibility", ("规则 failed_scope：不符合适用范围，问还能否享受",))
    if _late_filing(text, valid_until, today) and not facts.amounts:
        # "今年刚评上X，想按这个文件申请，现在找谁办": the term decides first; its answer names whom to ask
        return Intent(
            "validity", ("规则 late_filing：今年取得、现在按已到期的文件申报（有效期在先）",), "validity"
        )
    if _DEPARTMENT.search(text) and act not in {"validity", "conditions"}:
        # "现在还能申请吗？不行的话该问谁" is a validity question whose answer names the department anyway
        return Intent("department", ("规则 department：问责任部门/单位",), "department")
    if (_STILL_TIME.search(text) or _ACCEPTING.search(text)) and not facts.amounts:
        return Intent("validity", ("规则 still_time：问现在申请是否还来得及（有效期）",), "validity")
    if (
        _STILL_GIVEN.search(text)
        and (_NOW.search(text) or _POLICY_ITSELF.search(text))
        and not facts.amounts
        and not facts.awards
    ):
        return Intent("validity", ("规则 still_given：问政策的奖补现在还给不给（有效期）",), "validity")
    if (
        _POLICY_ITSELF.search(text)
        and _VALIDITY_WORDS.search(text)
        and not facts.awards
        and not facts.amounts
    ):
        # "有人问该文件现在是否仍然施行，咋回": the document itself asked after, in a relayed wording the act
        # classifier spreads over other acts
        return Intent(
            "validity", ("规则 document_in_force：问文件/政策本身是否仍在施行（有效期）",), "validity"
        )
    if (
        _ATTACHMENT.search(text)
        and _ENDS.search(text)
        and (not facts.awards or _AWARD_POLICY.search(text))
        and not facts.amounts
    ):
        return Intent("validity", ("规则 attachment_validity：问附件政策的实施期限",), "validity")
    if _AFTER_PLAN.search(text) and not facts.amounts:
        return Intent(
            "validity", ("规则 after_plan：计划年限结束后申报，问是否仍按附件政策（实施期限）",), "validity"
        )
    if after_plan_asked(text, facts):
        # "三年计划结束了，后面还执行吗": the plan's years and the attachment's own term, both
        return Intent("validity", ("规则 plan_then：计划年限以后是否仍按文件执行（两个期限）",), "validity")
    if _PLAN_YEARS.search(text) and not facts.awards:
        return Intent("document", ("规则 plan_years：问行动计划的年限",))
    if (
        facts.out_of_scope
        or _SCOPE_Q.search(text)
        or ((_SCOPE_ASKED.search(text) or _BODY_KIND_MAY.search(text)) and not facts.awards)
    ):
        return Intent("eligibility", ("规则 scope_facts：问适用范围（注册地、法人资格）",))
    if _late_year(text, facts, valid_until) and _LATE_APPLY.search(text) and not facts.amounts:
        return Intent("validity", ("规则 late_year：问政策到期以后还能否申请",), "validity")
    if (
        today is not None
        and valid_until is not None
        and valid_until.year <= today.year
        and _FUTURE_YEAR.search(text)
        and _LATE_APPLY.search(text)
        and not facts.amounts
    ):
        return Intent("validity", ("规则 future_year：政策已到期，问以后还能否申请",), "validity")
    return None


def _from_act(
    act: str, text: str, facts: Facts, state: ConversationState, principles: tuple[str, ...]
) -> tuple[str, str]:
    awards = bool(facts.awards)
    follow_up = bool(state.claims or state.topic_rules) and (
        facts.has_claim_facts or bool(facts.enterprise_flags)
    )
    figures = bool(facts.amounts) or bool(facts.levels or facts.stars)
    denied = [k for k, v in facts.claim_flags.items() if v is False]
    if denied and state.claims and not awards and act not in {"department", "document", "validity"}:
        # "要是没入库呢" after a calculation: the same claims judged again with the condition denied
        return "calc", f"追问：否认了条件 {', '.join(denied)}，按此前给出的事实重新判断"
    if (
        facts.amounts
        and _STRONG_MONEY_Q.search(text)
        and act in {"", "scope", "lookup", "target", "document"}
    ):
        # "我们在本地注册、纳税…投入500万，能拿多少？": the enterprise's own figures and a money question
        return "calc", "给出企业的金额并问能拿多少：测算"
    if (
        set(principles) - CALC_PRINCIPLES
        and not awards
        and not facts.amounts
        and act in {"validity", "conditions", "scope", "target", ""}
    ):
        # "改了名的品牌还按原来的标准吗" / "新增品牌按什么标准": a rule about the policy itself (名称变更, 新增品牌),
        # answered from its own 附则 clause, not the validity or the general scope its asking words resemble
        return "lookup", "问附则的规定：引用附则原文"
    # "听说延长到X年了，是不是真的？" reads as a yes/no question; naming no award or figure, it asks the validity.
    bare_check = act in {"confirm", "document", "lookup"} and not awards and not facts.amounts
    if "highest_only" in principles and act == "validity" and not awards and not facts.amounts:
        # "和本地别的政策能不能两边都拿": whether two policies pay twice is 就高不重复, not the term "同时" resembles
        return "lookup", "问能否与其他政策同时享受：引用附则（就高不重复）"
    if act == "validity" or ((not act or bare_check) and _VALIDITY_WORDS.search(text)):
        if awards and (facts.amounts or ((facts.levels or facts.stars) and _ASKS_FIGURE.search(text))):
            return "calc", "问有效期内能拿多少：按给出的事实测算并说明有效期"
        return "validity", "问政策是否仍在有效期"
    if act == "department":
        return "department", "问责任部门/单位"
    if act == "document" and _COUNTED_PARTS.search(text) and not awards:
        return "lookup", "问行动计划中几项一组的部分（工程、行动、任务）：列出该部分"
    if act == "document":
        return ("document", "问文件本身") if not awards else ("lookup", "问文件，但提到了奖项：检索条款")
    if act == "scope":
        if awards and figures and (_STRONG_MONEY_Q.search(text) or _SUM_ASKED.search(text)):
            # "两家子公司都在本地注册纳税…一个四星一个三星，各拿多少": scope facts stated, an amount asked
            return "calc", "说明了适用范围的事实并给出级别/星级，问金额：测算"
        if awards:
            return "conditions", "问哪些企业能享受某个奖项：列出该奖项的条件"
        return "eligibility", "问适用范围"
    if act == "conditions":
        if awards:
            return "conditions", "问奖项的条件：逐条列出并引用原文"
        if state.topic_rules and len(text) <= 16:
            return "conditions", "问条件：沿用上一轮的奖补事项"
        return "general_conditions", "问申请的基本条件但没有点名奖项：适用范围"
    if act == "target":
        if awards and (facts.amounts or _STRONG_MONEY_Q.search(text)):
            return "calc", "提到奖项和金额：测算"
        # "要打造哪几类标杆工厂": kinds asked in the plan's words are its targets; with money words, the award's tiers
        kinds_of_award = bool(_KINDS_ASKED.search(text)) and bool(MONEY_WORDS.search(text))
        conditions_asked = bool(_CONDITIONS_CORE.search(text)) or kinds_of_award
        if awards and not figures and conditions_asked and not _TARGET_WORDS.search(text):
            # "二级节点是立项就奖，还是建成才奖？": an award's condition, not a target of the plan
            return "conditions", "问奖项在什么情况下给：列出该奖项的条件"
        return "target", "问行动计划的目标"
    if act in _MONEY_ACTS and set(principles) - CALC_PRINCIPLES and not facts.amounts:
        return "lookup", "问附则的规定（没有给出企业的金额）：引用附则原文"
    if act in _MONEY_ACTS:
        enterprise_facts = bool(
            facts.amounts
            or facts.levels
            or facts.stars
            or facts.claim_flags
            or facts.smart_manufacturing_field is not None
            or facts.year
            or len(facts.claimed_amounts) >= 2  # two awards' figures compared: 就高不重复 decides
        )
        # "哪些类型的…能拿？国家级、省级各多少": the levels named are the tiers asked, not the enterprise's facts
        tiers_asked = facts.each and bool(_KINDS_ASKED.search(text)) and not facts.amounts
        asks_conditions = bool(_CONDITIONS_Q.search(text)) and (not enterprise_facts or tiers_asked)
        if awards and asks_conditions and not _SUM_ASKED.search(text):
            # "基础投入门槛是多少？按什么比例给？": the rule's figures, quoted, not a calculation with blanks
            return "conditions", f"问句类型 {act}，问门槛/比例/要求且没有给出企业的情况：列出条件"
        if not awards and asks_conditions and state.topic_rules and not facts.has_claim_facts:
            return "conditions", "问门槛/比例/要求：沿用上一轮的奖补事项"
        if awards and act != "amount" and not enterprise_facts and not _SUM_ASKED.search(text):
            # "贴息是不是全额补利息？" "我们能申请贴息吗？": answered by the rule's own words, not a blank calculation
            return "conditions", f"问句类型 {act}，没有给出企业的情况：按条款原文回答"
        if awards:
            return "calc", f"提到奖补事项：{', '.join(a.word for a in facts.awards)}"
        if follow_up or refers_to_both(text, facts, state):
            return "calc", "追问：沿用上一轮的奖补事项，替换本轮给出的事实"
        if facts.amounts:
            return "calc", "给出金额：按金额的用途推断奖补事项"
        if state.topic_rules and len(text) <= 20 and not principles:
            return "calc", "追问金额：沿用上一轮的奖补事项"
        bare = len(_SPOKEN_FILLER.sub("", text))
        if (_STRONG_MONEY_Q.search(text) or bare <= 20) and not principles and bare <= 30:
            return "which_award", "问能拿多少，但没说是哪项奖补"
        return "lookup", "问能否享受，但没有点名奖项：检索条款"
    if act == "out_of_scope":
        if state.claims and facts.amounts and not awards and not (facts.levels or facts.stars):
            # "如果那年地方税收才20万呢" after a calculation: only a figure of the enterprise, the same claims re-run
            return "calc", "追问：只给了企业的一个数字，按上一轮的申报事项重新测算"
        if awards or figures or follow_up or principles:
            return "lookup", "像无关问题，但用了本政策的词：检索条款"
        return "lookup_or_refuse", "像与本政策无关的问题"
    if act == "lookup" and len({a.rule_id for a in facts.awards}) >= 2 and not figures:
        # "示范工厂和示范车间有什么区别": each award's own clause, side by side
        return "conditions", "问几个奖项的规定：逐项列出条款原文"
    # lookup, or an act not trusted: the facts decide; never a guessed amount.
    if awards and (facts.amounts or facts.levels or facts.stars):
        return "calc", f"提到奖补事项和事实：{', '.join(a.word for a in facts.awards)}"
    if follow_up and not act:
        return "calc", "追问：沿用上一轮的奖补事项，替换本轮给出的事实"
    if not act and awards and not figures and _CONDITIONS_Q.search(text):
        # "X按星级怎么奖？哪一级认定的？" with the act unsure: the named award's own clause and conditions
        return "conditions", "问奖项的条件或认定：逐条列出并引用原文"
    if act == "lookup" and awards and not figures and _HOW_COMPUTED.search(text):
        # "贴息是怎么计算的？有没有封顶？": the named award's rate, base and ceiling, from its own clause
        return "conditions", "问奖项怎么计算、有没有封顶：列出条款的标准"
    if not act and _TARGET_WORDS.search(text) and not awards:
        return "target", "问行动计划的目标"
    short = len(_SPOKEN_FILLER.sub("", text)) <= 20
    if not act and not awards and MONEY_WORDS.search(text) and short and not principles:
        return "which_award", "问补贴但没说是哪项：先问清楚"
    return "lookup", "其他政策问题：检索条款并引用原文"
