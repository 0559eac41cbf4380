"""`python -m assistant serve [--host H] [--port P] [--root-path R] [--workers N]`: the web app and the HTTP API.

One uvicorn server answers both: the JSON API under /v1 (OpenAPI document at /docs), /healthz, /metrics, and
the Gradio app at /. The index is built (or refreshed when corpus/ changed) before the server starts, with
progress on the console; with ``--workers N`` each worker process then opens the built index.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from typing import Any

from assistant.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "serve",
        help="启动网页版助手与 HTTP 接口（政策问答、补贴测算、政策原文、坐席模式；/v1 接口）",
        description=(
            "启动网页版助手（/）与 HTTP 接口（/v1/ask、/v1/chat/completions 等，文档见 /docs）。"
            "首次运行会先建立索引（显示进度）。默认地址取自 ZGSZ_HOST/ZGSZ_PORT（127.0.0.1:7860）。"
            "对外服务时请设置 ZGSZ_API_KEYS。"
        ),
    )
    p.add_argument("--host", help="监听地址（默认 ZGSZ_HOST，127.0.0.1；对外服务用 0.0.0.0）")
    p.add_argument("--port", type=int, help="端口（默认 ZGSZ_PORT，7860）")
    p.add_argument(
        "--root-path", dest="root_path", help="反向代理下的路径前缀，如 /zgsz（默认 ZGSZ_ROOT_PATH）"
    )
    p.add_argument("--workers", type=int, help="工作进程数（默认 ZGSZ_WORKERS，1）")
    p.set_defaults(handler=run)


def settings_for(args: argparse.Namespace, settings: Settings) -> Settings:
    """Command-line options win over ZGSZ_* settings; validated like them."""
    from assistant.settings import load_settings

    update: dict[str, Any] = {
        k: getattr(args, k)
        for k in ("host", "port", "root_path", "workers")
        if getattr(args, k, None) is not None
    }
    if not update:
        return settings
    return load_settings(**{**settings.model_dump(), **update})


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_warning(settings: Settings) -> str | None:
    """The warning printed when the service listens beyond this machine with no API keys."""
    if is_loopback(settings.host) or settings.api_keys:
        return None
    return (
        f"警告：正在监听 {settings.host}（本机以外可访问），但没有设置 ZGSZ_API_KEYS：任何人都能调用 /v1 接口。"
        "请设置 ZGSZ_API_KEYS=密钥1,密钥2 (warning: listening beyond loopback without API keys)"
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    settings = settings_for(args, settings)
    warning = exposure_warning(settings)
    if warning:
        print(warning, file=sys.stderr)
    print("正在加载政策索引（首次运行需建立索引，请稍候）…", file=sys.stderr)
    options: dict[str, Any] = dict(
        host=settings.host,
        port=settings.port,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=10,
    )
    url = f"http://{settings.host}:{settings.port}{settings.root_path}"
    if settings.workers == 1:
        from api.app import create_app

        app = create_app(settings, progress=True)
        print(f"助手已启动：{url}  接口文档：{url}/docs  （Ctrl+C 停止）", file=sys.stderr)
        uvicorn.run(app, **options)
        return 0
    from indexing.index import PolicyIndex

    PolicyIndex.open(settings, progress=True).close()  # built once here, opened by every worker
    print(
        "注意：多个工作进程时，/v1 接口无状态、任何进程都能回答；网页版的对话保存在接待它的进程里，"
        "浏览器的请求落到另一个进程时对话会中断。网页版请用单进程的多个副本并在反向代理上开启会话保持"
        "（见 deploy/compose.yaml）。",
        file=sys.stderr,
    )
    # Worker processes read their settings from the environment: pass the command line's choices on.
    os.environ.update(
        {
            "ZGSZ_HOST": settings.host,
            "ZGSZ_PORT": str(settings.port),
            "ZGSZ_ROOT_PATH": settings.root_path,
            "ZGSZ_WORKERS": str(settings.workers),
            "ZGSZ_DATA_DIR": str(settings.data_dir),
        }
    )
    print(
        f"助手已启动：{url}  接口文档：{url}/docs  {settings.workers} 个工作进程（Ctrl+C 停止）",
        file=sys.stderr,
    )
    uvicorn.run("api.asgi:app_from_env", factory=True, workers=settings.workers, **options)
    return 0
