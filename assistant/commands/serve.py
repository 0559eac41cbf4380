"""`python -m assistant serve [--host H] [--port P] [--root-path R]`: the web app for enterprises and help desks.

The index is built (or refreshed when corpus/ changed) before the server starts, with progress on the console.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assistant.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "serve",
        help="启动网页版助手（政策问答、补贴测算、政策原文、坐席模式）",
        description="启动网页版助手。首次运行会先建立索引（显示进度）。默认地址取自 ZGSZ_HOST/ZGSZ_PORT（127.0.0.1:7860）。",
    )
    p.add_argument("--host", help="监听地址（默认 ZGSZ_HOST，127.0.0.1；对外服务用 0.0.0.0）")
    p.add_argument("--port", type=int, help="端口（默认 ZGSZ_PORT，7860）")
    p.add_argument(
        "--root-path", dest="root_path", help="反向代理下的路径前缀，如 /zgsz（默认 ZGSZ_ROOT_PATH）"
    )
    p.set_defaults(handler=run)


def settings_for(args: argparse.Namespace, settings: Settings) -> Settings:
    """Command-line options win over ZGSZ_* settings; validated like them."""
    from assistant.settings import load_settings

    update: dict[str, Any] = {
        k: getattr(args, k) for k in ("host", "port", "root_path") if getattr(args, k) is not None
    }
    if not update:
        return settings
    return load_settings(**{**settings.model_dump(), **update})


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.engine import Assistant
    from ui.app import build_app, launch

    settings = settings_for(args, settings)
    print("正在加载政策索引（首次运行需建立索引，请稍候）…", file=sys.stderr)
    bot = Assistant.from_settings(settings, progress=True)
    app = build_app(settings, bot)
    url = f"http://{settings.host}:{settings.port}{settings.root_path}"
    print(f"助手已启动：{url}  （Ctrl+C 停止）", file=sys.stderr)
    launch(app, settings, quiet=True)
    return 0
