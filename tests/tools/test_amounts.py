"""tools/amounts.py: every written form of money the planner, the calculator and the judge meet."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.errors import BadAmount
from tools.amounts import (
    CEILING_YUAN,
    find_amounts,
    fold,
    format_wan,
    format_yuan,
    parse_amount,
    parse_cn_number,
)

PARSE = [
    # Arabic digits with a multiplier
    ("300万", 3_000_000),
    ("300万元", 3_000_000),
    ("12.5万", 125_000),
    ("12.5万元", 125_000),
    ("0.3亿", 30_000_000),
    ("0.03亿", 3_000_000),
    ("1.5亿元", 150_000_000),
    ("1.2千万", 12_000_000),
    ("1千万", 10_000_000),
    ("0.4百万元", 400_000),
    ("0.4 百万元", 400_000),
    ("1百万", 1_000_000),
    ("3十万", 300_000),
    ("1万亿", 10**12),
    ("5千元", 5_000),
    (".5万", 5_000),
    # yuan written out, with thousands separators
    ("3,000,000元", 3_000_000),
    ("400,000元", 400_000),
    ("1,200万", 12_000_000),
    ("8000元", 8_000),
    ("0元", 0),
    ("5块", 5),
    ("20块钱", 20),
    ("100", 100),
    # 个亿 and Chinese numerals
    ("2个亿", 200_000_000),
    ("两个亿", 200_000_000),
    ("十二个亿元", 1_200_000_000),
    ("三百万元", 3_000_000),
    ("两千万", 20_000_000),
    ("一千二百万", 12_000_000),
    ("十万", 100_000),
    ("十五万", 150_000),
    ("三十万元", 300_000),
    ("一百零五万", 1_050_000),
    ("一亿二千万", 120_000_000),
    ("两亿", 200_000_000),
    ("一万二", 12_000),
    ("两万五", 25_000),
    ("百万", 1_000_000),
    ("叁佰万元", 3_000_000),
    # internet shorthand, full-width, spaces, hedges
    ("300w", 3_000_000),
    ("300W", 3_000_000),
    ("３００万", 3_000_000),
    ("２个亿", 200_000_000),
    ("１２．５万元", 125_000),
    ("300 万 元", 3_000_000),
    ("300\u3000万", 3_000_000),
    ("约50万", 500_000),
    ("120万左右", 1_200_000),
    # a currency sign before the number
    ("￥5,500,000", 5_500_000),
    ("¥300万", 3_000_000),
    ("RMB300", 300),
    ("人民币5000元", 5_000),
    ("约￥50万", 500_000),
    # rounding to whole yuan, half up
    ("0.00005万", 1),
    ("1.23456万", 12_346),
]


@pytest.mark.parametrize(("text", "yuan"), PARSE)
def test_parse_amount(text: str, yuan: int) -> None:
    assert parse_amount(text) == yuan


@pytest.mark.parametrize(
    ("value", "multiplier", "yuan"),
    [
        (300, 10_000, 3_000_000),
        ("300", 10_000, 3_000_000),
        ("300万", 10_000, 3_000_000),
        ("300元", 10_000, 300),
        ("¥300", 10_000, 300),
        (12.5, 10_000, 125_000),
        (0, 1, 0),
        (3.5, 1, 4),
        (400000, 1, 400_000),
    ],
)
def test_default_multiplier_applies_to_bare_numbers_only(value: object, multiplier: int, yuan: int) -> None:
    assert parse_amount(value, default_multiplier=multiplier) == yuan  # type: ignore[arg-type]


BAD = [
    "-5万",
    "－5万",
    "-300",
    "abc",
    "",
    "   ",
    "万元",
    "万",
    "亿元",
    "1.2.3万",
    "1,2345万",
    "50%",
    "300万以上",
    "三百万和五十万",
    "12个",
    "1e5",
    "五十万美元",
    "300 million",
]


@pytest.mark.parametrize("text", BAD)
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(BadAmount):
        parse_amount(text)


@pytest.mark.parametrize("value", [-1, -0.5, float("nan"), float("inf"), float("-inf"), True, False])
def test_parse_amount_rejects_numbers(value: object) -> None:
    with pytest.raises(BadAmount):
        parse_amount(value)  # type: ignore[arg-type]


def test_bad_amount_message_gives_examples() -> None:
    with pytest.raises(BadAmount, match="300万"):
        parse_amount("好多钱")


CN = [
    ("一", 1),
    ("十", 10),
    ("十一", 11),
    ("二十", 20),
    ("二十五", 25),
    ("一百一十", 110),
    ("一百一", 110),
    ("一百零五", 105),
    ("五百", 500),
    ("一千二", 1_200),
    ("两千五", 2_500),
    ("一千零五十", 1_050),
    ("一千一百一", 1_110),
    ("两千零二十三", 2_023),
    ("一万", 10_000),
    ("一万二", 12_000),
    ("一万零二", 10_002),
    ("十二万五千", 125_000),
    ("三千五百万", 35_000_000),
    ("一亿二千万", 120_000_000),
    ("两亿五", 250_000_000),
    ("一亿零五百万", 105_000_000),
    ("十亿", 1_000_000_000),
    ("一百万亿", 10**14),
    ("一千二百三十四万五千六百七十八", 12_345_678),
    ("三〇〇", 300),
    ("二〇二三", 2_023),
    ("零", 0),
    ("壹佰贰拾", 120),
    ("捌仟", 8_000),
]


@pytest.mark.parametrize(("text", "value"), CN)
def test_parse_cn_number(text: str, value: int) -> None:
    assert parse_cn_number(text) == value


@pytest.mark.parametrize("text", ["", "万", "亿", "万一", "零点五", "三百abc", "3百"])
def test_parse_cn_number_rejects(text: str) -> None:
    with pytest.raises(BadAmount):
        parse_cn_number(text)


FIND = [
    ("2023年相关投入800万，奖补最多多少？", [8_000_000]),
    ("奖补40万元，另有400,000元和0.4 百万元", [400_000, 400_000, 400_000]),
    ("3000万×5%=150万，超过单企最高50万元，按50万元", [30_000_000, 1_500_000, 500_000, 500_000]),
    ("5000万×4.2%=210万", [50_000_000, 2_100_000]),
    ("合计１０２万元（100万+2万）", [1_020_000, 1_000_000, 20_000]),
    ("贷了2个亿的设备贷款", [200_000_000]),
    ("奖励三十万元，补贴十万元整", [300_000, 100_000]),
    ("奖励三十万一次性发放", [300_000]),
    ("奖一万二", [12_000]),
    ("一千二百万", [12_000_000]),
    ("金额：1.5 亿元", [150_000_000]),
    ("按2万元/个，0.5万元起", [20_000, 5_000]),
    ("300万元以上（含300万元）", [3_000_000, 3_000_000]),
    ("软件投入不低于400万元", [4_000_000]),
    ("最高奖补8万元。", [80_000]),
    ("投了300w", [3_000_000]),
    ("投入￥5,500,000，奖补多少", [5_500_000]),
    ("人民币 5000，RMB300万", [5_000, 3_000_000]),
    ("总投资0.8亿，其中软件1500万", [80_000_000, 15_000_000]),
    # a measure word that starts a word of its own is not a count: 条件, 项目, 次年
    ("固定资产贷款六千万条件都具备", [60_000_000]),
    ("拿了4500万项目贷款", [45_000_000]),
    ("前年投了700万次年又追加200万", [7_000_000, 2_000_000]),
    ("上云企业1万条数据，3万件订单", []),
    # not money: years, dates, percentages, counts, ordinals, words
    ("2022年4月7日起施行，2022—2024年", []),
    ("年利率4.2%，普及率达90%，超过80%", []),
    ("新增工业信息安全星级防护企业7个，标杆工厂12个，注册企业数600个", []),
    ("服务企业1万家，培训3万人次", []),
    ("三千家企业，五星级，一事一议", []),
    ("（一）推动基础投入；第三年", []),
    ("单位为万元，万元以上", []),
    ("百万元级项目，千万不要", []),
    ("几十万，数百万元", []),
    ("万一出事", []),
    ("补助资金的50%", []),
]


@pytest.mark.parametrize(("text", "amounts"), FIND)
def test_find_amounts(text: str, amounts: list[int]) -> None:
    assert [m.yuan for m in find_amounts(text)] == amounts


def test_find_amounts_positions_and_raw_have_no_trailing_space() -> None:
    text = "投入 800万 奖补40万元"
    found = find_amounts(text)
    assert [(m.raw, text[m.start : m.end]) for m in found] == [("800万", "800万"), ("40万元", "40万元")]


def test_find_amounts_without_unit_takes_bare_numbers() -> None:
    assert [m.yuan for m in find_amounts("投入 800 和 12个", require_unit=False)] == [800]


@pytest.mark.parametrize(
    ("text", "folded"),
    [("１２３万元", "123万元"), ("５０％", "50%"), ("ＡＩ", "AI"), ("（一）", "(一)"), ("a\u3000b", "a b")],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


FORMAT = [
    (0, "0元"),
    (8_000, "8,000元"),
    (9_999, "9,999元"),
    (10_000, "1万元"),
    (12_345, "1.2345万元"),
    (125_000, "12.5万元"),
    (400_000, "40万元"),
    (1_000_000, "100万元"),
    (1_020_000, "102万元"),
    (12_000_000, "1200万元"),
    (99_000_000, "9900万元"),
    (100_000_000, "1亿元"),
    (150_000_000, "1.5亿元"),
    (123_456_789, "12345.6789万元"),
    (10**12, "10000亿元"),
    (-125_000, "-12.5万元"),
]


@pytest.mark.parametrize(("yuan", "text"), FORMAT)
def test_format_wan(yuan: int, text: str) -> None:
    assert format_wan(yuan) == text


@pytest.mark.parametrize(("yuan", "text"), [(0, "0元"), (400_000, "400,000元"), (1_020_000, "1,020,000元")])
def test_format_yuan(yuan: int, text: str) -> None:
    assert format_yuan(yuan) == text


@pytest.mark.parametrize("yuan", [y for y, _ in FORMAT if y >= 0])
def test_format_wan_round_trips_through_parse_amount(yuan: int) -> None:
    assert parse_amount(format_wan(yuan)) == yuan
    assert [m.yuan for m in find_amounts(f"可获{format_wan(yuan)}。")] == ([yuan] if yuan else [0])


@given(st.integers(min_value=0, max_value=CEILING_YUAN))  # above it: 金额不合理 (tested above)
def test_format_round_trip_property(yuan: int) -> None:
    assert parse_amount(format_wan(yuan)) == yuan
    assert parse_amount(format_yuan(yuan)) == yuan
    assert [m.yuan for m in find_amounts(f"合计{format_wan(yuan)}，")] == [yuan]


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "万元", "亿", "亿元", "元"]))
def test_digits_with_unit_property(n: int, unit: str) -> None:
    mult = {"万": 10**4, "万元": 10**4, "亿": 10**8, "亿元": 10**8, "元": 1}[unit]
    written = f"{n}{unit}"
    assert parse_amount(written) == n * mult
    assert parse_amount(written.translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == n * mult
    assert [m.yuan for m in find_amounts(f"2024年奖补{written}，占比5%")] == [n * mult]


@pytest.mark.parametrize(
    ("text", "yuan"), [("二点六亿", 260_000_000), ("十二点五万", 125_000), ("零点八亿", 80_000_000)]
)
def test_chinese_decimals(text: str, yuan: int) -> None:
    assert parse_amount(text) == yuan
    assert [m.yuan for m in find_amounts(f"投资{text}，")] == [yuan]


@pytest.mark.parametrize("text", ["这一块投入是四百万", "我们那一块花了四百万", "两家一块儿申报四百万"])
def test_a_demonstrative_one_piece_is_not_one_yuan(text: str) -> None:
    assert [a.yuan for a in find_amounts(text)] == [4_000_000]


def test_one_kuai_as_money_is_still_one_yuan() -> None:
    assert [a.yuan for a in find_amounts("只差一块钱")] == [1]


# ---- bounds: beyond 1万亿元 or not finite is 金额不合理, never a Decimal error ----------------------------------
UNREASONABLE = [
    "99999999999999999999999999999999亿",
    "九千九百九十九万亿亿亿元",
    "1.0001万亿",
    "9" * 5000 + "元",
    "一" + "亿" * 500,
    1e40,
    10**5001,  # an int too long even for str()
    float("inf"),
    float("nan"),
]


@pytest.mark.parametrize("value", UNREASONABLE, ids=[f"case{i}" for i in range(len(UNREASONABLE))])
def test_unreasonable_amounts_are_refused_by_name(value: object) -> None:
    with pytest.raises(BadAmount, match="^金额不合理"):
        parse_amount(value)  # type: ignore[arg-type]


def test_the_ceiling_itself_is_accepted() -> None:
    assert parse_amount("1万亿") == parse_amount(10**12) == 10**12
    assert parse_amount(100_000_000, default_multiplier=10_000) == 10**12
    with pytest.raises(BadAmount, match="^金额不合理"):
        parse_amount(100_000_001, default_multiplier=10_000)


@pytest.mark.parametrize(
    "text", ["智能车间投入99999999999999999999999999999999亿能拿多少", "九千九百九十九万亿亿亿元"]
)
def test_find_amounts_refuses_an_unreasonable_figure_instead_of_dropping_it(text: str) -> None:
    with pytest.raises(BadAmount, match="^金额不合理"):
        find_amounts(text)


# Approximate figures: the stated round figure, flagged, so the answer can say which figure it used.
@pytest.mark.parametrize(
    ("text", "yuan", "approx"),
    [
        ("利息今年付了700多万", 7_000_000, "more"),
        ("投了四百多万元", 4_000_000, "more"),
        ("大概2千多万的贷款", 20_000_000, "more"),
        ("软件花了三十来万", 300_000, "about"),
        ("总投资3500余万元", 35_000_000, "more"),
        ("纳税1万多元", 10_000, "more"),
        ("投入将近500万", 5_000_000, "below"),
        ("贷款不到2000万", 20_000_000, "below"),
        ("利息80万左右", 800_000, "about"),
        ("大约120万元的投入", 1_200_000, "about"),
        ("投入350万", 3_500_000, ""),
        ("最近投了350万", 3_500_000, ""),
    ],
)
def test_approximate_amounts_parse_as_the_stated_figure_with_a_flag(
    text: str, yuan: int, approx: str
) -> None:
    found = find_amounts(text)
    assert [(a.yuan, a.approx) for a in found] == [(yuan, approx)]


def test_a_question_word_is_not_an_approximate_figure() -> None:
    assert find_amounts("三百万能拿多少万") == [find_amounts("三百万")[0]]
    assert [a.yuan for a in find_amounts("一共多少万，投了五百多万")] == [5_000_000]
