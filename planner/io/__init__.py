"""Everything that reads or writes outside the process: exports, plan files, the store, downloads, chart images."""

from planner.io.abm import (
    ABM_FILES,
    AbmFile,
    WrongFileError,
    read_account_activity,
    read_accounts_file,
    read_cta_events,
    read_cta_file,
    read_nps_file,
    read_nps_responses,
)
from planner.io.cells import (
    DATE_FORMATS,
    MONTH_FORMATS,
    BadCell,
    ParsedCells,
    parse_dates,
    parse_flags,
    parse_months,
    parse_number,
    parse_numbers,
    uses_decimal_comma,
)
from planner.io.channels import read_channel_file, read_channel_table, stage_order_warnings
from planner.io.crm import TIMESTAMP_FORMATS, read_crm_export, read_crm_file
from planner.io.errors import AmbiguousColumnsError, DataFileError, MissingColumnsError, Problem
from planner.io.headers import match_columns, normalise_header
from planner.io.limits import LIMITS, FileLimits
from planner.io.records import DataFile, read_record_file, read_records, refuse_duplicates
from planner.io.tables import RawTable, read_raw_table, read_table
from planner.io.text import SEPARATORS, Source, decode, detect_encoding, read_bytes, sniff_separator

__all__ = [
    "ABM_FILES",
    "DATE_FORMATS",
    "LIMITS",
    "MONTH_FORMATS",
    "SEPARATORS",
    "TIMESTAMP_FORMATS",
    "AbmFile",
    "AmbiguousColumnsError",
    "BadCell",
    "DataFile",
    "DataFileError",
    "FileLimits",
    "MissingColumnsError",
    "ParsedCells",
    "Problem",
    "RawTable",
    "Source",
    "WrongFileError",
    "decode",
    "detect_encoding",
    "match_columns",
    "normalise_header",
    "parse_dates",
    "parse_flags",
    "parse_months",
    "parse_number",
    "parse_numbers",
    "read_account_activity",
    "read_accounts_file",
    "read_bytes",
    "read_channel_file",
    "read_channel_table",
    "read_crm_export",
    "read_crm_file",
    "read_cta_events",
    "read_cta_file",
    "read_nps_file",
    "read_nps_responses",
    "read_raw_table",
    "read_record_file",
    "read_records",
    "read_table",
    "refuse_duplicates",
    "sniff_separator",
    "stage_order_warnings",
    "uses_decimal_comma",
]
