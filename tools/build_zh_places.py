"""Derive the Chinese place-name gazetteer the extractor reads (extract/model/zh_places.json)
from a published compilation of China's administrative divisions, and check the shipped file.

Run:  python tools/build_zh_places.py --repo DIR           # derive and write the shipped file
      python tools/build_zh_places.py --repo DIR --check   # exit 1 when the shipped file differs

DIR is a git clone of https://github.com/modood/Administrative-divisions-of-China (WTFPL v2),
which compiles the National Bureau of Statistics' 统计用区划代码 (province, prefecture and
county level: dist/provinces.csv, cities.csv, areas.csv) and a hand-compiled list of Hong
Kong, Macao and Taiwan divisions (dist/HK-MO-TW.json). The files are read at the pinned
SOURCE_COMMIT with ``git show``, so the derivation does not depend on the clone's checkout.

Why: the rules read a surname character plus one or two characters before a verb as a surgeon
(patterns.ZH_NAMED_SUBJECT_RE); a city that opens on a surname character (唐山, 许昌) before
累计完成 is a region's or its hospital's total. The gazetteer keeps only names: each division's
bare name (suffixes such as 省/市/县/区/旗/自治州 and the peoples of an autonomous unit
stripped, as text writes 唐山 for 唐山市), two or more characters, in simplified script (the
extractor normalizes traditional text to simplified, numbers.normalize, before any rule reads
it, so 臺中 is looked up as 台中). No personal data.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from transplant_audit.extract import derived_file

SOURCE_URL = "https://github.com/modood/Administrative-divisions-of-China"
SOURCE_COMMIT = "57a0aa9cef47169a2eb74cf057b0245052a34e8c"
OUT = Path(__file__).resolve().parents[1] / "src/transplant_audit/extract/model/zh_places.json"
PROVENANCE = {
    "source": SOURCE_URL,
    "commit": SOURCE_COMMIT,
    "commit_date": "2024-11-28",
    "data_commit": "dc3a1d7 (2023-09-13): 数据更新（截止时间：2022-10-31，发布时间：2022-12-29）",
    "publisher": (
        "National Bureau of Statistics of China (国家统计局), 统计用区划和城乡划分代码, compiled "
        "by modood; dist/HK-MO-TW.json hand-compiled by modood (commit 30104e3, 2019-01-31)"
    ),
    "files": ["dist/provinces.csv", "dist/cities.csv", "dist/areas.csv", "dist/HK-MO-TW.json"],
    "licence": "WTFPL v2 (Do What The Fuck You Want To Public License), LICENSE in the source",
    "derived_by": "tools/build_zh_places.py",
    "fetched": "2026-12-06",
    "content": "bare names of province-, prefecture- and county-level divisions, simplified",
}
SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区",
    "省", "市", "县", "区", "旗", "盟", "乡", "镇",
)  # fmt: skip
"""Longest first: the first that ends a name is stripped (阿里地区 -> 阿里, not 阿里地)."""
PEOPLES = [
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
]
"""China's 55 recognised minority peoples: an autonomous unit's name ends on them
(恩施土家族苗族自治州 -> 恩施, 博尔塔拉蒙古自治州 -> 博尔塔拉)."""
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
"""Rows of cities.csv that group counties and name no place."""
ZONE_WORDS = (
    "开发区", "示范区", "管理区", "新区", "园区", "工业园", "产业园", "聚集区", "实验区",
    "名胜区", "矿区", "新城", "管委会", "委员会", "海域",
)  # fmt: skip
"""Statistical zones the source lists beside counties (郑州经济技术开发区, 唐山市汉沽管理区):
no administrative division's bare name, dropped."""


def _strip_peoples(name: str) -> str:
    """Strip the peoples (and their 族) an autonomous unit's name ends on, keeping two
    characters at least (内蒙古 stays, 西藏 stays)."""
    while True:
        before = name
        if name.endswith("族") and len(name) > 3:
            name = name[:-1]
        for people in sorted(PEOPLES, key=len, reverse=True):
            if name.endswith(people) and len(name) - len(people) >= 2:
                name = name[: -len(people)]
                break
        if name == before:
            return name


def bare_name(full: str) -> str | None:
    """A division's bare name as text writes it (唐山市 -> 唐山, 延边朝鲜族自治州 -> 延边), or
    None when it has no recognised suffix, or the bare name is shorter than two characters."""
    full = full.strip()
    for suffix in SUFFIXES:
        if full.endswith(suffix):
            name = full[: -len(suffix)]
            if suffix.startswith("自治") or suffix == "特别行政区" or name.endswith("族"):
                name = _strip_peoples(name)
            return name if len(name) >= 2 else None
    return None


def derive(division_names: list[str]) -> list[str]:
    """The sorted, de-duplicated bare names of the divisions (placeholders and statistical
    zones dropped)."""
    kept = (n for n in division_names if n not in PLACEHOLDERS)
    names = {bare_name(n) for n in kept if not any(w in n for w in ZONE_WORDS)}
    return sorted(n for n in names if n)


def _hk_mo_tw_names(tree: dict) -> list[str]:
    """Every division of the nested HK/MO/TW file, parenthesised alternatives split
    (嘉模堂区（氹仔）: 嘉模堂区 and 氹仔, which has no suffix and is dropped)."""
    out: list[str] = []
    for region, parts in tree.items():
        out.append(region)
        for part, subs in parts.items():
            out.append(part)
            for sub in subs:
                out.extend(s for s in sub.replace("）", "").split("（") if s)
    return out


def _git_show(repo: Path, path: str) -> str:
    """A file of the source at the pinned commit."""
    return subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"{SOURCE_COMMIT}:{path}"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def read_source(repo: Path) -> list[str]:
    """The full names of every province-, prefecture- and county-level division."""
    names: list[str] = []
    for path in PROVENANCE["files"][:3]:
        names.extend(row["name"] for row in csv.DictReader(io.StringIO(_git_show(repo, path))))
    names.extend(_hk_mo_tw_names(json.loads(_git_show(repo, PROVENANCE["files"][3]))))
    return names


def render(names: list[str]) -> str:
    """The shipped file's text: provenance, count and names."""
    doc = {"provenance": PROVENANCE, "count": len(names), "names": names}
    return json.dumps(doc, ensure_ascii=False, indent=0) + "\n"


def _git_dir(repo: Path) -> Path:
    return repo / ".git" if (repo / ".git").is_dir() else repo


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repo", type=Path, required=True, help="git clone of " + SOURCE_URL)
    ap.add_argument("--check", action="store_true", help="exit 1 if the shipped file differs")
    args = ap.parse_args(argv)
    try:
        names = derive(read_source(_git_dir(args.repo)))
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        print(f"cannot read {SOURCE_COMMIT} from {args.repo}: {exc}", file=sys.stderr)
        return 2
    return derived_file.write_or_check(OUT, render(names), args.check, f"{len(names)} names")


if __name__ == "__main__":
    sys.exit(main())
