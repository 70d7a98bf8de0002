"""`chipwatch serve`: the JSON API and the web pages, one process, assets served locally."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from chipwatch import __version__
from chipwatch.errors import ChipwatchError, NotFound, StoreError

HERE = Path(__file__).parent


def _status(e: ChipwatchError) -> int:
    if isinstance(e, NotFound):
        return 404
    if isinstance(e, StoreError):
        return 503
    return 400


def create_app(db: str, token: str | None = None, inputs: tuple[str, ...] = (),
               max_request_bytes: int = 8_000_000) -> FastAPI:
    from chipwatch.web import api, pages

    # no Swagger/ReDoc pages: they load their scripts from a CDN, and the app must work offline
    app = FastAPI(title="chipwatch", version=__version__, docs_url=None, redoc_url=None,
                  description="Measures in chip and AI trade policy from Korean news, with the sentence behind each.")
    app.state.db = db
    app.state.token = token or None
    app.state.inputs = tuple(Path(p).resolve() for p in inputs)
    app.state.max_request_bytes = max_request_bytes
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def error(request: Request, status: int, message: str):
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return pages.error_page(request, status, message)

    @app.exception_handler(ChipwatchError)
    async def chipwatch_error(request: Request, e: ChipwatchError):
        return error(request, _status(e), str(e))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, e: StarletteHTTPException):
        message = e.detail if isinstance(e.detail, str) else "request failed"
        if e.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return error(request, e.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, e: RequestValidationError):
        parts = []
        for err in e.errors():
            where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return error(request, 422, "; ".join(parts))

    return app

