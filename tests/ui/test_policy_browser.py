"""policy_browser.py: the heading tree with full text, search, focus — and no markup from the corpus."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from indexing.types import Clause, DocMeta, PolicyDocument
from ui.policy_browser import PolicyBrowser, highlight

META = DocMeta(
    doc_id="d1",
    title="测试政策<b>",
    short_title="测试",
    number="测政〔2022〕1号",
    issuer="测试办",
    published=date(2022, 4, 7),
    valid_from=date(2022, 4, 7),
    valid_until=date(2025, 4, 6),
    contact_department="市工信局",
    folder=Path("."),
)


def clause(order: int, *path: str, text: str) -> Clause:
    return Clause(clause_id=f"d1:{order:010d}", doc_id="d1", path=tuple(path), text=text, order=order)


CLAUSES = (
    clause(0, "通知", text="各镇人民政府：现印发。"),
    clause(
        1,
        "附件",
        "一、着力企业能级提升",
        "（一）推动基础投入",
        text="单个企业最高奖补50万元。（责任部门：市工信局）",
    ),
    clause(2, "附件", "四、加强服务能力保障", "（十一）强化金融保障", text="按不超过1%的利率水平给予贴息。"),
    clause(3, "附件", "五、附则", "（一）适用范围", text="<script>alert(1)</script>在泰兴市内注册、纳税。"),
)


@pytest.fixture
def browser() -> PolicyBrowser:
    return PolicyBrowser([PolicyDocument(meta=META, clauses=CLAUSES)])


def test_whole_tree_shows_every_clause_text_and_heading(browser: PolicyBrowser) -> None:
    page = browser.render()
    for c in CLAUSES:
        for title in c.path:
            assert title in page
    assert "单个企业最高奖补50万元。" in page
    assert "测政〔2022〕1号" in page and "2025-04-06" in page


def test_corpus_markup_is_escaped(browser: PolicyBrowser) -> None:
    page = browser.render()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "测试政策&lt;b&gt;" in page


def test_search_keeps_only_matching_clauses_and_marks_the_words(browser: PolicyBrowser) -> None:
    page = browser.render("贴息")
    assert "找到 1 条" in page
    assert "<mark>贴息</mark>" in page
    assert "单个企业最高奖补" not in page
    assert page.count("<details") == page.count(" open")  # every branch of a result is open


def test_search_with_several_words_needs_all_of_them(browser: PolicyBrowser) -> None:
    assert "找到 1 条" in browser.render("责任部门  工信局")
    assert "没有找到" in browser.render("贴息 工信局")


@pytest.mark.parametrize("query", ["<script>", "lt", "&", '"><img src=x onerror=alert(1)>'])
def test_search_terms_are_escaped_and_cannot_break_entities(browser: PolicyBrowser, query: str) -> None:
    page = browser.render(query)
    assert "<script>" not in page and "<img" not in page
    assert not re.search(r"&[a-z]*<mark>", page)  # no mark inside an entity


def test_focus_opens_its_branch_and_shows_a_card_first(browser: PolicyBrowser) -> None:
    target = CLAUSES[2]
    page = browser.render(focus=target.clause_id)
    assert page.index("当前条款") < page.index("<article")
    assert 'class="pb-clause pb-current"' in page
    leaf = re.search(r'<details class="pb-leaf"( open)?><summary>（十一）强化金融保障', page)
    assert leaf and leaf.group(1) == " open"
    other = re.search(r'<details class="pb-leaf"( open)?><summary>（一）推动基础投入', page)
    assert other and other.group(1) is None


def test_unknown_focus_is_ignored(browser: PolicyBrowser) -> None:
    assert "当前条款" not in browser.render(focus="nope")


def test_choices_list_every_clause_in_reading_order(browser: PolicyBrowser) -> None:
    assert [cid for _, cid in browser.choices()] == [c.clause_id for c in CLAUSES]
    assert browser.choices()[1][0] == "附件 › 一、着力企业能级提升 › （一）推动基础投入"


def test_highlight_is_case_insensitive_and_escapes() -> None:
    assert highlight("DCMM认证 <x>", ["dcmm"]) == "<mark>DCMM</mark>认证 &lt;x&gt;"


def test_no_documents_says_so() -> None:
    assert "没有找到政策文件" in PolicyBrowser([]).render()
