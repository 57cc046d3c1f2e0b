"""The ``meantime`` command: :mod:`~meantime.cli.main` parses and dispatches,
:mod:`~meantime.cli.tables` lays out answers for people (rich tables, words wrapped to the width)
and for machines (CSV, JSON), :mod:`~meantime.cli.answers` turns each analysis's table into words
and formatted tables, :mod:`~meantime.cli.output` does the same for ``run`` and writes files,
:mod:`~meantime.cli.new` asks the questions of ``meantime new``."""
