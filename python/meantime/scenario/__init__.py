"""The scenario layer: what a start-up idea is, as data.

- :mod:`~meantime.scenario.distributions` -- uncertain values (``triangular``, ``research_share``...);
- :mod:`~meantime.scenario.schema` -- the engine's field table (units, defaults, valid ranges);
- :mod:`~meantime.scenario.records` -- the record classes built from it (``Market``, ``Business``...);
- :mod:`~meantime.scenario.scenario` -- :class:`Scenario` and :func:`default_scenario`;
- :mod:`~meantime.scenario.files` -- reading and writing scenario files (TOML, YAML, JSON), with
  :mod:`~meantime.scenario.lines` (where a value sits in its file) and
  :mod:`~meantime.scenario.writers` (annotated text).

It imports only :mod:`meantime.errors` and the engine (``meantime._core``).
"""
