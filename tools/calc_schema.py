"""The award calculator's input: one enterprise and the awards it claims, generated from the declared facts.

The structure (award, level, star, field, project, year; exclusions; as_of, doc_id) is fixed here; every fact a
rule or principle reads is declared in the ``facts:`` section of corpus/*/rules.yaml and becomes a field of the
models ``build_models`` generates with ``pydantic.create_model``. Adding a fact is editing data, not code.

The models are the union over the loaded rule books, not one per document: a request names its document only
inside itself (``doc_id`` or the awards it claims), the LangChain tool and /v1/calc must show one schema before
any document is chosen, and a fact name means one thing in every document (the rule book rejects two
declarations that disagree). The calculator only reads the facts its document's rules read.

Amounts accept integer yuan or text ("300万", "0.3亿", "3,000,000元").

Example:
    >>> spec = FactSpec("investment_yuan", "当年相关投入", "投入多少？", scope="claim", type="yuan")
    >>> models = build_models((spec,))
    >>> req = parse_request({"claims": [{"award": "demo", "investment_yuan": "800万"}]}, models)
    >>> fact(req.claims[0], "investment_yuan")
    8000000
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    create_model,
    model_validator,
)

from common.errors import BadAmount, BadClaim
from tools.amounts import parse_amount
from tools.rule_records import FactSpec


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
    """The enterprise: its name and exclusions here; every other field is a declared fact (scope: enterprise)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, description="企业名称（可选，仅用于显示）")
    exclusions: list[str] = Field(
        default_factory=list,
        description="除外情形的 id（见 rules.yaml 的 exclusions），如 serious_dishonesty",
    )


class Claim(BaseModel):
    """One award claimed: which, at what level/star/field, for which project and year; the rest are facts."""

    model_config = ConfigDict(extra="forbid")

    award: str = Field(description="奖项 id（rules.yaml 的 rules[].id）")
    level: str | None = Field(
        default=None,
        description="级别：rules.yaml vocabulary.levels 的 id 或其中文名（如 national 或 国家级）",
    )
    star: int | str | None = Field(default=None, description="星级：5/4/3（或 五星级/四星级/三星级）")
    field: str | None = Field(default=None, description="领域：rules.yaml vocabulary.fields 的 id 或其中文名")
    project: str | None = Field(
        default=None, description="所涉事项/项目名称：同一事项的多项奖励按就高不重复只计最高一项"
    )
    year: int | None = Field(default=None, ge=2000, le=2100, description="获评或投入的年度")
    stated_yuan: Yuan | None = Field(
        default=None,
        description="申请人自己算出的本项金额（如“贴息算下来是50万”）：按此数计入，不按条件核算；"
        "仍不超过本项上限，并计入就高不重复和年度地方税收上限",
    )


class CalcRequest(BaseModel):
    """What to calculate: the enterprise, its claims, and the date the policy is read at."""

    model_config = ConfigDict(extra="forbid")

    enterprise: Enterprise = Field(default_factory=Enterprise, description="企业情况")
    claims: list[Claim] = Field(default_factory=list, description="申报的奖项，每项一条")
    as_of: date | None = Field(
        default=None, description="测算日期（YYYY-MM-DD），默认今天；用于判断政策有效期"
    )
    doc_id: str | None = Field(default=None, description="政策文件 id，默认为 claims 所属文件")


# The declared types a fact may have, and what each becomes in the model ("choice" facts — level, star,
# field — are Claim's own fields above; their declaration gives only the label and the question).
FACT_TYPES: dict[str, Any] = {
    "bool": bool,
    "yuan": Yuan,
    "int": int,
    "percent": Decimal,
    "text": str,
    "yuan_by_year": dict[int, Yuan],
    "choice": None,
}
FACT_SCOPES = ("enterprise", "claim")
_BASES: dict[str, type[BaseModel]] = {"enterprise": Enterprise, "claim": Claim}


def fact(model: BaseModel, name: str) -> Any:
    """A declared fact's value (None when the fact is unknown or not declared by any loaded rule book)."""
    return getattr(model, name, None)


def _field(spec: FactSpec) -> tuple[Any, Any]:
    if spec.type == "yuan_by_year":
        return FACT_TYPES[spec.type], Field(default_factory=dict, description=spec.label)
    return FACT_TYPES[spec.type] | None, Field(
        default=None, description=spec.label, ge=spec.minimum, le=spec.maximum
    )


def _parts_within_total(parts: tuple[FactSpec, ...]) -> Any:
    def check(self: BaseModel) -> BaseModel:
        # A part declared "part_of" a total (贷款、软件投入 are “其中” of the 总投资) cannot exceed it.
        for spec in parts:
            total, part = fact(self, spec.part_of or ""), fact(self, spec.name)
            if total is not None and part is not None and part > total:
                raise ValueError(
                    f"{spec.name}（{spec.label} {part:,}元）大于 {spec.part_of}（{total:,}元），"
                    "二者矛盾：它是总额的“其中”一项"
                )
        return self

    return model_validator(mode="after")(check)


def _renamed_fields(renamed: dict[str, str]) -> Any:
    def check(cls: type[BaseModel], data: Any) -> Any:
        # A field renamed since an earlier release (rules.yaml ``formerly``) is named with its new name.
        if isinstance(data, dict) and (old := [k for k in data if k in renamed]):
            raise ValueError("；".join(f"{k} 已更名为 {renamed[k]}，请改用新名" for k in old))
        return data

    return model_validator(mode="before")(check)


@dataclass(frozen=True)
class CalcModels:
    """The generated models, and what the rule book and the callers need to know about the facts."""

    enterprise: type[Enterprise]
    claim: type[Claim]
    request: type[CalcRequest]
    specs: dict[str, FactSpec]

    def names(self, scope: str, *types: str) -> frozenset[str]:
        """The declared facts of a scope (and of these types, when given)."""
        return frozenset(
            n for n, s in self.specs.items() if s.scope == scope and (not types or s.type in types)
        )


def build_models(specs: Iterable[FactSpec]) -> CalcModels:
    """Enterprise, Claim and CalcRequest with one field per declared fact (``pydantic.create_model``)."""
    return _build(tuple(specs))  # in the order declared: the form and the messages list them so


@lru_cache(maxsize=16)
def _build(specs: tuple[FactSpec, ...]) -> CalcModels:
    generated: dict[str, type[BaseModel]] = {}
    for scope in FACT_SCOPES:
        fields = {s.name: _field(s) for s in specs if s.scope == scope and s.type != "choice"}
        parts = tuple(s for s in specs if s.scope == scope and s.part_of)
        renamed = {old: s.name for s in specs if s.scope == scope for old in s.formerly}
        validators = {
            **({"parts_within_total": _parts_within_total(parts)} if parts else {}),
            **({"renamed_fields": _renamed_fields(renamed)} if renamed else {}),
        }
        base = _BASES[scope]
        generated[scope] = create_model(  # type: ignore[call-overload]
            base.__name__, __base__=base, __doc__=base.__doc__, __validators__=validators or None, **fields
        )
    ent, claim = generated["enterprise"], generated["claim"]
    request = create_model(
        "CalcRequest",
        __base__=CalcRequest,
        __doc__=CalcRequest.__doc__,
        enterprise=(ent, Field(default_factory=ent, description="企业情况")),
        claims=(list[claim], Field(default_factory=list, description="申报的奖项，每项一条")),  # type: ignore[valid-type]
    )
    return CalcModels(ent, claim, request, {s.name: s for s in specs})  # type: ignore[arg-type]


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


def parse_request(data: object, models: CalcModels) -> CalcRequest:
    """Validate a JSON-like object into the generated CalcRequest; problems become one BadClaim naming every bad
    field (a field renamed since an earlier release is named with its new name)."""
    if isinstance(data, models.request):
        return data
    if isinstance(data, CalcRequest):
        data = data.model_dump(exclude_unset=True)
    if not isinstance(data, dict):
        raise BadClaim(f"输入应为 JSON 对象（含 enterprise、claims、as_of），收到的是 {type(data).__name__}")
    try:
        return models.request.model_validate(data)
    except ValidationError as exc:
        raise BadClaim(f"输入有误：{describe_validation_error(exc)}") from None
