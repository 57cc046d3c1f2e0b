"""Writing scenario files: TOML (values formatted by tomli-w, laid out for people), YAML, JSON.

The TOML layout is one table per group (``[market]``, ``[payments.direct_payment]``...), a
distribution as an inline table on its field's line, a list of records that hold only fields
(``funding.grants``) as an array of inline tables, and a list of records that hold records of
their own (a town's ``providers``) as an array of tables: ``[[providers]]`` for each record,
followed by its groups as ``[providers.business]``... tables. With ``annotate`` every field gets its meaning, unit, valid range and default as a
comment: the file ``meantime show-defaults`` writes for people to start from.
"""

from __future__ import annotations

import json
from typing import Any

from .distributions import Distribution, format_number
from .record_base import Record, Root
from .schema import FIELDS, FieldInfo, plain
from .spelling import tidy, toml_key, toml_value

__all__ = ["toml_text", "yaml_text", "json_text"]


# -- TOML ---------------------------------------------------------------------------------------


def _wrap(text: str, prefix: str = "# ", width: int = 96) -> list[str]:
    lines, line = [], prefix.rstrip()
    for word in text.split():
        if len(line) + 1 + len(word) > width and line != prefix.rstrip():
            lines.append(line)
            line = prefix + "  " + word
        else:
            line = f"{line} {word}" if line != prefix.rstrip() else prefix + word
    lines.append(line)
    return lines


def _about(info: FieldInfo, value: Any = None) -> str:
    """A field in words: "Meaning (unit; what it accepts[; default])." The default is shown
    when it differs from ``value`` (always for the records of a list)."""
    if info.type == "choice":
        accepts = "one of " + ", ".join(info.choices)
    elif info.type == "boolean":
        accepts = "true or false"
    elif info.type == "list":
        accepts = f"a list of at most {format_number(float(info.max))} records"
    else:
        kind = {"integer": "whole number", "number": "number", "distribution": "number or distribution"}[info.type]
        accepts = f"{kind} {info.range}".rstrip()
    parts = ([info.unit] if info.unit and info.type != "list" else []) + [accepts]
    if info.type != "list":
        default = tidy(info.default.to_dict() if isinstance(info.default, Distribution) else info.default)
        if value is None or value != default:
            parts.append(f"default {toml_value(default)}")
    return f"{info.description[:1].upper()}{info.description[1:]} ({'; '.join(parts)})."


def _list_example(info: FieldInfo) -> list[str]:
    """Comments describing the records of a list field, with an example line."""
    prefix = info.path + "[]."
    members = [f for f in FIELDS if f.path.startswith(prefix) and "[]" not in f.path[len(prefix) :]]
    lines = ["# each record:"]
    for f in members:
        lines += _wrap(f"{f.name}: {_about(f)}", prefix="#   ")
    example = {f.name: tidy(f.default.to_dict() if isinstance(f.default, Distribution) else f.default) for f in members}
    lines.append(f"# e.g. {info.name} = [{toml_value(example)}]")
    return lines


def _distribution_help() -> list[str]:
    families = [
        f"{kind}({', '.join(Distribution.parameter_names(kind))})"
        for kind in Distribution.families()
        if kind != "fixed"
    ]
    return (
        [
            "# A field marked 'a number or a distribution' may be uncertain: a distribution, drawn once",
            "# per simulated future, written as an inline table, e.g.",
            '#   fit_share = { dist = "triangular", min = 0.1, mode = 0.2, max = 0.3 }',
            "# The families and their parameters:",
        ]
        + _wrap(", ".join(families), prefix="#   ")
        + ["# 'research' is market research: asked so many people, so many were interested."]
    )


def toml_text(scenario, annotate: bool = False) -> str:
    out: list[str] = []
    if annotate:
        out += (
            [
                "# A meantime scenario: every field of the model, with its meaning, unit, valid range and",
                "# default (the built-in 'kitchen table' start-up). Money is in pounds and time in months;",
                "# shares and probabilities are fractions between 0 and 1 (0.25 = 25%).",
                "# A field left out keeps its default, except the essentials (price, session length, hours,",
                "# population, market research, the household's money): leave one out only after",
                '# based_on = "kitchen-table" at the top, to take the example\'s on purpose.',
                "#",
            ]
            + _distribution_help()
            + [
                "#",
                "# Check it with `meantime validate FILE`, run it with `meantime run FILE`, and make a",
                "# report with `meantime report FILE -o report.html`.",
            ]
        )
    else:
        out.append("# A meantime scenario. Fields left out keep the built-in defaults;")
        out.append("# `meantime show-defaults` writes every field with its unit and meaning.")

    def own(rec: Record) -> list:
        """The entries written in the record's own table: fields, lists of plain records, and a
        list of deeper records only when it is empty but its default is not."""
        return [
            c
            for c in rec._children.values()
            if c.kind == "field"
            or (c.kind == "list" and (_plain_records(c.record) or (not getattr(rec, c.name) and c.info.default)))
        ]

    def table(rec: Record, path: str, header: str) -> None:
        entries = own(rec)
        if entries or header.startswith("[["):
            if header:
                out.extend(["", header])
            for child in entries:
                value = tidy(plain(getattr(rec, child.name)))
                if annotate:
                    out.extend(_wrap(_about(child.info, value)))
                    if child.kind == "list":
                        out.extend(_list_example(child.info))
                out.append(f"{toml_key(child.name)} = {toml_value(value)}")
        for child in rec._children.values():
            where = f"{path}.{child.name}" if path else child.name
            if child.kind == "record":
                table(getattr(rec, child.name), where, f"[{where}]")
            elif child.kind == "list" and child not in entries:
                if annotate:
                    out.append("")
                    out.extend(_wrap(_about(child.info)))
                    out.extend(_tables_example(child, where))
                for item in getattr(rec, child.name):
                    table(item, where, f"[[{where}]]")

    table(scenario._root, "", "")
    return "\n".join(out) + "\n"


def _plain_records(record: type[Record]) -> bool:
    """Whether a list's records hold only fields: such a list is written as inline tables."""
    return all(c.kind == "field" for c in record._children.values())


_EXAMPLE_FIELD = "business.price_per_session"


def _tables_example(child, where: str) -> list[str]:
    """Comments describing a list of records that hold records of their own (``providers``),
    written as one ``[[providers]]`` table a record, with an example to uncomment."""
    record = child.record
    groups = {name: c.record for name, c in Root._children.items() if c.kind == "record"}
    lines = _wrap(
        f"Write one [[{where}]] table for each record, followed by its groups as "
        f"[{where}.<group>] tables; fields left out keep their defaults. Each record holds:",
        prefix="# ",
    )
    for c in record._children.values():
        if c.kind == "field":
            lines += _wrap(f"{c.name}: {_about(c.info)}", prefix="#   ")
    same, other = [], []
    for name, c in record._children.items():
        if c.kind == "field":
            continue
        if c.kind == "record" and name in groups and list(groups[name]._children) == list(c.record._children):
            same.append(name)
        else:
            other.append(c)
    for c in other:
        if c.kind == "list":
            lines += _wrap(f"{c.name}: {_about(c.info)}", prefix="#   ")
            continue
        for f in c.record.fields():
            lines += _wrap(f"{c.name}.{f.name}: {_about(f)}", prefix="#   ")
    if same:
        lines += _wrap(
            f"and, with the fields of the scenario's groups of the same names: {', '.join(same)}.", prefix="#   "
        )
    example = record()
    lines += ["# e.g.", f"#   [[{where}]]"]
    lines += [
        f"#   {c.name} = {toml_value(tidy(plain(getattr(example, c.name))))}"
        for c in record._children.values()
        if c.kind == "field"
    ]
    # The example sets one field of a group: the price, where the records have one.
    name, _, field = _EXAMPLE_FIELD.partition(".")
    group = record._children.get(name)
    if group is None or group.kind != "record" or field not in group.record._children:
        group = next((c for c in record._children.values() if c.kind == "record"), None)
        field = next((n for n, c in group.record._children.items() if c.kind == "field"), "") if group else ""
    if group is not None and field:
        value = tidy(plain(getattr(getattr(example, group.name), field)))
        lines += [f"#   [{where}.{group.name}]", f"#   {field} = {toml_value(value)}"]
    return lines


# -- YAML and JSON ---------------------------------------------------------------------------------


def yaml_text(scenario) -> str:
    import yaml  # PyYAML loads slowly: only when a YAML file is read or written

    class Flow(dict):
        """A distribution or a list's record: one line, {dist: triangular, min: 18, ...}."""

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(
        Flow, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)
    )

    def mark(value: Any, in_list: bool = False) -> Any:
        if isinstance(value, dict):
            inner = {k: mark(v) for k, v in value.items()}
            plain_record = all(
                not isinstance(v, (dict, list)) or (isinstance(v, dict) and "dist" in v) for v in value.values()
            )  # a grant, not a provider with its groups
            return Flow(inner) if "dist" in value or (in_list and plain_record) else inner
        if isinstance(value, list):
            return [mark(v, in_list=True) for v in value]
        return value

    body = yaml.dump(
        mark(tidy(scenario.to_dict())),
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return (
        "# A meantime scenario. Fields left out keep the built-in defaults;\n"
        "# `meantime show-defaults` writes every field with its unit and meaning.\n" + body
    )


def json_text(scenario) -> str:
    return json.dumps(tidy(scenario.to_dict()), indent=2, ensure_ascii=False) + "\n"
