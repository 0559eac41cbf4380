"""The plain JSON routes: /v1/ask, /v1/search, /v1/calc, /v1/feedback, /v1/documents, /healthz, /metrics.

Handlers are plain ``def``: FastAPI runs them on its thread pool, so a slow answer never blocks the loop.
"""

from __future__ import annotations

import io
import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse, Response

from api.errors import SafeJSONResponse
from api.schemas import AskRequest, FeedbackRequest, SearchRequest
from api.service import ServiceDep, admin, caller
from indexing.types import DocMeta
from tools.calc_schema import CalcRequest

log = logging.getLogger(__name__)

v1 = APIRouter(prefix="/v1", dependencies=[Depends(caller)])
ops = APIRouter()


@v1.post("/ask", summary="回答一段对话的最后一轮（与 ask --json 相同的 JSON）", tags=["assistant"])
def ask(body: AskRequest, svc: ServiceDep) -> dict[str, Any]:
    return svc.ask(body.turns, body.doc)


@v1.post("/search", summary="混合检索政策条款（与 search --json 相同）", tags=["assistant"])
def search(body: SearchRequest, svc: ServiceDep) -> list[dict[str, Any]]:
    return [h.to_dict() for h in svc.bot.context.index.search(body.query, body.k, doc_ids=body.doc)]


def calc_router(request_model: type[CalcRequest]) -> APIRouter:
    """/v1/calc with the body schema generated from the loaded rule books' facts (``book.models.request``)."""
    router = APIRouter(prefix="/v1", dependencies=[Depends(caller)])

    def calc(body: CalcRequest, svc: ServiceDep) -> dict[str, Any]:
        from tools.award_calculator import calculate

        return calculate(body, svc.bot.context.book).to_dict()  # type: ignore[no-any-return]

    # FastAPI reads the body model from the annotation; the model exists only once the rules are loaded.
    calc.__annotations__ = {**calc.__annotations__, "body": request_model, "svc": ServiceDep}
    router.post(
        "/calc", summary="奖补计算器：CalcRequest → CalcResult（与 calc --json 相同）", tags=["assistant"]
    )(calc)
    return router


@v1.post("/feedback", summary="记录 👍(+1)/👎(-1) 与留言", tags=["feedback"])
def feedback(body: FeedbackRequest, svc: ServiceDep) -> dict[str, Any]:
    answer = body.answer if isinstance(body.answer, dict) else {"answer": body.answer}
    row = svc.store.record_answer(body.rating, body.question, answer, body.comment)
    return {"id": row}


@v1.get(
    "/feedback",
    summary="导出全部反馈（需要 API 密钥）",
    tags=["feedback"],
    dependencies=[Depends(admin)],
    response_class=PlainTextResponse,
)
def export_feedback(
    svc: ServiceDep, format: Annotated[Literal["csv", "jsonl"], Query()] = "jsonl"
) -> Response:
    out = io.StringIO()
    report = svc.store.export_report(out, format)
    media = "text/csv" if format == "csv" else "application/x-ndjson"
    headers = {"X-Exported": str(report.written), "X-Unreadable": str(report.unreadable)}
    return Response(
        out.getvalue().encode("utf-8", "replace"), media_type=f"{media}; charset=utf-8", headers=headers
    )


@v1.get("/documents", summary="可回答的政策文件", tags=["assistant"])
def documents(svc: ServiceDep) -> list[dict[str, Any]]:
    return [_meta_dict(d.meta) for d in svc.bot.context.documents]


def _meta_dict(m: DocMeta) -> dict[str, Any]:
    """A document's metadata as JSON: dates in ISO form, null when the text states none."""
    return {
        "doc_id": m.doc_id,
        "title": m.title,
        "short_title": m.short_title,
        "number": m.number,
        "issuer": m.issuer,
        "place": m.place,
        "published": m.published.isoformat(),
        "valid_from": m.valid_from.isoformat() if m.valid_from else None,
        "valid_until": m.valid_until.isoformat() if m.valid_until else None,
        "contact_department": m.contact_department,
        "has_rules": m.rules_file is not None,
    }


@ops.get("/healthz", summary="索引已加载、存储可达", tags=["operations"])
def healthz(svc: ServiceDep) -> Response:
    checks: dict[str, Any] = {}
    healthy = True
    index = svc.bot.context.index
    try:
        checks["index"] = {"status": "ok", "chunks": len(index.chunks), "store": index.report.store}
        checks["index"]["vectors"] = index._store.count()  # reaches the Chroma server when there is one
    except Exception as exc:  # noqa: BLE001 - a health check reports, never raises
        healthy = False
        checks["index"] = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
    try:
        svc.store.ping()
        checks["feedback"] = {"status": "ok", "backend": svc.store.backend.name, "notice": svc.store.notice}
    except Exception as exc:  # noqa: BLE001
        healthy = False
        checks["feedback"] = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
    body = {"status": "ok" if healthy else "error", **checks}
    return SafeJSONResponse(body, status_code=200 if healthy else 503)


@ops.get("/metrics", summary="Prometheus 指标", tags=["operations"], response_class=PlainTextResponse)
def metrics(request: Request, svc: ServiceDep) -> Response:
    if svc.keys.enabled:
        caller(request)
    return PlainTextResponse(svc.metrics.render(), media_type="text/plain; version=0.0.4")
