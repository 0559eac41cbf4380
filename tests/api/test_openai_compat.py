"""The OpenAI-compatible endpoint driven by the official ``openai`` client against a real server (uvicorn on a
loopback port, Gradio mounted at /), streaming and not."""

from __future__ import annotations

from typing import Any

import pytest

from api.openai_compat import MODEL_ID, sources_text
from tests.api.conftest import KEY

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def openai_client(live_server: Any) -> Any:
    import openai

    return openai.OpenAI(base_url=f"{live_server.url}/v1", api_key=KEY, max_retries=0, timeout=60)


def test_models_lists_the_assistant(openai_client: Any) -> None:
    assert [m.id for m in openai_client.models.list()] == [MODEL_ID]


def test_grounded_answer_with_numbered_sources(openai_client: Any) -> None:
    resp = openai_client.chat.completions.create(
        model=MODEL_ID, messages=[{"role": "user", "content": "DCMM认证奖多少"}]
    )
    text = resp.choices[0].message.content
    assert "30万元" in text and resp.choices[0].finish_reason == "stop"
    citations = resp.model_extra["citations"]
    assert citations and all(c["quote"] for c in citations)
    assert "来源：" in text and f"[1] {citations[0]['doc']} {citations[0]['path']}" in text
    assert citations[0]["quote"] in text and resp.model_extra["answer_kind"] == "answer"


def test_earlier_user_messages_are_the_context(openai_client: Any) -> None:
    resp = openai_client.chat.completions.create(
        model="anything",
        messages=[
            {"role": "system", "content": "你是助手"},
            {"role": "user", "content": "获评省五星级工业信息安全防护企业奖多少？"},
            {"role": "assistant", "content": "……"},
            {"role": "user", "content": [{"type": "text", "text": "那四星级呢？"}]},
        ],
    )
    text = resp.choices[0].message.content
    assert "四星" in text and "万元" in text


def test_streaming_gives_the_same_text_and_citations_on_the_last_chunk(openai_client: Any) -> None:
    messages = [{"role": "user", "content": "贷款贴息需要满足什么条件？"}]
    whole = openai_client.chat.completions.create(model=MODEL_ID, messages=messages)
    chunks = list(openai_client.chat.completions.create(model=MODEL_ID, messages=messages, stream=True))
    assert len(chunks) > 3  # really streamed in pieces
    assert chunks[0].choices[0].delta.role == "assistant"
    streamed = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert streamed == whole.choices[0].message.content
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"] == whole.model_extra["citations"]


def test_wrong_key_and_bad_request_raise_the_clients_errors(live_server: Any, openai_client: Any) -> None:
    import openai

    stranger = openai.OpenAI(base_url=f"{live_server.url}/v1", api_key="nope", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        stranger.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(openai.UnprocessableEntityError) as err:
        openai_client.chat.completions.create(
            model=MODEL_ID, messages=[{"role": "assistant", "content": "hi"}]
        )
    assert "user" in str(err.value)


def test_gradio_app_is_served_at_the_root(live_server: Any) -> None:
    import httpx

    page = httpx.get(f"{live_server.url}/", timeout=30)
    assert page.status_code == 200 and "gradio" in page.text.lower()
    config = httpx.get(f"{live_server.url}/config", timeout=30).json()
    assert config["title"] == "泰兴市智改数转政策助手"


def test_sources_text_numbers_each_citation() -> None:
    text = sources_text(
        [{"doc": "D", "path": "A › B", "quote": "q1"}, {"doc": "D", "path": "C", "quote": "q2"}]
    )
    assert text.splitlines()[-2:] == ["[1] D A › B：“q1”", "[2] D C：“q2”"]
    assert sources_text([]) == ""
