"""Chinese numbering → Markdown headings; meta fields read from the text."""

from __future__ import annotations

from datetime import date

import pytest

from indexing.importer.extract import join_wrapped
from indexing.importer.fields import find_issuer, find_number, find_published, find_validity, parse_date
from indexing.importer.outline import split_heading, to_markdown
from indexing.loader import parse_headings


def paths(lines: list[str], title: str = "标题") -> list[tuple[str, ...]]:
    clauses, _ = parse_headings(to_markdown(lines, title).markdown, "d")
    return [c.path for c in clauses]


def test_chapters_and_articles() -> None:
    lines = [
        "第一章 总则",
        "第一条 为规范资金管理，制定本办法。",
        "第二条 本办法适用于全县。",
        "第二章 附则",
        "第三条 本办法自印发之日起施行。",
    ]
    assert paths(lines) == [
        ("标题", "第一章 总则", "第一条"),
        ("标题", "第一章 总则", "第二条"),
        ("标题", "第二章 附则", "第三条"),
    ]


def test_four_levels_nest_in_the_order_they_first_appear() -> None:
    lines = [
        "一、目标",
        "（一）总体",
        "1.数量目标",
        "（1）工厂5个。",
        "（2）车间20个。",
        "2.质量目标",
        "达到先进。",
        "二、保障",
        "加强领导。",
    ]
    assert paths(lines) == [
        ("标题", "一、目标", "（一）总体", "1.数量目标", "（1）工厂5个"),
        ("标题", "一、目标", "（一）总体", "1.数量目标", "（2）车间20个"),
        ("标题", "一、目标", "（一）总体", "2.质量目标"),
        ("标题", "二、保障"),
    ]


def test_an_annex_starts_a_new_top_part() -> None:
    lines = [
        "通知正文。",
        "一、总则",
        "正文。",
        "附件",
        "若干政策",
        "一、支持投入",
        "奖补50万元。",
        "附件2",
        "申报表",
    ]
    assert paths(lines) == [
        ("标题",),
        ("标题", "一、总则"),
        ("附件",),
        ("附件", "一、支持投入"),
        ("附件2",),
    ]


@pytest.mark.parametrize(
    ("kind", "number", "rest", "heading", "text"),
    [
        (
            "paren_cn",
            "（一）",
            "推动基础投入。鼓励企业加大投入。",
            "（一）推动基础投入",
            "鼓励企业加大投入。",
        ),
        ("paren_cn", "（一）", "推动基础投入", "（一）推动基础投入", ""),
        (
            "num",
            "1.",
            "到2025年，全县规上工业企业数字化改造实现全覆盖，重点企业关键工序数控化率达到70%",
            "1.到2025年",
            "到2025年，全县规上工业企业数字化改造实现全覆盖，重点企业关键工序数控化率达到70%",
        ),
        ("article", "第三条", "本办法自印发之日起施行。", "第三条", "本办法自印发之日起施行。"),
        ("annex", "附件1", "", "附件1", ""),
    ],
)
def test_split_heading(kind: str, number: str, rest: str, heading: str, text: str) -> None:
    assert split_heading(kind, number, rest) == (heading, text)


def test_amounts_and_decimals_are_not_headings() -> None:
    assert paths(["一、奖励", "2.5万元以内的项目不予支持。"]) == [("标题", "一、奖励")]


def test_pdf_lines_broken_by_the_page_width_are_joined() -> None:
    lines = [
        "标题行",
        "（一）支持智能车间建设。对当年投入500万元以上的企",
        "业，给予奖补。",
        "（二）鼓励上云。对经认定的省五星级上云企业给予奖励",
        "（三）最高6万元，单个企业每年只奖励一次，不重复",
        "享受。",
    ]
    assert join_wrapped(lines) == [
        "标题行",
        "（一）支持智能车间建设。对当年投入500万元以上的企业，给予奖补。",
        "（二）鼓励上云。对经认定的省五星级上云企业给予奖励",  # the next line starts a heading
        "（三）最高6万元，单个企业每年只奖励一次，不重复享受。",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年6月15日", date(2023, 6, 15)),
        ("二〇二三年六月十五日", date(2023, 6, 15)),
        ("二〇二四年十二月三十一日印发", date(2024, 12, 31)),
        ("2023年13月1日", None),
        ("六月十五日", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("本政策自公布之日起施行，有效期三年。", date(2022, 4, 7), (date(2022, 4, 7), date(2025, 4, 6))),
        ("本措施自2023年7月1日起施行，有效期至2026年6月30日。", None, (date(2023, 7, 1), date(2026, 6, 30))),
        ("本办法自2024年1月1日起施行，有效期为2年。", None, (date(2024, 1, 1), date(2025, 12, 31))),
        ("本办法由县财政局负责解释。", date(2022, 1, 1), (None, None)),
    ],
)
def test_validity(sentence: str, published: date | None, expected: tuple[date | None, date | None]) -> None:
    assert find_validity(["一、附则", sentence], published)[:2] == expected


def test_number_issuer_and_signature_date() -> None:
    lines = [
        "苏州市人民政府办公室文件",
        "苏府办〔2024〕3号",
        "关于印发若干政策的通知",
        "正文。",
        "苏州市人民政府办公室",
        "2024年1月5日",
    ]
    assert find_number(lines) == "苏府办〔2024〕3号"
    assert find_number(["苏府办[2024]3号"]) == "苏府办〔2024〕3号"
    assert find_issuer("关于印发若干政策的通知", lines) == "苏州市人民政府办公室"
    assert find_published(["2020年起实施的政策", *lines]) == date(2024, 1, 5)
