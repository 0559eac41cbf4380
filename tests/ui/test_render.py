"""render.py: whatever a person or a document wrote reaches the page as text, never as markup."""

from __future__ import annotations

import re

import pytest

from ui import render

NASTY = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">点我</a>',
    "[点我](javascript:alert(1))",
    "![x](http://example.com/x.png)",
    "$$\\frac{1}{0}$$",
    "**粗体** _斜体_ `代码` # 标题",
    "&lt;script&gt; 已转义的也要原样显示",
    "| 表格 | 注入 |",
    "# 标题\n- 列表\n1. 编号\n> 引用",
]


def rendered_text(markdown: str) -> str:
    """What a Markdown renderer would show for escaped text: backslash escapes and entities undone."""
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~$])", r"\1", markdown)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@pytest.mark.parametrize("text", NASTY)
def test_escaped_text_has_no_tag_link_or_formatting_left(text: str) -> None:
    out = render.escape_text(text)
    assert "<" not in out
    assert not re.search(r"(?<!\\)[\[\]*_`$|~]", out), out  # every Markdown character is escaped
    assert not re.search(r"^\s*(?:[#+\-]|\d+[.)])", out, re.MULTILINE)  # nothing starts a heading or a list
    assert rendered_text(out) == text  # …and the person still sees exactly what was written


def test_engine_markdown_keeps_formatting_but_not_html() -> None:
    md = "**最高50万元**\n\n> 单个企业最高奖补50万元。\n\n- 一\n- 二 <b onclick=x>粗</b> R&D"
    out = render.safe_markdown(md)
    assert "**最高50万元**" in out and "> 单个企业" in out and "- 一" in out
    assert "<b" not in out and "&lt;b onclick=x>" in out
    assert "R&amp;D" in out


@pytest.mark.parametrize(
    ("clause_id", "href"),
    [
        ("taixing-2022-25:0123456789", "#clause-taixing-2022-25:0123456789"),
        ('x")<script>', "#clause-xscript"),  # nothing can close the link or open a tag
        ("a b(c)", "#clause-abc"),
    ],
)
def test_clause_links_carry_only_safe_id_characters(clause_id: str, href: str) -> None:
    assert render.clause_href(clause_id) == href


def answer(**over: object) -> dict:
    base = {
        "kind": "answer",
        "answer": "按不超过实际投入的5%给予奖补，**最高50万元**。",
        "citations": [
            {
                "doc": "泰政办发〔2022〕25号",
                "path": "附件 › 一、着力企业能级提升 › （一）推动基础投入",
                "quote": "单个企业最高奖补50万元。",
                "clause_id": "taixing-2022-25:aaaaaaaaaa",
                "doc_id": "taixing-2022-25",
            }
        ],
        "tool_calls": [],
        "helpdesk": {
            "script": "投入300万元以上、按不超过5%奖补，最高50万元。",
            "clause": "附件 › 一、着力企业能级提升 › （一）推动基础投入",
            "quote": "单个企业最高奖补50万元。",
            "department": "市工信局",
        },
    }
    base.update(over)
    return base


def test_chat_messages_are_the_answer_then_one_collapsed_source_each() -> None:
    msgs = render.chat_messages(
        answer(), False, lambda cid: "鼓励企业加大投入<b>。" if cid.endswith("a") else None
    )
    assert [m["role"] for m in msgs] == ["assistant", "assistant"]
    main, source = msgs
    assert "最高50万元" in main["content"] and "坐席话术" not in main["content"]
    assert source["metadata"]["status"] == "done"
    assert "（一）推动基础投入" in source["metadata"]["title"]
    assert "单个企业最高奖补50万元。" in rendered_text(source["content"])
    assert "<details><summary>条款全文</summary>" in source["content"]
    assert "鼓励企业加大投入&lt;b&gt;。" in source["content"]  # the whole clause, escaped
    assert "(#clause-taixing-2022-25:aaaaaaaaaa)" in source["content"]


def test_helpdesk_mode_puts_the_script_clause_and_department_first() -> None:
    main = render.chat_messages(answer(), True, lambda cid: None)[0]["content"]
    assert main.index("坐席话术") < main.index("最高50万元**")
    assert "转介部门**：市工信局" in main
    assert "[附件 › 一、着力企业能级提升 › （一）推动基础投入](#clause-taixing-2022-25:aaaaaaaaaa)" in main


def test_a_document_with_script_in_it_is_shown_as_text() -> None:
    bad = answer(
        citations=[
            {
                "doc": "<i>x</i>",
                "path": "附件 › <script>alert(1)</script>",
                "quote": "<img src=x onerror=alert(1)>",
            }
        ]
    )
    msgs = render.chat_messages(bad, True, lambda cid: None)
    everything = "".join(m["content"] + m.get("metadata", {}).get("title", "") for m in msgs)
    assert "<script" not in everything and "<img" not in everything and "<i>" not in everything


def test_kind_label_shows_for_clarify_and_refuse_only() -> None:
    assert "需要补充信息" in render.answer_markdown(answer(kind="clarify"))
    assert "超出范围" in render.answer_markdown(answer(kind="refuse"))
    assert "`" not in render.answer_markdown(answer()).split("\n")[0]


def test_user_message_is_escaped_and_notice_added() -> None:
    msg = render.user_message("<script>alert(1)</script>", notice="输入过长")
    assert msg["role"] == "user"
    assert "<script" not in msg["content"] and "&lt;script&gt;" in msg["content"]
    assert "输入过长" in msg["content"]
