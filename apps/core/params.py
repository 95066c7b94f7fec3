"""Identifiers read from query strings and form fields: untrusted text."""

MAX_ID = 2**63 - 1  # the largest BigAutoField value on SQLite and PostgreSQL


def object_id(value: object) -> int | None:
    """`value` as a database id, or None when it cannot be one ("abc", "-1", 20 digits…)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None
