"""BKPSDM reports (laporan): completion by unit and predicate distribution, with CSV/XLSX export.

Every report is loaded with a fixed number of SQL statements, whatever the number of units or
pegawai: the work is done by set-based queries and grouped in Python.
"""

from server.services.reports.completion import CompletionRow, completion_by_unit
from server.services.reports.distribution import DistributionRow, predicate_distribution
from server.services.reports.people import PersonProgress, UnitPeople, unit_people
from server.services.reports.scope import ReportScope
from server.services.reports.tables import REPORTS, ReportTable, to_csv, to_xlsx

__all__ = [
    "REPORTS",
    "CompletionRow",
    "DistributionRow",
    "PersonProgress",
    "ReportScope",
    "ReportTable",
    "UnitPeople",
    "completion_by_unit",
    "predicate_distribution",
    "to_csv",
    "to_xlsx",
    "unit_people",
]
