"""The default, deterministic planner: read the facts, pick the intent, call the tools, hand over to the composer.

No network and no model beyond the embedder. Every decision is written to the answer's trace.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from assistant import composer
from assistant.calc_composer import compose_calc
from assistant.claims import build_request
from assistant.composer import Composed
from assistant.context import EngineContext
from assistant.conversation import ConversationState
from assistant.facts import Facts, extract_facts
from assistant.intents import classify
from assistant.quotes import sentence_with
from assistant.scope import judge_scope
from assistant.types import Answer, Plan, ToolCall
from indexing.types import Clause

_REFERENTIAL = re.compile(r"这个|这项|该项|此项|上面|刚才|它|这笔|那个|这类")


class RulesPlanner:
    name = "rules"

    def __init__(self, ctx: EngineContext, today: Callable[[], date] = date.today) -> None:
        self.ctx = ctx
        self.today = today

    # ── entry point ────────────────────────────────────────────────────────────
    def respond(self, text: str, state: ConversationState) -> Answer:
        facts = extract_facts(text, self.ctx.vocab)
        scope = judge_scope(text, self.ctx.vocab.in_scope_hits(text))
        intent = classify(text, facts, scope, state)
        plan = Plan(intent=intent.name, facts=facts.as_dict(), reasons=list(intent.reasons))
        calls: list[ToolCall] = []
        handler: Callable[..., Composed] = getattr(self, f"_{intent.name}")
        composed = handler(text, facts, state, plan, calls, scope_reason=scope.reason, injection=scope.kind == "injection")
        state.last_intent = intent.name
        if composed.citations:
            state.topic_clause = composed.citations[0].clause_id
        trace = [f"意图：{intent.name}（{'；'.join(intent.reasons)}）"]
        trace += [f"事实：{plan.facts}"] if plan.facts else []
        trace += [f"缺少：{'、'.join(plan.missing)}"] if plan.missing else []
        trace += [f"调用工具 {c.name}" for c in calls]
        trace += [f"引用 {c.path}" for c in composed.citations]
        return Answer(
            kind=composed.kind, answer=composed.text, citations=composed.citations, tool_calls=calls, plan=plan,
            planner=self.name, trace=trace, helpdesk=composed.helpdesk,
        )

    # ── tools ──────────────────────────────────────────────────────────────────
    def search(self, query: str, calls: list[ToolCall], k: int = 5) -> list[Clause]:
        args = {"query": query, "k": k}
        hits = self.ctx.search_tool.invoke(args)
        calls.append(ToolCall("policy_search", args, hits))
        seen: list[Clause] = []
        for h in hits:
            clause = self.ctx.clause(h["clause_id"])
            if clause not in seen:
                seen.append(clause)
        return seen

    def calculate(self, request: dict[str, Any], calls: list[ToolCall]) -> dict[str, Any]:
        result = self.ctx.calc_tool.invoke(request)
        calls.append(ToolCall("award_calculator", request, result))
        return result

    # ── intents ────────────────────────────────────────────────────────────────
    def _refuse(self, text: str, facts: Facts, state: ConversationState, plan: Plan, calls: list[ToolCall], **kw: Any) -> Composed:
        return composer.refuse(kw.get("scope_reason") or "与本政策无关", injection=bool(kw.get("injection")))

    def _greeting(self, *args: Any, **kw: Any) -> Composed:
        return composer.greeting()

    def _validity(self, text: str, facts: Facts, state: ConversationState, plan: Plan, calls: list[ToolCall], **kw: Any) -> Composed:
        clause = self.ctx.book_clause("validity") or next(
            (c for c in self.search("实施期限 有效期", calls) if "有效期" in c.text), None
        )
        meta = self.ctx.meta(clause.doc_id if clause else None)
        return composer.validity(meta, clause, self.today(), facts.year)

    def _document(self, text: str, facts: Facts, state: ConversationState, plan: Plan, calls: list[ToolCall], **kw: Any) -> Composed:
        meta = self.ctx.meta()
        clauses = self.search(text, calls)
        notice = next((c for c in self.ctx.index.clauses if c.doc_id == meta.doc_id), None)
        cites = []
        lines = [
            f"文件：{meta.title}",
            f"文号：{meta.number}；发文单位：{meta.issuer}；印发日期：{meta.published.year}年{meta.published.month}月{meta.published.day}日。",
        ]
        plan_title = next((c for c in clauses if "行动计划（" in c.text and c.path[0] != notice.path[0]), None) if notice else None
        if notice and (q := sentence_with(notice.text, meta.number) or notice.text.splitlines()[0]):
            cites.append(composer.cite(meta, notice, q.strip()))
        if re.search(r"几年|哪些年|年限|起止|时间范围", text) and plan_title:
            q = next((ln for ln in plan_title.text.splitlines() if "年）" in ln), None)
            if q:
                lines.insert(0, "三年行动计划的期限是2022—2024年（2022年、2023年、2024年）。")
                cites.insert(0, composer.cite(meta, plan_title, q.strip()))
        lines.append(
            f"附件《若干政策》自公布之日起施行，有效期三年（{meta.valid_from.isoformat()} 至 {meta.valid_until.isoformat()}）"
            + ("，现已到期，现行政策请咨询" + meta.contact_department + "。" if self.today() > meta.valid_until else "。")
        )
        text_out = "\n".join(lines) + "".join(f"\n\n> {c.quote}（{c.path}）" for c in cites)
        return Composed("answer", text_out, cites, composer.helpdesk(lines[0], cites[0] if cites else None, meta.contact_department))

    def _department(self, text: str, facts: Facts, state: ConversationState, plan: Plan, calls: list[ToolCall], **kw: Any) -> Composed:
        rule_ids = [a.rule_id for a in facts.awards]
        if not rule_ids and state.topic_rules and (_REFERENTIAL.search(text) or len(text) <= 12):
            rule_ids = list(state.topic_rules)
            plan.reasons.append("沿用上一轮的奖补事项")
        if rule_ids:
            rule = self.ctx.book.rule(rule_ids[0])
            clause = self.ctx.clause_by_path(rule.clause, rule.doc_id)
            if clause and (resp := composer.responsible(clause)):
                state.topic_rules = rule_ids
                return composer.department_answer(self.ctx.meta(clause.doc_id), clause, resp[0], rule.title, resp[1])
        candidates: list[Clause] = []
        if not facts.awards and state.topic_clause and (_REFERENTIAL.search(text) or len(text) <= 12):
            candidates.append(self.ctx.clause(state.topic_clause))
            plan.reasons.append("沿用上一轮引用的条款")
        candidates += self.search(text, calls)
        for clause in candidates:
            if resp := composer.responsible(clause):
                subject = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）)、.]", "", clause.title)
                return composer.department_answer(self.ctx.meta(clause.doc_id), clause, resp[0], f"“{subject}”", resp[1])
        return self._lookup(text, facts, state, plan, calls)

    def _eligibility(self, text: str, facts: Facts, state: ConversationState, plan: Plan, calls: list[ToolCall], **kw: Any) -> Composed:
        from assistant.eligibility import compose_eligibility

        return compose_eligibility(self, text, facts, state, plan, calls)

    def _calc(self, text: str, facts: Facts, state: ConversationState, plan: Plan, calls: list[ToolCall], **kw: Any) -> Composed:
        request, notes = build_request(facts, state, self.ctx.book, self.today())
        plan.reasons += notes
        if not request["claims"]:
            return self._lookup(text, facts, state, plan, calls)
        result = self.calculate(request, calls)
        plan.missing = [m.get("question") or m.get("field", "") for m in result.get("missing", [])]
        state.claims = request["claims"]
        state.enterprise = request["enterprise"]
        state.topic_rules = list(dict.fromkeys(c["award"] for c in request["claims"]))
        return compose_calc(self.ctx, result, text)

    def _target(self, text: str, facts: Facts, state: ConversationState, plan: Plan, calls: list[ToolCall], **kw: Any) -> Composed:
        return self._passage(text, calls, target=True)

    def _lookup(self, text: str, facts: Facts, state: ConversationState, plan: Plan, calls: list[ToolCall], **kw: Any) -> Composed:
        return self._passage(text, calls, target=False)

    def _passage(self, text: str, calls: list[ToolCall], target: bool) -> Composed:
        clauses = self.search(text, calls)
        if not clauses:
            return composer.refuse("在政策原文中没有找到相关内容", injection=False)
        clause = clauses[0]
        return composer.passage_answer(text, self.ctx.meta(clause.doc_id), clause, target=target)
