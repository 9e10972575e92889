"""Write docs/errors.md from the error-code catalogue (src/transplant_audit/error_codes.py).

Usage: python tools/gen_error_docs.py [--check]
  --check   write nothing; exit 1 when docs/errors.md differs from the catalogue.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from transplant_audit.error_codes import markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "errors.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a difference")
    args = parser.parse_args(argv)
    text = markdown()
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC} is out of date: run python tools/gen_error_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
