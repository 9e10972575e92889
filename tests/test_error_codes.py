"""Error codes cannot drift (issue 10, hole 12): every code the source emits is declared
in the catalogue, none is built at run time, and docs/errors.md is generated from it."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from transplant_audit import error_codes as codes
from transplant_audit.errors import DataError

ROOT = Path(__file__).resolve().parents[1]
SCANNED = [*sorted((ROOT / "src").rglob("*.py")), *sorted((ROOT / "tools").glob("*.py"))]
CODE_LITERAL = re.compile(r"""\bcode=(f?)["']([^"']*)["']""")


def _code_arguments() -> list[tuple[str, int, ast.expr]]:
    """Every ``code=`` keyword argument of every call in src/ and tools/."""
    found = []
    for path in SCANNED:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "code":
                        found.append((str(path.relative_to(ROOT)), node.lineno, kw.value))
    return found


def test_every_code_literal_in_the_source_is_declared() -> None:
    undeclared = []
    for path in SCANNED:
        text = path.read_text(encoding="utf-8")
        for m in CODE_LITERAL.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            where = f"{path.relative_to(ROOT)}:{line}"
            if m.group(1):
                undeclared.append(f"{where}: code built at run time ({m.group(0)})")
            elif not codes.declared(m.group(2)):
                undeclared.append(f"{where}: {m.group(2)!r} is not in error_codes")
    assert undeclared == []


def test_every_code_argument_is_a_literal_or_a_declared_type() -> None:
    bad = []
    for where, line, value in _code_arguments():
        if isinstance(value, ast.Constant):
            ok = isinstance(value.value, str) and codes.declared(value.value)
        elif isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
            target = getattr(codes, value.attr, None) if value.value.id == "codes" else None
            ok = target is not None or value.value.id not in ("codes",)
            # ``codes.X`` must exist; other attributes (first.code, exc.code) pass a code on
        elif isinstance(value, ast.JoinedStr):
            ok = False
        else:
            ok = True  # a call or subscript into the catalogue (codes.UNKNOWN_VALUE[...])
        if not ok:
            bad.append(f"{where}:{line}: {ast.unparse(value)}")
    assert bad == []


def test_the_dynamic_families_are_closed() -> None:
    assert {t.code for t in codes.UNKNOWN_VALUE.values()} == {
        "unknown-qualifier",
        "unknown-status",
        "unknown-organ",
        "unknown-party",
        "unknown-kind",
        "unknown-licensed",
    }
    assert codes.frictionless_code("scheme-error").code == "frictionless-scheme-error"
    assert codes.frictionless_code("hash-count").code == "hash-mismatch"
    assert codes.frictionless_code("a-type-frictionless-adds-later").code == "frictionless-error"
    assert all(codes.declared(t.code) for t in codes.FRICTIONLESS_MAPPED.values())


@pytest.mark.parametrize("code", sorted(codes.CATALOGUE))
def test_each_declared_type_is_complete(code: str) -> None:
    t = codes.CATALOGUE[code]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)
    assert t.title and t.template and t.area in codes.AREAS
    fields = {f for _, f, _, _ in string.Formatter().parse(t.template) if f}
    err = t.error("x.csv", row=2, **{f: "<" + f + ">" for f in fields})
    assert isinstance(err, DataError) and err.code == code and str(err).endswith(f"[{code}]")


def test_codes_kept_their_published_strings() -> None:
    """Codes users and tests already match on (a sample across areas)."""
    for code in (
        "encoding-error",
        "blank-header",
        "bad-descriptor",
        "dangling-source-id",
        "unknown-status",
        "hash-mismatch",
        "frictionless-scheme-error",
        "missing-path",
        "too-large",
        "unknown-source-url",
        "data-error",
    ):
        assert codes.declared(code), code
    assert DataError("f", "r", code=codes.BadNumber).code == "bad-number"


def test_the_documented_list_is_generated_from_the_catalogue() -> None:
    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert doc == codes.markdown(), "run: python tools/gen_error_docs.py"
    for code in codes.CATALOGUE:
        assert f"`{code}`" in doc


def test_no_source_emits_a_merged_code() -> None:
    """A merged code (``MERGED``) is only a name in the catalogue: no string literal
    elsewhere in src/ or tools/ may still be one (verify once printed `[missing-file]`)."""
    stale = []
    for path in SCANNED:
        if path.name == "error_codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in codes.MERGED:
                stale.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert stale == []
