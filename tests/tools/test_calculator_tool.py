"""The calculator as a LangChain tool: the schema an LLM sees, a call as a chat model would make it, errors as text."""

from __future__ import annotations

import json
from datetime import date

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, ToolMessage
from langchain_core.utils.function_calling import convert_to_openai_tool

from assistant.settings import PROJECT_ROOT
from tools.calc_schema import CalcRequest
from tools.calculator_tool import TOOL_NAME, make_calculator_tool
from tools.rulebook import RuleBook


@pytest.fixture(scope="module")
def tool():  # noqa: ANN201
    return make_calculator_tool(RuleBook.load(PROJECT_ROOT / "corpus"), today=lambda: date(2024, 6, 1))


def test_schema_is_the_request_model_and_lists_allowed_values(tool) -> None:  # noqa: ANN001
    book = RuleBook.load(PROJECT_ROOT / "corpus")
    # the schema is generated from the facts rules.yaml declares, once per set of declarations
    assert tool.name == TOOL_NAME and tool.args_schema is book.models.request
    assert issubclass(tool.args_schema, CalcRequest)
    spec = convert_to_openai_tool(tool)["function"]
    assert set(spec["parameters"]["properties"]) == {"enterprise", "claims", "as_of", "doc_id"}
    claim = spec["parameters"]["properties"]["claims"]["items"]["properties"]
    money = claim["investment_yuan"]["anyOf"][0]["anyOf"]
    assert {"type": "string"} in money and {"type": "integer", "minimum": 0} in money  # "300万" is welcome
    for word in (
        "interest_subsidy=智改数转项目贷款贴息",
        "provincial=省级",
        "5=五星级",
        "serious_dishonesty",
    ):
        assert word in spec["description"]


def test_invoke_returns_the_result_dict(tool) -> None:  # noqa: ANN001
    out = tool.invoke(
        {"claims": [{"award": "base_investment", "investment_yuan": "800万", "advanced_tech": True}]}
    )
    assert out["total_yuan"] == 400_000 and out["claims"][0]["amount_text"] == "最高 40万元"
    assert out["as_of"] == "2024-06-01"


def test_a_chat_model_tool_call_runs(tool) -> None:  # noqa: ANN001
    call = {
        "name": TOOL_NAME,
        "args": {"enterprise": {"local_tax_paid_yuan": "40万", "newly_introduced": False},
                 "claims": [{"award": "dcmm", "year": 2024}, {"award": "quality_benchmark", "year": 2024}]},
        "id": "call-1",
        "type": "tool_call",
    }  # fmt: skip
    model = GenericFakeChatModel(messages=iter([AIMessage(content="", tool_calls=[call])]))
    ai = model.invoke("DCMM 加省级工业质量标杆，税收 40万，能拿多少？")
    msg = tool.invoke(ai.tool_calls[0])
    assert isinstance(msg, ToolMessage) and msg.tool_call_id == "call-1"
    assert json.loads(msg.content)["total_yuan"] == 400_000


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"claims": [{"award": "base_investment", "investment_yuan": -1}]}, "claims[0].investment_yuan"),
        ({"claims": [{"award": "golden_factory"}]}, "未知奖项"),
        ({"claims": [{"award": "infosec_star", "star": 7}]}, "未知星级"),
    ],
)
def test_errors_come_back_as_text_for_the_model(tool, args: dict, expected: str) -> None:  # noqa: ANN001
    out = tool.invoke(args)
    assert isinstance(out, str) and expected in out
