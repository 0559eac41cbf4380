"""The policy search tool: the hybrid index behind a LangChain tool with a pydantic argument schema."""

from __future__ import annotations

from typing import Any

from langchain_core.tools import StructuredTool
from pydantic import BaseModel, Field

TOOL_NAME = "policy_search"


class PolicySearchInput(BaseModel):
    query: str = Field(description="用中文描述要查找的政策内容，例如“智能车间投入奖补”")
    k: int = Field(default=5, ge=1, le=20, description="返回的条款数")


def make_policy_search_tool(index: Any) -> StructuredTool:
    """Wrap a PolicyIndex (anything with ``search(query, k) -> list[Hit]``)."""

    def search(query: str, k: int = 5) -> list[dict[str, Any]]:
        return [hit.to_dict() for hit in index.search(query, k)]

    return StructuredTool.from_function(
        func=search,
        name=TOOL_NAME,
        description="检索泰政办发〔2022〕25号（智改数转三年行动计划及若干政策）的条款，返回标题路径、原文和得分。",
        args_schema=PolicySearchInput,
    )
