"""The Gradio app as `serve` mounts it at / under FastAPI: a person's question answered in the browser, and the
👍 stored in the same feedback store the API exports."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.conftest import KEY
from tests.ui.conftest import open_page

pytestmark = pytest.mark.browser
TIMEOUT = 60_000


def test_mounted_app_answers_and_its_feedback_is_exported(browser: Any, live_server: Any) -> None:
    context, p = open_page(browser, live_server.url + "/")
    try:
        bots = p.page.locator("#chat .message-row.bot-row")
        p.page.locator("#chat-input textarea").fill("DCMM认证奖多少")
        p.page.locator("#chat-input textarea").press("Enter")
        p.page.wait_for_function(
            "() => document.querySelectorAll('#chat .message-row.bot-row').length > 0", timeout=TIMEOUT
        )
        bots.last.wait_for(timeout=TIMEOUT)
        p.page.wait_for_function(
            "() => [...document.querySelectorAll('#chat .message-row.bot-row')].some(r => r.innerText.includes('30万元'))",
            timeout=TIMEOUT,
        )
        p.page.locator("#chat button[aria-label='赞']").last.click()
        export = ""
        for _ in range(50):
            export = httpx.get(
                f"{live_server.url}/v1/feedback", headers={"Authorization": f"Bearer {KEY}"}, timeout=10
            ).text
            if "DCMM认证奖多少" in export:
                break
            p.page.wait_for_timeout(200)
        assert "DCMM认证奖多少" in export
        assert not p.dialogs
    finally:
        context.close()
