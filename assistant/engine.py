"""The conversation engine: one Assistant (index, rules, tools, planners) and the conversations it holds.

Example:
    >>> bot = Assistant.from_settings(load_settings())          # doctest: +SKIP
    >>> bot.ask_turns(["智能车间投入800万能拿多少？"]).kind     # doctest: +SKIP
    'answer'
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from assistant.conversation import ConversationState, Turn
from assistant.hygiene import clean_message
from assistant.settings import Settings
from assistant.types import Answer

log = logging.getLogger(__name__)


class Assistant:
    """Holds what every conversation shares; cheap to ask, expensive (index load) to create once."""

    def __init__(self, settings: Settings, context: Any, today: Callable[[], date] = date.today) -> None:
        from assistant.planner import RulesPlanner

        self.settings = settings
        self.context = context
        self.today = today
        self.rules_planner = RulesPlanner(context, today)
        self.llm_planner = None
        if settings.planner == "llm" and settings.llm_enabled:
            from assistant.llm_planner import LLMPlanner

            self.llm_planner = LLMPlanner.from_settings(settings, context, self.rules_planner)

    @classmethod
    def from_settings(cls, settings: Settings, progress: bool = False, **kwargs: Any) -> Assistant:
        from assistant.context import EngineContext

        return cls(settings, EngineContext.load(settings, progress=progress), **kwargs)

    def new_conversation(self) -> Conversation:
        return Conversation(self)

    def ask_turns(self, turns: list[str]) -> Answer:
        """Answer each message in order as one conversation; return the answer to the last."""
        conv = self.new_conversation()
        answer = None
        for message in turns or [""]:
            answer = conv.ask(message)
        assert answer is not None
        return answer

    def respond(self, message: object, state: ConversationState) -> Answer:
        started = time.perf_counter()
        clean = clean_message(message, self.settings.max_input_chars)
        if not clean.text:
            answer = Answer(
                kind="clarify",
                answer="请输入您的问题，例如：“智能车间2023年相关投入800万，能拿多少奖补？”",
                trace=["输入为空或只有空白/控制字符"],
            )
        else:
            planner = self.llm_planner or self.rules_planner
            answer = planner.respond(clean.text, state)
            if clean.truncated:
                answer.answer = (
                    f"（您的消息有 {clean.original_chars} 个字符，只读取了前 {len(clean.text)} 个。）\n\n"
                    + answer.answer
                )
                answer.trace.insert(0, f"输入过长，截断到 {len(clean.text)} 个字符")
        answer.elapsed_ms = (time.perf_counter() - started) * 1000
        state.remember(
            Turn(clean.text, answer.kind, answer.plan.intent if answer.plan else "", answer.answer)
        )
        return answer


class Conversation:
    """One person's conversation: bounded history and the facts carried between turns."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.state = ConversationState(max_turns=assistant.settings.history_turns)

    def ask(self, message: object) -> Answer:
        return self.assistant.respond(message, self.state)
