"""The report layer: self-contained HTML pages of results.

- :mod:`~meantime.report.viability` -- one scenario's viability report (``meantime report``);
- :mod:`~meantime.report.analyses` -- the analyses' sections of that report;
- :mod:`~meantime.report.town` -- a town's providers run together;
- :mod:`~meantime.report.portfolio` -- a funder's portfolio of grants;
- :mod:`~meantime.report.capacity` -- a town's market capacity;
- :mod:`~meantime.report.words` -- the words and tables they share (assumptions, escaping).
"""

from ..running.views import provide
from .capacity import write_capacity_report
from .portfolio import write_portfolio_report
from .town import write_town_report
from .viability import write_report

# The results' own report methods (Result.report(), Portfolio.report()...) write with these: the
# running and analyses layers sit below this one and cannot import it.
provide("viability_report", write_report)
provide("town_report", write_town_report)
provide("portfolio_report", write_portfolio_report)
provide("capacity_report", write_capacity_report)
