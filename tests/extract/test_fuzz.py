"""Fuzzing the readers and the extractor with hypothesis: any input gives candidates with
valid spans, or a ``DataError``; never another exception.

The number of inputs is set by TA_FUZZ_EXAMPLES (default 150 per extractor test and a third
of that per reader test, so the suite stays quick); every run prints how many inputs each
test ran (``pytest -s``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transplant_audit.errors import DataError
from transplant_audit.evidence.vocabulary import INDICATORS
from transplant_audit.extract.core import extract_candidates
from transplant_audit.extract.text import read_document

EXAMPLES = int(os.environ.get("TA_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
# the readers are slower (trafilatura, pdfplumber): a third of the inputs by default
FUZZ_READERS = settings(
    max_examples=max(1, EXAMPLES // 3), deadline=None, suppress_health_check=list(HealthCheck)
)
COUNT: dict[str, int] = {}
KEYS = {
    "test_fuzz_extractor_arbitrary_text": "text",
    "test_fuzz_extractor_figure_like_text": "figure-like",
    "test_fuzz_reader_arbitrary_bytes": "bytes",
    "test_fuzz_reader_damaged_pdf": "pdf",
    "test_fuzz_reader_html_and_encodings": "html",
}


@pytest.fixture(autouse=True)
def _inputs_were_run(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each fuzz test, whatever the order tests run in: print how many inputs it ran
    (``pytest -s``) and fail if it ran none (a fuzz test that tries nothing proves nothing)."""
    key = KEYS.get(request.node.originalname)
    before = COUNT.get(key, 0) if key else 0
    yield
    if key:
        ran = COUNT.get(key, 0) - before
        print(f"\nfuzz inputs run by {request.node.name}: {ran}")
        assert ran > 0, f"{request.node.name} ran no input"


# pieces the extractor reacts to, so random text reaches its deeper branches
PIECES = [
    "肝移植",
    "肾移植",
    "腎移植",
    "累计",
    "至今",
    "约",
    "近",
    "余",
    "多",
    "以上",
    "左右",
    "不到",
    "例",
    "张",
    "張",
    "名",
    "天",
    "周",
    "个月",
    "万元",
    "美元",
    "%",
    "第",
    "年",
    "月",
    "日",
    "，",
    "。",
    "、",
    "\n",
    " ",
    "1,200",
    "１２００",
    "五百",
    "两千",
    "一万",
    "2015",
    "2010年至2015年",
    "电话：",
    "0571-87236114",
    "号",
    "楼",
    "页",
    "Table",
    "more than",
    "about",
    "up to",
    "beds",
    "transplants",
    "liver",
    "kidney",
    "weeks",
    "$",
    "RMB",
    "yuan",
    "in one day",
    "First Central Hospital",
    "医院",
    "中心",
    "问：",
    "答：",
    "Doctor:",
    "?",
    "百分之",
    "成",
    "ths",
    "1,000th",
    "到",
    "至",
    "to",
    "-",
    "(",
    ")",
    "[12]",
]
mixed_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map(
    "".join
)


def _check(text: str) -> None:
    for c in extract_candidates(text):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.stated
        assert c.indicator in INDICATORS
        assert c.value == c.value and c.value > 0  # not NaN, positive
        assert c.snippet == text[c.snippet_start : c.snippet_start + len(c.snippet)].replace(
            "\n", " "
        ).replace("\r", " ").replace("\t", " ").replace("\v", " ").replace("\f", " ")


@FUZZ
@given(st.text(max_size=400))
def test_fuzz_extractor_arbitrary_text(text: str) -> None:
    COUNT["text"] = COUNT.get("text", 0) + 1
    _check(text)


@FUZZ
@given(mixed_text)
def test_fuzz_extractor_figure_like_text(text: str) -> None:
    COUNT["figure-like"] = COUNT.get("figure-like", 0) + 1
    _check(text)


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.html", "a.pdf", "noname"]))
def test_fuzz_reader_arbitrary_bytes(data: bytes, name: str) -> None:
    COUNT["bytes"] = COUNT.get("bytes", 0) + 1
    try:
        doc = read_document(data, name=name)
    except DataError:
        return
    _check(doc.text)


@FUZZ_READERS
@given(st.data())
def test_fuzz_reader_damaged_pdf(sample_pdf: bytes, data: st.DataObject) -> None:
    COUNT["pdf"] = COUNT.get("pdf", 0) + 1
    cut = data.draw(st.integers(min_value=0, max_value=len(sample_pdf)))
    flips = data.draw(st.lists(st.integers(min_value=0, max_value=len(sample_pdf) - 1), max_size=8))
    buf = bytearray(sample_pdf[:cut] if data.draw(st.booleans()) else sample_pdf)
    for i in flips:
        if i < len(buf):
            buf[i] ^= 0xFF
    try:
        doc = read_document(bytes(buf), name="fuzz.pdf")
    except DataError:
        return
    _check(doc.text)


@FUZZ_READERS
@given(mixed_text, st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"]), st.binary(max_size=50))
def test_fuzz_reader_html_and_encodings(text: str, codec: str, junk: bytes) -> None:
    COUNT["html"] = COUNT.get("html", 0) + 1
    markup = f"<html><body><div><p>{text}</p><table><tr><td>{text[::-1]}"
    try:
        data = markup.encode(codec, errors="ignore") + junk
        doc = read_document(data, name="fuzz.html")
    except DataError:
        return
    _check(doc.text)
