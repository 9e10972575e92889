"""The data package's changelog, figure by figure: what changed between two package versions.

Usage: python tools/data_changelog.py OLD_PACKAGE_DIR [NEW_PACKAGE_DIR] [--out FILE | --into FILE]
       [--limit N]

NEW_PACKAGE_DIR defaults to data/. Both packages are read as CSV files (every
resource); rows are matched by id (``name`` for assumptions), and every figure that
was added, removed or changed (value, unit, source, locator ...) is listed under its
resource, as Markdown: to stdout, to ``--out FILE``, or inserted as the newest entry
of ``--into CHANGELOG-data.md``. A resource with more than ``--limit`` added (or
removed) rows lists them by source with their count instead of one line each.

The package's version is the ``version`` of its datapackage.json (from
data-src/VERSION, semver) when it has one, else the first 12 hex digits of its
digest. The level of the change sets the version to give the new package (the bump
rule of docs/data.md): rows, columns or resources removed -> major; added -> minor;
only values of existing rows changed -> patch. The tool prints that suggestion on
stderr and warns when the new package states the same version as the old one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from transplant_audit.evidence.package import package_digest, stated_version
from transplant_audit.report.compare import compare_tables

REPO = Path(__file__).resolve().parents[1]
DEFAULT_LIMIT = 50
LEVELS = ("", "patch", "minor", "major")
SEMVER = re.compile(r"(\d+)\.(\d+)\.(\d+)")
HEADING = re.compile(r"^## Data package (\S+)", re.MULTILINE)


def version(root: Path) -> str:
    return stated_version(root) or package_digest(root).removeprefix("sha256:")[:12]


def tables(root: Path) -> dict[str, pd.DataFrame]:
    """The resources that ``root/datapackage.json`` declares, as text frames."""
    descriptor = root / "datapackage.json"
    if not descriptor.is_file():
        sys.exit(f"error: {root}: not a data package directory (no datapackage.json)")
    declared = json.loads(descriptor.read_text("utf-8")).get("resources", [])
    return {
        str(r["name"]): pd.read_csv(root / str(r["path"]), dtype=str, keep_default_na=False)
        for r in declared
        if (root / str(r.get("path", ""))).is_file()
    }


def _key(frame: pd.DataFrame) -> str:
    return "id" if "id" in frame.columns else "name"


@dataclass
class TableDiff:
    """What moved in one resource between two packages."""

    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame  # compare_tables rows (key, column, old, new) of rows on both sides
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)

    @property
    def level(self) -> str:
        if len(self.removed) or self.columns_removed:
            return "major"
        if len(self.added) or self.columns_added:
            return "minor"
        return "patch" if len(self.changed) else ""


def diff_table(old: pd.DataFrame, new: pd.DataFrame) -> TableDiff:
    """Rows added and removed (by key) and figures changed in rows on both sides (pure)."""
    key = _key(new)
    common = [c for c in new.columns if c in old.columns]
    old_keys, new_keys = set(old[key]), set(new[key])
    kept_old = old[old[key].isin(new_keys)][common]
    kept_new = new[new[key].isin(old_keys)][common]
    changed = compare_tables({"t": kept_old}, {"t": kept_new})
    return TableDiff(
        added=new[~new[key].isin(old_keys)],
        removed=old[~old[key].isin(new_keys)],
        changed=changed,
        columns_added=[c for c in new.columns if c not in old.columns],
        columns_removed=[c for c in old.columns if c not in new.columns],
    )


def level_of(diffs: dict[str, TableDiff | str]) -> str:
    """The largest level over every resource ('added'/'removed' whole resources count too)."""
    levels = [
        {"added": "minor", "removed": "major"}[d] if isinstance(d, str) else d.level
        for d in diffs.values()
    ]
    return max(levels, key=LEVELS.index, default="")


def next_version(old_version: str, level: str) -> str:
    """The semver to give a package changed at ``level`` after ``old_version``.

    A package named by its digest (no stated version yet) starts at 1.0.0.
    """
    match = SEMVER.fullmatch(old_version)
    if not match:
        return "1.0.0"
    major, minor, patch = (int(g) for g in match.groups())
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    if level == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return old_version


def _row_text(row: pd.Series, key: str) -> str:
    fields = "; ".join(f"{c}: {row[c]}" for c in row.index if c != key and str(row[c]) != "")
    return f"{key}={row[key]}: {fields}"


def _rows_lines(what: str, rows: pd.DataFrame, key: str, limit: int) -> list[str]:
    if rows.empty:
        return []
    if len(rows) <= limit:
        return [f"- {what} {_row_text(r, key)}" for _, r in rows.sort_values(key).iterrows()]
    by = "source_id" if "source_id" in rows.columns else None
    if by is None:
        return [f"- {what}: {len(rows)} rows ({key} {rows[key].min()} to {rows[key].max()})"]
    counts = rows[by].replace("", "(none)").value_counts().sort_index()
    parts = ", ".join(f"{src} ({n})" for src, n in counts.items())
    return [f"- {what}: {len(rows)} rows, by source: {parts}"]


def _changed_lines(changed: pd.DataFrame) -> list[str]:
    lines = []
    for key, fields in changed.groupby("key", sort=True):
        parts = []
        for _, r in fields.iterrows():
            old_v = "" if pd.isna(r["old"]) else r["old"]
            new_v = "" if pd.isna(r["new"]) else r["new"]
            parts.append(f"{r['column']}: {old_v!s} → {new_v!s}")
        lines.append(f"- {key}: " + "; ".join(parts))
    return lines


def diff_packages(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> dict:
    """Resource name -> ``TableDiff``, or 'added' / 'removed' for a whole resource."""
    out: dict[str, TableDiff | str] = {}
    for name in sorted(set(old) | set(new)):
        if name not in old or name not in new:
            out[name] = "added" if name in new else "removed"
        else:
            out[name] = diff_table(old[name], new[name])
    return out


def changelog_entry(
    old: dict[str, pd.DataFrame],
    new: dict[str, pd.DataFrame],
    old_version: str,
    new_version: str,
    limit: int = DEFAULT_LIMIT,
    diffs: dict | None = None,
) -> str:
    """One Markdown entry: heading, then each resource that moved (pure).

    ``diffs`` is ``diff_packages(old, new)`` when the caller has it already.
    """
    if diffs is None:
        diffs = diff_packages(old, new)
    lines = [f"## Data package {new_version} (since {old_version})", ""]
    moved = False
    for name, d in diffs.items():
        if isinstance(d, str):
            rows = len(new[name]) if d == "added" else len(old[name])
            lines += [f"### {name}", "", f"- resource {d} ({rows} rows)", ""]
            moved = True
            continue
        if not d.level:
            continue
        moved = True
        key = _key(new[name])
        n_changed = d.changed["key"].nunique() if len(d.changed) else 0
        counts = f"{len(d.added)} added, {len(d.removed)} removed, {n_changed} changed"
        lines += [f"### {name} ({counts})", ""]
        lines += [f"- new column: {c}" for c in d.columns_added]
        lines += [f"- column removed: {c}" for c in d.columns_removed]
        lines += _rows_lines("added", d.added, key, limit)
        lines += _rows_lines("removed", d.removed, key, limit)
        lines += _changed_lines(d.changed)
        lines.append("")
    if not moved:
        lines += ["No figure changed.", ""]
    return "\n".join(lines)


def insert_entry(changelog: str, entry: str) -> str:
    """``entry`` placed before the newest entry of ``changelog`` (at the end if it has none)."""
    match = HEADING.search(changelog)
    if match is None:
        return changelog.rstrip("\n") + "\n\n" + entry.rstrip("\n") + "\n"
    at = match.start()
    return changelog[:at] + entry.rstrip("\n") + "\n\n" + changelog[at:]


def latest_version(changelog: str) -> str | None:
    """The version named by the newest entry of a changelog, None without entries."""
    match = HEADING.search(changelog)
    return match.group(1) if match else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path, nargs="?", default=REPO / "data")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, help="write the entry to this file")
    where.add_argument("--into", type=Path, help="insert the entry as the newest of this file")
    ap.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="rows listed one by one")
    args = ap.parse_args()
    old_tables, new_tables = tables(args.old), tables(args.new)
    old_v, new_v = version(args.old), version(args.new)
    diffs = diff_packages(old_tables, new_tables)
    level = level_of(diffs)
    text = changelog_entry(old_tables, new_tables, old_v, new_v, args.limit, diffs)
    if level:
        print(
            f"change level: {level}; suggested version: {next_version(old_v, level)} "
            "(data-src/VERSION, then rebuild)",
            file=sys.stderr,
        )
        if new_v == old_v:
            print(f"warning: both packages state version {new_v}", file=sys.stderr)
    if args.out:
        args.out.write_text(text, "utf-8")
    elif args.into:
        current = args.into.read_text("utf-8") if args.into.is_file() else ""
        args.into.write_text(insert_entry(current, text), "utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
