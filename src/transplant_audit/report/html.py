"""The HTML view: one self-contained file (CSS, JavaScript, chart specs and data inline).

Vega, Vega-Lite and vega-embed come from ``vl_convert.javascript_bundle()``,
which ships them inside the vl-convert-python wheel, so the page makes no
network request of any kind. A Content-Security-Policy with
``default-src 'none'`` makes that a rule the browser enforces.
"""

from __future__ import annotations

import json
import math
import numbers
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import numpy as np
from markupsafe import Markup, escape

from transplant_audit.fileerrors import write_cache_atomic
from transplant_audit.jsonvalue import plain
from transplant_audit.report.fmt import is_missing, num
from transplant_audit.report.model import (
    Derivation,
    Figure,
    Headline,
    Link,
    Note,
    Para,
    Ref,
    Report,
    Run,
    Table,
    Unavailable,
)
from transplant_audit.urls import is_web_url

MAX_NOTE_LINKS = 80
"""A note lists at most this many observation links inline; all are in data/notes.json."""


def _asset(name: str) -> str:
    return resources.files("transplant_audit.report").joinpath("assets", name).read_text("utf-8")


def _bundle_cache_path() -> Path:
    import vl_convert

    from transplant_audit.paths import cache_dir

    version = getattr(vl_convert, "__version__", "unknown")
    return cache_dir() / f"vega-bundle-vl-convert-{version}.js"


@cache
def vega_bundle() -> str:
    """Vega + Vega-Lite + vega-embed as one script, from the vl-convert-python wheel (offline).

    Building the bundle takes seconds, so it is kept in the user's cache
    directory (``$TRANSPLANT_AUDIT_CACHE_DIR`` or the platform cache dir), keyed
    by the vl-convert version that produced it; a damaged cache is rebuilt.
    """
    import vl_convert

    path = _bundle_cache_path()
    bundle = None
    try:
        text = path.read_text("utf-8")
        if text.endswith(_BUNDLE_END) and len(text) > 100_000:
            bundle = text[: -len(_BUNDLE_END)]
    except OSError:
        bundle = None
    if bundle is None:
        bundle = vl_convert.javascript_bundle()
        # if it fails, no cache: built again next time
        write_cache_atomic(path, (bundle + _BUNDLE_END).encode("utf-8"))
    return bundle.replace("</script", "<\\/script")


_BUNDLE_END = "\n/* transplant-audit: complete bundle */\n"


def render_runs(runs: Sequence[Run]) -> Markup:
    out: list[str] = []
    for run in runs:
        if isinstance(run, Ref):
            out.append(
                f'<sup class="fnref"><a href="#note-{run.number}" '
                f'aria-label="note {run.number}">[{run.number}]</a></sup>'
            )
        elif isinstance(run, Link):
            out.append(f'<a href="#{escape(run.anchor)}">{escape(run.text)}</a>')
        else:
            out.append(str(escape(run)))
    return Markup("".join(out))


def _cell(value: Any) -> tuple[str, bool]:
    """Display text of a cell and whether it is numeric."""
    if is_missing(value):
        return "", False
    if isinstance(value, bool | np.bool_):
        return ("yes" if value else "no"), False
    if isinstance(value, numbers.Integral):
        value = int(value)
        return (f"{value:,}" if abs(value) >= 10000 else str(value)), True
    if isinstance(value, numbers.Real):
        value = float(value)
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            iv = int(value)
            return (f"{iv:,}" if abs(iv) >= 10000 else str(iv)), True
        if abs(value) >= 100:
            return num(value), True
        return f"{value:.3g}", True
    return str(value), False


def render_table(t: Table) -> Markup:
    df = t.data
    cls = "sortable" if t.sortable else ""
    # the box scrolls on its own: keyboard users reach it (tabindex) and hear what it is
    parts = [
        f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(t.title)}">'
        f'<table class="{cls}" data-name="{escape(t.name)}">'
    ]
    parts.append(f"<caption>{escape(t.title)}</caption><thead><tr>")
    for col in df.columns:
        parts.append(f'<th scope="col">{escape(str(col))}</th>')
    parts.append("</tr></thead><tbody>")
    cols = list(df.columns)
    for row in df.itertuples(index=False, name=None):
        row_id = ""
        for col, prefix in t.anchors.items():
            value = row[cols.index(col)]
            if not is_missing(value):
                row_id = f' id="{escape(prefix + str(value))}"'
                break
        parts.append(f"<tr{row_id}>")
        for col, value in zip(cols, row, strict=True):
            text, numeric = _cell(value)
            if col in t.links and text:
                prefix = t.links[col]
                inner = " ".join(
                    f'<a href="#{escape(prefix + v.strip())}">{escape(v.strip())}</a>'
                    for v in str(value).split(";")
                    if v.strip()
                )
                parts.append(f"<td>{inner}</td>")
            elif col in t.urls and text and is_web_url(text):
                parts.append(
                    f'<td class="url"><a href="{escape(text)}" rel="noopener noreferrer">'
                    f"{escape(text)}</a></td>"
                )
            elif numeric:
                parts.append(
                    f'<td class="num" data-sort="{escape(str(value))}">{escape(text)}</td>'
                )
            else:
                parts.append(f"<td>{escape(text)}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table></div>")
    if t.caption:
        parts.append(f'<p class="meta">{render_runs(t.caption)}</p>')
    return Markup("".join(parts))


def render_block(b: object) -> Markup:
    if isinstance(b, Para):
        cls = ' class="caveat"' if b.kind == "caveat" else ""
        return Markup(f"<p{cls}>{render_runs(b.runs)}</p>")
    if isinstance(b, Unavailable):
        return Markup(
            f'<div class="unavailable" role="note"><strong>Not available: {escape(b.what)}</strong>'
            f"{escape(b.reason)}</div>"
        )
    if isinstance(b, Headline):
        items = "".join(
            f'<div class="item"><div class="label">{escape(i.label)}</div>'
            f'<div class="value">{escape(i.value)}</div>'
            f'<div class="detail">{render_runs(i.detail)}</div></div>'
            for i in b.items
        )
        return Markup(f'<div class="headline">{items}</div>')
    if isinstance(b, Figure):
        return Markup(
            f'<figure class="chart-figure" id="figure-{escape(b.name)}">'
            f'<div class="chart" id="chart-{escape(b.name)}" data-spec="spec-{escape(b.name)}" '
            f'role="img" tabindex="0" aria-label="{escape(b.alt)}"></div>'
            f"<figcaption><strong>{escape(b.title)}.</strong> {render_runs(b.caption)} "
            f'<span class="meta">Data: <code>data/{escape(b.name)}.csv</code>.</span></figcaption>'
            f"</figure>"
        )
    if isinstance(b, Table):
        return render_table(b)
    if isinstance(b, Derivation):
        lines = "".join(f"<li>{render_runs(line)}</li>" for line in b.lines)
        return Markup(
            f'<details class="derivation" id="{escape(b.anchor)}">'
            f"<summary><h4>{escape(b.title)}</h4></summary><ul>{lines}</ul></details>"
        )
    raise TypeError(f"unknown report block {type(b).__name__}")


def render_note(n: Note, same_as: int | None = None) -> Markup:
    """One note: its text, then links to every observation, assumption and source behind it."""
    links: list[str] = []

    def group(label: str, items: list[str], prefix: str, limit: int | None = None) -> None:
        if not items:
            return
        shown = items if limit is None else items[:limit]
        inner = " ".join(f'<a href="#{escape(prefix + i)}">{escape(i)}</a>' for i in shown)
        more = ""
        if limit is not None and len(items) > limit:
            more = f" … and {len(items) - limit} more (all in <code>data/notes.json</code>)"
        links.append(f'<span class="ids">{escape(label)}: {inner}{more}</span>')

    from transplant_audit.report.sections.anchors import ASM, OBS

    if same_as is not None:
        links.append(
            f'<span class="ids">the same observations, assumptions and sources as '
            f'<a href="#note-{same_as}">note {same_as}</a></span>'
        )
    else:
        group("observations", n.observations, OBS, MAX_NOTE_LINKS)
        group("assumptions", n.assumptions, ASM)
        group("sources", n.sources, "")
    if n.anchors:
        links.append(
            '<span class="ids">see: '
            + " ".join(f'<a href="#{escape(a.anchor)}">{escape(a.text)}</a>' for a in n.anchors)
            + "</span>"
        )
    body = "<br>".join(links)
    return Markup(f'<li id="note-{n.number}">{escape(n.text)}<br>{body}</li>')


def _spec_json(f: Figure) -> Markup:
    text = json.dumps(plain(f.spec), ensure_ascii=False, allow_nan=False)
    return Markup(text.replace("</", "<\\/"))


def render_html(
    report: Report, *, version: str, command: str, generated: datetime | None = None
) -> str:
    """The whole report as one HTML string."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("transplant_audit.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    template = env.get_template("report.html.j2")
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    digest = str(
        report.inputs.get("inputs_digest") or report.inputs.get("data_package_digest") or ""
    )
    html = template.render(
        report=report,
        version=version,
        generated=when,
        command=command,
        inputs_digest_short=digest[:19] or "not recorded",
        css=Markup(_asset("report.css")),
        vega_js=Markup(vega_bundle()),
        figures=report.figures(),
        render_block=render_block,
        render_note=render_note,
        spec_json=_spec_json,
        csp=CSP_PLACEHOLDER,
    )
    return with_script_hashes(unlink_dangling(html))


CSP_PLACEHOLDER = "__TRANSPLANT_AUDIT_CSP__"
CSP_TEMPLATE = (
    "default-src 'none'; script-src {hashes} 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
)
"""The report's Content-Security-Policy. Scripts run only if their SHA-256 is listed
(no ``'unsafe-inline'``: an injected ``<script>`` or event handler is blocked).
``'unsafe-eval'`` stays because Vega compiles chart expressions at run time."""

_EXEC_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def script_hashes(html: str) -> list[str]:
    """CSP source expressions (``'sha256-...'``) for every inline executable script."""
    import base64
    import hashlib

    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in _EXEC_SCRIPT.findall(html)
    ]


def with_script_hashes(html: str) -> str:
    """Fill the CSP placeholder with the hashes of the page's own inline scripts."""
    csp = CSP_TEMPLATE.format(hashes=" ".join(dict.fromkeys(script_hashes(html))))
    return html.replace(CSP_PLACEHOLDER, csp, 1)


_ID = re.compile(r'\sid="([^"]+)"')
_LOCAL_LINK = re.compile(r'<a href="#([^"]+)">(.*?)</a>', re.S)


def unlink_dangling(html: str) -> str:
    """Turn in-page links whose target does not exist into plain text.

    A reader who clicks a footnote must land on an entry; a link to an id
    that is not in the page (e.g. a hospital id 'national') is shown as text.
    """
    ids = set(_ID.findall(html))
    return _LOCAL_LINK.sub(lambda m: m.group(0) if m.group(1) in ids else m.group(2), html)
