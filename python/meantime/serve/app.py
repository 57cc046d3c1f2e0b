"""The advisor's page: routes from the browser to the form, the runs, the cases and the files."""

from __future__ import annotations

import contextlib
import importlib.resources
import json
import pathlib
from typing import Any, Callable

import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import ScenarioError
from ..running.settings import DEFAULT_SEED
from ..scenario import essentials
from ..scenario.scenario import Scenario, default_scenario
from . import answers, examples, handover
from .casefile import UploadError, file_text, read_upload
from .forms import FormError, form_fields, parse_values, values_of
from .guard import BodyTooLarge, Guard, read_body
from .guided import guided
from .jobs import JobRunner, TooBusy
from .settings import Settings
from .storage import CaseStore, NotFound

__all__ = ["make_app"]

STATIC = pathlib.Path(str(importlib.resources.files(__package__) / "static"))
_WAIT_FOR_ANSWER_SECONDS = 2.0  # a quick run is answered at once; a long one is asked after
_JSON_LIMIT = 2_000_000
_NAME_LIMIT = 120


def _problem(message: str, status: int = 400, problems: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "problems": problems or {}}, status_code=status)


class BadRequest(ValueError):
    """A request the page would not send (not JSON, a missing part), answered in words."""


def make_app(settings: Settings) -> Starlette:
    """The web application for ``settings`` (a checked :class:`Settings`)."""
    store = CaseStore(settings.database)
    runner = JobRunner(settings.workers)

    async def body_json(request: Request) -> dict[str, Any]:
        try:
            data = json.loads(await read_body(request, _JSON_LIMIT))
        except BodyTooLarge as error:
            raise BadRequest(f"the request is {error}") from None
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise BadRequest("the request is not JSON (or is nested too deeply)") from None
        if not isinstance(data, dict):
            raise BadRequest("the request must be a JSON object")
        return data

    def run_settings(data: dict[str, Any]) -> tuple[int, int]:
        paths, seed = data.get("paths", 10_000), data.get("seed", DEFAULT_SEED)
        if isinstance(paths, bool) or not isinstance(paths, int) or not 1 <= paths <= settings.max_paths:
            raise FormError({"paths": f"must be a whole number from 1 to {settings.max_paths:,}"})
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
            raise FormError({"seed": "must be a whole number, 0 or more"})
        return paths, seed

    def name(data: dict[str, Any], key: str, fallback: str) -> str:
        text = data.get(key) or fallback
        if not isinstance(text, str):
            raise FormError({key: "must be text"})
        return " ".join(text.split())[:_NAME_LIMIT] or fallback

    def handle(endpoint):
        """Bad input becomes a message naming what is wrong; the server carries on."""

        async def wrapped(request: Request) -> Response:
            try:
                return await endpoint(request)
            except FormError as error:
                return _problem("some values cannot be used: " + str(error), problems=error.problems)
            except (BadRequest, UploadError) as error:
                return _problem(str(error))
            except ScenarioError as error:
                return _problem(str(error), problems={getattr(error, "field", "") or "": error.rule})
            except NotFound as error:
                return _problem(str(error), status=404)
            except TooBusy as error:
                return _problem(str(error), status=429)
            except (ValueError, TypeError) as error:  # e.g. a version number that is not one
                return _problem(f"bad request: {error}")

        return wrapped

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})

    async def fields(request: Request) -> Response:
        return JSONResponse(
            {
                "groups": form_fields(),
                "examples": examples.names(),
                "essentials": essentials.essential_paths(),
                "limits": {"max_paths": settings.max_paths, "max_upload_bytes": settings.max_upload_bytes},
            }
        )

    async def start(request: Request) -> Response:
        kind = request.path_params["kind"]
        if kind == "blank":  # the questions of `meantime new`, none answered yet; the form at its defaults
            return JSONResponse(
                {"name": "New idea", "values": values_of(default_scenario()), "stated": [], "guided": guided({})}
            )
        scenario, stated = examples.load(kind)
        return JSONResponse({"name": kind.replace("_", " "), "values": values_of(scenario), "stated": stated})

    async def guided_answers(request: Request) -> Response:
        data = await body_json(request)
        return JSONResponse(guided(data.get("answers")))

    async def upload(request: Request) -> Response:
        filename = request.query_params.get("name", "")
        try:
            raw = await read_body(request, settings.max_upload_bytes)
        except BodyTooLarge as error:
            raise UploadError(f"{filename or 'the file'} is {error}") from None
        scenario, stated = read_upload(filename, raw, settings.max_upload_bytes)
        title = pathlib.PurePath(filename).stem.replace("_", " ") or "Uploaded case"
        return JSONResponse({"name": title, "values": values_of(scenario), "stated": stated})

    def wait(job) -> JSONResponse:
        job.finished.wait(_WAIT_FOR_ANSWER_SECONDS)
        return JSONResponse(job.view(), status_code=202 if not job.finished.is_set() else 200)

    async def run_request(request: Request) -> tuple[Scenario, int, int, str, Any]:
        """A run's request: its scenario, paths, seed, owner and the version it is kept with
        (None: none; NotFound for someone else's)."""
        data = await body_json(request)
        scenario = parse_values(data.get("values"))
        paths, seed = run_settings(data)
        owner = request.state.owner
        version = data.get("version")
        if version is not None:
            store.version(owner, int(version))
        return scenario, paths, seed, owner, version

    async def run(request: Request) -> Response:
        scenario, paths, seed, owner, version = await run_request(request)

        def work(progress):
            result = answers.answer(scenario, paths, seed, progress, settings.max_seconds)
            if version is not None:
                store.keep_answer(owner, int(version), result)
            return result

        job = runner.submit(owner, "run", paths, work, replace=("run", "without_benefits", "capital"))
        return await anyio.to_thread.run_sync(wait, job)

    def follow_up(kind: str, compute: Callable[..., dict], add: Callable[[dict, dict], bool]):
        """An endpoint for what follows the answer, asked for once the answer is shown (the same
        futures again): ``compute(scenario, paths, seed, progress, max_seconds)``, kept with the
        version's answer by ``add`` when the request names a version."""

        async def endpoint(request: Request) -> Response:
            scenario, paths, seed, owner, version = await run_request(request)

            def work(progress):
                result = compute(scenario, paths, seed, progress, settings.max_seconds)
                if version is not None:
                    store.update_answer(owner, int(version), lambda kept: add(kept, result))
                return result

            job = runner.submit(owner, kind, paths, work, replace=(kind,))
            return await anyio.to_thread.run_sync(wait, job)

        return endpoint

    # The line on the same futures without benefits, and the extra capital where a search on
    # savings finds it.
    without_benefits = follow_up("without_benefits", answers.without_benefits, answers.add_without_benefits)
    capital = follow_up("capital", answers.capital, answers.add_capital)

    async def compare(request: Request) -> Response:
        data = await body_json(request)
        sides = []
        for key in ("first", "second"):
            side = data.get(key)
            if not isinstance(side, dict):
                raise BadRequest(f"the comparison needs '{key}': a version's name and values")
            try:
                sides.append((name(side, "name", key), parse_values(side.get("values"))))
            except FormError as error:
                raise FormError({f"{key}: {path}": rule for path, rule in error.problems.items()}) from None
        paths, seed = run_settings(data)
        job = runner.submit(
            request.state.owner,
            "compare",
            2 * paths,
            lambda progress: answers.comparison(sides[0], sides[1], paths, seed, progress),
        )
        return await anyio.to_thread.run_sync(wait, job)

    async def report(request: Request) -> Response:
        data = await body_json(request)
        scenario = parse_values(data.get("values"))
        paths, seed = run_settings(data)
        title = name(data, "title", "Viability report")
        job = runner.submit(
            request.state.owner,
            "report",
            paths,
            lambda progress: handover.report_html(scenario, paths, seed, title, progress, settings.max_seconds),
        )
        return await anyio.to_thread.run_sync(wait, job)

    async def job(request: Request) -> Response:
        found = runner.get(request.state.owner, request.path_params["job"])
        if found is None:
            raise NotFound("no such run (finished runs are kept 10 minutes)")
        return JSONResponse(found.view())

    async def scenario_file(request: Request) -> Response:
        data = await body_json(request)
        scenario = parse_values(data.get("values"))
        stated = [p for p in data.get("stated") or [] if isinstance(p, str)]
        title = name(data, "title", "case")
        text = file_text(scenario, stated, title)
        filename = "".join(c if c.isalnum() or c in "-_" else "_" for c in title)[:60] or "case"
        return Response(
            text,
            media_type="application/toml",
            headers={"Content-Disposition": f'attachment; filename="{filename}.toml"'},
        )

    async def cases(request: Request) -> Response:
        return JSONResponse({"cases": store.cases(request.state.owner)})

    async def save(request: Request) -> Response:
        data = await body_json(request)
        scenario = parse_values(data.get("values"))
        stated = sorted({p for p in data.get("stated") or [] if isinstance(p, str)})
        offered = sorted({p for p in data.get("offered") or [] if isinstance(p, str)} & set(stated))
        case_id = data.get("case")
        if case_id is not None and (isinstance(case_id, bool) or not isinstance(case_id, int)):
            raise BadRequest("'case' must be a case's number")
        ids = await anyio.to_thread.run_sync(
            store.save,
            request.state.owner,
            case_id,
            name(data, "case_name", "New idea"),
            name(data, "version_name", "version"),
            values_of(scenario),
            stated,
            offered,
        )
        return JSONResponse({"case": ids[0], "version": ids[1]})

    async def version(request: Request) -> Response:
        return JSONResponse(store.version(request.state.owner, int(request.path_params["version"])))

    async def delete_case(request: Request) -> Response:
        store.delete_case(request.state.owner, int(request.path_params["case"]))
        return JSONResponse({"ok": True})

    routes = [
        Route("/", page),
        Route("/api/fields", handle(fields)),
        Route("/api/start/{kind}", handle(start)),
        Route("/api/guided", handle(guided_answers), methods=["POST"]),
        Route("/api/upload", handle(upload), methods=["POST"]),
        Route("/api/run", handle(run), methods=["POST"]),
        Route("/api/without-benefits", handle(without_benefits), methods=["POST"]),
        Route("/api/capital", handle(capital), methods=["POST"]),
        Route("/api/compare", handle(compare), methods=["POST"]),
        Route("/api/report", handle(report), methods=["POST"]),
        Route("/api/jobs/{job}", handle(job)),
        Route("/api/scenario-file", handle(scenario_file), methods=["POST"]),
        Route("/api/cases", handle(cases)),
        Route("/api/cases", handle(save), methods=["POST"]),
        Route("/api/cases/{case:int}", handle(delete_case), methods=["DELETE"]),
        Route("/api/versions/{version:int}", handle(version)),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        runner.close()  # runs still going are told to stop, and their threads joined

    app = Starlette(routes=routes, middleware=[Middleware(Guard, settings=settings)], lifespan=lifespan)
    app.state.store = store
    return app
