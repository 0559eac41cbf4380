"""The 政策问答 tab's behaviour: one person's conversation, its messages, 👍/👎 and the ``ask`` API endpoint.

A :class:`ChatSession` lives in ``gr.State`` (one per browser tab) and keeps each turn's question and answer
dict, so the chat can be drawn again when help-desk mode is switched. :class:`ChatController` holds what all
sessions share (the assistant, the feedback store, the clause texts) and has one method per UI event.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from assistant.errors import AssistantError, BadQuery
from assistant.feedback import FeedbackStore
from assistant.hygiene import MAX_TURNS, parse_json, printable
from ui import render

log = logging.getLogger(__name__)

THANKS = "感谢您的反馈！"
# What one browser tab keeps: the newest turns only (a chat left open all day must not grow without end).
KEPT_TURNS = 50
COMMENT_SAVED = "已收到您的留言，我们会据此改进。"


@dataclass
class ChatTurn:
    question: str
    notice: str = ""
    answer: dict[str, Any] | None = None
    error: str = ""
    feedback_id: int | None = None
    rating: int | None = None  # the last thumb given, so a second click on it is not stored twice


@dataclass
class ChatSession:
    """One browser tab's conversation. ``conversation`` is the engine's (bounded history, carried facts)."""

    conversation: Any = None
    turns: list[ChatTurn] = field(default_factory=list)
    pending_comment: int | None = None  # feedback row waiting for an optional comment

    def messages(
        self, helpdesk: bool, clause_text: Callable[[str], str | None]
    ) -> tuple[list[dict[str, Any]], list[int]]:
        """The Chatbot's messages and, for each, the index of the turn it belongs to."""
        messages: list[dict[str, Any]] = []
        owners: list[int] = []
        for i, turn in enumerate(self.turns):
            part = [render.user_message(turn.question, turn.notice)]
            if turn.answer is not None:
                part += render.chat_messages(turn.answer, helpdesk, clause_text)
            elif turn.error:
                part.append(render.error_message(turn.error))
            messages += part
            owners += [i] * len(part)
        return messages, owners

    def turn_at(self, message_index: int, clause_text: Callable[[str], str | None]) -> ChatTurn | None:
        _, owners = self.messages(False, clause_text)
        if 0 <= message_index < len(owners):
            return self.turns[owners[message_index]]
        return None


def cut_input(text: str, max_chars: int) -> tuple[str, str]:
    """The message as the assistant will read it, and a notice when it had to be cut."""
    text = str(text or "")
    if len(text) <= max_chars:
        return text, ""
    return text[:max_chars], f"输入共 {len(text)} 字，超过 {max_chars} 字的上限，只保留了前 {max_chars} 字。"


def parse_api_input(raw: object) -> list[str]:
    """The API's one string: a JSON list of turns (``["问1", "问2"]``) or a plain single message.

    Anything else (a number, an object, a list of 10,000 turns, JSON nested 100,000 deep) is refused by name.
    """
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        raise BadQuery(
            f"message 应为字符串（一条消息，或 JSON 列表形式的多轮消息），收到 {type(raw).__name__}"
        )
    text = printable(raw)
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            value = parse_json(stripped)
        except BadQuery as exc:
            if "不是合法 JSON" in str(exc):
                return [text]  # a message that merely starts with "["
            raise
        if isinstance(value, list) and not value:
            return [text]
        if isinstance(value, list) and all(isinstance(t, str) for t in value):
            if len(value) > MAX_TURNS:
                raise BadQuery(f"一次最多 {MAX_TURNS} 轮对话，收到 {len(value)} 轮")
            return value
        raise BadQuery('JSON 列表中的每一项都应是一条用户消息（字符串），例如 ["问题一", "问题二"]')
    return [text]


class ChatController:
    """Event handlers of the chat tab; ``bot`` is an ``assistant.engine.Assistant``."""

    def __init__(
        self, bot: Any, store: FeedbackStore, clause_text: Callable[[str], str | None], max_input_chars: int
    ) -> None:
        self.bot = bot
        self.store = store
        self.clause_text = clause_text
        self.max_input_chars = max_input_chars

    def _draw(self, session: ChatSession, helpdesk: bool) -> list[dict[str, Any]]:
        return session.messages(bool(helpdesk), self.clause_text)[0]

    def start(
        self, text: str, session: ChatSession | None, helpdesk: bool
    ) -> tuple[str, list[dict[str, Any]], ChatSession]:
        """Show the question at once and clear the input; ``answer`` runs next."""
        session = session or ChatSession()
        if isinstance(text, str) and text.strip():
            question, notice = cut_input(printable(text), self.max_input_chars)
            session.turns.append(ChatTurn(question, notice))
            del session.turns[:-KEPT_TURNS]
        return "", self._draw(session, helpdesk), session

    def answer(
        self, session: ChatSession | None, helpdesk: bool, doc: str | None = None
    ) -> tuple[list[dict[str, Any]], ChatSession]:
        """Answer the newest question; ``doc`` is the document selector's value ("all": route by the question)."""
        session = session or ChatSession()
        turn = session.turns[-1] if session.turns else None
        if turn is not None and turn.answer is None and not turn.error:
            try:
                if session.conversation is None:
                    session.conversation = self.bot.new_conversation()
                doc = self.bot.router.check(doc if isinstance(doc, str) else None, "文件选择")
                turn.answer = session.conversation.ask(turn.question, doc).to_dict()
            except AssistantError as exc:
                turn.error = str(exc)
            except Exception:  # a bug must not show a traceback to the public
                log.exception("answering %r failed", turn.question[:200])
                turn.error = "系统出错，请稍后再试；如问题持续，请联系政策主管部门。"
        return self._draw(session, helpdesk), session

    def example(
        self, evt: gr.SelectData, session: ChatSession | None, helpdesk: bool
    ) -> tuple[str, list[dict[str, Any]], ChatSession]:
        value = evt.value if isinstance(evt.value, dict) else {"text": str(evt.value)}
        return self.start(str(value.get("text") or ""), session, helpdesk)

    def redraw(self, session: ChatSession | None, helpdesk: bool) -> list[dict[str, Any]]:
        return self._draw(session or ChatSession(), helpdesk)

    def new_conversation(self) -> tuple[ChatSession, list[dict[str, Any]], Any, str]:
        return ChatSession(), [], gr.update(visible=False), ""

    def like(self, evt: gr.LikeData, session: ChatSession | None) -> tuple[ChatSession, Any, Any]:
        """A thumb was clicked: store the rating now; after 👎 offer the comment box."""
        session = session if isinstance(session, ChatSession) else ChatSession()
        index = _message_index(getattr(evt, "index", None))
        turn = session.turn_at(index, self.clause_text) if index is not None else None
        # gr.LikeData.liked: True for 👍, False for 👎 (or the option's text for other feedback options).
        liked = getattr(evt, "liked", None)
        rating = (
            {True: 1, False: -1, "Like": 1, "Dislike": -1}.get(liked)
            if isinstance(liked, bool | str)
            else None
        )
        if turn is None or turn.answer is None or rating is None or turn.rating == rating:
            return session, gr.update(), gr.update()
        turn.rating = rating
        turn.feedback_id = self.store.record_answer(rating, turn.question, turn.answer)
        if rating < 0:
            session.pending_comment = turn.feedback_id
            return (
                session,
                gr.update(visible=True),
                "已记录您的“踩”。能说说哪里不对吗？（可选，直接提交也可以）",
            )
        session.pending_comment = None
        gr.Info(THANKS)
        return session, gr.update(visible=False), ""

    def comment(self, text: str, session: ChatSession | None) -> tuple[ChatSession, Any, str, str]:
        session = session if isinstance(session, ChatSession) else ChatSession()
        if session.pending_comment is not None and isinstance(text, str) and text.strip():
            self.store.set_comment(session.pending_comment, printable(text)[: self.max_input_chars])
            gr.Info(COMMENT_SAVED)
        session.pending_comment = None
        return session, gr.update(visible=False), "", ""

    def api_ask(self, message: str) -> dict[str, Any]:
        """The ``ask`` endpoint: one string (a JSON list of turns, or one message) → ``Answer.to_dict()``."""
        try:
            turns = parse_api_input(message)
            cut = [cut_input(t, self.max_input_chars) for t in turns]
            answer = self.bot.ask_turns([t for t, _ in cut]).to_dict()
        except AssistantError as exc:
            raise gr.Error(str(exc), print_exception=False) from None
        notices = [n for _, n in cut if n]
        if notices:
            answer.setdefault("trace", []).insert(0, notices[-1])
        return answer

    def api_ask_json(self, message: str) -> str:
        """The ``ask_json`` endpoint: the same answer as ``ask``, as one JSON string (exactly what ``ask --json``
        prints). gradio_client 2.x takes any dict holding a ``"path"`` string for a file to download, and
        citations have ``path``; a client that cannot pass ``download_files=False`` can call this instead."""
        return json.dumps(self.api_ask(message), ensure_ascii=False)


def _message_index(index: object) -> int | None:
    """The message index of a like event: an int, or the first of a [row, column] pair; None for anything else."""
    if isinstance(index, list | tuple) and index:
        index = index[0]
    return index if isinstance(index, int) and not isinstance(index, bool) else None
