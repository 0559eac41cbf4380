"""The question-act classifier on wordings it was not trained on; deterministic training; its cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.nlu import ActClassifier
from assistant.nlu.examples import load_examples

# New wordings (not in acts.yaml, not in evals/): question → act.
TABLE = [
    ("DCMM贯标的门槛都有啥", "conditions"),
    ("首版次软件申报得满足什么", "conditions"),
    ("示范车间由哪家单位认定的", "department"),
    ("两化融合的事该跟哪个局对接", "department"),
    ("这份政策眼下还管用吗", "validity"),
    ("政策到期没有啊", "validity"),
    ("听别人讲灯塔工厂给200万，靠谱不", "confirm"),
    ("二级节点是奖100万对吧", "confirm"),
    ("咱们厂能不能报精益管理", "qualify"),
    ("5G全连接工厂奖励几多钱", "amount"),
    ("投了600万搞上云，补多少", "amount"),
    ("三年计划要新增几个示范车间", "target"),
    ("分支机构可以申报吗", "scope"),
    ("下周去哪里看电影", "out_of_scope"),
]


@pytest.mark.parametrize(("question", "act"), TABLE)
def test_act_of_unseen_wordings(acts: ActClassifier, question: str, act: str) -> None:
    got = acts.predict(question)
    assert got.act == act, got.describe()


def test_training_is_deterministic(vocab) -> None:  # type: ignore[no-untyped-def]
    ex = load_examples()
    a, b = ActClassifier.train(ex, vocab), ActClassifier.train(ex, vocab)
    for q, _ in TABLE:
        assert a.predict(q).probs == b.predict(q).probs


def test_the_model_is_cached_and_a_damaged_cache_is_retrained(vocab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = ActClassifier.load_or_train(vocab, tmp_path)
    [cache] = list(tmp_path.glob("acts-*.pkl"))
    again = ActClassifier.load_or_train(vocab, tmp_path)
    assert again.predict("贴息门槛").probs == first.predict("贴息门槛").probs
    cache.write_bytes(b"not a pickle")
    healed = ActClassifier.load_or_train(vocab, tmp_path)
    assert healed.predict("贴息门槛").act == first.predict("贴息门槛").act
