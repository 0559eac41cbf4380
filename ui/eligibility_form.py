"""The 补贴测算 tab: a form built from the rule book, mapped to and from a ``CalcRequest``, and its results.

The form is data-driven like the calculator: awards with amount facts (an investment, a loan) get their own
inputs, labelled from rules.yaml's ``facts``; every other award is a tick box per level, star or field. Adding a
rule to rules.yaml adds it to the form. Amounts are typed in 万元 and sent to the calculator in integer yuan.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import AssistantError, BadAmount
from assistant.hygiene import parse_json
from assistant.settings import Settings
from tools.amounts import parse_amount
from tools.calc_schema import CalcRequest, fact, parse_request
from tools.principles import cap_facts
from ui import calc_table
from ui.render import escape_text

YES, NO, UNKNOWN = "是", "否", "不确定"
EXPORT_TTL_S = 3600  # a result's CSV/Markdown download stays this long
TRISTATE = [YES, NO, UNKNOWN]
_CIRCLED = "⓪①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _enterprise_labels(book: Any) -> dict[str, str]:
    """The enterprise's yes/no facts declared in rules.yaml, each with its label (是否在…注册 → 在…注册)."""
    specs = [
        s for doc in book.docs.values() for s in doc.facts.values()
    ]  # in the order rules.yaml declares them
    return {
        s.name: s.label.removeprefix("是否") for s in specs if s.scope == "enterprise" and s.type == "bool"
    }


def _tri(value: bool | None) -> str:
    return UNKNOWN if value is None else (YES if value else NO)


def _untri(value: Any) -> bool | None:
    return True if value == YES else False if value == NO else None


def _yuan(text: Any, label: str) -> int | None:
    """A form amount: a bare number is 万元 (as the label says); "300万", "0.3亿", "3,000,000元" also work."""
    if text is None or not str(text).strip():
        return None
    try:
        return parse_amount(str(text).strip(), default_multiplier=10_000)
    except BadAmount as exc:
        raise AssistantError(f"{label}：{exc}") from None


def _wan(yuan: int | None) -> str:
    if yuan is None:
        return ""
    return format(yuan / 10_000, "g") if yuan % 100 == 0 else f"{yuan}元"


@dataclass(frozen=True)
class Choice:
    """One tick box: an award, with the level, star or field it was won at."""

    label: str
    award: str
    level: str | None = None
    star: int | None = None
    field: str | None = None

    def claim(self) -> dict[str, Any]:
        d: dict[str, Any] = {"award": self.award}
        for key in ("level", "star", "field"):
            if getattr(self, key) is not None:
                d[key] = getattr(self, key)
        return d


def _fact_rules(book: Any) -> list[Any]:
    """Rules that need amounts typed in (their base, loan, interest or thresholds)."""
    out = []
    for rule in book.rules:
        a = rule.amount
        facts = {a.base, a.loan, a.paid} | {c.fact for c in rule.conditions if c.at_least_yuan is not None}
        if facts - {None}:
            out.append(rule)
    return out


def _rule_facts(rule: Any) -> list[str]:
    a = rule.amount
    names = [a.base, *(c.fact for c in rule.conditions), a.loan, a.paid]
    return list(dict.fromkeys(n for n in names if n))


def _choices(book: Any, rule: Any) -> list[Choice]:
    v = book.vocabulary
    a = rule.amount
    only_level = rule.levels[0] if len(rule.levels) == 1 else None
    if a.kind == "by_star" or rule.stars:
        stars = [int(s) for s in a.choices] if a.kind == "by_star" else list(rule.stars)
        return [Choice(f"{rule.title}（{v.star_names.get(s, s)}）", rule.id, only_level, s) for s in stars]
    if a.kind == "by_level" or len(rule.levels) > 1:
        levels = list(a.choices) if a.kind == "by_level" else list(rule.levels)
        return [Choice(f"{rule.title}（{v.level_names.get(lv, lv)}）", rule.id, lv) for lv in levels]
    if a.kind == "by_field":
        return [
            Choice(f"{rule.title}（{v.field_names.get(f, f)}）", rule.id, only_level, None, f)
            for f in a.choices
        ]
    return [Choice(rule.title, rule.id, only_level)]


class EligibilityForm:
    """Builds the tab's components (``layout``), connects them (``wire``) and maps values ⇄ CalcRequest."""

    def __init__(self, book: Any, settings: Settings, calculate: Callable[..., Any] | None = None) -> None:
        if calculate is None:
            from tools.award_calculator import calculate as calculate_awards

            calculate = calculate_awards
        self.book = book
        self.calculate: Callable[..., Any] = calculate
        self.export_dir = Path(tempfile.mkdtemp(prefix="zgsz-calc-"))
        self.fact_rules = _fact_rules(book)
        fact_ids = {r.id for r in self.fact_rules}
        self.groups: dict[str, list[Choice]] = {}
        for rule in book.rules:
            if rule.id not in fact_ids:
                self.groups.setdefault(rule.clause[1] if len(rule.clause) > 1 else rule.clause[0], []).extend(
                    _choices(book, rule)
                )
        self.choice_by_label = {c.label: c for cs in self.groups.values() for c in cs}
        doc = next(iter(book.docs.values()))
        self.fact_specs = doc.facts
        self.amount_facts = book.models.names("claim", "yuan")
        self.bool_fields = book.models.names("claim", "bool")
        self.enterprise_bools = _enterprise_labels(book)
        # the enterprise's amounts (the yearly cap's local tax): declared in rules.yaml, asked in 万元
        self.enterprise_amounts = {
            s.name: s.label for s in doc.facts.values() if s.scope == "enterprise" and s.type == "yuan"
        }
        self.cap_exempt = cap_facts(doc).exempt  # answered 否 by default: most projects are not exempt
        self.valid_from, self.valid_until = doc.valid_from, doc.valid_until
        # Boolean facts shared by several awards (项目库) are asked once and apply to every claim that needs them.
        self.bool_facts = list(
            dict.fromkeys(f for r in book.rules for f in _rule_facts(r) if f in self.bool_fields)
        )
        self.names: list[str] = []
        self.inputs: list[Any] = []

    def _label(self, fact: str) -> str:
        spec = self.fact_specs.get(fact)
        label = spec.label if spec else fact
        return f"{label}（万元）" if fact in self.amount_facts else label

    def _add(self, name: str, component: Any) -> None:
        self.names.append(name)
        self.inputs.append(component)

    def layout(self) -> None:
        """Create the form's components inside the current Blocks context."""
        gr.Markdown(
            "填写企业情况和已获得的认定、投入，按《若干政策》测算可申请的奖补。"
            f"政策有效期 {self.valid_from:%Y-%m-%d} 至 {self.valid_until:%Y-%m-%d}；结果仅供参考，以主管部门审定为准。"
        )
        with gr.Accordion("① 企业情况", open=True, elem_id="calc-enterprise"):
            with gr.Row():
                self._add("name", gr.Textbox(label="企业名称（可选）", elem_id="calc-name", max_length=100))
                self._add(
                    "as_of",
                    gr.Textbox(
                        label="测算日期（可选，YYYY-MM-DD，留空为今天）", elem_id="calc-as-of", max_length=10
                    ),
                )
            with gr.Row():
                for key, label in self.enterprise_bools.items():
                    default = NO if key == self.cap_exempt else UNKNOWN
                    self._add(
                        key,
                        gr.Radio(TRISTATE, value=default, label=label, elem_id=f"calc-{key}", min_width=150),
                    )
            with gr.Row():
                years = list(range(self.valid_from.year, self.valid_until.year + 1))
                self._add(
                    "year", gr.Dropdown(years, value=None, label="申报年度（可选）", elem_id="calc-year")
                )
                for key, label in self.enterprise_amounts.items():
                    self._add(
                        key,
                        gr.Textbox(
                            label=f"{label}（万元，可选）",
                            placeholder="如 60",
                            elem_id=f"calc-{key}",
                            max_length=30,
                        ),
                    )
            self._add(
                "exclusions",
                gr.CheckboxGroup(
                    [(e.name, e.id) for e in self.book.exclusions],
                    label="除外情形（如有，请勾选）",
                    elem_id="calc-exclusions",
                ),
            )
        for n, rule in enumerate(self.fact_rules, start=2):
            with gr.Accordion(
                f"{_CIRCLED[n]} {rule.title}（{rule.clause[-1]}）",
                open=rule is self.fact_rules[0],
                elem_id=f"calc-rule-{rule.id}",
            ):
                with gr.Row():
                    for fact in _rule_facts(rule):
                        if fact in self.bool_fields:
                            if f"bool:{fact}" not in self.names:  # asked once, in the first award needing it
                                self._add(
                                    f"bool:{fact}",
                                    gr.Radio(
                                        TRISTATE,
                                        value=UNKNOWN,
                                        label=self._label(fact),
                                        elem_id=f"calc-{fact}",
                                        min_width=180,
                                    ),
                                )
                        else:
                            self._add(
                                f"{rule.id}:{fact}",
                                gr.Textbox(
                                    label=self._label(fact),
                                    placeholder="如 800",
                                    elem_id=f"calc-{rule.id}-{fact}",
                                    min_width=180,
                                    max_length=30,
                                ),
                            )
        with gr.Accordion(
            f"{_CIRCLED[len(self.fact_rules) + 2]} 已获得的认定、荣誉（可多选）",
            open=True,
            elem_id="calc-awards",
        ):
            for section, choices in self.groups.items():
                self._add(
                    f"group:{section}",
                    gr.CheckboxGroup(
                        [c.label for c in choices], label=section, elem_id=f"calc-group-{len(self.names)}"
                    ),
                )
        with gr.Row():
            self.run = gr.Button("开始测算", variant="primary", elem_id="calc-run")
            self.reset = gr.Button("清空", elem_id="calc-reset")
        self.total = gr.Markdown(elem_id="calc-total")
        self.table = gr.HTML("", elem_id="calc-table")
        with gr.Row():
            self.csv_file = gr.DownloadButton("导出 CSV", visible=False, elem_id="calc-csv", size="sm")
            self.md_file = gr.DownloadButton("导出 Markdown", visible=False, elem_id="calc-md", size="sm")
        self.details = gr.Markdown(elem_id="calc-details")

    def wire(self) -> None:
        outputs = [self.total, self.table, self.csv_file, self.md_file, self.details]
        self.run.click(self.on_run, self.inputs, outputs, api_visibility="private").then(
            None, js="() => document.querySelector('#calc-total')?.scrollIntoView({block: 'start'})"
        )
        self.reset.click(self.on_reset, None, [*self.inputs, *outputs], api_visibility="private")

    # ── values ⇄ request ────────────────────────────────────────────────────
    def request_from_values(self, values: dict[str, Any]) -> CalcRequest:
        """Form values (by name) → a validated CalcRequest. Empty inputs stay unknown."""
        enterprise: dict[str, Any] = {k: _untri(values.get(k)) for k in self.enterprise_bools}
        enterprise["name"] = (values.get("name") or "").strip() or None
        enterprise.update({k: _yuan(values.get(k), label) for k, label in self.enterprise_amounts.items()})
        enterprise["exclusions"] = list(values.get("exclusions") or [])
        year = int(values["year"]) if values.get("year") not in (None, "") else None
        bools = {f: _untri(values.get(f"bool:{f}")) for f in self.bool_facts}
        claims: list[dict[str, Any]] = []
        for rule in self.fact_rules:
            amounts = {
                f: _yuan(values.get(f"{rule.id}:{f}"), self._label(f))
                for f in _rule_facts(rule)
                if f not in self.bool_fields
            }
            if any(v is not None for v in amounts.values()):
                claims.append({"award": rule.id, **amounts})
        for section in self.groups:
            for label in values.get(f"group:{section}") or []:
                if label in self.choice_by_label:
                    claims.append(self.choice_by_label[label].claim())
        for claim in claims:
            rule = self.book.rule(claim["award"])
            claim.update({f: v for f, v in bools.items() if f in _rule_facts(rule) and v is not None})
            if year is not None:
                claim["year"] = year
        as_of = (values.get("as_of") or "").strip()
        try:
            as_of_date = date.fromisoformat(as_of) if as_of else None
        except ValueError:
            raise AssistantError(f"测算日期“{as_of}”不是有效日期，请写成 2024-06-30 这样的格式") from None
        return parse_request(
            {"enterprise": enterprise, "claims": claims, "as_of": as_of_date}, self.book.models
        )

    def values_from_request(self, request: CalcRequest) -> dict[str, Any]:
        """The inverse of ``request_from_values`` (for claims the form can express)."""
        ent = request.enterprise
        values: dict[str, Any] = {k: _tri(fact(ent, k)) for k in self.enterprise_bools}
        values.update(
            name=ent.name or "",
            **{k: _wan(fact(ent, k)) for k in self.enterprise_amounts},
            exclusions=list(ent.exclusions),
            as_of=request.as_of.isoformat() if request.as_of else "",
            year=next((c.year for c in request.claims if c.year is not None), None),
        )
        for f in self.bool_facts:
            values[f"bool:{f}"] = _tri(
                next((fact(c, f) for c in request.claims if fact(c, f) is not None), None)
            )
        by_key = {(c.award, c.level, c.star, c.field): c.label for cs in self.groups.values() for c in cs}
        for section, choices in self.groups.items():
            labels = {c.label for c in choices}
            values[f"group:{section}"] = [
                lbl
                for claim in request.claims
                if (lbl := by_key.get((claim.award, claim.level, _star(claim.star), claim.field))) in labels
            ]
        for rule in self.fact_rules:
            claim = next((c for c in request.claims if c.award == rule.id), None)
            for f in _rule_facts(rule):
                if f not in self.bool_fields:
                    values[f"{rule.id}:{f}"] = _wan(fact(claim, f)) if claim else None
        return values

    # ── events ──────────────────────────────────────────────────────────────
    def compute(self, values: dict[str, Any]) -> dict[str, Any]:
        request = self.request_from_values(values)
        if not request.claims:
            raise AssistantError("请至少填写一项投入或勾选一项已获得的认定、荣誉，再开始测算。")
        return self.calculate(request, self.book).to_dict()

    def on_run(self, *args: Any) -> tuple[Any, ...]:
        values = dict(zip(self.names, args, strict=False))
        try:
            result = self.compute(values)
        except (
            AssistantError,
            ValueError,
            TypeError,
            AttributeError,
        ) as exc:  # a raw client can send anything
            return (
                f"**无法测算**：{escape_text(str(exc))}",
                "",
                gr.update(visible=False),
                gr.update(visible=False),
                "",
            )
        table = calc_table.table_from_result(result)
        title = f"{(values.get('name') or '').strip() or '企业'}奖补测算结果"
        self._prune_exports()
        stem = self.export_dir / f"奖补测算结果-{uuid.uuid4().hex[:8]}"
        csv_path, md_path = stem.with_suffix(".csv"), stem.with_suffix(".md")
        csv_path.write_text(calc_table.to_csv(table), encoding="utf-8-sig")
        md_path.write_text(calc_table.to_markdown(table, title), encoding="utf-8")
        return (
            calc_table.total_markdown(table),
            calc_table.to_html(table),
            gr.update(value=str(csv_path), visible=True),
            gr.update(value=str(md_path), visible=True),
            calc_table.details_markdown(table),
        )

    def _prune_exports(self) -> None:
        """Downloads older than EXPORT_TTL_S are deleted: every run writes two files, and a server runs for months."""
        cutoff = time.time() - EXPORT_TTL_S
        for path in self.export_dir.glob("*"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:  # gone already, or being read: next time
                pass

    def on_reset(self) -> tuple[Any, ...]:
        defaults = self.values_from_request(self.book.models.request())
        if self.cap_exempt:
            defaults[self.cap_exempt] = NO
        return (
            *[defaults.get(n) for n in self.names],
            "",
            "",
            gr.update(visible=False),
            gr.update(visible=False),
            "",
        )

    def api_calc(self, request_json: str) -> dict[str, Any]:
        """The ``calc`` endpoint: a CalcRequest as a JSON string → ``CalcResult.to_dict()``."""
        if not isinstance(request_json, str):
            raise gr.Error("输入应为 CalcRequest 的 JSON 字符串", print_exception=False)
        try:
            data = parse_json(request_json)
        except AssistantError as exc:
            raise gr.Error(f"输入不是有效的 JSON：{exc}", print_exception=False) from None
        try:
            return self.calculate(parse_request(data, self.book.models), self.book).to_dict()
        except AssistantError as exc:
            raise gr.Error(str(exc), print_exception=False) from None


def _star(value: int | str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
