"""corpus add's library side: one fictional document (云溪县) in every format becomes the same corpus folder."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from assistant.errors import ImportProblem
from assistant.settings import PROJECT_ROOT
from indexing.importer import import_document
from indexing.loader import load_corpus

SOURCE = PROJECT_ROOT / "tests" / "fixtures" / "import" / "yunxi.txt"
LINES = SOURCE.read_text(encoding="utf-8").splitlines()


def write_txt(path: Path) -> Path:
    path.write_text("\n".join(LINES), encoding="utf-8")
    return path


def write_gb18030_txt(path: Path) -> Path:
    path.write_bytes("\r\n".join(LINES).encode("gb18030"))
    return path


def write_md(path: Path) -> Path:
    """Markdown as people write it: # before the headings, ** around a title."""
    marked = [f"## {x}" if x.startswith(("一、", "二、", "三、", "四、")) else x for x in LINES]
    marked[2] = f"# **{marked[2]}**"
    path.write_text("\n\n".join(marked) + "\n", encoding="utf-8")
    return path


def write_html(path: Path) -> Path:
    body = "".join(
        f"<h1>{html.escape(x)}</h1>" if i == 2 else f"<p>{html.escape(x)}</p>" for i, x in enumerate(LINES)
    )
    page = (
        '<html><head><meta charset="utf-8"><title>云溪县</title></head><body>'
        f'<nav><a href="/">首页</a></nav><div class="article">{body}</div></body></html>'
    )
    path.write_text(page, encoding="utf-8")
    return path


def write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for i, line in enumerate(LINES):
        document.add_heading(line, level=1) if i == 2 else document.add_paragraph(line)
        if line.startswith("（二）"):
            table = document.add_table(rows=2, cols=2)
            for r, (a, b) in enumerate([("星级", "奖励"), ("五星级", "6万元")]):
                table.cell(r, 0).text, table.cell(r, 1).text = a, b
    document.save(str(path))
    return path


def write_pdf(path: Path) -> Path:
    """Lines wrapped at a fixed width, as a page wraps them (the importer must join them again)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 11)
    y = 800.0
    for line in LINES:
        for start in range(0, len(line), 36):
            if y < 60:
                c.showPage()
                c.setFont("STSong-Light", 11)
                y = 800.0
            c.drawString(40, y, line[start : start + 36])
            y -= 16
    c.save()
    return path


WRITERS: dict[str, Callable[[Path], Path]] = {
    "yunxi.txt": write_txt,
    "yunxi-gbk.txt": write_gb18030_txt,
    "yunxi.md": write_md,
    "yunxi.html": write_html,
    "yunxi.docx": write_docx,
    "yunxi.pdf": write_pdf,
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_every_format_gives_the_same_document(tmp_path: Path, name: str) -> None:
    source = WRITERS[name](tmp_path / name)
    corpus = tmp_path / "corpus"
    result = import_document(source, corpus, doc_id="yunxi")
    assert result.folder == corpus / "yunxi"
    assert (corpus / "yunxi" / f"source{source.suffix}").read_bytes() == source.read_bytes()

    load = load_corpus(corpus)
    assert load.problems == []
    meta = load.documents[0].meta
    assert meta.title == "云溪县人民政府关于加快制造业数字化转型的若干措施"
    assert (meta.number, meta.issuer, meta.place) == ("云政发〔2023〕8号", "云溪县人民政府", "云溪县")
    assert meta.published == date(2023, 6, 15)
    assert (meta.valid_from, meta.valid_until) == (date(2023, 7, 1), date(2026, 6, 30))
    assert meta.contact_department == "县工业和信息化局"
    assert meta.rules_file is None

    by_title = {c.title: c for c in load.clauses}
    demo = by_title["（三）加快示范创建"]
    assert demo.path[1:] == ("二、强化示范引领", "（三）加快示范创建")
    assert "省级智能制造示范车间的企业，分别给予最高150万元、60万元、40万元奖励" in demo.text
    loan = by_title["（五）实施贷款贴息"]
    assert "单个企业每年最高贴息150万元" in loan.text
    assert {c.path[1] for c in load.clauses if len(c.path) > 1} == {
        "一、加大企业投入支持", "二、强化示范引领", "三、加强金融服务", "四、附则",
    }  # fmt: skip
    assert len([c for c in load.clauses if len(c.path) == 3]) == 7


def test_the_docx_table_is_kept_in_its_clause(tmp_path: Path) -> None:
    import_document(write_docx(tmp_path / "y.docx"), tmp_path / "c", doc_id="y")
    cloud = next(c for c in load_corpus(tmp_path / "c").clauses if c.title == "（二）鼓励企业上云")
    assert "星级 奖励\n五星级 6万元" in cloud.text


def test_the_report_names_what_to_check(tmp_path: Path) -> None:
    result = import_document(write_txt(tmp_path / "y.txt"), tmp_path / "c")
    text = result.report()
    assert result.meta["id"] == "doc-2023-8"  # from the number, and said to be generated
    assert "doc-2023-8" in text and "自动生成" in text
    assert "有效期按这句话填写" in text and "2026年6月30日" in text
    assert "rules.yaml" in text and "aliases" in text


def test_given_values_win_over_the_text(tmp_path: Path) -> None:
    result = import_document(
        write_txt(tmp_path / "y.txt"), tmp_path / "c", doc_id="yx", title="云溪县若干措施", place="云溪",
        published=date(2023, 6, 16),
    )  # fmt: skip
    meta = load_corpus(tmp_path / "c").documents[0].meta
    assert (meta.title, meta.place, meta.published) == ("云溪县若干措施", "云溪", date(2023, 6, 16))
    assert result.sources["place"] == "命令行" and result.sources["number"] == "正文"


def test_a_document_without_a_period_leaves_validity_empty(tmp_path: Path) -> None:
    src = tmp_path / "n.txt"
    src.write_text(
        "云溪县工业和信息化局关于开展智能工厂评定的通知\n一、评定对象\n县内注册的工业企业。\n云溪县工业和信息化局\n2024年3月2日\n",
        encoding="utf-8",
    )
    result = import_document(src, tmp_path / "c", doc_id="n")
    meta = load_corpus(tmp_path / "c").documents[0].meta
    assert (meta.valid_from, meta.valid_until, meta.number) == (None, None, "")
    assert (meta.issuer, meta.place, meta.published) == ("云溪县工业和信息化局", "云溪县", date(2024, 3, 2))
    assert any("没有写明有效期" in c for c in result.checks)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("a.rtf", b"{\\rtf1}", "不支持的格式"),
        ("a.docx", b"not a zip", "无法读取为 .docx"),
        ("a.pdf", b"%PDF-1.4 broken", "无法读取为 .pdf"),
        ("a.txt", b"  \n\n", "没有读出任何文字"),
        ("a.txt", "没有标题没有日期的一句话".encode(), "--published"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(
    tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    src = tmp_path / name
    src.write_bytes(content)
    with pytest.raises(ImportProblem, match=words):
        import_document(src, tmp_path / "c", doc_id="bad")
    assert not (tmp_path / "c" / "bad").exists()


def test_an_existing_folder_is_not_overwritten(tmp_path: Path) -> None:
    import_document(write_txt(tmp_path / "y.txt"), tmp_path / "c", doc_id="y")
    before = (tmp_path / "c" / "y" / "meta.yaml").read_text(encoding="utf-8")
    with pytest.raises(ImportProblem, match="已存在"):
        import_document(write_txt(tmp_path / "y.txt"), tmp_path / "c", doc_id="y")
    assert (tmp_path / "c" / "y" / "meta.yaml").read_text(encoding="utf-8") == before


def test_the_committed_fixture_is_what_the_importer_makes_of_its_source(tmp_path: Path) -> None:
    fixture = PROJECT_ROOT / "tests" / "fixtures" / "corpus" / "yunxi-2023-8"
    import_document(fixture / "source.txt", tmp_path, doc_id="yunxi-2023-8")
    made = (tmp_path / "yunxi-2023-8" / "policy.md").read_text(encoding="utf-8")
    assert made == (fixture / "policy.md").read_text(encoding="utf-8")
