"""The data package's changelog, figure by figure: what changed between two package versions.

Usage: python tools/data_changelog.py OLD_PACKAGE_DIR [NEW_PACKAGE_DIR] [--out FILE]

NEW_PACKAGE_DIR defaults to data/. Both packages are read as CSV files (every
resource); rows are matched by id, and every figure that was added, removed or
changed (value, unit, source, locator ...) is listed under its resource, as
Markdown (stdout, or --out FILE, e.g. to prepend to CHANGELOG-data.md). The
package's version is the ``version`` of its datapackage.json when it has one,
else the first 12 hex digits of its digest (``package_digest``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from transplant_audit.evidence.package import package_digest
from transplant_audit.report.compare import compare_tables

REPO = Path(__file__).resolve().parents[1]


def version(root: Path) -> str:
    descriptor = root / "datapackage.json"
    if descriptor.is_file():
        stated = json.loads(descriptor.read_text("utf-8")).get("version")
        if stated:
            return str(stated)
    return package_digest(root).removeprefix("sha256:")[:12]


def tables(root: Path) -> dict[str, pd.DataFrame]:
    if not (root / "datapackage.json").is_file():
        sys.exit(f"error: {root}: not a data package directory (no datapackage.json)")
    return {f.stem: pd.read_csv(f, dtype=str, keep_default_na=False) for f in root.glob("*.csv")}


def changelog(old: Path, new: Path) -> str:
    moved = compare_tables(tables(old), tables(new))
    lines = [f"## Data package {version(new)} (since {version(old)})", ""]
    if moved.empty:
        return "\n".join([*lines, "No figure changed.", ""])
    for table, rows in moved.groupby("table", sort=True):
        lines += [f"### {table} ({rows['key'].nunique()} rows)", ""]
        for key, fields in rows.groupby("key", sort=True):
            parts = []
            for _, r in fields.iterrows():
                old_v = "" if pd.isna(r["old"]) else r["old"]
                new_v = "" if pd.isna(r["new"]) else r["new"]
                parts.append(f"{r['column']}: {old_v!s} → {new_v!s}" if r["column"] else "")
            lines.append(f"- {key}: " + "; ".join(p for p in parts if p))
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path, nargs="?", default=REPO / "data")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    text = changelog(args.old, args.new)
    if args.out:
        args.out.write_text(text, "utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
