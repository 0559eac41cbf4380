"""rules.yaml against its document: quotes are verbatim, amounts are the ones the quotes state, bad data is
reported with file, rule id and field; and the vocabulary maps people's words to rule ids."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from assistant.errors import BadClaim, CorpusError
from assistant.settings import PROJECT_ROOT
from tests.tools.conftest import SHIPPED_DOC, Edit
from tools.amounts import find_amounts
from tools.rule_records import Amount, Rule
from tools.rulebook import RuleBook


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return RuleBook.load(PROJECT_ROOT / "corpus")


def _clause_texts() -> dict[tuple[str, ...], str]:
    """Written here again, on purpose independent of the loader: heading path → the text under it."""
    out: dict[tuple[str, ...], str] = {}
    path: list[str] = []
    for line in (SHIPPED_DOC / "policy.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            path = path[: level - 1] + [line.lstrip("#").strip()]
            out[tuple(path)] = ""
        elif line.strip() and path:
            out[tuple(path)] += line.strip()
    return out


def _rules_yaml() -> dict:
    return yaml.safe_load((SHIPPED_DOC / "rules.yaml").read_text(encoding="utf-8"))


QUOTED = [(f"rule {r['id']}", r) for r in _rules_yaml()["rules"]] + [
    (f"principle {p['id']}", p) for p in _rules_yaml()["principles"]
]


@pytest.mark.parametrize("item", [q for _, q in QUOTED], ids=[i for i, _ in QUOTED])
def test_quote_is_verbatim_in_its_clause(item: dict) -> None:
    texts = _clause_texts()
    path = tuple(item["clause"])
    assert path in texts, f"no clause {' › '.join(path)} in policy.md"
    assert item["quote"] in texts[path]


def test_every_award_clause_of_the_attachment_has_a_rule(book: RuleBook) -> None:
    award_clauses = [p for p in _clause_texts() if p[0] == "附件" and len(p) == 3 and "附则" not in p[1]]
    covered = {r.clause for r in book.rules}
    # （十二）强化活动保障 organises activities (宣贯、论坛、大赛); it awards no enterprise anything.
    missing = [p[-1] for p in award_clauses if p not in covered and not p[-1].startswith("（十二）")]
    assert missing == []
    for p in award_clauses:
        dept = re.search(r"（责任部门：(.*?)）", _clause_texts()[p])
        for r in book.rules:
            if r.clause == p and dept:
                assert list(r.department) == dept[1].split("、"), r.id


def _yuan_values(a: Amount) -> list[int]:
    values = [v for v in (a.yuan, a.cap_yuan, a.threshold.yuan if a.threshold else None) if v]
    for c in a.choices.values():
        values += _yuan_values(c)
    return values


@pytest.mark.parametrize("rule_id", [r["id"] for r in _rules_yaml()["rules"]])
def test_every_number_of_a_rule_is_stated_in_its_quote(book: RuleBook, rule_id: str) -> None:
    rule: Rule = book.rule(rule_id)
    stated = {m.yuan for m in find_amounts(rule.quote)}
    values = _yuan_values(rule.amount) + [c.at_least_yuan for c in rule.conditions if c.at_least_yuan]
    assert set(values) <= stated, f"{rule_id}: {sorted(set(values) - stated)} not in the quote"
    for p in (rule.amount.percent, rule.amount.rate_percent):
        if p is not None:
            assert f"{Decimal(p).normalize():f}%" in rule.quote


def test_validity_comes_from_meta(book: RuleBook) -> None:
    doc = book.doc("taixing-2022-25")
    assert (doc.valid_from.isoformat(), doc.valid_until.isoformat()) == ("2022-04-07", "2025-04-06")
    assert doc.number == "泰政办发〔2022〕25号"


@pytest.mark.parametrize(
    ("text", "rules", "level", "star"),
    [
        ("智能工厂里引进了人工智能和云计算，基础投入奖补多少", ["base_investment"], None, None),
        ("智能化改造投入能补多少", ["base_investment"], None, None),
        ("智能车间/智能工厂建设投入", ["base_investment"], None, None),
        ("我们开发的工业app获省级认定", ["industrial_app"], "provincial", None),
        ("首台套重大装备", ["first_set_equipment"], None, None),
        ("首台（套）", ["first_set_equipment"], None, None),
        ("建成了标识解析二级节点", ["secondary_node"], None, None),
        ("二级节点有奖励吗", ["secondary_node"], None, None),
        ("贷款贴息怎么算", ["interest_subsidy"], None, None),
        ("在泰州市产融综合服务平台贷款，贴息多少", ["interest_subsidy"], None, None),
        ("评上省五星级工业信息安全防护企业", ["infosec_star"], "provincial", 5),
        ("三星级上云企业", ["cloud_enterprise"], None, 3),
        ("国家级智能制造示范工厂", ["smart_demo_factory"], "national", None),
        ("省级智能制造示范车间", ["smart_demo_workshop"], "provincial", None),
        ("泰州市级的工业互联网典型案例", ["pilot_demonstration"], "taizhou", None),
        ("获评国家级5G+试点示范", ["pilot_demonstration"], "national", None),
        ("5G全连接工厂怎么奖", ["fiveg_factory"], None, None),
        ("灯塔工厂", ["lighthouse_factory"], None, None),
        ("DCMM认证", ["dcmm"], None, None),
        ("两化融合贯标", ["two_integration_upgrade"], None, None),
        ("精益管理做得好", ["lean_management"], None, None),
        ("软件首版次被省里认定", ["first_version_software"], "provincial", None),
        ("园区评上数字化转型促进中心", ["park_honours"], None, None),
        ("免费诊断", ["free_diagnosis"], None, None),
        ("国家级产业链协作平台", ["industry_chain_platform"], "national", None),
        ("省级工业互联网平台", ["industrial_internet_platform"], "provincial", None),
    ],
)
def test_vocabulary_matches(
    book: RuleBook, text: str, rules: list[str], level: str | None, star: int | None
) -> None:
    v = book.vocabulary
    assert v.match_rules(text) == rules
    assert v.match_level(text) == level
    assert v.match_star(text) == star


def test_vocabulary_other_tables(book: RuleBook) -> None:
    v = book.vocabulary
    assert v.match_exclusions("去年发生过一次重大环境污染事故") == ["environmental_accident"]
    assert v.match_exclusions("公司被认定为严重失信") == ["serious_dishonesty"]
    assert "highest_only" in v.match_principles("两笔奖励能加起来拿吗")
    assert "tax_cap" in v.match_principles("我们是新引进项目")
    assert v.match_field("属于智能制造领域的首台套") == "smart_manufacturing"
    assert (
        v.level_id("国家级") == "national" and v.level_id("市级") == "taizhou" and v.level_id("县级") is None
    )
    assert v.star_value("五星级") == 5 and v.star_value("4") == 4 and v.star_value(2) is None
    assert v.aliases["工业APP"] == ("industrial_app",)
    assert set(v.aliases["促进管理提升"]) >= {"lean_management", "dcmm"}  # a heading names all its rules


def test_single_valued_views(book: RuleBook) -> None:
    v = book.vocabulary
    assert v.awards["贴息"] == "interest_subsidy" and "促进管理提升" not in v.awards
    assert v.levels["市级"] == "taizhou" and "泰州市产融综合服务平台" not in v.levels
    assert v.stars["五星"] == 5 and v.exclusions["严重失信"] == "serious_dishonesty"


def test_unknown_rule_lists_allowed(book: RuleBook) -> None:
    with pytest.raises(BadClaim, match="dcmm（DCMM认证奖励）"):
        book.rule("nope")


# ── bad rules files: each names the file, the rule and the field ──────────────────────────


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "kind: percent_of_base",
            "kind: percentage",
            ["rules[0] (id=base_investment).amount.kind", "percent_of_base"],
        ),
        ("单个企业最高奖补50万元。", "单个企业最高奖补60万元。", ["rules[0] (id=base_investment).quote"]),
        (
            "clause: [附件, 一、着力企业能级提升, （一）推动基础投入]",
            "clause: [附件, 一、着力企业能级提升, （一）推动投入]",
            ["id=base_investment).clause", "（一）推动投入"],
        ),
        (
            "amount: {kind: ceiling, yuan: 80000}",
            "amount: {kind: ceiling, yuan: -80000}",
            ["id=lean_management).amount.yuan", "正整数"],
        ),
        (
            "amount: {kind: ceiling, yuan: 80000}",
            "amount: {kind: ceiling}",
            ["id=lean_management).amount.yuan", "缺少"],
        ),
        ("- fact: advanced_tech", "- fact: advanced_technology", ["id=base_investment).conditions[0].fact"]),
        ("- id: lean_management", "- id: LeanManagement", ["id=LeanManagement).id", "snake_case"]),
        (
            "        taizhou: {kind: points}",
            "        county: {kind: points}",
            ["id=pilot_demonstration).levels", "county"],
        ),
        ("  - id: tax_cap\n", "  - id: tax_ceiling\n", ["principles", "tax_cap"]),
        ("base: investment_yuan", "base: investment", ["id=base_investment).amount.base"]),
    ],
)
def test_bad_rules_are_reported_precisely(
    corpus_copy: Path, edit_doc: Edit, old: str, new: str, expected: list[str]
) -> None:
    path = edit_doc("rules.yaml", old, new)
    with pytest.raises(CorpusError) as info:
        RuleBook.load(corpus_copy)
    assert str(path) in str(info.value)
    for part in expected:
        assert part in str(info.value)


def test_broken_yaml_is_a_corpus_error(corpus_copy: Path, edit_doc: Edit) -> None:
    edit_doc("rules.yaml", "rules:\n", "rules: [\n")
    with pytest.raises(CorpusError, match="rules.yaml|无法读取"):
        RuleBook.load(corpus_copy)


def test_duplicate_rule_ids_across_documents(corpus_copy: Path) -> None:
    twin = corpus_copy / "twin-doc"
    shutil.copytree(corpus_copy / SHIPPED_DOC.name, twin)
    for name in ("meta.yaml", "rules.yaml"):
        p = twin / name
        p.write_text(p.read_text(encoding="utf-8").replace("taixing-2022-25", "twin-doc"), encoding="utf-8")
    with pytest.raises(CorpusError, match="id=base_investment.*重复"):
        RuleBook.load(corpus_copy)


def test_empty_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="没有任何 rules.yaml"):
        RuleBook.load(tmp_path)
