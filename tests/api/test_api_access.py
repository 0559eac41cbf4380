"""Access control: bearer keys on /v1 and /metrics, a key for the feedback export, a per-key rate limit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from api.errors import ApiError
from api.guard import RateLimiter
from assistant.engine import Assistant
from tests.api.conftest import KEY, make_settings

AUTH = {"Authorization": f"Bearer {KEY}"}


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": KEY}, {"Authorization": "Basic " + KEY}],
    ids=["none", "wrong key", "no scheme", "basic"],
)
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/v1/ask", {"turns": ["DCMM认证奖多少"]}),
        ("post", "/v1/search", {"query": "贴息"}),
        ("get", "/v1/documents", None),
        ("get", "/v1/models", None),
        ("get", "/v1/feedback", None),
        ("get", "/metrics", None),
    ],
)
def test_calls_without_a_valid_key_are_refused(
    keyed_client: Any, headers: dict[str, str], method: str, path: str, body: Any
) -> None:
    got = getattr(keyed_client, method)(path, headers=headers, **({"json": body} if body else {}))
    assert got.status_code == 401
    assert got.headers["www-authenticate"] == "Bearer" and "API" in got.json()["error"]["message"]


def test_any_configured_key_works_and_healthz_stays_open(keyed_client: Any) -> None:
    for key in (KEY, "second-key"):
        got = keyed_client.post(
            "/v1/ask", json={"turns": ["DCMM认证奖多少"]}, headers={"Authorization": f"Bearer {key}"}
        )
        assert got.status_code == 200 and got.json()["kind"] == "answer"
    assert keyed_client.get("/healthz").status_code == 200  # load balancers probe without a key
    assert keyed_client.get("/metrics", headers=AUTH).status_code == 200


def test_export_with_a_key_returns_every_row(keyed_client: Any) -> None:
    for i in range(3):
        keyed_client.post(
            "/v1/feedback", json={"rating": 1, "question": f"q{i}", "answer": "a"}, headers=AUTH
        )
    got = keyed_client.get("/v1/feedback", headers=AUTH)
    assert got.status_code == 200 and got.headers["x-exported"] == "3" and got.headers["x-unreadable"] == "0"
    assert [json.loads(line)["question"] for line in got.text.splitlines()] == ["q0", "q1", "q2"]
    csv = keyed_client.get("/v1/feedback?format=csv", headers=AUTH)
    assert csv.text.splitlines()[0].startswith("id,created_at,rating") and len(csv.text.splitlines()) == 4
    assert keyed_client.get("/v1/feedback?format=xml", headers=AUTH).status_code == 422


def test_rate_limit_answers_429_per_key(api_bot: Assistant, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app

    settings = make_settings(tmp_path / "data", api_keys=[KEY, "other"], api_rate_limit=3)
    with TestClient(create_app(settings, api_bot, mount_ui=False)) as c:
        codes = [c.get("/v1/documents", headers=AUTH).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = c.get("/v1/documents", headers=AUTH)
        assert (
            int(limited.headers["retry-after"]) >= 1 and "请求过于频繁" in limited.json()["error"]["message"]
        )
        assert c.get("/v1/documents", headers={"Authorization": "Bearer other"}).status_code == 200


def test_rate_limiter_refills_over_time() -> None:
    limiter = RateLimiter(per_minute=60)  # one a second
    for _ in range(60):
        limiter.check("k", now=100.0)
    with pytest.raises(ApiError) as err:
        limiter.check("k", now=100.0)
    assert err.value.status == 429
    limiter.check("k", now=101.01)  # a second later, one more
    with pytest.raises(ApiError):
        limiter.check("k", now=101.02)
    RateLimiter(per_minute=0).check("k")  # 0 = off
