"""The ``meantime`` command: :mod:`~meantime.cli.main` parses and dispatches,
:mod:`~meantime.cli.output` writes what it prints and saves, :mod:`~meantime.cli.new` asks the
questions of ``meantime new``."""
