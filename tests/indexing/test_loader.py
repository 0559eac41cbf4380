"""The corpus loader: heading tree → clauses, metadata, and malformed documents named in the problems."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant.errors import CorpusError
from assistant.settings import PROJECT_ROOT
from indexing.loader import load_corpus, parse_headings
from indexing.types import PATH_SEP

CORPUS = PROJECT_ROOT / "corpus"
DOC = "taixing-2022-25"


@pytest.fixture(scope="module")
def load():  # type: ignore[no-untyped-def]
    return load_corpus(CORPUS)


def test_the_corpus_loads_without_problems(load) -> None:  # type: ignore[no-untyped-def]
    assert load.problems == []
    assert [d.meta.doc_id for d in load.documents] == [DOC]


def test_metadata(load) -> None:  # type: ignore[no-untyped-def]
    meta = load.documents[0].meta
    assert meta.number == "泰政办发〔2022〕25号"
    assert meta.issuer == "泰兴市人民政府办公室"
    assert meta.published == date(2022, 4, 7)
    assert (meta.valid_from, meta.valid_until) == (date(2022, 4, 7), date(2025, 4, 6))
    assert meta.contact_department == "市工信局"
    assert meta.folder == CORPUS / DOC


@pytest.mark.parametrize(
    "path",
    [
        ("通知",),
        ("三年行动计划", "一、总体要求", "（一）指导思想"),
        ("三年行动计划", "一、总体要求", "（三）主要目标"),
        ("三年行动计划", "一、总体要求", "（三）主要目标", "1.整体水平进一步提升"),
        ("三年行动计划", "二、重点工作", "（一）精准服务对接工程", "3.网络强基服务行动"),
        ("三年行动计划", "三、保障措施", "2.强化政策支持"),
        ("附件", "一、着力企业能级提升", "（一）推动基础投入"),
        ("附件", "四、加强服务能力保障", "（十一）强化金融保障"),
        ("附件", "五、附则", "（四）实施期限"),
    ],
)
def test_heading_paths_mirror_the_document(load, path: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    clause = next((c for c in load.clauses if c.path == path), None)
    assert clause is not None, f"no clause at {PATH_SEP.join(path)}"
    assert clause.text.strip()


def test_clause_ids_are_sha1_of_the_path(load) -> None:  # type: ignore[no-untyped-def]
    for c in load.clauses:
        assert c.clause_id == f"{DOC}:{hashlib.sha1(c.path_str.encode('utf-8')).hexdigest()[:10]}"
    assert len({c.clause_id for c in load.clauses}) == len(load.clauses)


def test_lookup_and_order(load) -> None:  # type: ignore[no-untyped-def]
    clauses = load.clauses
    assert [c.order for c in clauses] == list(range(len(clauses)))
    assert load.clause(clauses[5].clause_id) == clauses[5]
    assert load.clause("nope:0000000000") is None
    assert load.document(DOC) is load.documents[0]
    # headings without text of their own (二、重点工作's sub-heads) are not clauses
    assert not any(c.path == ("三年行动计划", "二、重点工作", "（一）精准服务对接工程") for c in clauses)


def _copy_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / DOC, corpus / DOC)
    return corpus


def _bad_doc(corpus: Path, meta: str | None, policy: bytes | None) -> Path:
    folder = corpus / "broken-doc"
    folder.mkdir()
    if meta is not None:
        (folder / "meta.yaml").write_text(meta, encoding="utf-8")
    if policy is not None:
        (folder / "policy.md").write_bytes(policy)
    return folder


GOOD_META = (
    "id: broken-doc\ntitle: 测试文件\nnumber: 测试〔2024〕1号\nissuer: 测试办\nplace: 云溪县\n"
    "published: 2024-01-01\nvalid_from: 2024-01-01\nvalid_until: 2025-12-31\n"
)
# Only the five required fields: a document whose number and period are unknown still loads.
MINIMAL_META = "id: minimal-doc\ntitle: 测试文件\nissuer: 测试办\nplace: 云溪县\npublished: 2024-01-01\n"
GOOD_POLICY = "# 一、总则\n\n正文。\n".encode()


@pytest.mark.parametrize(
    ("meta", "policy", "file", "words"),
    [
        (GOOD_META.replace("place: 云溪县\n", ""), GOOD_POLICY, "meta.yaml", "place"),
        (GOOD_META.replace("issuer: 测试办\n", "issuer: ''\n"), GOOD_POLICY, "meta.yaml", "issuer"),
        (GOOD_META + "aliases: [云溪, 3]\n", GOOD_POLICY, "meta.yaml", "aliases"),
        (GOOD_META + "rules_file: missing.yaml\n", GOOD_POLICY, "meta.yaml", "rules_file"),
        (
            GOOD_META.replace("valid_from: 2024-01-01", "valid_from: 不详"),
            GOOD_POLICY,
            "meta.yaml",
            "valid_from",
        ),
        (
            GOOD_META.replace("published: 2024-01-01", "published: 2024-13-45"),
            GOOD_POLICY,
            "meta.yaml",
            "日期",
        ),
        (
            GOOD_META.replace("published: 2024-01-01", "published: 上周"),
            GOOD_POLICY,
            "meta.yaml",
            "published",
        ),
        (
            GOOD_META.replace("valid_until: 2025-12-31", "valid_until: 2020-01-01"),
            GOOD_POLICY,
            "meta.yaml",
            "valid_until",
        ),
        (GOOD_META + "title: [unclosed\n", GOOD_POLICY, "meta.yaml", "YAML"),
        ("- just\n- a list\n", GOOD_POLICY, "meta.yaml", "mapping"),
        (GOOD_META.replace("id: broken-doc", "id: taixing-2022-25"), GOOD_POLICY, "meta.yaml", "重复"),
        (GOOD_META.replace("id: broken-doc", "id: 有 空格"), GOOD_POLICY, "meta.yaml", "id"),
        (GOOD_META, None, "policy.md", "不存在"),
        (GOOD_META, "只有正文，没有标题。\n".encode(), "policy.md", "标题"),
        (GOOD_META, "# 标题一\n## 标题二\n".encode(), "policy.md", "正文"),
        (GOOD_META, "# 一、总则\n\n".encode() + "正文".encode("gbk"), "policy.md", "UTF-8"),
    ],
    ids=[
        "missing-place",
        "empty-issuer",
        "alias-not-text",
        "rules-file-missing",
        "valid-from-not-a-date",
        "impossible-date",
        "not-a-date",
        "ends-before-start",
        "yaml-syntax",
        "not-a-mapping",
        "duplicate-id",
        "bad-id",
        "no-policy-md",
        "no-headings",
        "headings-without-text",
        "not-utf8",
    ],
)
def test_a_malformed_document_is_named_and_the_rest_load(
    tmp_path: Path, meta: str, policy: bytes | None, file: str, words: str
) -> None:
    corpus = _copy_corpus(tmp_path)
    folder = _bad_doc(corpus, meta, policy)
    load = load_corpus(corpus)
    assert [d.meta.doc_id for d in load.documents] == [DOC]
    assert len(load.problems) == 1, load.problems
    assert str(folder / file) in load.problems[0]
    assert words in load.problems[0]


def test_a_folder_with_text_but_no_metadata_is_reported(tmp_path: Path) -> None:
    corpus = _copy_corpus(tmp_path)
    folder = _bad_doc(corpus, None, GOOD_POLICY)
    load = load_corpus(corpus)
    assert len(load.documents) == 1
    assert any(str(folder / "meta.yaml") in p for p in load.problems)


def test_a_second_document_is_a_second_folder(tmp_path: Path) -> None:
    corpus = _copy_corpus(tmp_path)
    _bad_doc(corpus, GOOD_META, GOOD_POLICY)
    load = load_corpus(corpus)
    assert load.problems == []
    assert [d.meta.doc_id for d in load.documents] == ["broken-doc", DOC]
    assert load.document("broken-doc").clauses[0].path == ("一、总则",)  # type: ignore[union-attr]


def test_optional_fields_may_be_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "minimal-doc"
    folder.mkdir()
    (folder / "meta.yaml").write_text(MINIMAL_META, encoding="utf-8")
    (folder / "policy.md").write_bytes(GOOD_POLICY)
    load = load_corpus(tmp_path)
    assert load.problems == []
    meta = load.documents[0].meta
    assert (meta.number, meta.valid_from, meta.valid_until, meta.rules_file, meta.aliases) == (
        "",
        None,
        None,
        None,
        (),
    )
    assert meta.place == "云溪县" and meta.label == "测试文件"


def test_the_real_document_meets_the_contract(load) -> None:  # type: ignore[no-untyped-def]
    meta = load.documents[0].meta
    assert meta.place == "泰兴市"
    assert meta.rules_file == CORPUS / DOC / "rules.yaml"
    assert "泰兴" in meta.aliases


def test_missing_corpus_folder(tmp_path: Path) -> None:
    load = load_corpus(tmp_path / "nowhere")
    assert load.documents == [] and "nowhere" in load.problems[0]


class TestParseHeadings:
    def test_levels_can_skip_and_parents_keep_their_own_text(self) -> None:
        clauses, notes = parse_headings("# A\n甲\n### B\n乙\n## C\n丙\n", "d")
        assert [c.path for c in clauses] == [("A",), ("A", "B"), ("A", "C")]
        assert [c.text for c in clauses] == ["甲", "乙", "丙"]
        assert notes == []

    def test_multi_paragraph_text_is_kept(self) -> None:
        clauses, _ = parse_headings("# A\n\n第一段。\n\n第二段。\n", "d")
        assert clauses[0].text == "第一段。\n第二段。"

    def test_text_before_the_first_heading_is_reported(self) -> None:
        clauses, notes = parse_headings("前言\n# A\n甲\n", "d", source="x.md")
        assert [c.path for c in clauses] == [("A",)]
        assert notes and "x.md" in notes[0]

    def test_duplicate_paths_get_distinct_ids_and_a_note(self) -> None:
        clauses, notes = parse_headings("# A\n甲\n# A\n乙\n", "d")
        assert len({c.clause_id for c in clauses}) == 2
        assert notes and "重复" in notes[0]

    def test_no_heading_is_an_error(self) -> None:
        with pytest.raises(CorpusError, match="标题"):
            parse_headings("正文\n", "d")
