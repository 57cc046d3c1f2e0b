"""The scenario layer: what a start-up idea is, as data.

- :mod:`~meantime.scenario.distributions` -- uncertain values (``triangular``, ``research_share``...);
- :mod:`~meantime.scenario.schema` -- the engine's field table (units, defaults, valid ranges);
- :mod:`~meantime.scenario.record_base` -- the record classes built from it, and
  :mod:`~meantime.scenario.records` -- the same by name (``Market``, ``Business``...);
- :mod:`~meantime.scenario.scenario` -- :class:`Scenario` and :func:`default_scenario`;
- :mod:`~meantime.scenario.files` -- reading and writing scenario files (TOML, YAML, JSON), with
  :mod:`~meantime.scenario.lines` (where a value sits in its file) and
  :mod:`~meantime.scenario.writers` (annotated text), and :mod:`~meantime.scenario.slips` (the
  TOML slips its parser stops at, in words);
- :mod:`~meantime.scenario.hints` -- what a refused value most likely meant, for every way in;
- :mod:`~meantime.scenario.checking` -- every mistake of a set of changes at once;
- :mod:`~meantime.scenario.essentials` -- the values no scenario may borrow from the example unsaid;
- :mod:`~meantime.scenario.questionnaire` -- the questions of ``meantime new`` and their answers.

It imports only :mod:`meantime.errors` and the engine (``meantime._core``).
"""
