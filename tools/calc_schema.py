"""The award calculator's input: one enterprise and the awards it claims.

These pydantic models are the input of ``tools.award_calculator.calculate``, the argument schema of the
LangChain tool and the JSON read by ``python -m assistant calc``. Amounts accept integer yuan or text
("300万", "0.3亿", "3,000,000元"). Award ids, levels, stars and exclusions are checked against the rule book
by the calculator, because they live in corpus/*/rules.yaml, not in code.

Example:
    >>> req = parse_request({"claims": [{"award": "base_investment", "investment_yuan": "800万"}]})
    >>> req.claims[0].investment_yuan
    8000000
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from common.errors import BadAmount, BadClaim
from tools.amounts import parse_amount


def _amount(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f'不是金额：{value!r}（示例：3000000、"300万"、"0.3亿"）')
    try:
        return parse_amount(value)
    except BadAmount as exc:
        raise ValueError(str(exc)) from None


# Integer yuan inside; the JSON schema says a string is welcome too, so an LLM may pass "300万".
Yuan = Annotated[
    int,
    BeforeValidator(_amount),
    WithJsonSchema(
        {
            "anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}],
            "description": "金额：整数元，或“300万”“0.3亿”“3,000,000元”这样的文字",
        }
    ),
]


class Enterprise(BaseModel):
    """Facts about the enterprise that the principles of 附则 need. Unknown facts stay null."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, description="企业名称（可选，仅用于显示）")
    registered_locally: bool | None = Field(default=None, description="是否在泰兴市内注册")
    pays_tax_locally: bool | None = Field(default=None, description="是否在泰兴市内纳税")
    independent_legal_person: bool | None = Field(default=None, description="是否具有独立法人资格")
    local_tax_paid_yuan: Yuan | None = Field(
        default=None, description="申报年度企业对地方税收总额（附则（二）的年度上限）"
    )
    local_tax_by_year: dict[int, Yuan] = Field(
        default_factory=dict,
        description='按年度给出的地方税收总额，如 {"2024": "40万"}；优先于 local_tax_paid_yuan',
    )
    newly_introduced: bool | None = Field(
        default=None, description="是否属于新引进项目（新引进项目不受年度地方税收总额限制）"
    )
    exclusions: list[str] = Field(
        default_factory=list,
        description="附则（一）除外情形的 id（见 rules.yaml 的 exclusions），如 serious_dishonesty",
    )


class Claim(BaseModel):
    """One award the enterprise claims, with the facts the rule needs. Unknown facts stay null."""

    model_config = ConfigDict(extra="forbid")

    award: str = Field(
        description="奖项 id（rules.yaml 的 rules[].id），如 base_investment、interest_subsidy"
    )
    level: str | None = Field(
        default=None, description="级别：national / provincial / taizhou（或 国家级/省级/泰州市级）"
    )
    star: int | str | None = Field(default=None, description="星级：5/4/3（或 五星级/四星级/三星级）")
    field: str | None = Field(
        default=None,
        description="领域（首台（套）重大装备）：smart_manufacturing / other（或 智能制造领域/其他领域）",
    )
    project: str | None = Field(
        default=None, description="所涉事项/项目名称：同一事项的多项奖励按就高不重复只计最高一项"
    )
    year: int | None = Field(default=None, ge=2000, le=2100, description="获评或投入的年度，如 2024")
    investment_yuan: Yuan | None = Field(default=None, description="（一）当年相关投入")
    advanced_tech: bool | None = Field(
        default=None,
        description="（一）是否在智能车间、工厂建设中引入大数据、人工智能、云计算、物联网、区块链等先进技术和产品",
    )
    total_investment_yuan: Yuan | None = Field(default=None, description="（十一）项目备案总投资额")
    fixed_asset_loan_yuan: Yuan | None = Field(
        default=None, description="（十一）固定资产（不含土建）贷款总额"
    )
    civil_works_loan_yuan: Yuan | None = Field(
        default=None, description="（十一）贷款中用于土建的部分（若 fixed_asset_loan_yuan 含土建，按此扣除）"
    )
    software_investment_yuan: Yuan | None = Field(
        default=None, description="（十一）软件、系统集成、公私有云等投入"
    )
    interest_paid_yuan: Yuan | None = Field(
        default=None, description="（十一）当年实际支付的项目固定资产（不含土建）贷款利息"
    )
    interest_rate_percent: Decimal | None = Field(
        default=None,
        ge=0,
        le=100,
        description="（十一）贷款年利率（%），未给出实付利息时用于估算：贷款 × 年利率 × 月数/12",
    )
    loan_months: int | None = Field(
        default=None, ge=1, le=12, description="（十一）当年贷款占用月数，默认 12（全年）"
    )
    in_project_library: bool | None = Field(default=None, description="项目是否列入市智改数转项目库")
    loan_via_platform: bool | None = Field(
        default=None, description="（十一）贷款是否在泰州市产融综合服务平台获得"
    )

    @model_validator(mode="after")
    def _parts_within_total(self) -> Claim:
        # 备案总投资额“其中”的两项不可能大于总额本身。
        total = self.total_investment_yuan
        if total is not None:
            for name, label in (
                ("fixed_asset_loan_yuan", "固定资产贷款"),
                ("software_investment_yuan", "软件等投入"),
            ):
                part = getattr(self, name)
                if part is not None and part > total:
                    raise ValueError(
                        f"{name}（{label} {part:,}元）大于 total_investment_yuan（项目备案总投资 {total:,}元），"
                        "二者矛盾：它是总投资的“其中”一项"
                    )
        return self


class CalcRequest(BaseModel):
    """What to calculate: the enterprise, its claims, and the date the policy is read at."""

    model_config = ConfigDict(extra="forbid")

    enterprise: Enterprise = Field(default_factory=Enterprise, description="企业情况")
    claims: list[Claim] = Field(default_factory=list, description="申报的奖项，每项一条")
    as_of: date | None = Field(
        default=None, description="测算日期（YYYY-MM-DD），默认今天；用于判断政策有效期"
    )
    doc_id: str | None = Field(default=None, description="政策文件 id，默认为 claims 所属文件")


# The facts a rule's conditions may test (rulebook.py checks rules.yaml against these names).
CLAIM_AMOUNT_FIELDS = frozenset(n for n in Claim.model_fields if n.endswith("_yuan"))
CLAIM_BOOL_FIELDS = frozenset({"advanced_tech", "in_project_library", "loan_via_platform"})
ENTERPRISE_FIELDS = frozenset(Enterprise.model_fields)
CLAIM_FIELDS = frozenset(Claim.model_fields)

_ERROR_WORDS = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（不允许）",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "string_type": "应为字符串",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "date_from_datetime_parsing": "应为日期 YYYY-MM-DD",
    "date_parsing": "应为日期 YYYY-MM-DD",
    "date_type": "应为日期 YYYY-MM-DD",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
}


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in {"function-before[_amount(), int]", "int", "str", "bool"}:
            continue  # pydantic names union members in the path; people do not need them
        else:
            out += f".{part}" if out else str(part)
    return out or "（请求）"


def describe_validation_error(exc: ValidationError) -> str:
    """One line per problem, each naming the field (``claims[0].investment_yuan: 金额不能为负数``)."""
    seen: dict[str, str] = {}
    for err in exc.errors():
        where = _loc(tuple(err["loc"]))
        if err["type"] in ("value_error", "assertion_error"):
            msg = str(err.get("ctx", {}).get("error", err["msg"]))
        else:
            msg = _ERROR_WORDS.get(err["type"], err["msg"])
            if "input" in err and err["type"] not in ("missing",):
                msg += f"（收到 {json.dumps(err['input'], ensure_ascii=False, default=str)[:60]}）"
        seen.setdefault(where, f"{where}: {msg}")
    return "；".join(seen.values())


def parse_request(data: object) -> CalcRequest:
    """Validate a JSON-like object into a CalcRequest; problems become one BadClaim naming every bad field."""
    if isinstance(data, CalcRequest):
        return data
    if not isinstance(data, dict):
        raise BadClaim(f"输入应为 JSON 对象（含 enterprise、claims、as_of），收到的是 {type(data).__name__}")
    try:
        return CalcRequest.model_validate(data)
    except ValidationError as exc:
        raise BadClaim(f"输入有误：{describe_validation_error(exc)}") from None
