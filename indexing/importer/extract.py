"""A file → its text as lines, one paragraph a line, using a well-kept library for each format.

* .txt / .md: UTF-8 (with or without BOM), else GB18030 (what Windows saves Chinese text in); Markdown's own
  marks (#, **, lists) are dropped;
* .html / .htm: html2text, then its Markdown marks removed (the heading hierarchy is read from the Chinese
  numbering, not from the page's tags);
* .docx: python-docx, paragraphs and table rows in document order;
* .pdf: pypdf, page by page; lines the page width wrapped are joined again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from common.errors import ImportProblem
from indexing.importer.outline import starts_heading

FORMATS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
_END = "。；：！？”’）)"
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_MARKS = re.compile(r"^\s*(?:#{1,6}\s+|[*+-]\s+|>\s*)")


def extract_lines(path: Path) -> list[str]:
    """Non-blank lines of ``path``'s text, stripped. Raises ImportProblem naming the file and what is wrong."""
    suffix = path.suffix.lower()
    readers: dict[str, Callable[[Path], list[str]]] = {
        ".txt": _text, ".md": _markdown, ".html": _html, ".htm": _html, ".docx": _docx, ".pdf": _pdf,
    }  # fmt: skip
    if suffix not in readers:
        raise ImportProblem(f"{path}: 不支持的格式 “{suffix or '（无扩展名）'}”，可导入 {'、'.join(FORMATS)}")
    if not path.is_file():
        raise ImportProblem(f"{path}: 文件不存在")
    try:
        lines = readers[suffix](path)
    except ImportProblem:
        raise
    except Exception as exc:  # each library raises its own kinds on a damaged file
        raise ImportProblem(f"{path}: 无法读取为 {suffix} 文件（{exc.__class__.__name__}: {exc}）") from None
    lines = [" ".join(line.replace("\x00", "").split()) for line in lines]
    lines = [line for line in lines if line]
    if not lines:
        raise ImportProblem(f"{path}: 没有读出任何文字（扫描件需要先做文字识别）")
    return lines


def decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportProblem(f"{path}: 既不是 UTF-8 也不是 GB18030 文本")


def _text(path: Path) -> list[str]:
    return decode(path.read_bytes(), path).splitlines()


def _markdown(path: Path) -> list[str]:
    return _unmark(_text(path))


def _unmark(lines: list[str]) -> list[str]:
    """Markdown's heading, list and quote marks and escapes removed: the hierarchy comes from the numbering."""
    return [_MD_ESCAPE.sub(r"\1", _MD_MARKS.sub("", line)).replace("**", "") for line in lines]


def _html(path: Path) -> list[str]:
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 0  # no re-wrapping: one paragraph stays one line
    converter.ignore_links = True
    converter.ignore_images = True
    converter.ignore_emphasis = True
    markdown = converter.handle(decode(path.read_bytes(), path))
    return _unmark(markdown.splitlines())


def _docx(path: Path) -> list[str]:
    import docx
    from docx.table import Table

    lines: list[str] = []
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = list(dict.fromkeys(c.text.strip() for c in row.cells))  # merged cells repeat
                lines.append(" ".join(c for c in cells if c))
        else:
            lines.extend(block.text.splitlines())
    return lines


def _pdf(path: Path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    lines: list[str] = []
    for page in reader.pages:
        lines.extend(join_wrapped([" ".join(x.split()) for x in (page.extract_text() or "").splitlines()]))
    return lines


def join_wrapped(lines: list[str]) -> list[str]:
    """Join lines that the page width broke: a line about as long as the page's longest lines, not ending a
    sentence, continues on the next one."""
    lines = [x for x in lines if x]
    if not lines:
        return []
    lengths = sorted(len(x) for x in lines)
    full = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    out: list[str] = []
    carry = False
    for line in lines:
        if carry and out and not starts_heading(line):
            out[-1] += line
        else:
            out.append(line)
        carry = len(line) >= 0.85 * full and line[-1] not in _END
    return out
