"""The web app in a real browser: headless Debian chromium, driven by Playwright, against the app on a free port.

Each test does what a person would: types a question, opens a source, fills the form, clicks 👎 … and checks
what the page shows (and, for feedback, what landed in SQLite). Screenshots are saved to tests/artifacts/.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

import pytest

from assistant.feedback import FILE_NAME
from tests.ui.conftest import Page, RunningApp, open_page

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow]

TIMEOUT = 30_000
QUESTION = "智能车间2023年相关投入800万，能拿多少奖补？"


def bot_rows(p: Page) -> Any:
    return p.page.locator("#chat .message-row.bot-row")


def ask(p: Page, text: str) -> Any:
    """Type a question, send it, and return the locator of its answer (the newest bot bubble group)."""
    before = bot_rows(p).count()
    box = p.page.locator("#chat-input textarea")
    box.fill(text)
    box.press("Enter")
    p.page.wait_for_function(
        "n => document.querySelectorAll('#chat .message-row.bot-row').length > n", arg=before, timeout=TIMEOUT
    )
    row = bot_rows(p).nth(before)
    row.wait_for(timeout=TIMEOUT)
    return row


def test_first_screen_is_chinese_and_fits_desktop_and_phone(browser: Any, running_app: RunningApp) -> None:
    for width, height, name in [(1280, 800, "first-screen-1280x800"), (390, 844, "first-screen-390x844")]:
        context, p = open_page(browser, running_app.url, width, height)
        try:
            page = p.page
            page.wait_for_selector("#chat .example")
            assert page.title() == "泰兴市智改数转政策助手"
            assert page.locator("#app-header h1").inner_text() == "泰兴市智改数转政策助手"
            for tab in ("政策问答", "补贴测算", "政策原文"):
                assert page.get_by_role("tab", name=tab).is_visible()
            assert page.locator("#chat .example").count() >= 3
            assert page.locator("#chat-input textarea").is_visible()
            # Nothing wider than the window: no sideways scrolling on a phone.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            p.shot(name)
        finally:
            context.close()


def test_answer_with_citation_open_source_and_follow_up(page: Page) -> None:
    answer = ask(page, QUESTION)
    assert re.search(r"\d+万元", answer.inner_text())
    source = answer.get_by_text(re.compile(r"来源 1｜"))
    assert "（一）推动基础投入" in source.inner_text()
    page.shot("chat-answer")

    source.click()  # open the source: its quote, then the whole clause
    details = answer.locator("details", has_text="条款全文").first
    details.wait_for(timeout=TIMEOUT)
    details.locator("summary").click()
    assert "单个企业最高奖补50万元" in details.inner_text()
    page.shot("chat-source-open")

    follow_up = ask(page, "如果投入是2000万呢？")  # the facts of the first turn carry over
    assert "50万元" in follow_up.inner_text()
    assert bot_rows(page).count() == 2
    page.shot("chat-follow-up")


def test_citation_link_opens_its_clause_in_the_policy_browser(page: Page) -> None:
    answer = ask(page, "贷款贴息需要满足什么条件？")
    answer.get_by_text(re.compile(r"来源 1｜")).click()
    link = answer.get_by_role("link", name=re.compile("在「政策原文」中打开"))
    link.first.click()
    focus = page.page.locator("#policy-view .pb-focus")
    focus.wait_for(timeout=TIMEOUT)
    assert page.page.get_by_role("tab", name="政策原文").get_attribute("aria-selected") == "true"
    assert "（十一）强化金融保障" in focus.inner_text()
    assert "贴息" in focus.inner_text()
    page.shot("policy-browser-focus")


def test_policy_browser_search_marks_matches(page: Page) -> None:
    page.page.get_by_role("tab", name="政策原文").click()
    page.page.locator("#policy-search textarea").fill("贴息")
    page.page.wait_for_selector("#policy-view .pb-summary", timeout=TIMEOUT)
    summary = page.page.locator("#policy-view .pb-summary").inner_text()
    assert re.match(r"找到 \d+ 条", summary)
    assert page.page.locator("#policy-view mark", has_text="贴息").count() >= 1
    page.shot("policy-browser-search")


def test_eligibility_form_shows_the_total_and_exports(page: Page) -> None:
    pg = page.page
    pg.get_by_role("tab", name="补贴测算").click()
    pg.locator("#calc-registered_locally").get_by_label("是").check()
    pg.locator("#calc-pays_tax_locally").get_by_label("是").check()
    pg.locator("#calc-independent_legal_person").get_by_label("是").check()
    pg.locator("#calc-base_investment-investment_yuan textarea").fill("800")
    pg.locator("#calc-advanced_tech").get_by_label("是").check()
    pg.locator("#calc-awards").get_by_label("星级工业信息安全防护企业（五星级）").check()
    pg.locator("#calc-run").click()
    total = pg.locator("#calc-total")
    total.get_by_text("合计").wait_for(timeout=TIMEOUT)
    assert "55万元" in total.inner_text()  # 800万 × 5% = 40万 + 五星级 15万
    table = pg.locator("#calc-table").inner_text()
    for expected in ("基础投入奖补", "（一）推动基础投入", "40万元", "15万元", "市工信局"):
        assert expected in table
    assert "就高不重复" in pg.locator("#calc-details").inner_text()
    page.shot("eligibility-result", full_page=True)

    with pg.expect_download(timeout=TIMEOUT) as download:
        pg.locator("#calc-csv").click()
    csv_text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    assert csv_text.startswith("项目,条款,条件,金额或上限,责任部门")
    with pg.expect_download(timeout=TIMEOUT) as download:
        pg.locator("#calc-md").click()
    assert "| 基础投入奖补 |" in open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115


def test_helpdesk_mode_puts_the_script_above_each_answer(page: Page) -> None:
    answer = ask(page, "DCMM认证奖励多少？")
    assert "坐席话术" not in answer.inner_text()
    page.page.locator("#helpdesk-toggle input").check()
    script = answer.get_by_text("坐席话术")
    script.wait_for(timeout=TIMEOUT)
    text = answer.inner_text()
    assert text.index("坐席话术") < text.index("30万元")
    assert "转介部门" in text and "依据条款" in text
    page.shot("helpdesk-mode")
    # Later answers get the script too, while the switch is on.
    assert "坐席话术" in ask(page, "这个找哪个部门？").inner_text()


def test_thumbs_down_with_a_comment_lands_in_sqlite(page: Page, running_app: RunningApp) -> None:
    ask(page, "工业APP奖励多少？")
    page.page.locator("#chat button[aria-label='踩']").last.click()
    box = page.page.locator("#feedback-comment textarea")
    box.wait_for(timeout=TIMEOUT)
    box.fill("没有说明要省级以上认定")
    page.page.locator("#feedback-send").click()
    page.page.locator("#feedback-comment").wait_for(state="hidden", timeout=TIMEOUT)
    page.shot("feedback-sent")
    with sqlite3.connect(running_app.settings.data_dir / FILE_NAME) as con:
        rows = con.execute(
            "SELECT rating, comment, question, answer, citations, planner FROM feedback WHERE question = ?",
            ("工业APP奖励多少？",),
        ).fetchall()
    assert len(rows) == 1
    rating, comment, question, answer, citations, planner = rows[0]
    assert (rating, comment) == (-1, "没有说明要省级以上认定")
    assert "万元" in answer and "（六）鼓励应用开发" in citations and planner == "rules"


def test_phone_answer_and_form_fit_the_screen(browser: Any, running_app: RunningApp) -> None:
    context, p = open_page(browser, running_app.url, 390, 844)
    try:
        answer = ask(p, QUESTION)
        assert "万元" in answer.inner_text()
        assert p.page.evaluate("document.documentElement.scrollWidth") <= 390
        # …and no bubble runs past the screen's edge (where its text would be cut off).
        rights = p.page.evaluate(
            "[...document.querySelectorAll('#chat .message')].map(e => e.getBoundingClientRect().right)"
        )
        assert max(rights) <= 390
        p.shot("phone-chat-answer")
        p.page.get_by_role("tab", name="补贴测算").click()
        p.page.locator("#calc-base_investment-investment_yuan textarea").fill("800")
        p.page.locator("#calc-run").click()
        p.page.locator("#calc-table td").first.wait_for(timeout=TIMEOUT)
        assert p.page.evaluate("document.documentElement.scrollWidth") <= 390
        p.shot("phone-eligibility-result")
    finally:
        context.close()


@pytest.mark.parametrize(
    "attack", ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[点我](javascript:alert(1))"]
)
def test_markup_in_a_question_is_shown_as_text(page: Page, attack: str) -> None:
    ask(page, attack)
    user = page.page.locator("#chat .message-row.user-row").last
    assert user.inner_text().strip() == attack
    assert page.page.locator("#chat script, #chat img[src='x'], #chat a[href^='javascript']").count() == 0
    page.page.wait_for_timeout(500)  # an onerror handler would have fired by now
    assert page.dialogs == []
    if attack.startswith("<script>"):
        page.shot("script-shown-as-text")


def test_long_input_is_cut_with_a_notice(page: Page, running_app: RunningApp) -> None:
    limit = running_app.settings.max_input_chars
    answer = ask(page, "贴息" * limit)
    assert answer.is_visible()
    notice = page.page.locator("#chat .message-row.user-row").last.inner_text()
    assert f"超过 {limit} 字的上限" in notice


def test_new_conversation_forgets_the_last_one(page: Page) -> None:
    ask(page, QUESTION)
    page.page.locator("#new-chat").click()
    page.page.wait_for_selector("#chat .example", timeout=TIMEOUT)
    assert bot_rows(page).count() == 0
    answer = ask(
        page, "如果投入是2000万呢？"
    )  # nothing to carry over from: the engine must not reuse 智能车间
    assert answer.is_visible()


def test_clicking_an_example_question_asks_it(page: Page) -> None:
    page.page.locator("#chat .example").first.click()
    page.page.wait_for_selector("#chat .message-row.bot-row", timeout=TIMEOUT)
    assert "万元" in bot_rows(page).first.inner_text()


def test_copy_answer_puts_its_text_on_the_clipboard(browser: Any, running_app: RunningApp) -> None:
    context, p = open_page(browser, running_app.url)
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=running_app.url.rstrip("/"))
        answer = ask(p, "DCMM认证奖励多少？")
        answer.wait_for(timeout=TIMEOUT)
        p.page.locator("#chat .message-row.bot-row").last.hover()
        p.page.locator("#chat button[aria-label='Copy message']").last.click()
        copied = p.page.evaluate("navigator.clipboard.readText()")
        assert "DCMM认证奖励" in copied and "30万元" in copied
    finally:
        context.close()
