"""``meantime serve``: the advisor's page, a local web application to build a start-up's case in a
form, see its answer, compare versions, keep cases and hand over the scenario file and the report.

Built on Starlette (a small, well-kept ASGI toolkit) served by uvicorn: every request that runs
the engine hands it to a worker thread (the engine releases the GIL), so several people can use
one server at once; the page's script, style and charts are served from this package (no CDN).
Needs ``pip install 'meantime[serve]'``; :mod:`meantime.serve.server` starts it, and this package
itself imports neither (the settings are read without them).

Examples
--------
>>> from meantime.serve.settings import Settings     # doctest: +SKIP
>>> from meantime.serve.server import serve          # doctest: +SKIP
>>> serve(Settings(port=8765))                       # doctest: +SKIP
"""
