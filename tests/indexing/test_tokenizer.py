"""jieba with the policy's user dictionary: the policy's terms stay whole; stopwords and punctuation go."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from indexing.aliases import alias_words, clause_aliases
from indexing.tokenizer import PolicyTokenizer, load_stopwords, load_user_words

CORPUS = PROJECT_ROOT / "corpus"


@pytest.fixture(scope="module")
def tok() -> PolicyTokenizer:
    return PolicyTokenizer(load_user_words(CORPUS))


@pytest.fixture(scope="module")
def plain() -> PolicyTokenizer:
    return PolicyTokenizer([])


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("推进智改数转工作", "智改数转"),
        ("新认定的5G全连接工厂怎么奖", "5g全连接工厂"),
        ("灯塔工厂一事一议", "灯塔工厂"),
        ("两化融合管理体系升级版贯标", "两化融合"),
        ("推广首台（套）重大装备", "首台套"),
        ("软件首版次给予积分奖励", "首版次"),
        ("通过DCMM认证", "dcmm"),
        ("专精特新企业金融服务", "专精特新"),
        ("规上企业全面实施", "规上企业"),
        ("在泰州市产融综合服务平台获得贷款", "产融综合服务平台"),
        ("标识解析二级节点", "标识解析"),
        ("发挥链主企业作用", "链主"),
        ("智改数转贷等金融产品", "智改数转"),  # a term inside a longer word is still emitted
    ],
)
def test_policy_terms_stay_one_token(tok: PolicyTokenizer, text: str, token: str) -> None:
    assert token in tok.tokenize(text)


@pytest.mark.parametrize(
    ("text", "token"), [("新认定的5G全连接工厂", "5g全连接工厂"), ("推进智改数转工作", "智改数转")]
)
def test_without_the_dictionary_jieba_splits_them(plain: PolicyTokenizer, text: str, token: str) -> None:
    assert token not in plain.tokenize(text)


def test_full_width_and_case_fold(tok: PolicyTokenizer) -> None:
    assert tok.tokenize("５Ｇ全连接工厂和ＤＣＭＭ认证") == tok.tokenize("5g全连接工厂和dcmm认证")
    assert tok.tokenize("首台(套)") == tok.tokenize("首台（套）")


def test_stopwords_and_punctuation_are_dropped(tok: PolicyTokenizer) -> None:
    tokens = tok.tokenize("请问，我们的企业怎么申请贴息？！……")
    assert "贴息" in tokens and "申请" in tokens
    for gone in ("请问", "我们", "的", "怎么", "，", "？", "！", "……"):
        assert gone not in tokens
    assert "的" in load_stopwords()


@pytest.mark.parametrize("text", ["", "   ", "？？？", "😀🎉", "\u3000"])
def test_nothing_to_index(tok: PolicyTokenizer, text: str) -> None:
    assert tok.tokenize(text) == []


def test_english_and_digits_survive(tok: PolicyTokenizer) -> None:
    tokens = tok.tokenize("How much for 300万 AI?")
    assert {"how", "much", "300", "ai"} <= set(tokens)


def _corpus_with_rules(tmp_path: Path, rules: str) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / "taixing-2022-25", corpus / "taixing-2022-25")
    (corpus / "taixing-2022-25" / "rules.yaml").write_text(rules, encoding="utf-8")
    return corpus


RULES = """
doc_id: taixing-2022-25
rules:
  - id: base
    clause: [附件, 一、着力企业能级提升, （一）推动基础投入]
    aliases: [智能车间/工厂建设投入, 基础投入奖补]
principles:
  - id: highest_only
    clause: [附件, 五、附则, （二）相关原则]
    aliases: [叠加享受, 两笔都拿]
vocabulary:
  nested:
    aliases: {正式名称: [俗称甲, 俗称乙]}
  words: [不是别名]
"""


def test_rules_yaml_aliases_join_the_dictionary(tmp_path: Path) -> None:
    corpus = _corpus_with_rules(tmp_path, RULES)
    words = load_user_words(corpus)
    for w in (
        "智能车间",
        "工厂建设投入",
        "基础投入奖补",
        "叠加享受",
        "两笔都拿",
        "正式名称",
        "俗称甲",
        "俗称乙",
    ):
        assert w in words
    assert "不是别名" not in words and "智改数转" in words  # only aliases; terms.txt still there
    assert "叠加享受" in PolicyTokenizer(words).tokenize("这两项能叠加享受吗")
    assert set(alias_words(corpus)) < set(words)


def test_aliases_that_name_a_clause_are_mapped_to_it(tmp_path: Path) -> None:
    table = clause_aliases(_corpus_with_rules(tmp_path, RULES))
    assert table[("taixing-2022-25", ("附件", "五、附则", "（二）相关原则"))] == ["叠加享受", "两笔都拿"]
    assert len(table) == 2


def test_a_broken_rules_yaml_is_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corpus = _corpus_with_rules(tmp_path, "aliases: [unclosed\n")
    with caplog.at_level(logging.WARNING):
        words = load_user_words(corpus)
    assert "智改数转" in words
    assert "rules.yaml" in caplog.text


def test_tokenize_all_is_tokenize_of_each_text(tok: PolicyTokenizer) -> None:
    from indexing.chunker import chunk_clauses
    from indexing.loader import load_corpus

    texts = [c.indexed_text for c in chunk_clauses(load_corpus(CORPUS).clauses, 400)]
    # Near-identical documents: the same heading path and sentences again, and lines that only meet at a break.
    texts += [texts[0], texts[1].replace("\n", "\n智改数转\n", 1), "智改\n数转贷 ＡＢＣ\n\n", ""]
    assert tok.tokenize_all(texts) == [tok.tokenize(t) for t in texts]
