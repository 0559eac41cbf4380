"""`python -m assistant corpus add FILE [--place P] [--title T] [--id ID] ...`: import a policy document.

Reads .txt/.md/.html/.docx/.pdf, writes corpus/<id>/ (the file kept as source.<ext>, policy.md with the
Chinese numbering as headings, meta.yaml filled from the text), prints what a person should check, then
refreshes the index incrementally (only the new document's chunks are embedded).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from assistant.errors import ImportProblem
from assistant.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("corpus", help="管理政策文件（导入新文件）", description="管理 corpus/ 中的政策文件。")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="导入一份政策文件（.txt .md .html .docx .pdf）",
        description="导入一份政策文件：识别标题层级（一、（一）1.（1）第X章 第X条 附件），写出 corpus/<id>/，"
        "从正文读出标题、文号、发文单位和日期，列出需要人工核对的地方，然后增量刷新索引。",
    )
    add.add_argument("file", type=Path, help="要导入的文件")
    add.add_argument("--id", dest="doc_id", help="文件夹名和文件 id（默认按文号生成，如 doc-2023-8）")
    add.add_argument("--title", help="文件标题（默认从正文读出）")
    add.add_argument("--place", help="适用地区，如 苏州市（默认从发文单位读出）")
    add.add_argument("--issuer", help="发文单位（默认从标题或落款读出）")
    add.add_argument("--number", help="文号（默认从正文读出）")
    add.add_argument("--published", type=_date, help="印发日期 YYYY-MM-DD（默认从落款读出）")
    add.add_argument("--no-index", action="store_true", help="只写文件夹，不刷新索引")
    p.set_defaults(handler=run)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 YYYY-MM-DD，实为 {text!r}") from None


def run(args: argparse.Namespace, settings: Settings) -> int:
    from indexing.importer import import_document

    if args.action != "add":  # argparse enforces the choice; kept for a clear message if one is added
        raise ImportProblem(f"未知操作 {args.action}")
    result = import_document(
        args.file, settings.corpus_dir, doc_id=args.doc_id, title=args.title, place=args.place,
        issuer=args.issuer, number=args.number, published=args.published,
    )  # fmt: skip
    print(result.report())
    if args.no_index:
        print("\n未刷新索引：改好 meta.yaml 和 policy.md 后运行 python -m assistant index")
        return 0
    from indexing.index import PolicyIndex

    print()
    print(PolicyIndex.build(settings, progress=True).summary())
    return 0
