"""The policy search tool: the hybrid index behind a LangChain tool with a pydantic argument schema."""

from __future__ import annotations

from typing import Any

from langchain_core.tools import StructuredTool
from pydantic import BaseModel, Field

TOOL_NAME = "policy_search"


class PolicySearchInput(BaseModel):
    query: str = Field(description="用中文描述要查找的政策内容，例如“智能车间投入奖补”")
    k: int = Field(default=5, ge=1, le=20, description="返回的条款数")
    doc: str | None = Field(
        default=None, description="只在这份政策文件中检索（文件 id，见工具说明）；不填则检索全部文件"
    )


def make_policy_search_tool(index: Any) -> StructuredTool:
    """Wrap a PolicyIndex (anything with ``search(query, k, doc_ids=...) -> list[Hit]`` and ``documents``)."""

    def search(query: str, k: int = 5, doc: str | None = None) -> list[dict[str, Any]]:
        return [hit.to_dict() for hit in index.search(query, k, doc_ids=None if doc is None else [doc])]

    docs = "；".join(
        f"{d.meta.doc_id}：{d.meta.place}《{d.meta.short_title}》{d.meta.number}".rstrip()
        for d in getattr(index, "documents", [])
    )
    return StructuredTool.from_function(
        func=search,
        name=TOOL_NAME,
        description="检索政策条款，返回标题路径、原文、所属文件和得分。"
        + (f"可检索的文件：{docs}。" if docs else ""),
        args_schema=PolicySearchInput,
    )
