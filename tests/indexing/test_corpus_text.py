"""corpus/taixing-2022-25: the cleaned policy.md against the text as published (source.txt) and meta.yaml."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

import pytest
import yaml

from assistant.settings import PROJECT_ROOT

FOLDER = PROJECT_ROOT / "corpus" / "taixing-2022-25"
SOURCE = (FOLDER / "source.txt").read_text(encoding="utf-8")
POLICY = (FOLDER / "policy.md").read_text(encoding="utf-8")
META = yaml.safe_load((FOLDER / "meta.yaml").read_text(encoding="utf-8"))
CORRECTIONS = META["corrections"]
# Web-page chrome that policy.md leaves out on purpose (cleaning notes in meta.yaml).
CHROME = ("当前位置", "平台公告", "文章录入", "浏览次数", "上一篇", "下一篇")
# The attachment list line of the plan: its words survive as the "# 附件" heading and the title under it.
MOVED = "附件:关于推进制造业智能化改造和数字化转型的若干政策"


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("fix", CORRECTIONS, ids=[c["restored"] for c in CORRECTIONS])
def test_each_correction_is_real(fix: dict[str, object]) -> None:
    lost, restored = str(fix["lost"]), str(fix["restored"])
    assert SOURCE.count(lost) == fix["occurrences"], (
        "the lost form must occur in source.txt as often as stated"
    )
    assert restored in POLICY
    assert lost != restored and fix.get("reason")


@pytest.mark.parametrize("fix", CORRECTIONS, ids=[c["restored"] for c in CORRECTIONS])
def test_no_lost_form_is_left_in_policy_md(fix: dict[str, object]) -> None:
    lost, restored = str(fix["lost"]), str(fix["restored"])
    left = POLICY
    if lost in restored:  # e.g. “…达90%” → “…达90%。”: the lost form lives on inside the restored one
        left = left.replace(restored, "")
    assert lost not in left


@pytest.mark.parametrize(
    "restored",
    [
        "〔2022〕25号",
        "2022—2024年",
        "〔2020〕20号",
        "〔2021〕12号",
        "“5G+工业互联网”",
        "“链主”“链核”",
        "“互联网+”",
        "5G、IPv6",
    ],
)
def test_the_issue_s_listed_restorations_are_in_the_list(restored: str) -> None:
    assert any(restored in str(c["restored"]) for c in CORRECTIONS)
    assert restored in POLICY


def test_every_published_sentence_is_in_policy_md() -> None:
    """After applying the corrections, every sentence of source.txt (chrome aside) appears in policy.md."""
    source = SOURCE
    for fix in CORRECTIONS:
        source = source.replace(str(fix["lost"]), unicodedata.normalize("NFKC", str(fix["restored"])))
    policy = _fold(re.sub(r"^#+ ", "", POLICY, flags=re.M))
    missing = []
    for line in source.splitlines():
        if any(word in line for word in CHROME):
            continue
        for sentence in re.split(r"[。;]", _fold(line)):
            if sentence and sentence not in policy and sentence != _fold(MOVED):
                missing.append(sentence)
    assert missing == []


def test_policy_md_adds_no_words_of_its_own() -> None:
    """The other direction: every line of policy.md (its letters, digits and characters) is in the corrected
    source text."""
    source = SOURCE
    for fix in CORRECTIONS:
        source = source.replace(str(fix["lost"]), str(fix["restored"]))
    words = re.sub(r"[^\w]", "", _fold(source))
    extra = [
        line
        for line in POLICY.splitlines()
        if re.sub(r"[^\w]", "", _fold(re.sub(r"^#+ ", "", line))) not in words
    ]
    assert extra == []


def test_the_web_page_chrome_is_gone() -> None:
    for word in CHROME:
        assert word not in POLICY


def test_punctuation_is_full_width() -> None:
    assert re.findall(r"[,:;()]", POLICY) == []


def test_top_level_structure() -> None:
    heads = re.findall(r"^(#+) (.+)$", POLICY, flags=re.M)
    assert [t for h, t in heads if h == "#"] == ["通知", "三年行动计划", "附件"]
    attachment = POLICY.split("\n# 附件\n")[1]
    assert re.findall(r"^## (.+)$", attachment, flags=re.M) == [
        "一、着力企业能级提升",
        "二、强化示范标杆引领",
        "三、加快协同生态营造",
        "四、加强服务能力保障",
        "五、附则",
    ]
    numbered = re.findall(r"^### （(.+?)）", attachment, flags=re.M)
    assert numbered[:12] == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def test_metadata_dates() -> None:
    assert META["published"] == date(2022, 4, 7)
    assert META["valid_from"] == META["published"]
    # 有效期三年 from publication: the last valid day is the day before the third anniversary.
    assert META["valid_until"] == date(2025, 4, 7) - timedelta(days=1)
    for key in ("title", "number", "issuer"):
        assert META[key] in POLICY


def test_every_dictionary_term_is_the_policy_s_own() -> None:
    terms = [
        line.split()[0]
        for line in (FOLDER / "terms.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(terms) > 100
    assert [t for t in terms if t not in POLICY] == []
