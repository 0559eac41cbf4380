"""The Gradio (Blocks) app: 政策问答, 补贴测算, 政策原文, help-desk mode and feedback — layout and wiring only.

Behaviour lives beside this file: chat_session.py (chat events, the ``ask`` API), render.py (escaped
Markdown), eligibility_form.py (form ⇄ CalcRequest), policy_browser.py (heading tree), calc_table.py.

Example:
    >>> app = build_app(load_settings())          # doctest: +SKIP
    >>> launch(app, load_settings())              # doctest: +SKIP
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.feedback import FeedbackStore
from assistant.settings import Settings
from ui.chat_session import ChatController
from ui.eligibility_form import EligibilityForm
from ui.policy_browser import PolicyBrowser
from ui.sessions import CAPACITY, SESSION_TTL_S, quiet_queue_analytics, server_kwargs

log = logging.getLogger(__name__)

CSS_FILE = Path(__file__).with_name("style.css")
# What the app says about itself comes from the corpus's meta.yaml files (place, number, short title, examples).
ALL_DOCS = "all"
GENERIC_EXAMPLES = ["贷款贴息需要满足什么条件？", "这个政策现在还有效吗？"]
ASK_DOC = (
    "问一个问题：一条消息，或 JSON 列表（同一对话的多轮消息，回答最后一轮）。返回与 `ask --json` 相同的 JSON。"
    "用 gradio_client 调用时请用 Client(url, download_files=False)：引用里的 path 字段会被旧版客户端误当作文件下载。"
)
ASK_JSON_DOC = "与 /ask 相同，但返回 JSON 字符串（json.loads 即得同一对象），任何客户端都可直接使用。"
# Any click on a link to "#clause-<id>" (a source in the chat, a clause in a table) opens that clause in
# 政策原文. Capture phase, so the chat's own click handling never sees it.
_BRIDGE_JS = """
if (!window.__zgszClauseBridge) {
  window.__zgszClauseBridge = true;
  document.addEventListener('click', (e) => {
    const a = e.target && e.target.closest ? e.target.closest('a[href^="#clause-"]') : null;
    if (!a) return;
    e.preventDefault();
    e.stopPropagation();
    trigger('open_clause', {clause_id: decodeURIComponent(a.getAttribute('href').slice(8))});
  }, true);
}
"""
# Long answers: show the start of the newest answer (where the help-desk script is), not its end.
_SHOW_LATEST_ANSWER_JS = """
() => {
  const log = document.querySelector('#chat [role="log"]');
  const rows = document.querySelectorAll('#chat .message-row.bot-row');
  if (!log || !rows.length) return;
  const last = rows[rows.length - 1];
  log.scrollTop += last.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
}
"""
_SCROLL_TO_FOCUS_JS = """
watch('value', () => {
  const target = element.querySelector('.pb-focus');
  if (target) setTimeout(() => target.scrollIntoView({block: 'start'}), 50);
});
"""
# Gradio scopes custom CSS to the app's content; the page around it (padding, and flex boxes that would grow
# to fit a wide table on a phone) can only be set from <head>.
_HEAD = (
    "<script>document.documentElement.lang = 'zh-CN';</script>"
    "<style>@media (max-width: 640px) { .gradio-container .main.app { padding: 8px 8px !important; }"
    " .gradio-container, .gradio-container .main, .gradio-container .wrap, .gradio-container .contain,"
    " .gradio-container .tabs { min-width: 0 !important; max-width: 100vw; } }</style>"
)


def title_for(metas: list[Any]) -> str:
    """云溪县智改数转政策助手 for one place; the places joined for two or three; no place for more."""
    places = list(dict.fromkeys(m.place for m in metas if m.place))
    return ("、".join(places) if 0 < len(places) <= 3 else "") + "智改数转政策助手"


def header_for(metas: list[Any]) -> str:
    badges = "".join(f'<span class="badge">{html.escape(m.label)}</span>' for m in metas)
    names = "、".join(f"《{html.escape(m.short_title or m.title)}》" for m in metas[:3])
    return (
        f'<h1>{html.escape(title_for(metas))}</h1>\n<p class="sub">{badges}{names}·\n'
        "回答附原文出处 · 金额由奖补计算器按文件规定算出，仅供参考，以主管部门审定为准</p>"
    )


def placeholder_for(metas: list[Any]) -> str:
    docs = "、".join(
        f"{m.place}《{m.short_title or m.title}》" + (f"（{m.number}）" if m.number else "") for m in metas
    )
    return (
        f"**您好！我可以解答{docs}**\n\n"
        "奖补条件与金额测算、责任部门、适用范围、有效期……每条回答都附政策原文出处。"
        "坐席人员可勾选上方「坐席模式」，在每条回答上方显示可照读的话术、依据条款和转介部门。\n\n点下面的例子试试："
    )


def doc_choices(metas: list[Any]) -> list[tuple[str, str]]:
    """The document selector: every document, and "all" (each question routed to the document it names)."""
    return [("全部文件（按问题判断）", ALL_DOCS)] + [
        (f"{m.place} {m.label}".strip(), m.doc_id) for m in metas
    ]


def build_app(settings: Settings, bot: Any = None) -> gr.Blocks:
    """The whole web app. ``bot`` is an ``assistant.engine.Assistant``; built from ``settings`` when omitted."""
    if bot is None:
        from assistant.engine import Assistant

        bot = Assistant.from_settings(settings)
    metas = [d.meta for d in bot.context.documents]
    examples = [e for m in metas for e in m.examples][:4] or GENERIC_EXAMPLES
    browser = PolicyBrowser(list(bot.context.documents))
    store = FeedbackStore.open(settings)
    chat = ChatController(bot, store, browser.clause_text, settings.max_input_chars)
    form = EligibilityForm(bot.context.book, settings)

    # delete_cache: Gradio's copies of the calculator's downloads go after an hour, checked hourly.
    with gr.Blocks(title=title_for(metas), analytics_enabled=False, delete_cache=(3600, 3600)) as app:
        header = gr.HTML(header_for(metas), elem_id="app-header", js_on_load=_BRIDGE_JS)
        # The conversation expires after an hour untouched; ui/sessions.py then drops the whole session.
        session = gr.State(None, time_to_live=SESSION_TTL_S)
        with gr.Tabs(elem_id="main-tabs") as tabs:
            with gr.Tab("政策问答", id="chat", elem_id="tab-chat"):
                with gr.Row(elem_id="chat-toolbar", equal_height=True):
                    helpdesk = gr.Checkbox(
                        label="坐席模式",
                        elem_id="helpdesk-toggle",
                        container=False,
                        scale=2,
                    )
                    doc = gr.Dropdown(
                        choices=doc_choices(metas),
                        value=settings.default_doc or ALL_DOCS,
                        show_label=False,
                        elem_id="doc-select",
                        container=False,
                        visible=len(metas) > 1,
                        scale=3,
                        min_width=160,
                    )
                    new_chat = gr.Button(
                        "新对话", elem_id="new-chat", size="sm", variant="secondary", scale=1, min_width=90
                    )
                chatbot = gr.Chatbot(
                    elem_id="chat",
                    label="对话",
                    show_label=False,
                    height="58vh",
                    min_height=320,
                    layout="bubble",
                    buttons=["copy", "copy_all"],
                    feedback_options=("Like", "Dislike"),
                    placeholder=placeholder_for(metas),
                    examples=[{"text": q} for q in examples],
                    latex_delimiters=[],
                    autoscroll=False,
                    group_consecutive_messages=True,
                    allow_tags=False,
                )
                question = gr.Textbox(
                    elem_id="chat-input",
                    show_label=False,
                    placeholder="请输入您的问题，回车发送",
                    lines=1,
                    max_lines=6,
                    submit_btn="发送",
                )
                with gr.Group(visible=False, elem_id="feedback-box") as feedback_box:
                    feedback_note = gr.Markdown("")
                    feedback_text = gr.Textbox(
                        elem_id="feedback-comment",
                        show_label=False,
                        placeholder="例如：引用的条款不对、金额有误……（可不填）",
                        lines=2,
                    )
                    feedback_send = gr.Button("提交留言", elem_id="feedback-send", size="sm")

            with gr.Tab("补贴测算", id="calc", elem_id="tab-calc"):
                form.layout()

            with gr.Tab("政策原文", id="browser", elem_id="tab-browser"):
                with gr.Row():
                    search = gr.Textbox(
                        elem_id="policy-search",
                        show_label=False,
                        placeholder="搜索条款，如：贴息、星级、责任部门",
                        scale=3,
                        min_width=200,
                    )
                    jump = gr.Dropdown(
                        choices=browser.choices(),
                        value=None,
                        show_label=False,
                        elem_id="policy-jump",
                        filterable=True,
                        scale=2,
                        min_width=200,
                        info=None,
                    )
                policy_view = gr.HTML(browser.render(), elem_id="policy-view", js_on_load=_SCROLL_TO_FOCUS_JS)

        # Chat: show the question at once, then answer it.
        ui: dict[str, Any] = {"api_visibility": "private"}
        send: dict[str, Any] = dict(
            fn=chat.answer, inputs=[session, helpdesk, doc], outputs=[chatbot, session], **ui
        )
        question.submit(chat.start, [question, session, helpdesk], [question, chatbot, session], **ui).then(
            **send
        ).then(None, js=_SHOW_LATEST_ANSWER_JS)
        chatbot.example_select(chat.example, [session, helpdesk], [question, chatbot, session], **ui).then(
            **send
        ).then(None, js=_SHOW_LATEST_ANSWER_JS)
        helpdesk.change(chat.redraw, [session, helpdesk], [chatbot], **ui).then(
            None, js=_SHOW_LATEST_ANSWER_JS
        )
        new_chat.click(chat.new_conversation, None, [session, chatbot, feedback_box, feedback_note], **ui)
        chatbot.clear(chat.new_conversation, None, [session, chatbot, feedback_box, feedback_note], **ui)
        chatbot.like(chat.like, [session], [session, feedback_box, feedback_note], **ui)
        feedback_send.click(
            chat.comment,
            [feedback_text, session],
            [session, feedback_box, feedback_note, feedback_text],
            **ui,
        )
        feedback_text.submit(
            chat.comment,
            [feedback_text, session],
            [session, feedback_box, feedback_note, feedback_text],
            **ui,
        )

        # 政策原文: search, jump, and a click on any clause link elsewhere.
        # The view always shows the search's matches and, above them, the clause chosen in the dropdown.
        show: dict[str, Any] = dict(
            fn=browser.render, inputs=[search, jump], outputs=[policy_view], trigger_mode="always_last", **ui
        )
        search.change(**show)
        jump.change(**show)

        def open_clause(evt: gr.EventData, query: str) -> tuple[Any, Any, str]:
            data = evt._data if isinstance(evt._data, dict) else {}
            clause_id = str(data.get("clause_id") or "") or None
            # The view is drawn here too: the dropdown's change event does not fire when the value is the same.
            return gr.Tabs(selected="browser"), gr.update(value=clause_id), browser.render(query, clause_id)

        header.open_clause(open_clause, [search], [tabs, jump, policy_view], **ui)  # type: ignore[attr-defined]

        form.wire()
        gr.api(chat.api_ask, api_name="ask", api_description=ASK_DOC)
        gr.api(chat.api_ask_json, api_name="ask_json", api_description=ASK_JSON_DOC)
        gr.api(
            form.api_calc,
            api_name="calc",
            api_description="奖补测算：CalcRequest 的 JSON 字符串 → 计算结果 JSON",
        )
    # status_update_rate: queue positions are sent every 2 s, not to every waiting event whenever a job starts
    # (with 50 waiting that is thousands of messages a second, all serialised, for no one reading them).
    app.queue(default_concurrency_limit=settings.concurrency, status_update_rate=2)
    quiet_queue_analytics(app)
    return app


def launch(
    app: gr.Blocks, settings: Settings, *, prevent_thread_lock: bool = False, quiet: bool = False
) -> Any:
    """Start the server on ``settings.host:settings.port`` under ``settings.root_path``."""
    return app.launch(
        server_name=settings.host,
        server_port=settings.port,
        root_path=settings.root_path or None,
        css=CSS_FILE.read_text(encoding="utf-8"),
        head=_HEAD,
        theme=gr.themes.Soft(primary_hue="blue", font=["Noto Sans CJK SC", "Source Sans Pro", "sans-serif"]),
        footer_links=["api"],
        run_history=False,
        ssr_mode=False,
        share=False,
        show_error=False,
        prevent_thread_lock=prevent_thread_lock,
        quiet=quiet,
        max_file_size="1mb",
        enable_monitoring=False,
        state_session_capacity=CAPACITY,
        app_kwargs=server_kwargs(app),
    )
