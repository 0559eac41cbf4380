"""The award calculator as a LangChain tool, so an LLM planner can call it with a checked argument schema.

Example:
    >>> tool = make_calculator_tool(RuleBook.load("corpus"))                        # doctest: +SKIP
    >>> tool.invoke({"claims": [{"award": "dcmm"}]})["total_text"]                  # doctest: +SKIP
    '最高 30万元'
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from langchain_core.tools import StructuredTool, ToolException
from pydantic import ValidationError

from common.errors import AssistantError
from tools.award_calculator import calculate
from tools.calc_schema import describe_validation_error
from tools.rulebook import RuleBook

TOOL_NAME = "award_calculator"


def tool_description(book: RuleBook) -> str:
    """What the tool does and every allowed value, generated from the rule book (so new awards appear here)."""
    v = book.vocabulary
    awards = "；".join(f"{r.id}={r.title}" for r in book.rules)
    levels = "、".join(f"{k}={n}" for k, n in v.level_names.items())
    stars = "、".join(f"{k}={n}" for k, n in v.star_names.items())
    fields = "、".join(f"{k}={n}" for k, n in v.field_names.items())
    exclusions = "；".join(f"{e.id}={e.name}" for e in book.exclusions)
    documents = "；".join(f"{d.doc_id}={d.number}" for d in book.docs.values())
    return (
        f"奖补测算（{documents}）。给出企业情况和申报的奖项，返回每项是否符合、金额或上限、"
        "条款与计算步骤、附则原则的适用（就高不重复、年度奖补不超过地方税收、有效期）和仍缺少的信息。"
        "金额可写整数元或“300万”；不知道的事实留空，不要猜。"
        f"award 可选：{awards}。level 可选：{levels}。star 可选：{stars}。field 可选：{fields}。"
        f"enterprise.exclusions 可选：{exclusions}。同一事项的多项奖励请给相同的 project。"
    )


def make_calculator_tool(book: RuleBook, today: Callable[[], date] | None = None) -> StructuredTool:
    """A StructuredTool whose args schema is the rule book's generated ``CalcRequest`` and whose output is ``CalcResult.to_dict()``.

    Errors meant for people (unknown award, bad amount …) come back as the tool's text output, so an LLM can
    correct its call; ``today`` supplies the date when the call gives no ``as_of`` (default: the real date).
    """

    def run(**kwargs: Any) -> dict[str, Any]:
        try:
            request = book.models.request.model_validate(kwargs)  # LangChain passes the validated parts back
            return calculate(request, book, today=today() if today else None).to_dict()
        except ValidationError as exc:
            raise ToolException(f"输入有误：{describe_validation_error(exc)}") from None
        except AssistantError as exc:
            raise ToolException(str(exc)) from None

    def on_validation_error(exc: Any) -> str:
        if isinstance(exc, ValidationError):
            return f"输入有误：{describe_validation_error(exc)}"
        return f"输入有误：{exc}"

    return StructuredTool.from_function(
        func=run,
        name=TOOL_NAME,
        description=tool_description(book),
        args_schema=book.models.request,
        handle_tool_error=True,
        handle_validation_error=on_validation_error,
    )
