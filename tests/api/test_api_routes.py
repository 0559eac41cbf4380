"""The plain JSON routes against the real engine: the ask contract, search, calc, feedback, documents, health,
metrics, OpenAPI, and bad input answered with a 4xx JSON error, never a 500 or a traceback."""

from __future__ import annotations

import json
from typing import Any

import pytest

from assistant.engine import Assistant

ROUTES = {
    "/v1/ask",
    "/v1/search",
    "/v1/calc",
    "/v1/feedback",
    "/v1/documents",
    "/v1/chat/completions",
    "/v1/models",
    "/healthz",
    "/metrics",
}


@pytest.mark.parametrize(
    "turns",
    [["智能车间投入800万能拿多少？"], ["智能车间投入800万能拿多少？", "那四星级呢？"], ["今天天气怎么样"]],
)
def test_ask_returns_what_the_engine_returns(client: Any, api_bot: Assistant, turns: list[str]) -> None:
    got = client.post("/v1/ask", json={"turns": turns})
    assert got.status_code == 200
    body = got.json()
    expected = api_bot.ask_turns(turns).to_dict()
    for key in ("kind", "answer", "citations", "tool_calls", "planner", "helpdesk"):
        assert body[key] == json.loads(json.dumps(expected[key], ensure_ascii=False)), key


def test_ask_checks_doc_against_the_corpus(client: Any) -> None:
    docs = client.get("/v1/documents").json()
    assert docs and all(d["doc_id"] and d["number"] for d in docs)
    ok = client.post("/v1/ask", json={"turns": ["DCMM认证奖多少"], "doc": docs[0]["doc_id"]})
    assert ok.status_code == 200 and ok.json()["kind"] == "answer"
    bad = client.post("/v1/ask", json={"turns": ["DCMM认证奖多少"], "doc": "no-such-doc"})
    assert bad.status_code == 422
    assert (
        "no-such-doc" in bad.json()["error"]["message"]
        and docs[0]["doc_id"] in bad.json()["error"]["message"]
    )


def test_search_returns_hits_like_the_cli(client: Any, api_bot: Assistant) -> None:
    hits = client.post("/v1/search", json={"query": "贷款贴息", "k": 3}).json()
    expected = [h.to_dict() for h in api_bot.context.index.search("贷款贴息", 3)]
    assert [h["path"] for h in hits] == [h["path"] for h in expected]
    assert len(hits) == 3 and "贴息" in "".join(h["text"] for h in hits)


def test_search_can_be_limited_to_documents(client: Any) -> None:
    doc_id = client.get("/v1/documents").json()[0]["doc_id"]
    hits = client.post("/v1/search", json={"query": "贷款贴息", "doc": [doc_id]}).json()
    assert hits and all(h["doc_id"] == doc_id for h in hits)
    unknown = client.post("/v1/search", json={"query": "贷款贴息", "doc": "no-such-doc"})
    assert unknown.status_code == 400 and "no-such-doc" in unknown.json()["error"]["message"]


def test_calc_computes_and_names_a_bad_claim(client: Any) -> None:
    ok = client.post("/v1/calc", json={"claims": [{"award": "dcmm"}]})
    assert ok.status_code == 200
    assert "30" in json.dumps(ok.json(), ensure_ascii=False)
    bad = client.post("/v1/calc", json={"claims": [{"award": "no_such_award"}]})
    assert bad.status_code == 400 and "no_such_award" in bad.json()["error"]["message"]
    extra = client.post("/v1/calc", json={"claims": [], "surprise": 1})
    assert extra.status_code == 422 and "surprise" in extra.json()["error"]["message"]
    outside = client.post(
        "/v1/calc", json={"enterprise": {"registered_locally": False}, "claims": [{"award": "dcmm"}]}
    )
    assert outside.status_code == 200 and outside.json()["eligible"] is False
    old = client.post("/v1/calc", json={"enterprise": {"registered_in_taixing": True}, "claims": []})
    assert old.status_code == 422 and "已更名为 registered_locally" in old.json()["error"]["message"]


def test_calc_body_schema_is_generated_from_the_declared_facts(client: Any) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    enterprise = schemas["Enterprise"]["properties"]
    assert {"registered_locally", "pays_tax_locally", "local_tax_paid_yuan"} <= set(enterprise)
    assert "registered_in_taixing" not in enterprise
    assert schemas["Claim"]["properties"]["loan_via_platform"]["description"].startswith("是否在")


def test_feedback_is_stored_and_export_needs_a_key(client: Any) -> None:
    answer = client.post("/v1/ask", json={"turns": ["DCMM认证奖多少"]}).json()
    saved = client.post(
        "/v1/feedback", json={"rating": -1, "question": "DCMM认证奖多少", "answer": answer, "comment": "慢"}
    )
    assert saved.status_code == 200 and saved.json()["id"] >= 1
    (rec,) = client.app.state.service.store.all()
    assert (rec.rating, rec.comment, rec.citations) == (-1, "慢", answer["citations"])
    refused = client.get("/v1/feedback")
    assert refused.status_code == 403 and "ZGSZ_API_KEYS" in refused.json()["error"]["message"]


def test_healthz_reports_index_and_stores(client: Any) -> None:
    health = client.get("/healthz")
    assert health.status_code == 200
    body = health.json()
    assert body["status"] == "ok" and body["index"]["vectors"] == body["index"]["chunks"] > 0
    assert body["feedback"] == {"status": "ok", "backend": "sqlite", "notice": ""}


def test_healthz_is_503_when_a_store_is_unreachable(client: Any) -> None:
    store = client.app.state.service.store

    def broken() -> None:
        raise OSError("disk gone")

    store.backend.ping = broken
    health = client.get("/healthz")
    assert health.status_code == 503 and "disk gone" in health.json()["feedback"]["error"]


def test_metrics_count_requests_latency_errors_and_kinds(client: Any) -> None:
    client.post("/v1/ask", json={"turns": ["DCMM认证奖多少"]})
    client.post("/v1/ask", json={"turns": ["今天天气怎么样"]})
    client.post("/v1/ask", json={"turns": []})
    text = client.get("/metrics").text
    assert 'route="/v1/ask",status="200"} 2' in text
    assert 'route="/v1/ask",status="422"} 1' in text
    assert "zgsz_request_errors_total{" in text and 'side="client"} 1' in text
    assert "zgsz_request_seconds_count{" in text and 'route="/v1/ask"} 3' in text
    assert 'kind="answer"} 1' in text and 'kind="refuse"} 1' in text


def test_openapi_lists_every_route(client: Any) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert ROUTES <= paths
    assert client.get("/docs").status_code == 200


BAD_BODIES = [
    ("/v1/ask", b"{not json"),
    ("/v1/ask", b"[]"),
    ("/v1/ask", b'{"turns": "one string"}'),
    ("/v1/ask", b'{"turns": [1, 2]}'),
    ("/v1/ask", b'{"turns": []}'),
    ("/v1/ask", b'{"turns": ["a"], "extra": 1}'),
    ("/v1/ask", json.dumps({"turns": ["长" * 20_001]}).encode()),
    ("/v1/ask", json.dumps({"turns": ["x"] * 51}).encode()),
    ("/v1/ask", b"\xff\xfe garbage"),
    ("/v1/search", b'{"query": ""}'),
    ("/v1/search", b'{"query": "q", "k": 0}'),
    ("/v1/search", b'{"query": "q", "k": "many"}'),
    ("/v1/calc", b'{"claims": [{"award": "base_investment", "investment_yuan": "abc"}]}'),
    ("/v1/calc", b'{"claims": "dcmm"}'),
    ("/v1/feedback", b'{"rating": 0, "question": "q", "answer": "a"}'),
    ("/v1/feedback", b'{"rating": true, "question": "q", "answer": "a"}'),
    ("/v1/chat/completions", b'{"messages": []}'),
    ("/v1/chat/completions", b'{"messages": [{"role": "assistant", "content": "hi"}]}'),
    ("/v1/chat/completions", b'{"messages": [{"role": "wizard", "content": "hi"}]}'),
]


@pytest.mark.parametrize(("path", "body"), BAD_BODIES, ids=[f"{p} {b[:30]!r}" for p, b in BAD_BODIES])
def test_bad_bodies_get_a_4xx_with_a_message(client: Any, path: str, body: bytes) -> None:
    got = client.post(path, content=body, headers={"content-type": "application/json"})
    assert 400 <= got.status_code < 500, got.text
    error = got.json()["error"]
    assert error["message"] and "Traceback" not in got.text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])  # Chinese …
    assert any(ch.isascii() and ch.isalpha() for ch in error["message"])  # … and English


def test_control_characters_and_a_lone_surrogate_are_answered(client: Any) -> None:
    headers = {"content-type": "application/json"}
    got = client.post(
        "/v1/ask", content=b'{"turns": ["\\u0000DCMM\\u8ba4\\u8bc1\\u5956\\u591a\\u5c11"]}', headers=headers
    )
    assert got.status_code == 200 and got.json()["kind"] == "answer"
    lone = client.post("/v1/ask", content=b'{"turns": ["\\ud800DCMM\\u8ba4\\u8bc1\\u5956"]}', headers=headers)
    assert lone.status_code == 200 and lone.json()["kind"] == "answer"


def test_body_over_the_limit_is_413_declared_or_streamed(client: Any) -> None:
    limit = client.app.state.service.settings.api_max_body_bytes
    big = json.dumps({"turns": ["很长" * limit]}).encode()
    declared = client.post("/v1/ask", content=big, headers={"content-type": "application/json"})
    assert declared.status_code == 413 and str(limit) in declared.json()["error"]["message"]

    def chunks() -> Any:  # no Content-Length: the limit counts what arrives
        for i in range(0, len(big), 4096):
            yield big[i : i + 4096]

    streamed = client.post("/v1/ask", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_unknown_route_and_wrong_method_are_json(client: Any) -> None:
    assert client.get("/v1/nothing").status_code == 404
    wrong = client.get("/v1/ask")
    assert wrong.status_code == 405 and wrong.json()["error"]["message"]
