"""The ``meantime`` command: :mod:`~meantime.cli.main` parses and dispatches,
:mod:`~meantime.cli.output` writes what it prints and saves."""
