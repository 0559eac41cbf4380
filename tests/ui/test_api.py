"""The Gradio API: gradio_client calls the ``ask`` endpoint and gets the JSON of ``ask --json``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.ui.conftest import RunningApp

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def client(running_app: RunningApp) -> Any:
    from gradio_client import Client

    # download_files=False: gradio_client 2.x would take each citation (a dict with a "path") for a file.
    return Client(running_app.url, verbose=False, download_files=False)


def without_timing(d: dict[str, Any]) -> dict[str, Any]:
    """The answer as JSON sees it (``ask --json`` prints JSON too: tuples become lists, int keys strings)."""
    return {k: v for k, v in json.loads(json.dumps(d, ensure_ascii=False)).items() if k != "elapsed_ms"}


def test_ask_returns_a_cited_answer(client: Any, running_app: RunningApp) -> None:
    question = "获评省五星级工业信息安全防护企业奖多少？"
    result = client.predict(question, api_name="/ask")
    assert result["kind"] == "answer"
    assert "15万元" in result["answer"]
    assert result["citations"], result
    first = result["citations"][0]
    assert first["doc"] == "泰政办发〔2022〕25号"
    assert "（三）强化信息安全" in first["path"]
    assert first["quote"] and isinstance(result["elapsed_ms"], float)
    # The same JSON as `ask --json`, i.e. Answer.to_dict() from the engine.
    assert without_timing(result) == without_timing(running_app.bot.ask_turns([question]).to_dict())


def test_ask_json_gives_the_same_answer_as_a_string_to_any_client(running_app: RunningApp) -> None:
    from gradio_client import Client

    question = "DCMM认证奖励多少？"
    text = Client(running_app.url, verbose=False).predict(question, api_name="/ask_json")
    assert isinstance(text, str)
    assert without_timing(json.loads(text)) == without_timing(running_app.bot.ask_turns([question]).to_dict())


def test_a_json_list_is_one_conversation(client: Any) -> None:
    turns = ["获评省五星级工业信息安全防护企业奖多少？", "那四星级呢？"]
    result = client.predict(json.dumps(turns, ensure_ascii=False), api_name="/ask")
    assert "10万元" in result["answer"]


def test_endpoint_is_listed_with_one_string_parameter(client: Any) -> None:
    info = client.view_api(print_info=False, return_format="dict")
    params = info["named_endpoints"]["/ask"]["parameters"]
    assert len(params) == 1 and params[0]["python_type"]["type"] == "str"
    assert "/calc" in info["named_endpoints"]


def test_calc_endpoint_takes_a_calc_request(client: Any) -> None:
    request = {"claims": [{"award": "dcmm"}], "enterprise": {"registered_locally": True}}
    result = client.predict(json.dumps(request), api_name="/calc")
    assert result["claims"][0]["rule_id"] == "dcmm"
    assert result["claims"][0]["amount_text"] == "最高 30万元"


def test_bad_calc_json_is_a_clear_error(client: Any) -> None:
    with pytest.raises(Exception, match="不是有效的 JSON"):
        client.predict("{oops", api_name="/calc")
