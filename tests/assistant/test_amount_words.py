"""What a figure is (the investment, the local tax, a training spend …) is read with each amount fact's ``words``
from rules.yaml: a small fictional rule book with amount facts no code knows is understood as it is written, and
a malformed ``words`` entry is refused by the loader, naming the fact."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.claims import build_request
from assistant.conversation import ConversationState
from assistant.errors import CorpusError
from assistant.facts import extract_facts
from assistant.vocabulary import Vocabulary
from tools.award_calculator import calculate
from tools.rulebook import RuleBook

TODAY = date(2025, 6, 1)

# 青禾县 is fictional: two awards, a training spend (a new claim amount with its own words), a generic
# 投入, and an enterprise amount (研发费用) that no rule reads per claim.
POLICY = """# 青禾县关于支持企业技能提升的若干措施

## 一、支持措施

### （一）职工培训补助

对当年职工培训支出50万元以上的企业，按实际支出的10%给予补助，单个企业最高20万元。

### （二）技改投入奖励

对当年技术改造投入200万元以上的企业，按投入的3%给予奖励，单个企业最高30万元。

## 二、附则

### （三）适用范围

在青禾县内注册、纳税的独立法人企业。严重失信的企业除外。

### （四）相关原则

同一事项符合两条以上的，按就高不重复原则支持。单个企业年度奖补总额不超过当年地方税收。

### （五）实施

由县人社局负责解释并实施。本措施自2024年1月1日起施行，有效期两年。
"""

META = """id: qinghe-2024-1
title: 青禾县关于支持企业技能提升的若干措施
issuer: 青禾县人民政府
place: 青禾县
published: 2024-01-01
valid_from: 2024-01-01
valid_until: 2025-12-31
contact_department: 县人社局
"""

FACTS = """facts:
  training_spend_yuan:
    scope: claim
    type: yuan
    label: 当年职工培训支出
    question: 当年职工培训支出是多少？
    words: [职工培训支出, 培训支出, 培训费, 培训经费]
    part_words: [培训]
  outsourced_training_yuan:
    scope: claim
    type: yuan
    label: 外包培训费用
    question: 培训支出中外包给培训机构的部分是多少？
    words: [外包培训, 外包部分]
    deducted_from: training_spend_yuan
  upgrade_spend_yuan:
    scope: claim
    type: yuan
    label: 当年技术改造投入
    question: 当年技术改造投入是多少？
    words: [投入, 花了, 投了]
    generic: true
  rd_expense_yuan:
    scope: enterprise
    type: yuan
    label: 当年研发费用
    question: 当年研发费用是多少？
    words: [研发费用, 研发经费]
  county_tax_yuan:
    scope: enterprise
    type: yuan
    principle: tax_cap
    label: 当年地方税收
    question: 当年缴纳的地方税收是多少？
    words: [地税, 地方税收]
  talent_project:
    scope: enterprise
    type: bool
    principle: tax_cap
    label: 是否人才项目
    question: 是否属于人才项目？
    says: [人才项目]
"""

RULES = """doc_id: qinghe-2024-1
vocabulary:
  levels: {}
  stars: {}
  fields: {}
FACTS
rules:
  - id: training_subsidy
    title: 职工培训补助
    clause: [青禾县关于支持企业技能提升的若干措施, 一、支持措施, （一）职工培训补助]
    quote: 对当年职工培训支出50万元以上的企业，按实际支出的10%给予补助，单个企业最高20万元。
    department: [县人社局]
    aliases: [培训补助, 职工培训补助]
    amount:
      kind: percent_of_base
      base: training_spend_yuan
      percent: 10
      threshold: {yuan: 500000, inclusive: true, word: 以上}
      cap_yuan: 200000
      up_to: true
  - id: upgrade_award
    title: 技改投入奖励
    clause: [青禾县关于支持企业技能提升的若干措施, 一、支持措施, （二）技改投入奖励]
    quote: 对当年技术改造投入200万元以上的企业，按投入的3%给予奖励，单个企业最高30万元。
    department: [县工信局]
    aliases: [技改奖励, 技改投入奖励]
    amount:
      kind: percent_of_base
      base: upgrade_spend_yuan
      percent: 3
      threshold: {yuan: 2000000, inclusive: true, word: 以上}
      cap_yuan: 300000
      up_to: true
exclusions:
  - id: dishonesty
    name: 严重失信
    clause: [青禾县关于支持企业技能提升的若干措施, 二、附则, （三）适用范围]
    aliases: [严重失信, 失信]
principles:
  - {id: scope, title: 适用范围, clause: [青禾县关于支持企业技能提升的若干措施, 二、附则, （三）适用范围], quote: 在青禾县内注册、纳税的独立法人企业。, aliases: [适用范围]}
  - {id: exclusions, title: 除外情形, clause: [青禾县关于支持企业技能提升的若干措施, 二、附则, （三）适用范围], quote: 严重失信的企业除外。, aliases: [除外]}
  - {id: highest_only, title: 就高不重复, clause: [青禾县关于支持企业技能提升的若干措施, 二、附则, （四）相关原则], quote: 按就高不重复原则支持, aliases: [就高不重复]}
  - {id: tax_cap, title: 年度奖补不超过地方税收, clause: [青禾县关于支持企业技能提升的若干措施, 二、附则, （四）相关原则], quote: 单个企业年度奖补总额不超过当年地方税收, aliases: [税收上限]}
  - id: implementation
    title: 实施
    clause: [青禾县关于支持企业技能提升的若干措施, 二、附则, （五）实施]
    quote: 由县人社局负责解释并实施。
    aliases: [负责解释]
    approval: {documents: {}, points: 县人社局, default: 县人社局}
  - {id: validity, title: 实施期限, clause: [青禾县关于支持企业技能提升的若干措施, 二、附则, （五）实施], quote: 有效期两年, aliases: [有效期]}
"""


def _write(root: Path, facts: str = FACTS) -> Path:
    folder = root / "corpus" / "qinghe-2024-1"
    folder.mkdir(parents=True)
    (folder / "policy.md").write_text(POLICY, encoding="utf-8")
    (folder / "meta.yaml").write_text(META, encoding="utf-8")
    (folder / "rules.yaml").write_text(RULES.replace("FACTS\n", facts), encoding="utf-8")
    return folder.parent


@pytest.fixture(scope="module")
def qinghe(tmp_path_factory: pytest.TempPathFactory) -> tuple[RuleBook, Vocabulary]:
    book = RuleBook.load(_write(tmp_path_factory.mktemp("qinghe")))
    return book, Vocabulary.from_rulebook(book, set())


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("今年培训费花了80万，能补多少", {"training_spend_yuan": 800_000}),
        ("职工培训支出是60万元", {"training_spend_yuan": 600_000}),
        ("技改投了300万，地税交了40万", {"upgrade_spend_yuan": 3_000_000, "county_tax_yuan": 400_000}),
        ("研发费用120万，培训经费55万", {"rd_expense_yuan": 1_200_000, "training_spend_yuan": 550_000}),
        # the generic word (花了) is right next to the figure, the specific one (培训费) a few words back: specific wins
        ("培训费今年一共花了90万", {"training_spend_yuan": 900_000}),
        # a part of a figure just given, named after it by a part word
        ("技改投入300万，其中40万是培训", {"upgrade_spend_yuan": 3_000_000, "training_spend_yuan": 400_000}),
        # 地方税收 is this book's word; 纳税 is another book's, so here the figure stays unbound
        ("纳税25万", {}),
    ],
)
def test_a_fictional_books_amount_words_give_each_figure_its_role(
    qinghe: tuple[RuleBook, Vocabulary], text: str, amounts: dict[str, int]
) -> None:
    assert extract_facts(text, qinghe[1]).amounts == amounts


def test_a_new_amount_reaches_the_calculator_and_an_enterprise_amount_the_enterprise(
    qinghe: tuple[RuleBook, Vocabulary],
) -> None:
    book, vocab = qinghe
    text = "我们培训费花了150万，研发费用300万，地税交了50万，培训补助能拿多少"
    request, notes = build_request(extract_facts(text, vocab), ConversationState(), book, TODAY, text)
    assert request["claims"] == [{"award": "training_subsidy", "training_spend_yuan": 1_500_000}]
    assert request["enterprise"]["rd_expense_yuan"] == 3_000_000  # declared scope: enterprise
    assert request["enterprise"]["county_tax_yuan"] == 500_000
    result = calculate(request, book, today=TODAY)
    assert result.claims[0].amount_yuan == 150_000  # 10% of 150万, under the 20万 ceiling


def test_the_yearly_cap_reads_the_facts_the_book_declares_for_it(qinghe: tuple[RuleBook, Vocabulary]) -> None:
    book, vocab = qinghe
    text = "技改投了800万，地税交了10万，技改奖励能拿多少"
    request, _ = build_request(extract_facts(text, vocab), ConversationState(), book, TODAY, text)
    result = calculate(request, book, today=TODAY)
    assert result.claims[0].amount_yuan == 240_000  # 800万 × 3%, under its 30万 ceiling
    assert result.total_yuan == 100_000  # cut to this book's own tax fact
    cap = next(s for s in result.principles if s.id == "tax_cap")
    assert cap.applied and any("超过当年地方税收 10万元" in line and "人才项目" in line for line in cap.steps)
    assert any(m.name == "talent_project" for m in result.missing)
    request["enterprise"]["talent_project"] = True  # this book's exemption lifts the cap
    assert calculate(request, book, today=TODAY).total_yuan == 240_000


def test_a_book_that_declares_no_fact_for_the_yearly_cap_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as info:
        RuleBook.load(_write(tmp_path, FACTS.replace("    principle: tax_cap\n", "")))
    assert "tax_cap" in str(info.value) and "principle: tax_cap" in str(info.value)


def test_a_part_declared_deducted_from_a_total_is_taken_out_first(
    qinghe: tuple[RuleBook, Vocabulary],
) -> None:
    book, vocab = qinghe
    text = "培训费一共150万，外包培训占了90万，培训补助能拿多少"
    request, _ = build_request(extract_facts(text, vocab), ConversationState(), book, TODAY, text)
    assert request["claims"][0]["outsourced_training_yuan"] == 900_000  # the rule reads its total
    result = calculate(request, book, today=TODAY)
    assert result.claims[0].amount_yuan == 60_000  # (150万 − 90万) × 10%
    assert any("扣除外包培训费用 90万元" in s for s in result.claims[0].steps)
    assert not any("无关" in w for w in result.warnings)  # the part is read by the rule, not an unused fact


def test_with_no_award_named_the_figures_role_picks_the_rule(qinghe: tuple[RuleBook, Vocabulary]) -> None:
    book, vocab = qinghe
    text = "培训支出70万能拿多少"
    request, _ = build_request(extract_facts(text, vocab), ConversationState(), book, TODAY, text)
    assert [c["award"] for c in request["claims"]] == ["training_subsidy"]
    # a lone figure in a message about spending is the generic amount
    assert extract_facts("今年一共投入了260万", vocab).amounts == {"upgrade_spend_yuan": 2_600_000}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("words: [地税, 地方税收]", "words: 地税", "facts.county_tax_yuan.words: 类型应为 list"),
        (
            "words: [地税, 地方税收]",
            "words: [地税, 7]",
            "facts.county_tax_yuan.words: 应为非空字符串列表",
        ),
        (
            "words: [地税, 地方税收]",
            "words: [地税, '']",
            "facts.county_tax_yuan.words: 应为非空字符串列表",
        ),
        ("words: [地税, 地方税收]", "words: [地税, ' ']", "facts.county_tax_yuan.words: 不能有空白的词"),
        ("words: [地税, 地方税收]", "words: [地税, 地税]", "facts.county_tax_yuan.words: 词重复：地税"),
        (
            "words: [地税, 地方税收]",
            "words: [地税, 培训费]",
            "facts.county_tax_yuan.words: 词“培训费”已属于 facts.training_spend_yuan",
        ),
        (
            "    generic: true\n",
            "    generic: yes please\n",
            "facts.upgrade_spend_yuan.generic: 类型应为 bool",
        ),
        (
            "    words: [研发费用, 研发经费]\n",
            "    after: false\n",
            "facts.rd_expense_yuan.words: 给出 generic/after 时须同时给出 words",
        ),
        (
            "    words: [地税, 地方税收]\n",
            "    words: [地税, 地方税收]\n  profitable:\n    scope: enterprise\n    type: bool\n"
            "    label: 是否盈利\n    question: 是否盈利？\n    words: [盈利]\n",
            "facts.profitable: words/part_words/generic/after 只用于金额事实（type: yuan）",
        ),
        (
            "    deducted_from: training_spend_yuan\n",
            "    deducted_from: rd_expense_yuan\n",
            "facts.outsourced_training_yuan.deducted_from: 应为同一 scope 的已声明金额事实",
        ),
    ],
)
def test_a_malformed_words_entry_is_refused_naming_the_fact(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in FACTS
    with pytest.raises(CorpusError) as info:
        RuleBook.load(_write(tmp_path, FACTS.replace(old, new, 1)))
    assert expected in str(info.value)


def test_the_shipped_book_declares_the_words_the_code_no_longer_holds() -> None:
    from assistant.settings import PROJECT_ROOT

    book = RuleBook.load(PROJECT_ROOT / "corpus")
    specs = book.models.specs
    assert {"地方税收", "税"} <= set(specs["local_tax_paid_yuan"].words)
    assert [n for n, s in specs.items() if s.generic] == ["investment_yuan"]
    vocab = Vocabulary.from_rulebook(book, set())
    # 土建贷款 is longer than 贷款 and ends at the same place: the more specific fact wins
    assert extract_facts("土建贷款800万", vocab).amounts == {"civil_works_loan_yuan": 8_000_000}
