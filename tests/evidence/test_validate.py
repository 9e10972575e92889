"""validate_package: one test per bad-input rule, each on a broken copy of a tiny package.

Everything here is SYNTHETIC: invented hospitals, figures and example.org URLs,
written to tmp_path. Each test breaks exactly one thing and asserts the exact
file, row (1-based CSV line, header = 1), field and stable code of the error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from transplant_audit.errors import DataError
from transplant_audit.evidence.frames import COLUMNS
from transplant_audit.evidence.package import package_descriptor, validate_package

TODAY = dt.date(2026, 11, 23)


def _sid(url: str) -> str:
    return "src_" + hashlib.sha256(url.encode()).hexdigest()[:10]


S1 = _sid("https://example.org/synthetic/report")
S2 = _sid("https://example.org/synthetic/news")

# Synthetic rows as CSV lines (header added from COLUMNS). Row numbers below are
# the line numbers in the file: header = 1, first data row = 2.
TINY: dict[str, list[str]] = {
    "sources": [
        f"{S1},https://example.org/synthetic/report,Synthetic report,Example,investigators,"
        "2016,,en,report,,synthetic",
        f"{S2},https://example.org/synthetic/news,Synthetic news,Example News,state_media,"
        "2017-03-04,,zh,news,,synthetic",
    ],
    "hospitals": [
        f"syn_alpha,Synthetic Alpha Hospital,合成医院,Tianjin,Tianjin,false,true,liver;kidney,2007,"
        f"liver;kidney,{S1},synthetic,syn_alpha_old",
        f"syn_beta,Synthetic Beta Hospital,,Beijing,Beijing,true,unknown,,,kidney,{S2},synthetic,",
    ],
    "observations": [
        f"obs_000000000a,syn_alpha,transplant_beds,,,,2006,500,at_least,beds,{S1},p. 1,extracted,,"
        "transplant_ward",
        f"obs_000000000b,syn_alpha,transplant_beds,,,,2006,700,exact,beds,{S2},p. 2,extracted,,"
        "building",
        f"obs_000000000c,syn_beta,bed_occupancy_rate,,,,2012,1.25,exact,fraction,{S2},,extracted,,",
        f"obs_000000000d,national,transplants_in_period,all,2010,2010,,10000,approx,transplants,"
        f"{S1},ch. 2,extracted,,",
    ],
    "official_series": [
        f"off_000000000a,national_deceased_donors,2015,2766,donors,exact,false,{S2},para 1,,false",
    ],
    "claims": [
        f"clm_000000000a,transplants_per_year,Synthetic Claimant,investigators,2016,2016,60000,"
        f"100000,transplants/year,exact,{S1},p. 1,",
    ],
    "assumptions": [
        f"syn_occupancy,triangular,0.8,1,1.5,fraction,all,synthetic assumption,{S1};{S2}",
    ],
    "reference_series": [
        f"ref_000000000a,Spain,deceased_donors,2015,1851,donors,{S1},table 3,",
    ],
    "licences": [
        f"lic_000000000a,syn_alpha,liver,Synthetic list,2007,true,{S1},item 3,",
    ],
}


def make_package(
    root: Path,
    replace: dict[str, dict[int, str]] | None = None,
    raw: dict[str, bytes] | None = None,
) -> Path:
    """Write the tiny synthetic package; ``replace[resource][line] = text`` swaps a line.

    The descriptor's hashes are computed from the files as written, so only the
    intended breakage is reported.
    """
    root.mkdir(parents=True, exist_ok=True)
    data: dict[str, bytes] = {}
    for name, lines in TINY.items():
        all_lines = [",".join(COLUMNS[name]), *lines]
        for line_no, text in (replace or {}).get(name, {}).items():
            if line_no - 1 < len(all_lines):
                all_lines[line_no - 1] = text
            else:
                all_lines.append(text)
        data[name] = ("\n".join(all_lines) + "\n").encode("utf-8")
    data.update(raw or {})
    for name, content in data.items():
        (root / f"{name}.csv").write_bytes(content)
    descriptor = package_descriptor(data)
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return root


def errors_of(root: Path, *, frictionless: bool = True) -> list[DataError]:
    return validate_package(root, today=TODAY, frictionless=frictionless)


def where(errors: list[DataError]) -> set[tuple[str, int | None, str | None, str]]:
    return {(e.file, e.row, e.field, e.code) for e in errors}


def obs_line(line: int, **changes: str) -> str:
    """Observation row ``line`` (2-based) of TINY with some cells changed."""
    cells = TINY["observations"][line - 2].split(",")
    for column, value in changes.items():
        cells[COLUMNS["observations"].index(column)] = value
    return ",".join(cells)


def test_tiny_package_is_valid(tmp_path: Path) -> None:
    assert errors_of(make_package(tmp_path / "p")) == []


@pytest.mark.parametrize(
    ("line", "changes", "field", "code"),
    [
        (2, {"indicator": "transplant_bedz"}, "indicator", "unknown-indicator"),
        (2, {"unit": "rooms"}, "unit", "wrong-unit"),
        (3, {"source_id": ""}, "source_id", "missing-source-id"),
        (3, {"source_id": "src_ffffffffff"}, "source_id", "dangling-source-id"),
        (2, {"value": "-5"}, "value", "negative-value"),
        (4, {"value": "3.5"}, "value", "out-of-range"),
        (4, {"value": "0"}, "value", "out-of-range"),
        (2, {"as_of": "2027-01"}, "as_of", "future-date"),
        (5, {"period_end": "2030"}, "period_end", "future-date"),
        (2, {"value": "five hundred"}, "value", "bad-number"),
        (
            2,
            {"indicator": "approved_transplant_licence", "unit": "flag", "value": "2"},
            "value",
            "out-of-range",
        ),
        (
            2,
            {"indicator": "first_transplant_year", "unit": "year", "value": "2031"},
            "value",
            "out-of-range",
        ),
        (
            2,
            {"indicator": "volume_rank_national", "unit": "rank", "value": "0"},
            "value",
            "out-of-range",
        ),
        (2, {"as_of": "2006-13"}, "as_of", "bad-date"),
        (2, {"qualifier": "roughly"}, "qualifier", "unknown-qualifier"),
        (2, {"status": "approved"}, "status", "unknown-status"),
        (5, {"organ": "spleen"}, "organ", "unknown-organ"),
        (3, {"hospital_id": "syn_gamma"}, "hospital_id", "unknown-hospital"),
        (5, {"period_start": "2011"}, "period_end", "bad-period"),
        (2, {"bed_scope": ""}, "bed_scope", "missing-bed-scope"),
        (2, {"bed_scope": "whole_hospital"}, "bed_scope", "bad-bed-scope"),
        (2, {"bed_scope": "the ward"}, "bed_scope", "bad-bed-scope"),
        (4, {"bed_scope": "unknown"}, "bed_scope", "bad-bed-scope"),
        (
            2,
            {"indicator": "total_beds", "bed_scope": "transplant_ward"},
            "bed_scope",
            "bad-bed-scope",
        ),
    ],
)
def test_observation_rule(
    tmp_path: Path, line: int, changes: dict[str, str], field: str, code: str
) -> None:
    root = make_package(tmp_path / "p", {"observations": {line: obs_line(line, **changes)}})
    # our rules only (fast); Frictionless's part is covered by the tests below
    found = where(errors_of(root, frictionless=False))
    assert ("observations.csv", line, field, code) in found, found


def test_inconsistent_bed_scope_is_explained(tmp_path: Path) -> None:
    root = make_package(
        tmp_path / "p", {"observations": {2: obs_line(2, bed_scope="whole_hospital")}}
    )
    (error,) = [e for e in errors_of(root, frictionless=False) if e.field == "bed_scope"]
    assert "inconsistent with transplant_beds" in str(error)
    assert "observations.csv, row 2" in str(error)


def test_licensed_must_be_true_false_or_unknown(tmp_path: Path) -> None:
    empty = TINY["hospitals"][1].replace(",true,unknown,", ",true,,")
    maybe = TINY["hospitals"][1].replace(",true,unknown,", ",true,maybe,")
    for row, code in ((empty, "missing-value"), (maybe, "unknown-licensed")):
        root = make_package(tmp_path / code, {"hospitals": {3: row}})
        assert ("hospitals.csv", 3, "licensed", code) in where(errors_of(root, frictionless=False))


def test_licence_of_unknown_hospital_is_refused(tmp_path: Path) -> None:
    row = TINY["licences"][0].replace(",syn_alpha,", ",syn_gamma,")
    root = make_package(tmp_path / "p", {"licences": {2: row}})
    found = where(errors_of(root, frictionless=False))
    assert ("licences.csv", 2, "hospital_id", "unknown-hospital") in found


def test_duplicate_id(tmp_path: Path) -> None:
    root = make_package(tmp_path / "p", {"observations": {3: obs_line(3, id="obs_000000000a")}})
    errors = [e for e in errors_of(root) if e.code == "duplicate-id"]
    assert [(e.file, e.row, e.field) for e in errors] == [("observations.csv", 3, "id")]
    assert "row 2" in errors[0].reason


def test_occupancy_of_three_is_allowed(tmp_path: Path) -> None:
    root = make_package(tmp_path / "p", {"observations": {4: obs_line(4, value="3")}})
    assert errors_of(root) == []


def test_dangling_source_in_other_resources(tmp_path: Path) -> None:
    bad = "src_0123456789"
    root = make_package(
        tmp_path / "p",
        {
            "claims": {2: TINY["claims"][0].replace(S1, bad)},
            "assumptions": {2: TINY["assumptions"][0].replace(f"{S1};", f"{bad};")},
            "hospitals": {3: TINY["hospitals"][1].replace(S2, bad)},
        },
    )
    found = where(errors_of(root))
    assert ("claims.csv", 2, "source_id", "dangling-source-id") in found
    assert ("assumptions.csv", 2, "source_ids", "dangling-source-id") in found
    assert ("hospitals.csv", 3, "source_id", "dangling-source-id") in found


def test_negative_counts_and_inverted_range_outside_observations(tmp_path: Path) -> None:
    root = make_package(
        tmp_path / "p",
        {
            "official_series": {2: TINY["official_series"][0].replace(",2766,", ",-2766,")},
            "claims": {2: TINY["claims"][0].replace(",60000,100000,", ",60000,6000,")},
            "reference_series": {2: TINY["reference_series"][0].replace(",1851,", ",-1,")},
        },
    )
    found = where(errors_of(root))
    assert ("official_series.csv", 2, "value", "negative-value") in found
    assert ("claims.csv", 2, "value_high", "bad-range") in found
    assert ("reference_series.csv", 2, "value", "negative-value") in found


def test_wrong_column_count(tmp_path: Path) -> None:
    root = make_package(tmp_path / "p", {"observations": {4: obs_line(4) + ",extra"}})
    found = where(errors_of(root))
    assert ("observations.csv", 4, None, "wrong-column-count") in found


def test_wrong_encoding(tmp_path: Path) -> None:
    text = "\n".join([",".join(COLUMNS["hospitals"]), *TINY["hospitals"]]) + "\n"
    latin = text.replace("合成医院", "Hôpital").encode("latin-1")
    root = make_package(tmp_path / "p", raw={"hospitals": latin})
    errors = [e for e in errors_of(root) if e.code == "encoding-error"]
    assert [(e.file, e.row) for e in errors] == [("hospitals.csv", 2)]
    assert "UTF-8" in errors[0].reason


def test_bad_header(tmp_path: Path) -> None:
    header = ",".join(c if c != "unit" else "units" for c in COLUMNS["observations"])
    root = make_package(tmp_path / "p", {"observations": {1: header}})
    found = where(errors_of(root))
    assert ("observations.csv", 1, None, "bad-header") in found


def test_unknown_party_and_kind(tmp_path: Path) -> None:
    row = TINY["sources"][0].replace("investigators", "activists").replace(",report,", ",memo,")
    root = make_package(tmp_path / "p", {"sources": {2: row}})
    found = where(errors_of(root))
    assert ("sources.csv", 2, "party", "unknown-party") in found
    assert ("sources.csv", 2, "kind", "unknown-kind") in found


def test_unknown_licensed_organ(tmp_path: Path) -> None:
    row = TINY["hospitals"][0].replace("liver;kidney,2007", "liver;hand,2007")
    root = make_package(tmp_path / "p", {"hospitals": {2: row}})
    assert ("hospitals.csv", 2, "licensed_organs", "unknown-organ") in where(errors_of(root))


def test_frictionless_errors_are_translated(tmp_path: Path) -> None:
    # a source id that breaks the schema's pattern, as Frictionless reports it
    bad = "SRC-1"
    root = make_package(
        tmp_path / "p",
        {
            "sources": {2: TINY["sources"][0].replace(S1, bad)},
        },
    )
    from transplant_audit.evidence.package import _frictionless_errors

    errors = [e for e in _frictionless_errors(root) if e.file == "sources.csv" and e.row == 2]
    assert ("sources.csv", 2, "id", "constraint-error") in where(errors)
    assert all(isinstance(e, DataError) and "frictionless" in e.reason for e in errors)
    # our own rules check patterns too, anchored at both ends (issue 10, hole 6)
    ours = [e for e in errors_of(root) if e.file == "sources.csv" and e.row == 2]
    assert ("sources.csv", 2, "id", "bad-pattern") in where(ours)


def test_errors_are_collected_not_stopped_at_first(tmp_path: Path) -> None:
    root = make_package(
        tmp_path / "p",
        {
            "observations": {
                2: obs_line(2, indicator="nope"),
                3: obs_line(3, value="-1"),
                5: obs_line(5, qualifier="maybe"),
            }
        },
    )
    found = where(errors_of(root))
    assert {
        ("observations.csv", 2, "indicator", "unknown-indicator"),
        ("observations.csv", 3, "value", "negative-value"),
        ("observations.csv", 5, "qualifier", "unknown-qualifier"),
    } <= found


def test_missing_resource_and_directory(tmp_path: Path) -> None:
    root = make_package(tmp_path / "p")
    (root / "claims.csv").unlink()
    assert ("claims.csv", None, None, "missing-resource") in where(errors_of(root))
    assert [e.code for e in validate_package(tmp_path / "nowhere")] == ["no-package"]


def test_error_message_is_one_line_naming_everything(tmp_path: Path) -> None:
    root = make_package(tmp_path / "p", {"observations": {2: obs_line(2, unit="rooms")}})
    error = next(e for e in errors_of(root) if e.code == "wrong-unit")
    text = str(error)
    assert "\n" not in text
    for part in ("observations.csv", "row 2", "'unit'", "'rooms'", "wrong-unit"):
        assert part in text


def test_future_date_uses_today(tmp_path: Path) -> None:
    root = make_package(tmp_path / "p", {"observations": {2: obs_line(2, as_of="2026-11")}})
    assert errors_of(root) == []
    later = validate_package(root, today=dt.date(2026, 10, 31))
    assert ("observations.csv", 2, "as_of", "future-date") in where(later)


def test_loosened_schema_in_descriptor_is_refused(tmp_path: Path) -> None:
    root = make_package(tmp_path / "p")
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "observations":
            resource["schema"]["fields"][2].pop("constraints")  # drop the indicator enum
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    found = where(errors_of(root, frictionless=False))
    assert found == {("datapackage.json", None, "observations", "schema-mismatch")}


def test_file_changed_after_descriptor_is_reported_with_the_fix(tmp_path: Path) -> None:
    root = make_package(tmp_path / "p")
    path = root / "claims.csv"
    path.write_bytes(path.read_bytes().replace(b"p. 1", b"p. 2"))  # same size, new hash
    errors = errors_of(root)
    assert [(e.file, e.code) for e in errors] == [("claims.csv", "hash-mismatch")]
    assert "rebuild" in errors[0].reason
