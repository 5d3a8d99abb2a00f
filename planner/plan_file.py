"""Plan files at the import path scripts already use; the code lives in `planner.io.plan_file`."""

from planner.io.plan_file import (
    PlanFileError,
    migrate,
    plan_file_name,
    plan_from_dict,
    plan_from_json,
    plan_to_json,
    read_plan_file,
    write_plan_file,
)

__all__ = [
    "PlanFileError",
    "migrate",
    "plan_file_name",
    "plan_from_dict",
    "plan_from_json",
    "plan_to_json",
    "read_plan_file",
    "write_plan_file",
]
