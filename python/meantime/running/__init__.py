"""The running layer: a scenario through the engine, and what comes back.

- :mod:`~meantime.running.simulation` -- :func:`simulate`, on threads or a Dask cluster;
- :mod:`~meantime.running.result` -- :class:`Result`, one run's answers;
- :mod:`~meantime.running.town_result` -- :class:`TownResult`, a town's providers run together;
- :mod:`~meantime.running.cluster` -- running chunks of paths on a Dask cluster;
- :mod:`~meantime.running.progress` -- the progress bar.
"""
