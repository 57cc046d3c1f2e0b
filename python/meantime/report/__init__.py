"""The report layer: self-contained HTML pages of results, drawn by Jinja2 templates shipped in
the package (``templates/``) with every text escaped; every ± on them is a 95% interval
(:mod:`meantime.running.uncertainty`).

- :mod:`~meantime.report.viability` -- one scenario's viability report (``meantime report``);
- :mod:`~meantime.report.analyses` -- the capital and the analyses' sections of that report;
- :mod:`~meantime.report.town` -- a town's providers run together;
- :mod:`~meantime.report.portfolio` -- a funder's portfolio of grants;
- :mod:`~meantime.report.capacity` -- a town's market capacity;
- :mod:`~meantime.report.page` -- what they share: the style, charts, headline cards;
- :mod:`~meantime.report.templating` -- the templates, and the tables and charts they draw;
- :mod:`~meantime.report.words` -- assumptions and amounts in words.
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
