"""`python -m assistant calc [--json] [FILE|-]`: the award calculator on a JSON request."""

from __future__ import annotations

import argparse
import json
from typing import Any

from assistant.commands.batch import EXIT_CODES_HELP, clean_text, dumps, open_binary
from assistant.errors import AssistantError, BadClaim
from assistant.hygiene import parse_json
from assistant.settings import Settings

EXAMPLE = {
    "enterprise": {
        "registered_locally": True,
        "pays_tax_locally": True,
        "independent_legal_person": True,
        "local_tax_paid_yuan": "80万",
        "newly_introduced": False,
        "exclusions": [],
    },
    "claims": [
        {"award": "base_investment", "year": 2024, "investment_yuan": "800万", "advanced_tech": True},
        {"award": "industrial_internet_platform", "level": "provincial", "year": 2024, "project": "平台A"},
        {"award": "infosec_star", "star": 5, "year": 2024},
    ],
    "as_of": "2024-06-01",
}

EXAMPLE_RESULT = """\
结果（节选）：基础投入 800万元 × 5% = 最高 40万元；省级工业互联网平台 最高 50万元；
省五星级工业信息安全防护企业 15万元；合计 最高 105万元 > 地方税收 80万元 → 合计 最高 80万元。"""


def _fields(model: Any, prefix: str) -> list[str]:
    lines = []
    for name, f in model.model_fields.items():
        lines.append(f"  {prefix}{name:<26} {f.description or ''}")
    return lines


def help_epilog() -> str:
    """The input schema and a worked example; the allowed awards come from corpus/*/rules.yaml."""
    from assistant.settings import load_settings
    from tools.calc_schema import CalcRequest, Claim, Enterprise
    from tools.calculator_tool import tool_description
    from tools.rulebook import RuleBook

    # The fields are the facts rules.yaml declares; without a readable corpus, only the fixed structure shows.
    models: Any = None
    try:
        book = RuleBook.load(load_settings().corpus_dir)
        models = book.models
        options = ["", "可选值：", "  " + tool_description(book).split("award 可选：", 1)[1]]
    except Exception as exc:  # noqa: BLE001 - help must show even when the corpus is broken
        options = ["", f"（无法读取规则以列出可选值与事实字段：{exc}）"]
    request, enterprise, claim = (
        (models.request, models.enterprise, models.claim) if models else (CalcRequest, Enterprise, Claim)
    )
    lines = ["输入（JSON 对象）：", *_fields(request, ""), "", "enterprise：", *_fields(enterprise, "")]
    lines += ["", "claims[] 每项：", *_fields(claim, "")]
    lines += options
    lines += ["", '金额可写整数元或文字：3000000、"300万"、"0.3亿"。不知道的事实留空（null）。', ""]
    lines += ["示例：", json.dumps(EXAMPLE, ensure_ascii=False, indent=2), EXAMPLE_RESULT, ""]
    lines += [
        "用法：",
        "  python -m assistant calc request.json",
        '  echo \'{"claims":[{"award":"dcmm"}]}\' | python -m assistant calc --json',
        "",
        EXIT_CODES_HELP,
    ]
    return "\n".join(lines)


class _HelpAction(argparse.Action):
    """Builds the long help only when asked, so other commands do not pay for reading the rules."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object, **__: object) -> None:
        parser.epilog = help_epilog()
        parser.print_help()
        parser.exit()


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "calc",
        help="奖补测算：JSON 输入（文件或标准输入），表格或 JSON 输出",
        description="奖补测算：按 corpus/*/rules.yaml 计算每项奖补、附则原则和缺少的信息。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    p.add_argument("-h", "--help", action=_HelpAction, nargs=0, help="show the input schema with an example")
    p.add_argument("file", nargs="?", default="-", help="JSON request file; - or nothing reads stdin")
    p.add_argument("--json", action="store_true", help="print the result as JSON (CalcResult.to_dict())")
    p.set_defaults(handler=run)


def read_request(source: str) -> Any:
    """The JSON in ``source`` (a path, or - for stdin); a syntax error names the line and column."""
    with open_binary(source) as stream:
        raw = stream.read()
    where = "标准输入" if source == "-" else source
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadClaim(f"{where} 不是合法的 UTF-8 文本（第 {exc.start + 1} 个字节）") from None
    if not text.strip():
        raise BadClaim(f"{where} 是空的：需要一个 JSON 对象，见 `python -m assistant calc --help`")
    try:
        return parse_json(text)
    except AssistantError as exc:
        raise BadClaim(f"{where}：{exc}") from None


def run(args: argparse.Namespace, settings: Settings) -> int:
    from tools.award_calculator import calculate
    from tools.calc_report import render_table
    from tools.rulebook import RuleBook

    data = read_request(args.file)
    result = calculate(data, RuleBook.load(settings.corpus_dir))
    if args.json:
        print(clean_text(dumps(result.to_dict(), indent=2)))
    else:
        print(clean_text(render_table(result)))
    return 0
