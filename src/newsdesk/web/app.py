"""The web UI and JSON API over a newsdesk store: ``newsdesk serve --db FILE``.

Every HTML page has a JSON twin under ``/api``. The store is opened read-only per request, so
``newsdesk add`` can write at the same time (WAL). Writes (``POST /api/documents``) need a bearer token
equal to ``$NEWSDESK_TOKEN``; reads too when ``api.open_reads`` is false. Errors are one JSON envelope
``{"error": {"code", "message", "hint"}}`` (an HTML page for the HTML routes).
"""

import hmac
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from ..errors import NewsdeskError, UsageError
from ..store.sqlite import Store
from . import views
from .middleware import SECURITY_HEADERS, SecurityHeaders, SizeLimit, error_status
from .uploads import DocumentsIn, add_documents, parse_json_body, raw_name

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
TOKEN_ENV = "NEWSDESK_TOKEN"


class AuthError(NewsdeskError):
    def __init__(self, message: str, *, status: int, code: str, hint: str):
        super().__init__(message, code=code, hint=hint)
        self.status = status


def check_token(request: Request) -> None:
    """Bearer token against $NEWSDESK_TOKEN (constant time); no token configured means no access."""
    expected = os.environ.get(TOKEN_ENV, "")
    if not expected:
        raise AuthError(f"this server accepts no token: {TOKEN_ENV} is not set", status=403, code="ND421",
                        hint=f"Start newsdesk serve with {TOKEN_ENV} set to enable writes (and closed reads).")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise AuthError("missing bearer token", status=401, code="ND420",
                        hint="Send the header 'Authorization: Bearer <token>'.")
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise AuthError("wrong bearer token", status=401, code="ND420", hint=f"Use the token in {TOKEN_ENV}.")


def create_app(db_path: Path, config: dict[str, Any]) -> FastAPI:
    db_path = Path(db_path)
    api_cfg = config.get("api", {})
    open_reads = bool(api_cfg.get("open_reads", True))
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    app = FastAPI(title="newsdesk", version="1", docs_url=None, redoc_url=None,
                  description="Stories, entities, facts and search over a newsdesk store.")
    app.add_middleware(SizeLimit, max_bytes=int(api_cfg.get("max_request_bytes", 5_000_000)))
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def reads(request: Request) -> None:
        if not open_reads:
            check_token(request)

    def store() -> Iterator[Store]:
        st = Store(db_path, readonly=True, busy_timeout_ms=int(config.get("store", {}).get("busy_timeout_ms", 10000)))
        try:
            yield st
        finally:
            st.close()

    DB = Annotated[Store, Depends(store)]
    read = [Depends(reads)]
    Limit = Annotated[int, Query(ge=1, le=200)]
    Offset = Annotated[int, Query(ge=0)]

    def page(template: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**ctx), status_code=status_code,
                            headers=SECURITY_HEADERS)

    def fail(request: Request, status: int, code: str, message: str, hint: str) -> Response:
        message = message.replace(str(db_path), db_path.name)  # no server paths in answers
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            extra = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
            return JSONResponse({"error": {"code": code, "message": message, "hint": hint}}, status_code=status,
                                headers=SECURITY_HEADERS | extra)
        return page("error.html", status, status=status, code=code, message=message, hint=hint)

    @app.exception_handler(NewsdeskError)
    async def _newsdesk_error(request: Request, exc: NewsdeskError) -> Response:
        status = exc.status if isinstance(exc, AuthError) else error_status(exc)
        if status >= 500:
            log.warning("%s %s: %s", request.method, request.url.path, exc)
        return fail(request, status, exc.code, exc.message, exc.hint)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return fail(request, 400, "ND423", f"invalid request: {where}: {first.get('msg', 'bad value')}",
                    "Check the parameters against /docs.")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "ND404", 405: "ND425"}.get(exc.status_code, f"ND4{exc.status_code % 100:02d}")
        msg = "no such page" if exc.status_code == 404 else str(exc.detail)
        return fail(request, exc.status_code, code, msg, "See /docs for the endpoints.")

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return fail(request, 500, "ND500", "internal error", NewsdeskError.hint)

    # -- HTML pages ------------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def home(db: DB, limit: Limit = 50, offset: Offset = 0, q: str | None = None):
        return page("stories.html", **views.story_list(db, limit=limit, offset=offset, q=q))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def story_html(db: DB, story_id: str):
        return page("story.html", **views.story_page(views.story_json(db, story_id)))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def entity_html(db: DB, entity_id: str):
        return page("entity.html", **views.entity_page(views.entity_json(db, entity_id)))

    @app.get("/search", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def search_html(request: Request, db: DB, q: str = "", entity: str | None = None, since: str | None = None,
                    until: str | None = None, language: str | None = None, source: str | None = None,
                    limit: Limit = 20, offset: Offset = 0):
        filters = {"entity": entity, "since": since, "until": until, "language": language, "source": source}
        ctx: dict[str, Any] = {"q": q, "filters": filters, "results": [], "error": None, "limit": limit,
                               "offset": offset}
        if q.strip():
            try:
                body = views.search_json(db, q, filters, limit=limit, offset=offset)
                ctx |= views.search_page(body)
            except NewsdeskError as exc:
                if error_status(exc) != 400:
                    raise
                ctx["error"] = exc
                return page("search.html", 400, **ctx)
        return page("search.html", **ctx)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs():
        return page("docs.html", **views.endpoint_docs(app.openapi()))

    # -- JSON API --------------------------------------------------------------------------------------
    @app.get("/api/stories", dependencies=read, summary="Stories, latest first (q: only stories matching a search)")
    def stories_api(db: DB, limit: Limit = 50, offset: Offset = 0, q: str | None = None) -> dict[str, Any]:
        return views.story_list(db, limit=limit, offset=offset, q=q)

    @app.get("/api/stories/{story_id}", dependencies=read, summary="One story: articles, relations, facts, "
             "conflicts, quotes, events, entities")
    def story_api(db: DB, story_id: str) -> dict[str, Any]:
        return views.story_json(db, story_id)

    @app.get("/api/entities/{entity_id}", dependencies=read,
             summary="One entity (by id, name, ticker or alias): facts over time and stories")
    def entity_api(db: DB, entity_id: str) -> dict[str, Any]:
        return views.entity_json(db, entity_id)

    @app.get("/api/search", dependencies=read, summary="Full-text search with highlighted snippets ([ and ] "
             "mark the matches)")
    def search_api(db: DB, q: str, entity: str | None = None, since: str | None = None, until: str | None = None,
                   language: str | None = None, source: str | None = None, limit: Limit = 20,
                   offset: Offset = 0) -> dict[str, Any]:
        filters = {"entity": entity, "since": since, "until": until, "language": language, "source": source}
        return views.search_json(db, q, filters, limit=limit, offset=offset)

    @app.post("/api/documents", status_code=201, summary="Add documents to the store (bearer token)",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": DocumentsIn.model_json_schema()},
                  "text/html": {"schema": {"type": "string"}}, "text/plain": {"schema": {"type": "string"}}}},
                  "parameters": [{"name": "name", "in": "query", "required": False, "schema": {"type": "string"},
                                  "description": "file name for a raw upload (its extension picks the reader)"}]})
    async def documents_api(request: Request) -> Response:
        check_token(request)
        body = await request.body()
        if not body:
            raise UsageError("empty request body", code="ND423", hint="Send JSON documents or a raw page.")
        ctype = request.headers.get("content-type", "")
        if ctype.split(";")[0].strip().lower() in ("application/json", ""):
            docs, raw = parse_json_body(body), None
        else:
            docs, raw = None, (raw_name(request.query_params.get("name"), ctype), body)
        from starlette.concurrency import run_in_threadpool
        out = await run_in_threadpool(add_documents, db_path, config, docs, raw)
        return JSONResponse(out, status_code=201 if out["new_documents"] else 200)

    return app
