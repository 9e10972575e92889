"""SYNTHETIC hostile inputs, generated on the fly for tests and benchmarks/bench_limits.py.

Nothing here is real data. Each builder writes a small file that costs a lot to
read naively (issue 10, hole 7).
"""

from __future__ import annotations

import zlib
from pathlib import Path


def pdf_bomb(path: Path, inflated_mb: int = 200) -> Path:
    """A one-page PDF whose content stream inflates to ``inflated_mb`` MiB of spaces."""
    deflate = zlib.compressobj(9)
    block = b" " * (1 << 20)
    stream = b"".join(deflate.compress(block) for _ in range(inflated_mb)) + deflate.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n% synthetic decompression bomb\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def yaml_bomb(path: Path, levels: int = 9, width: int = 9) -> Path:
    """A 'billion laughs' --assumptions file: ``width ** levels`` strings via aliases."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    lines.append(
        "occupancy_rate: {distribution: uniform, low: 0.9, high: 1.1, "
        f"justification: *a{levels - 1}}}"
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def long_text(path: Path, mb: int = 50) -> Path:
    """A plain UTF-8 text of ``mb`` MiB: Chinese and English lines with figures."""
    prose = "该院坚持以病人为中心，不断提高医疗服务质量。 The hospital serves the region.\n"
    figure = "2015年该中心共完成肝移植1,234例。 The centre did 1,234 liver transplants.\n"
    page = prose * 99 + figure  # one line in a hundred holds a figure
    block = (page * (1 + (1 << 20) // len(page.encode()))).encode("utf-8")[: 1 << 20]
    cut = block.rfind(b"\n") + 1
    with path.open("wb") as fh:
        written = 0
        while written < mb << 20:
            fh.write(block[:cut])
            written += cut
    return path
