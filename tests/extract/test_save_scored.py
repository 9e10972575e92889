"""The one storing step of ``extract`` and the web workbench (``review.save_scored``): each
candidate's hospital matched against the store's register, its confidence stored
(synthetic source, hospital and text)."""

from __future__ import annotations

from transplant_audit.extract import review as rv
from transplant_audit.extract.core import extract_candidates

from .conftest import SYN_HOSPITAL, SYN_SOURCE, SYN_TEXT


def test_save_scored_matches_the_register_and_keeps_confidences(review_store) -> None:  # noqa: ANN001
    from transplant_audit.extract.review_schema import Candidate

    found = extract_candidates(SYN_TEXT)
    confs = [round(0.1 + 0.8 * k / max(len(found), 1), 4) for k in range(len(found))]
    scored = [(c, None, q) for c, q in zip(found, confs, strict=True)]
    with review_store.session(write=True) as s:
        added, known = rv.save_scored(
            s, SYN_SOURCE, "sha256:" + "0" * 64, scored, ["chars"] * len(found), extracted_by="x"
        )
        assert (len(added), known) == (len(found), 0)
        ids = [r.id for r in added]
    with review_store.session() as s:
        rows = [s.get(Candidate, i) for i in ids]
        assert [r.confidence for r in rows] == confs
        hospitals = {r.hospital_id for r in rows if r.hospital_text}
        assert hospitals == {SYN_HOSPITAL}  # read from the store, not passed in
