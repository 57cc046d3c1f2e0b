"""The report layer: self-contained HTML pages of results.

- :mod:`~meantime.report.viability` -- one scenario's viability report (``meantime report``);
- :mod:`~meantime.report.analyses` -- the analyses' sections of that report;
- :mod:`~meantime.report.town` -- a town's providers run together;
- :mod:`~meantime.report.portfolio` -- a funder's portfolio of grants;
- :mod:`~meantime.report.capacity` -- a town's market capacity;
- :mod:`~meantime.report.words` -- the words and tables they share (assumptions, escaping).
"""
