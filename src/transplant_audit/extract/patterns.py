"""Word lists and regular expressions the extractor reads documents with.

All patterns match the *normalized* text (``numbers.normalize``: full-width → ASCII,
traditional → simplified, ASCII lower case), so one list serves simplified Chinese,
traditional Chinese and English. Keep them here, as data, so a reviewer can see and
extend what the extractor understands without reading its control flow.
"""

from __future__ import annotations

import re

from transplant_audit.evidence.vocabulary import Qualifier
from transplant_audit.extract.rxprefix import speed_up, with_first_chars


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """Regex alternation, longest first so 不少于 wins over 少于."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# --- numbers ---------------------------------------------------------------------------------

_SPACED = r"\d{1,3}(?:\s\d{3})+"
ARABIC = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d|,\d)"
    rf"|{_SPACED}(?=\s?[\u4e00-\u9fff]|\s?-\s?{_SPACED}(?![\d,]))"
    rf"|(?:(?<=\d-)|(?<=\d\s-\s)){_SPACED}(?![\d,])"
    r"|(?<!\d\s)\d{1,3}\s\d{3}(?=\s[a-z]|[.;)]|,\s)"
    r"|\d+)(?:\.\d+)?"
)
"""1,200; 1200; 1.5; and 2 149 (digit groups split by a space, before a Chinese counter, or
both ends of a range: 'US$20 000-30 000'; and in English, one such pair before a word or a
stop, '12 154 kidney transplant candidates', not a table row's '130 141 128'). A comma after
the last group ends the number ('RMB¥100,000, respectively')."""
_ZH_TAIL_END = r"(?=[多余]?\s?[位名人例宗台张笔个元床次])"
ZH_MULT = (
    r"(?:[多余](?=[万亿])|)"  # 30多万, 2.53余万: 'more than' inside the number
    rf"(?:万(?:\d{{4}}(?![\d,])|\d,\d{{3}}(?![\d,])|\d千(?:\d百(?:\d+{_ZH_TAIL_END})?"
    rf"|零?\d+{_ZH_TAIL_END})?"
    rf"|零?\d+{_ZH_TAIL_END}"
    r"|[一二两三四五六七八九](?=\s?[,，.。;；:：、)）]|\s?左右|$))"
    rf"|千(?:\d百(?:\d+{_ZH_TAIL_END})?|零?\d+{_ZH_TAIL_END})"
    rf"|百零?\d+{_ZH_TAIL_END}"
    r"|[十百千万亿]{1,2})"
)
"""Chinese multipliers after Arabic digits: 2万, 1.5亿, 3千万; and the tail of a mixed
number: 1万1600, 2万7千, 3万8千200例, 3萬8,390人 (the tail's thousands grouped by a comma),
8千200多人, 8千200元, 3千9百例, 3千9百50例, 8百20例, 1万200多例, 1千零5例, 2万零300例 and
15万79元 (Arabic digits after the last unit, a 零 gap allowed, before a counter, 元, 床 or 次);
15万五 (one Chinese digit a place below 万, as spoken, like 一万五 = 15000: 155000) where a
punctuation mark, 左右 or the end follows it, not a measure word (20万一次, 30万一个 stay 20万).
A tail as long as its unit or longer (8千2000例) is taken with the number, which then reads as
malformed (numbers.parse_number): no figure, rather than the tail's 2000 alone. Digits after 万
before no counter (15万79。) are no tail: the head 15万 is then refused too
(core.number_fragment)."""
ZH_NUM = (
    r"(?:百分之)?(?:[一二两三四五六七八九十]+点[零〇○一二三四五六七八九]+[十百千万亿]*"
    r"|[零〇○一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾]"
    r"(?:\s(?=[十百千万亿][^\s\d]))?"  # 五 千人: a space a page's layout put before the unit
    r"[零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]*"
    r"(?:[多余][万亿]|(?<=[十百千])几[万亿]|个[多余]?亿)?"  # 三十多万; 十几万 'ten-odd 万' (几
    # after 十); 两个亿, 三个多亿: 亿 after the measure word, as spoken
    r"|(?<=[上近逾过超约破])[百千万]"
    # a bare multiplier before 多/余 (千多名 'a thousand-odd'), not inside a number
    r"|(?<![\d零〇○一二两三四五六七八九十百千万])[百千万](?=[多余])"
    # half a year or month as a duration (半年, 半个月), not 上半年 or 一个半月
    r"|(?<![上下个一两二三四五六七八九十头前后首大多])半(?=个?(?:月|年))"
    # 首 'first' as an ordinal one, only before a donor (首位捐献者, 首例器官捐献: GUIDE,
    # "Ordinal one"); 首例肝移植 and the like stay the cue of a year
    r"|首(?=[位例名个宗]\s?[^,。;\d]{0,12}?(?:捐献|捐赠|供者))"
    r")"
)
_EN_UNDER_100 = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
)
EN_NUM_WORD = (
    rf"(?:{_EN_UNDER_100}(?:\s+(?:hundred|thousand|million|billion)"
    rf"(?:\s(?:and\s)?{_EN_UNDER_100}(?![a-z])(?:\s+hundred)?)?)?"
    r"|a\s+(?:hundred|thousand|million|billion)"
    r"|half\sa\s(?:million|billion)"  # half a million yuan
    r"|half\sa(?=\s(?:day|week|month|year)\b)|a(?=\s(?:week|month|year)\b)"
    r"|(?<=within\s)a(?=\sday\b))"
)
EN_FRACTIONS: dict[str, float] = {
    "half": 2,
    "third": 3,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
"""Denominators of fractions written in words ('a sixth', 'two thirds')."""
FRACTION = (
    r"(?:a|one|two|three|four)\s(?:half|third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)s?"
    r"(?![a-z])"
    r"|[一二三四五六七八九十]{1,2}分之[一二三四五六七八九十]{1,2}"
    # half of a whole: 'more than half of all transplants', 一半以上, 半数 (半數)
    r"|half(?=\sof\s)|一半(?![年个月天])|半数"
    # 占全国的1/3: a fraction with a slash, only where a share is said (占, 的, 约, 近 before it)
    r"|(?:(?<=占)|(?<=的)|(?<=约)|(?<=近))[1-9]/[1-9]\d?(?![\d/])"
)
NUMBER_BODY = (
    rf"(?:(?<![a-z])(?P<frac>{FRACTION})"
    rf"|(?:(?<![\d.a-z])|(?<=rmb)|(?<=usd)|(?<=hkd))(?<!\d,)(?P<arabic>{ARABIC})(?:\s?(?P<mult>个[多余]?亿|{ZH_MULT})|(?:\s+|-)(?P<scale>million|billion|thousand|hundred)\b)?"
    rf"|(?P<zh>{ZH_NUM})"
    rf"|(?<![a-z])(?P<word>{EN_NUM_WORD})(?![a-z])"
    r")"
)
"""NUMBER_RE without its look-ahead (tests/extract/test_fast_paths.py: the same matches)."""
NUMBER_RE = re.compile(
    # the look-ahead lets the regex engine leave at once every position no number starts at;
    # a letter starts one only after a non-letter, as both word branches ask (not in 'often')
    r"(?=[\d零〇○一二两三四五六七八九十廿卅百千万壹贰叁肆伍陆柒捌玖拾半首]|(?<![a-z])[otfsentah])"
    + NUMBER_BODY
)
"""A number token: Arabic (with Chinese multipliers or English scale words), Chinese,
or English words."""

# --- qualifiers ------------------------------------------------------------------------------

PREFIX_QUALIFIERS: dict[str, Qualifier] = {
    # Chinese (normalized to simplified)
    "约": Qualifier.APPROX,
    "大约": Qualifier.APPROX,
    "大概": Qualifier.APPROX,
    "近": Qualifier.APPROX,
    "将近": Qualifier.APPROX,
    "接近": Qualifier.APPROX,
    "逾": Qualifier.AT_LEAST,
    "超过": Qualifier.AT_LEAST,
    "超": Qualifier.AT_LEAST,
    "多于": Qualifier.AT_LEAST,
    "不少于": Qualifier.AT_LEAST,
    "不低于": Qualifier.AT_LEAST,
    "上": Qualifier.AT_LEAST,
    "至少": Qualifier.AT_LEAST,
    "突破": Qualifier.AT_LEAST,
    "不到": Qualifier.AT_MOST,
    "不足": Qualifier.AT_MOST,
    "少于": Qualifier.AT_MOST,
    "不超过": Qualifier.AT_MOST,
    "最多": Qualifier.AT_MOST,
    "低于": Qualifier.AT_MOST,
    # English (lower case)
    "about": Qualifier.APPROX,
    "approximately": Qualifier.APPROX,
    "approx.": Qualifier.APPROX,
    "around": Qualifier.APPROX,
    "roughly": Qualifier.APPROX,
    "some": Qualifier.APPROX,
    "nearly": Qualifier.APPROX,
    "almost": Qualifier.APPROX,
    "close to": Qualifier.APPROX,
    "an estimated": Qualifier.APPROX,
    "estimated": Qualifier.APPROX,
    "more than": Qualifier.AT_LEAST,
    "over": Qualifier.AT_LEAST,
    "at least": Qualifier.AT_LEAST,
    "in excess of": Qualifier.AT_LEAST,
    "upwards of": Qualifier.AT_LEAST,
    "upward of": Qualifier.AT_LEAST,
    "exceeding": Qualifier.AT_LEAST,
    "no fewer than": Qualifier.AT_LEAST,
    "no less than": Qualifier.AT_LEAST,
    "less than": Qualifier.AT_MOST,
    "fewer than": Qualifier.AT_MOST,
    "under": Qualifier.AT_MOST,
    "below": Qualifier.AT_MOST,
    "up to": Qualifier.AT_MOST,
    "at most": Qualifier.AT_MOST,
    "no more than": Qualifier.AT_MOST,
    "not more than": Qualifier.AT_MOST,
    "within": Qualifier.AT_MOST,
    "exceeded": Qualifier.AT_LEAST,
    "exceeds": Qualifier.AT_LEAST,
    "surpassed": Qualifier.AT_LEAST,
    "topped": Qualifier.AT_LEAST,
    "above": Qualifier.AT_LEAST,
}
PREFIX_QUALIFIER_RE = re.compile(
    rf"(?<![a-z])(?P<q>{_alt(list(PREFIX_QUALIFIERS))})\s?(?:达|到|有|为|是)?\s?$"
)

# directly after the number, before the counter: 1200余例, 两千多例, 200来例
NUMBER_SUFFIX_QUALIFIERS: dict[str, Qualifier] = {
    "余": Qualifier.AT_LEAST,
    "多": Qualifier.AT_LEAST,
    "来": Qualifier.APPROX,
    "几": Qualifier.AT_LEAST,  # 十几张, 二十几名: ten-odd
    "+": Qualifier.AT_LEAST,
    "-plus": Qualifier.AT_LEAST,
}
# after the counter: 500例以上, 200例左右, 3个多月 (handled as a counter), 300 or more
TRAILING_QUALIFIERS: dict[str, Qualifier] = {
    "以上": Qualifier.AT_LEAST,
    "多": Qualifier.AT_LEAST,
    "左右": Qualifier.APPROX,
    "上下": Qualifier.APPROX,
    "以下": Qualifier.AT_MOST,
    "以内": Qualifier.AT_MOST,
    "之内": Qualifier.AT_MOST,
    "内": Qualifier.AT_MOST,
    " or more": Qualifier.AT_LEAST,
    " and more": Qualifier.AT_LEAST,
    " or so": Qualifier.APPROX,
    " or less": Qualifier.AT_MOST,
    " or fewer": Qualifier.AT_MOST,
    " plus": Qualifier.AT_LEAST,
}
TRAILING_QUALIFIER_RE = re.compile(rf"^(?P<q>{_alt(list(TRAILING_QUALIFIERS))})(?!\sthan)(?![a-z])")

# --- counters and units ----------------------------------------------------------------------
# counter as written -> (unit class, stated unit, multiplier into the class's canonical unit,
# qualifier implied by the counter itself or None)

ZH_COUNTERS: dict[str, tuple[str, str, float, Qualifier | None]] = {
    "例次": ("ops", "例次", 1, None),
    "台次": ("ops", "台次", 1, None),
    "例": ("ops", "例", 1, None),
    "台": ("ops", "台", 1, None),
    "宗": ("ops", "宗", 1, None),
    "次": ("ops", "次", 1, None),
    "个案例": ("ops", "个案例", 1, None),
    "个案": ("ops", "个案", 1, None),
    "件": ("ops", "件", 1, None),
    "张": ("beds", "张", 1, None),
    "床": ("beds", "床", 1, None),
    "名": ("persons", "名", 1, None),
    "位": ("persons", "位", 1, None),
    "人次": ("visits", "人次", 1, None),
    "人": ("persons", "人", 1, None),
    # 万 after a bare 百/千 (上百万人, 近千万人): the count's multiplier, then its counter
    "万人": ("persons", "人", 1e4, None),
    "万人次": ("visits", "人次", 1e4, None),
    "万名": ("persons", "名", 1e4, None),
    # a donor noun right after the number counts donors (每年只有10万捐赠者)
    "捐赠者": ("donors", "捐赠者", 1, None),
    "捐献者": ("donors", "捐献者", 1, None),
    # a patient noun right after the number counts persons (30万患者等移植)
    "患者": ("persons", "患者", 1, None),
    "病人": ("persons", "病人", 1, None),
    "病患": ("persons", "病患", 1, None),
    "病者": ("persons", "病者", 1, None),
    "间": ("rooms", "间", 1, None),
    "个手术室": ("rooms", "个手术室", 1, None),
    "个团队": ("teams", "个团队", 1, None),
    "支团队": ("teams", "支团队", 1, None),
    "个移植团队": ("teams", "个团队", 1, None),
    "支移植团队": ("teams", "支团队", 1, None),
    "个手术团队": ("teams", "个团队", 1, None),
    "支手术团队": ("teams", "支团队", 1, None),
    # 个 before a unit of time is that unit's measure word, not a count of organs
    "个小时": ("time", "hours", 1, None),
    "个钟头": ("time", "hours", 1, None),
    "个半月": ("time", "months+half", 1, None),
    "个多月": ("time", "months", 1, Qualifier.AT_LEAST),
    "个月": ("time", "months", 1, None),
    "个多星期": ("time", "weeks", 1, Qualifier.AT_LEAST),
    "个多礼拜": ("time", "weeks", 1, Qualifier.AT_LEAST),
    "个礼拜": ("time", "weeks", 1, None),
    "礼拜": ("time", "weeks", 1, None),
    "个星期": ("time", "weeks", 1, None),
    "星期": ("time", "weeks", 1, None),
    "周": ("time", "weeks", 1, None),
    "天": ("time", "days", 1, None),
    "小时": ("time", "hours", 1, None),
    "年半": ("time", "years+half", 1, None),  # 一年半, 四年半: and a half years
    "年": ("time", "years", 1, None),
    "万美元": ("usd", "USD", 1e4, None),
    "美元": ("usd", "USD", 1, None),
    "美金": ("usd", "USD", 1, None),
    "万元": ("cny", "10k CNY", 1e4, None),
    "亿元": ("cny", "100M CNY", 1e8, None),
    # Hong Kong dollars: read as a yuan-like amount, named price_hkd in a Hong Kong sentence
    "港元": ("cny", "HKD", 1, None),
    "港币": ("cny", "HKD", 1, None),
    "元": ("cny", "CNY", 1, None),
    "%": ("percent", "percent", 1, None),
    "成": ("percent", "tenths", 10, None),
    "人民币": ("cny", "CNY", 1, None),
    "个": ("generic", "个", 1, None),
    "只": ("generic", "只", 1, None),  # 捐献肾脏276只: organs
    "片": ("generic", "片", 1, None),  # 300片眼角膜捐出: corneas
    "枚": ("organ_items", "枚", 1, None),  # 捐献角膜380枚: corneas, counted one by one
}
EN_COUNTERS: dict[str, tuple[str, str, float, Qualifier | None]] = {
    "beds": ("beds", "beds", 1, None),
    "bed": ("beds", "beds", 1, None),
    "transplantations": ("ops", "transplants", 1, None),
    "transplantation": ("ops", "transplants", 1, None),
    "transplants": ("ops", "transplants", 1, None),
    "transplant": ("ops", "transplants", 1, None),
    "operations": ("ops", "operations", 1, None),
    "surgeries": ("ops", "surgeries", 1, None),
    "procedures": ("ops", "procedures", 1, None),
    "cases": ("ops", "cases", 1, None),
    "lt": ("ops", "liver transplants", 1, None),
    "lts": ("ops", "liver transplants", 1, None),
    "kt": ("ops", "kidney transplants", 1, None),
    "kts": ("ops", "kidney transplants", 1, None),
    "ldlt": ("ops", "liver transplants", 1, None),
    "ddlt": ("ops", "liver transplants", 1, None),
    "surgeons": ("persons", "surgeons", 1, None),
    "surgeon": ("persons", "surgeons", 1, None),
    "doctors": ("persons", "doctors", 1, None),
    "physicians": ("persons", "physicians", 1, None),
    "nurses": ("persons", "nurses", 1, None),
    "staff": ("persons", "staff", 1, None),
    "employees": ("persons", "employees", 1, None),
    "staff members": ("persons", "staff", 1, None),
    "personnel": ("persons", "personnel", 1, None),
    "professors": ("persons", "professors", 1, None),
    "professionals": ("persons", "professionals", 1, None),
    "patients": ("persons", "patients", 1, None),
    "recipients": ("persons", "patients", 1, None),
    "candidates": ("persons", "patients", 1, None),  # '81,418 candidates' on a waiting list
    "inpatients": ("visits", "inpatients", 1, None),
    "admissions": ("visits", "admissions", 1, None),
    "discharges": ("visits", "discharges", 1, None),
    "grafts": ("ops", "transplants", 1, None),
    "specialists": ("persons", "specialists", 1, None),
    "consultants": ("persons", "consultants", 1, None),  # '6 senior consultants'
    "people": ("persons", "people", 1, None),
    "citizens": ("persons", "people", 1, None),
    "individuals": ("persons", "people", 1, None),
    "experts": ("persons", "experts", 1, None),
    "donors": ("donors", "donors", 1, None),
    "donations": ("donors", "donations", 1, None),
    "organ donations": ("donors", "donations", 1, None),
    "organs": ("organs", "organs", 1, None),
    # organs counted by name: '300 lungs were donated', 'transplanting 153 livers'
    "livers": ("organ_items", "organs", 1, None),
    "kidneys": ("organ_items", "organs", 1, None),
    "hearts": ("organ_items", "organs", 1, None),
    "lungs": ("organ_items", "organs", 1, None),
    "corneas": ("organ_items", "organs", 1, None),  # '386 corneas ... donated' (GUIDE heldout7)
    "days": ("time", "days", 1, None),
    "day": ("time", "days", 1, None),
    "weeks": ("time", "weeks", 1, None),
    "week": ("time", "weeks", 1, None),
    "months": ("time", "months", 1, None),
    "month": ("time", "months", 1, None),
    "hours": ("time", "hours", 1, None),
    "hour": ("time", "hours", 1, None),
    "years": ("time", "years", 1, None),
    "year": ("time", "years", 1, None),
    "yuan": ("cny", "CNY", 1, None),
    "rmb": ("cny", "CNY", 1, None),
    "cny": ("cny", "CNY", 1, None),
    "us dollars": ("usd", "USD", 1, None),
    "dollars": ("usd", "USD", 1, None),
    "usd": ("usd", "USD", 1, None),
    "percent": ("percent", "percent", 1, None),
    "per cent": ("percent", "percent", 1, None),
    "%": ("percent", "percent", 1, None),
    "operating rooms": ("rooms", "rooms", 1, None),
    "operating theatres": ("rooms", "rooms", 1, None),
    "operating theaters": ("rooms", "rooms", 1, None),
    "surgical suites": ("rooms", "rooms", 1, None),
    "teams": ("teams", "teams", 1, None),
    "surgical teams": ("teams", "teams", 1, None),
    "transplant teams": ("teams", "teams", 1, None),
}

ZH_COUNTER_RE = re.compile(rf"^\s?(?P<sfx>[余多来几])?\s?(?P<counter>{_alt(list(ZH_COUNTERS))})")
# English: "1,500 beds", "1,500-bed", "300 liver transplants", "$62,000", "30 percent"
EN_COUNTER_RE = re.compile(
    rf"^(?P<sfx>\+|-plus)?(?:\s?%|(?:-|\s)(?P<mods>(?:[a-z][a-z'-]*\s|u\.s\.\s){{0,3}}?)"
    rf"(?P<counter>{_alt(list(EN_COUNTERS))})(?![a-z]))"
)
"""A number's counter, up to three words after it ('U.S.' one of them: '11,000 U.S. dollars',
'40,000 U.S. organ transplants')."""
CURRENCY_PREFIX_RE = re.compile(r"(?P<cur>us\s?\$|usd|(?<![a-z])\$|rmb|cny|¥|人民币)\s?$")
"""A currency written before the amount. A bare '$' after a letter is another dollar
('S$18,500', 'A$', 'NT$'): not US dollars."""
CURRENCY_YEAR_TAG_RE = re.compile(
    r"(?<![a-z])(?P<cur>usd|rmb|cny)"
    r"(?:(?:19|20)\d\d(?!\d|[,.]\d)|\s(?:19|20)\d\d(?=\s\d))"
)
"""A currency-year tag ('USD2019', 'rmb2015': money in that year's currency) glued as one word:
its digits are the price level's year, not an amount. A full stop or comma after it ends the
tag ('in USD2019.'); one before a digit continues an amount ('USD2019.50'). With a space
after the code the year is a tag only when a second amount follows ('USD 2019 45,000'):
'USD 2019' alone is an amount of 2019 dollars."""
CURRENCY_YEAR_TAG_BEFORE_RE = re.compile(r"(?<![a-z])(?P<cur>usd|rmb|cny)\s?(?:19|20)\d\d\s?$")
"""A currency-year tag just before an amount ('USD2019 45,000', 'USD 2019 45,000'): the
amount's currency."""
CURRENCY_YEAR_PAREN_RE = re.compile(r"(?:19|20)\d\d\s?(?:usd|us\s?dollars?|rmb|cny|yuan)\)")
"""'(2019 USD)', a year-and-currency note in parentheses (read from the year): no amount."""
EN_HKD_PREFIX_RE = re.compile(r"(?<![a-z])(?:hk\s?\$|hkd)\s?$")
"""Hong Kong dollars written before the amount ('HK$892,900', 'HKD 30,000') → ``price_hkd``."""
EN_HKD_WORDS_RE = re.compile(r"(?<![a-z])(?:hong kong|hk)\s?dollars?$")
"""A counter's words that make its dollars Hong Kong dollars ('30,000 Hong Kong dollars')."""
FOREIGN_CURRENCY_RE = re.compile(
    r"新台币|台币|澳门币|日元|欧元|英镑|韩元|nt\$|hk\$|ntd|hkd|twd|eur|euros?|€|£|yen|won|pounds"
)
"""Currencies the vocabulary has no indicator for: a figure in them is not extracted."""
ZH_TX_WORD = r"(?:移植|换[肝肾心肺])"
"""A transplant, or a swap of an organ (换肾): the words the Chinese transplant cues share."""
ZH_BARE_AMOUNT_BEFORE_RE = re.compile(
    r"(?:(?:费用|价格|价钱|花费|收费|报价|[肾肝心肺]源费)\s?(?:一般|通常|平均|大多|都)?\s?"
    r"(?:约|大约|大概|为|是|在|达|高达)?\s?[(:]?"
    r"|(?:人民币|rmb)\s?(?:大约|约|近|逾|超过|高达|达))"
    r"\s?(?:[\d.]+\s?万?\s?[-~到至]\s?)?$"
)
"""肾源费用(15万-40万), 费用一般在6-8万, 用人民币大约两百万的价钱: an amount in 万 with no 元
after it, right after a price noun (and an adverb of the usual) or after 人民币 and a
qualifier, is yuan."""
ZH_TX_NEEDS_BEFORE_RE = re.compile(
    rf"(?:{ZH_TX_WORD}(?:手术)?\s?(?:大约|大概|约)?(?:需要|需|要花|要|花费|花)\s?(?:约|大约)?"
    # one operation's going rate: 一个肾移植五六十万, 一个肺移植一般现在都是八九十万
    r"|一[个次台例](?:[肝肾心肺]脏?)?移植(?:手术)?\s?(?:一般|通常|平均|大概|大约|约)?\s?(?:现在)?"
    r"\s?(?:都|也)?\s?(?:是|要|需要|在)?\s?(?:约|大约)?)\s?$"
)
"""换肾需要20万, 一个肾移植五六十万: an amount in 万 with no 元 straight after what a
transplant needs, or after one transplant (the going rate of one operation), is yuan."""
ZH_ORGAN_SOLD_BEFORE_RE = re.compile(r"[肾肝心肺]脏?\s?(?:卖到|卖|售价|售)\s?(?:约|近|高达)?\s?$")
"""一个肾卖15万元: the price an organ is sold at, what the buyer pays."""
ZH_PRICE_HEAD_RE = re.compile(
    r"价格?(?:表|单)?\s?(?:\(.{0,12}\))?\s?:?\s?$|(?:买|购)[肾肝心肺]\s?$"
)
"""A price list's heading (官方指导价(2023年版):) whose lines give amounts in 万 with no 元, and
a purchase (买肾55万) straight before such an amount: both are yuan."""
ZH_PRICE_COLUMN_RE = re.compile(r"费用|价格|价钱|收费|报价|售价|花费|cost|price")
"""A table column of prices (医院 | 等待时间 | 费用): its cells in yuan are prices."""
ZH_BARE_AMOUNT_AFTER_RE = re.compile(
    r"\s?的\s?[^,。;\d]{0,4}?(?:费用|价钱|价格|手术费|[肾肝心肺]源费)"
)
"""筹集70万的手术费用: an amount in 万 whose price noun follows it is yuan (or a Hong Kong
story's dollars)."""
ZH_BARE_PERSONS_BEFORE_RE = re.compile(
    r"(?:(?:患者|病人|病患|人数|名单)\s?(?:约|近|大约)?(?:为|是|达|有|约|近|超过|逾)"
    # those who wait, named by the wait alone: 等待肝源的就有20多万
    # with a transplant or organ cue before 的 (排队挂号的就有2万 counts no waiting list)
    r"|(?:等待|等候|轮候|排队)[^,。;\d]{0,8}?"
    r"(?:移植|器官|供体|[肝肾心肺](?:脏|源)|[换等][肝肾心肺])[^,。;\d]{0,8}?"
    r"的\s?(?:就|也|还|约|共)?\s?(?:有|达|是|为))\s?"
    r"(?:[\d.]+\s?万?\s?[-~到至]\s?)?$"
)
"""等待肾移植的病人为100-150万, 等待移植名单是30万, 排队等肾源的就有20多万: a count in 万
without 人 after a patient noun or the people who wait, and a copula, counts persons."""
ZH_BARE_DEMAND_AFTER_RE = re.compile(r"\s?的?(?:器官)?需求")
"""每年约30万的需求: a count in 万 followed by 需求 (demand) counts the people in need."""
ZH_DISEASE_PATIENTS_AFTER_RE = re.compile(
    r"\s?[多余]?\s?(?:[肝肾心肺]|[\u4e00-\u9fff]{0,5}?(?:病|症|衰竭|癌|盲))(?:患者|病人|病患)"
)
"""150万终末期肾病患者, 四五百尿毒症病人, 30万肝病人, 10万角膜盲患者: a disease (or the organ
that fails, or blindness) between the number and the patient noun; the number still counts
patients."""
ZH_WAITING_PATIENTS_AFTER_RE = re.compile(
    r"\s?[多余]?\s?(?:左右)?\s?的?\s?(?:中国|国内|全国|本地|香港|台湾)?\s?(?:患者|病人|病患)"
    r"(?:及其?家[庭属]|和家属)?(?:(?![无不毋])[^。;\d]){0,16}?(?:正在|仍在|在)?(?:等待|等候|轮候)"
    r"[^,。;\d]{0,8}?(?:移植|器官|供体|[肝肾心肺](?:脏|源))"
)
"""150万中国患者正在等待器官移植, 300万左右的病人等待心脏移植, 7000多的病人及家庭...等候着器官:
a count with no counter, then patients (of a place, 左右, 的 between) who wait for an organ:
patients on a waiting list (zh21). No 无, 不 or 毋 between the patients and their wait: 患者
无需等待肾脏移植 need not wait (a lookbehind before the wait missed 无需, 不在)."""
ZH_WAITING_ITEM_BEFORE_RE = re.compile(
    r"(?:[肝肾心肺胰](?:脏)?|眼?角膜|小肠)(?:(?!移植|捐)[^,。;\d]){0,4}?[,\s]?(?:的?人数)?\s?"
    r"(?:则|也|还|亦|共)?\s?(?:有|为|达|突破|超过|逾|近)\s?(?:超过|逾|近|约)?\s?$"
)
"""其次是眼角膜有(20多位), 肝脏则有(15位), 肾脏,人数突破(7000人): an organ's part of a waiting list
counted just before (zh21: core._zh_waiting_item)."""
ZH_WAITING_ITEM_CLAUSE_EXCLUDED = (
    "捐", "移植", "手术", "死亡", "去世", "离世",
    "得到", "获", "接受", "受惠", "受益", "完成", "换上",
)  # fmt: skip
"""A clause with any of these counts no part of a waiting list: donors, transplants, deaths,
people who got an organ (去年得到肾脏的只有六百多人)."""
ZH_TRAFFICKED_ORGANS_AFTER_RE = re.compile(
    r"\s?[多余]?\s?(?:的)?\s?(?:活体|活人)?(?:肾脏|肾(?!脏)|肝脏)(?!移植|病|衰竭|功能)"
)
"""51枚活体肾脏, 51个肾脏, 300多人的肾脏: kidneys (or livers) counted right after the number..."""
ZH_TRAFFICKING_RE = re.compile(r"摘取|摘除|摘了|摘走|贩卖|买卖|出售|贩肾|卖肾|卖给")
"""...in a sentence about organs taken or sold: a trafficking case's transplants (zh21)."""
ZH_SPOKEN_TALLY_BEFORE_RE = re.compile(
    r"(?:今年|去年|前年|每年|一年)[^,。;\d]{0,6}?(?:已经|已|才|也|就)?(?:能|可以|可)?做(?:了|过)?\s?$"
)
"""去年做了二百多, 今年做了六十多了吧, 每年能做两百多: a year's tally said in speech with no
counter, 多 and the clause's end after it, counts operations (a doctor on the telephone)."""
ZH_SPOKEN_NEAR_TALLY_BEFORE_RE = re.compile(
    r"(?:今年|去年|前年|每年|一年)[^,。;\d]{0,6}?(?:已经|已|也|就)?做了?(?:快|近|将近|接近)\s?$"
)
_ZH_SPOKEN_CLAUSE_END = r"\s?(?:了|吧|啊|呢){0,2}\s?(?=[,。;!?\"”」]|$)"
ZH_SPOKEN_NEAR_TALLY_AFTER_RE = re.compile(_ZH_SPOKEN_CLAUSE_END)
"""去年一年做了快150, 今年做了近两百了: a year's tally said in speech as nearly so many, no
counter and the clause's end after it, counts operations (zh21)."""
ZH_SPOKEN_TALLY_AFTER_RE = re.compile(r"[多余]" + _ZH_SPOKEN_CLAUSE_END)
"""The tally's 多 and the clause's end (a particle or two between): the end the nearly-so-many
tally reads, 多 before it."""
ZH_SPOKEN_TALLY_TOPIC_RE = re.compile(ZH_TX_WORD)
"""The tally needs a transplant or a swap of an organ named in the text (a donor organ alone
leaves the classifier without a transplant: surgeries_per_year, not the tally)."""
ZH_RANGE_TO_WAN_RE = re.compile(r"\s?[-~到至]\s?[\d.]+\s?万")
"""100-150万: the lower end of a range whose 万 is written once, after the upper end."""
ZH_TX_AMOUNT_BEFORE_RE = re.compile(
    rf"{ZH_TX_WORD}(?:手术)?\s?(?:约|大约|大概|需|需要|要|为|在|约需|约为)?\s?"
    r"(?:[\d.]+\s?万?\s?[-~到至]\s?)?$"  # the high end of a range: 13万至16万美元
)
"""心脏移植约50万元、肺移植约60万元: an amount straight after a transplant is its price."""
ZH_USD_BEFORE_RE = re.compile(r"美金\s?(?:[\d.,]+\s?万?\s?[-~到至]\s?)?$")
"""美金2000-4000元, 美金1200元: US dollars written with 元 (yuan as 'dollar' units), the upper
end of a range included."""
CURRENCY_PREFIX_UNITS: dict[str, str] = {
    "us$": "usd",
    "usd": "usd",
    "$": "usd",
    "rmb": "cny",
    "cny": "cny",
    "¥": "cny",
    "人民币": "cny",
}

# --- things that are numbers but never figures -----------------------------------------------

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
REJECT_PATTERNS: dict[str, re.Pattern[str]] = {
    # No pattern starts with a look-behind (it would slow every search down): the caller
    # ignores a match that starts inside a word or a longer number instead.
    "phone": re.compile(
        r"(?:电话|tel\.?|telephone|phone|fax|传真|热线|hotline|咨询电话|联系电话|手机)\s*[:：]?\s*"
        r"[\d\s()+\-转ext.]{6,}"
        r"|(?:\+?86[\s-]?)?\(?0\d{2,3}\)?[\s-]\d{7,8}(?!\d)"
        r"|1[3-9]\d{9}(?![\d,])"
        r"|\d{3,4}-\d{7,8}(?!\d)"
    ),
    "date": re.compile(
        r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s?年\s?[\d一二三四五六七八九十]{1,3}\s?月"
        r"(?:\s?[\d一二三四五六七八九十]{1,3}\s?[日号])?"
        r"|\d{1,2}\s?月\s?\d{1,2}\s?[日号]"
        r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
        r"|\d{4}-\d{2}(?!\d)"
        rf"|{_MONTHS}\s\d{{1,2}}(?:st|nd|rd|th)?,?\s\d{{4}}"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s{_MONTHS}\s?,?\s\d{{4}}"
        rf"|{_MONTHS}\s\d{{4}}"
    ),
    "page": re.compile(
        r"第\s?\d+\s?页|共\s?\d+\s?页|\d+\s?/\s?\d+\s?页|(?:page|pages|pp?\.)\s?\d+(?:\s?-\s?\d+)?"
    ),
    "rank": re.compile(
        r"(?:排名|排行|位列|位居|名列|居|全国|全省|全球|世界|亚洲)\s?第\s?[\d一二三四五六七八九十]+"
        r"|第\s?[\d一二三四五六七八九十百千两]+\s?(?:名|位|批|届|次|个|家|大|期|章|节|条|款|项|号|页|卷|版)"
        r"|(?:ranked?|ranking|ranks)\s(?:no\.\s?|number\s|#)?\d+"
        r"|(?:no\.|#)\s?\d+"
        r"|\d+(?:st|nd|rd|th)\s(?:largest|biggest|place|in\s(?:china|the\scountry|the\sworld))"
    ),
    "address": re.compile(
        r"[\u4e00-\u9fff]{1,12}(?:路|街|道|巷|大道|胡同|里)\s?\d+\s?号(?:院|楼)?"
        r"|\d+\s?(?:号楼|号院|楼|层|室|栋|单元)"
        r"|邮编\s?[:：]?\s?\d{6}|邮政编码\s?[:：]?\s?\d{6}"
        r"|(?:room|suite|building|floor|bldg\.?)\s\d+"
        r"|\d+\s(?:[a-z]+\s){1,3}(?:road|street|avenue|rd\.|st\.|ave\.|lu)(?![a-z])"
        r"|\d{6}(?=\s?,?\s?(?:china|p\.\s?r\.|中国))"
    ),
    "reference": re.compile(
        r"(?:图|表|附表|附图|文献|参考文献)\s?\d+"
        r"|(?:table|fig\.?|figure|ref\.?|footnote|chapter|section|vol\.?|volume|issue)\s?\d+"
        r"|\[\d+(?:[,-]\d+)*\]"
        r"|isbn[\s:]*[\d-]+|doi[\s:]*\S+"
    ),
    "age": re.compile(r"\d+\s?(?:岁|周岁)|aged?\s\d+|\d+-year-old|\d+\syears?\sold"),
}
"""Kind of non-figure → pattern. A number inside such a span is never a candidate."""

REJECT_SOURCES: dict[str, str] = {kind: rx.pattern for kind, rx in REJECT_PATTERNS.items()}
REJECT_PATTERNS = {kind: with_first_chars(rx) for kind, rx in REJECT_PATTERNS.items()}
"""(Behind a look-ahead on their first characters: see ``rxprefix``.)"""

REJECT_TRIGGERS: dict[str, re.Pattern[str]] = {
    "phone": re.compile(r"\d{6}|\d[\s-]\d{4}|电话|tel|phone|fax|传真|热线|hotline|手机"),
    "date": re.compile(r"年|月|\d[-/.]\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"),
    "page": re.compile(r"页|page|p\."),
    "rank": re.compile(r"第|rank|no\.|#|\d(?:st|nd|rd|th)\s"),
    "address": re.compile(
        r"路|街|道|巷|胡同|里|号|楼|层|室|栋|单元|邮|room|suite|building|floor|bldg|road|street"
        r"|avenue|rd\.|st\.|ave\.|lu\b|china|p\.\s?r\.|中国"
    ),
    "reference": re.compile(
        r"图|表|文献|table|fig|ref|footnote|chapter|section|vol|issue|\[|isbn|doi"
    ),
    "age": re.compile(r"岁|age|year-old|years? old"),
}
"""Kind → a fast pattern that must match near a number before its reject pattern is tried:
a cheap test that spares most numbers the slower regular expressions."""
_MONTH_NAMES = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
REJECT_NEEDS: dict[str, re.Pattern[str]] = {
    # each alternative is a piece every match of one branch of the reject pattern holds,
    # so a window without any cannot hold a match; 年, 月 (个月), 第, 表 (代表), 'age'
    # (average) and 'may' alone are common in prose and name none
    "phone": re.compile(
        r"\d{7}|(?:电话|tel|phone|fax|传真|热线|hotline|手机)[.:：\s]*[\d\s()+\-转ext.]"
    ),
    "date": re.compile(  # both numeric dates open with four digits: 2015-06, 2015/6/1
        r"年\s?[\d一二三四五六七八九十]{1,3}\s?月|\d\s?月\s?\d|\d{4}[-/.]\d"
        rf"|{_MONTH_NAMES}[a-z]*\.?\s\d|\d(?:st|nd|rd|th)?\s{_MONTH_NAMES}"
    ),
    "rank": re.compile(r"第\s?[\d一二三四五六七八九十百千两]|rank|no\.|#|\d(?:st|nd|rd|th)\s"),
    "address": re.compile(
        r"\d\s?(?:号|楼|层|室|栋|单元)|邮|room|suite|building|floor|bldg|road|street|avenue"
        r"|rd\.|st\.|ave\.|lu|china|p\.\s?r\.|中国"
    ),
    "reference": re.compile(
        r"(?:图|表|文献)\s?\d|(?:table|fig\.?|figure|ref\.?|footnote|chapter|section|vol\.?"
        r"|volume|issue)\s?\d|\[\d|isbn|doi"
    ),
    "age": re.compile(r"岁|aged?\s\d|\d-year-old|\d\syears?\sold"),
}
"""Kind → a pattern that every match of its reject pattern contains, tighter than the
trigger. Tested before the trigger: when it fails near a number, the reject pattern cannot
match there, so skipping it changes nothing."""
_MONTH_LIST = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
REJECT_INDEX_WORDS: dict[str, re.Pattern[str]] = {
    # the gates' alternatives that begin with a word, written so that each alternative
    # begins with a literal: the engine then skips to them at C speed
    "phone": re.compile(r"电话|tel|phone|fax|传真|热线|hotline|手机"),
    "date": re.compile(
        r"年\s?[\d一二三四五六七八九十]{1,3}\s?月|"
        + "|".join(m + r"[a-z]*\.?\s\d" for m in _MONTH_LIST)
    ),
    "page": REJECT_TRIGGERS["page"],
    "rank": re.compile(r"第\s?[\d一二三四五六七八九十百千两]|rank|no\.|#"),
    "address": re.compile(
        r"邮|room|suite|building|floor|bldg|road|street|avenue|rd\.|st\.|ave\.|lu|china"
        r"|p\.\s?r\.|中国"
    ),
    "reference": re.compile(
        "|".join(
            w + r"\s?\d"
            for w in ("图", "表", "文献", "table", r"fig\.?", "figure", r"ref\.?", "footnote")
            + ("chapter", "section", r"vol\.?", "volume", "issue")
        )
        + r"|\[\d|isbn|doi"
    ),
    "age": re.compile(r"岁|aged?\s\d"),
}
REJECT_INDEX_AFTER_DIGIT: dict[str, re.Pattern[str]] = {
    # the gates' alternatives that begin with a digit: what follows that digit
    "phone": re.compile(r"\d{6}"),
    "date": re.compile(
        r"\s?月\s?\d|\d{3}[-/.]\d|(?:st|nd|rd|th)?\s" + f"(?:{'|'.join(_MONTH_LIST)})"
    ),
    "rank": re.compile(r"(?:st|nd|rd|th)\s"),
    "address": re.compile(r"\s?(?:号|楼|层|室|栋|单元)"),
    "age": re.compile(r"-year-old|\syears?\sold"),
}
REJECT_INDEX_DIGIT_RE = re.compile(
    r"\d(?=" + "|".join(f"(?:{rx.pattern})" for rx in REJECT_INDEX_AFTER_DIGIT.values()) + ")"
)
"""The page is indexed for the reject gates (``core._GateIndex``) by one scan per kind of
``REJECT_INDEX_WORDS`` and one scan of ``REJECT_INDEX_DIGIT_RE`` (every digit some
``REJECT_INDEX_AFTER_DIGIT`` pattern follows). Together they begin every match of a kind's
gate (the needs pattern, else the trigger): tests/extract/test_fast_paths.py checks it."""

# --- periods and cues ------------------------------------------------------------------------

YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
ZH_YEAR_RANGE_RE = re.compile(
    rf"({YEAR})\s?年?(?:底|末|初|中)?\s?(?:至|到|-|~|—|－)\s?({YEAR})\s?年"
)
"""A span of years (2015年至2018年, 2012年底至2013年): a period, from its first year's start or
end."""
EN_YEAR_RANGE_RE = re.compile(
    rf"(?:between\s({YEAR})\sand\s(?:the\send\sof\s)?({YEAR})"
    rf"|from\s({YEAR})\s(?:to|until|through)\s(?:the\send\sof\s)?({YEAR})"
    rf"|(?<!\d)({YEAR})\s?-\s?({YEAR})(?!\d))"
)
ZH_DATE_SPAN_RE = re.compile(
    rf"({YEAR})\s?年\s?\d{{1,2}}\s?月(?:\s?\d{{1,2}}\s?日)?(?:起|开始)?\s?(?:至|到|-|~|—)\s?({YEAR})\s?年"
)
"""A span of dates (1999年4月至2013年9月, 2012年7月1日到2015年8月): a period like a span of
years; ZH_YEAR_RANGE_RE reads the spans without months."""
EN_DATE_SPAN_RE = re.compile(
    r"(?:between|from|through)\s(?:the\s)?(?:(?:\d{1,2}\s)?" + _MONTHS + r",?\s"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s)?)"
    rf"({YEAR})\s?(?:and|to|until|through|till|-)\s(?:(?:\d{{1,2}}\s)?{_MONTHS},?\s"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s)?)?"
    rf"({YEAR})(?!\d)"
)
"""'between January 2000 and December 2011', 'from 13 July 2002 to December 2012',
'from December 13, 2008 to January 10, 2018', 'between May, 2006 and June, 2011': a span of
dates is a period."""
ZH_YEAR_RE = re.compile(rf"(?<!\d)({YEAR})\s?年(?!代)(?!\s?\d{{1,2}}\s?月\s?\d{{1,2}}\s?日)")
"""A year, not a full date: 2012年11月12日 dates a publication, it names no period."""
AS_OF_RE = re.compile(
    rf"(?:截至|截止|截止到|至|到了?)\s?({YEAR})\s?年(?:\s?(\d{{1,2}})\s?月)?(?:底|末|年底|为止|止)?"
    # a date relative to now: 截至目前, 到今年8月, 至今年底 (not 上升至去年的400多宗, a change)
    r"|(?:截至|截止|截止到)\s?(?:今年|本年|去年|目前|现在)\s?(?:\d{1,2}\s?月)?(?:底|末|为止|止)?"
    r"|(?:到|至)\s?(?:今年|本年|目前|现在)\s?(?:\d{1,2}\s?月(?:底|末)?|底|末|为止)"
    rf"|(?:as of|as at|by|by the end of|through|until|up to)\s(?:the\s)?(?:end\sof\s)?"
    rf"(?:{_MONTHS}\s)?(?:\d{{1,2}}\s)?({YEAR})"
)
_ZH_NO_AGE = r"(?!\s?[\d一二三四五六七八九十]+\s?多?\s?岁)"
"""今年71岁, 当年35岁: a person's age, not the period of a count (今年 and 当年 stay period
words everywhere else)."""
ANNUAL_CUE_RE = re.compile(
    rf"每年|年均|全年|年度|一年|今年{_ZH_NO_AGE}|去年|上年|当年{_ZH_NO_AGE}|前一年|隔年|同年|上半年"
    r"|下半年|(?<![一二三四五六七八九十〇○零\d])[一二三四五六七八九〇○零]{3,4}\s?年(?!代)"
    r"|上个月|本月|当月|上月|\d+\s?年(?:中|间|内|里)|[二三四五六七八九十]+年(?:中|间|内|里)"
    r"|\d{1,2}\s?(?:至|到|-|~)\s?\d{1,2}\s?月"
    r"|(?<![\d〇零一二三四五六七八九十])年(?:手术|完成|开展|实施|移植|量|门诊|住院|出院|收入|业务|营收|获取|做)"
    r"|per year|a year|each year|every year|annually|annual|yearly|per annum|last year|this year"
    r"|last month|this month|in the (?:past|last) \d+ years"
    # Chinese spans that are periods: 过去2年, 近两年, 同期, 当时, 1年有, 第一周, 首9个月
    r"|(?:过去|近|最近)[\d一二两三四五六七八九十]{1,2}\s?(?:个)?年|同期|当时"
    r"|(?<![\d.])1\s?年(?:有|内|中|里|间|完成|做)"
    r"|(?:第一|首|头)(?:个)?(?:周|月|年)|(?:首|头|前)[\d一二两三四五六七八九十]{1,2}个?(?:月|周)"
)
STRONG_CUMULATIVE_CUE_RE = re.compile(
    r"累计|累积|至今|迄今|先后|截至|截止|以来|已完成|已开展|已实施|已为|已进行|已超过|已达"
    r"|to date|so far|cumulative|since|its total|bringing|already"
    r"|(?:has|have|had)\s(?:already\s)?(?:performed|completed|carried out|conducted|done)"
)
RUNNING_UNTIL_RE = re.compile(
    rf"({YEAR})\s?年\s?(?:以前|之前|前(?=\s?[,，、的]))"
    rf"|(?<![a-z])(?:before|prior to)\s(?:the\s)?(?:end\sof\s)?({YEAR})"
)
"""1980年以前全世界仅施行8例, 1999年前,中国...总共135例, 'before 1980, only eight had been
done': a total up to a year (like 'By 2002'), not the count of that year. A bare 年前 only
before a comma or 的 (not 1998年前往, 2008年前三季度)."""
PROGRAMME_START_RE = re.compile(
    r"首例|首次|第一例|首个|首台|率先|开创|first|pioneer|began|started|launched"
)
"""A programme's first operation, in the sentence naming its year: a span from that year
is the programme's life so far, a running total (GUIDE.md, "From the start")."""
EN_NAMED_PERIOD_RE = re.compile(r"(?<![a-z])(?:last|this|that|the same|the current) year(?![a-z])")
"""An English named period (not a per-year rate): 'the current year' too ('in the first 10
months of the current year', h23r)."""
EN_SHORT_PERIOD_RE = re.compile(
    r"(?<![a-z])(?:in|during|over|within)\s(?:the|that|one|a single|a|its first)\s"
    r"(?:week|month|quarter|half)(?![a-z])|(?:last|this|that|the same|the following)\s"
    r"(?:week|month|quarter)(?![a-z])|(?:first|second|third|fourth|last) quarter(?![a-z])"
    # per33: the year so far and a few months named by their number
    r"|since the (?:beginning|start) of (?:the|this) year|year[- ]to[- ]date"
    r"|(?<![a-z])(?:in|during|over|within|for)\s(?:the\s)?(?:first|last|past)\s"
    rf"(?:{_EN_UNDER_100}|\d{{1,2}})\s(?:weeks|months)(?![a-z])"
    rf"|(?<![a-z])(?:in|during|over|within|for)\s(?:the|a|that)\s(?:{_EN_UNDER_100}|\d{{1,2}})-month"
    r"\s(?:period|span|stretch)"
)
"""'In the week before the New Year, the department performed 12 transplants': a named short
period, like 上个月 or 第一周 in Chinese; 'since the beginning of the year', 'in the first three
months', 'over the four-month period' (per33, 2026-12-07, read on heldout24-28's tune
halves)."""
ZH_SHORT_PERIOD_RE = re.compile(
    r"(?:第[一二三四1-4]|[一二三四1-4]|前[两二三2-3]|本|上|当|同)\s?季度|上周|本周|当周|上一周|这一周"
)
"""一季度共完成120例, 上周完成4例: a named quarter or week, a period like 上个月."""
PERIOD_SO_FAR_RE = re.compile(
    r"(?:今年|本年|本年度|今年度|本月|这个月|当年)\s?(?:以来|至今|迄今|到目前为止|截至目前)"
    r"|(?:so far|to date|thus far|up to now) (?:this|the current) (?:year|month)"
    r"|(?:this|the current) (?:year|month)(?:\s(?:so far|to date|thus far))?(?![a-z])"
)
"""今年以来, 'so far this year', 'the current year' (h23r): a running-total word inside a named
period counts that period (GUIDE.md: a named period beats 已达; a year-to-date count is the
year's)."""
ZH_PRESENT_RE = re.compile(r"目前|现在|现已|当前|眼下")
"""目前...共完成19例: a total as it stands now is a running total, even after a year."""


def _en_date_after(openers: str) -> str:
    """An English date after one of ``openers`` (a regex alternation): a month with its day
    and year word ('as of May 31 this year') or the end of a year or month ('by the end of
    last year')."""
    return (
        rf"(?<![a-z])(?:{openers})\s(?:the\s)?(?:end\sof\s)?"
        + _MONTHS
        + r"(?:\s\d{1,2}(?![\d,]))?(?:,?\s(?:this|last) year)?"
        + rf"|(?<![a-z])(?:{openers})\s(?:the\s)?end\sof\s(?:last|this|the)\s(?:year|month)"
    )


EN_AS_OF_BY_DATE_RE = re.compile(_en_date_after("as of|as at|by"))
"""An English as-of date that dates a running total ('as of May 31', 'by the end of last
year'); 'until' and 'up to' may end a period that names its start ('from January until May
this year': EN_AS_OF_DATE_RE's other part)."""
EN_AS_OF_DATE_RE = re.compile(
    _en_date_after("as of|as at|by")
    + "|"
    + _en_date_after("till|until|up to")
    + r"|(?:截至|截止|到|至)\s?[〇○零一二三四五六七八九]{4}\s?年[^,。;\d]{0,6}?(?:为止|止|底|末)"
    r"|(?:截至|截止)\s?[〇○零一二三四五六七八九]{4}\s?年"
)
"""'as of May 31', 'till May 31 this year', 'by the end of last year', 到二零零七年九月为止,
截至二零一四年九月 (截至 needs no closing word):
an as-of date AS_OF_RE does not read (no year, or a year in Chinese numerals); its 'this
year' dates the total, it names no period."""
ZH_MILESTONE_WORD_RE = re.compile(r"突破|超过|达到|passed|surpassed|reached")
"""Words of a running total passing a mark, anywhere before a dated list of marks."""
MILESTONE_DATED_RE = re.compile(rf"^\s?(?:例|宗|台)?\s?\(\s?{YEAR}\s?年?\s?\)")
"""突破...1000例(1993年)、2000例(1998年): the year a mark was passed, in parentheses after it."""
EN_SIMPLE_PAST_RE = re.compile(
    r"(?<![a-z])(?:there were|(?:were|was)\s(?:also\s)?(?:performed|done|carried out|conducted"
    r"|transplanted)|underwent)"
    r"(?![a-z])"
)
"""English tells a running total in the perfect ('has performed', 'have been done') or with a
total word; 'there were 3,017 liver transplants', '716 ... were also performed' with no
other cue is an event of a past period."""
_ZH_COUNT = r"\d[\d,.]*\s?[万千]?(?:余|多)?\s?(?:例|宗|台|个)"
TX_COUNT_RE = re.compile(
    rf"{_ZH_COUNT}[^,。;\d]{{0,6}}?{ZH_TX_WORD}"
    rf"|{ZH_TX_WORD}[^,。;\d]{{0,10}}?{_ZH_COUNT}"
    r"|\d[\d,.]*\s(?:[a-z-]+\s){0,3}(?:transplant(?:s|ations?)?|ot|kt|lt)(?![a-z])"
)
"""A count of transplants (100例肝移植, 肾移植突破230例, '129,681 OT', '10 kidney transplants')."""
DONATION_COUNT_RE = re.compile(
    rf"{_ZH_COUNT}[^,。;\d]{{0,6}}?(?:捐献|捐赠)(?![^,。;\d]{{0,6}}?移植)"
    rf"|(?:捐献|捐赠)[^,。;\d移]{{0,10}}?{_ZH_COUNT}"
    r"|\d[\d,.]*\s(?:[a-z-]+\s){0,3}(?:donors|donations)(?![a-z])"
)
"""A count of donations (器官捐献250多例, '5,000 donations'), not of transplants of donated
organs (48例器官捐献肝移植)."""
GENERAL_VOLUME_RE = re.compile(r"手术量|手术总数|手术例数|手术人数|台次|surgical volume|surgeries")
"""Words of a hospital's operations of every kind (年手术量, 'performs 126,000 surgeries')."""
NEIGHBOUR_COUNT_RE = re.compile(
    r"\d[\d,.]*\s?[万千]?(?:余|多)?\s?(?:例|宗|台|个|人|名|位)"
    r"|\d[\d,.]*\s(?:[a-z-]+\s){0,3}(?:transplant|donor|donation|recipient|operation|organ|case)"
)
"""The sentence before states a count itself (1,200 kidney transplants, 移植156例), so the
period it names is that of a list of counts the figure's sentence continues."""
CONJUNCT_SPLIT_RE = re.compile(r"\sand\s|\swhile\s|\sbut\s|\swhereas\s|而|但|并且")
"""Where two statements in one clause part: '3,000 a year and over 35,000 so far'."""
ZH_ASPECT_CUE_RE = re.compile(
    r"已(?:完成|开展|实施|为|进行|超过|达)|截至|截止|先后"
    r"|(?:has|have|had)\s(?:already\s)?(?:performed|completed|carried out|conducted|done)"
)
"""The STRONG_CUMULATIVE_CUE_RE cues that mark a completed action or a date, not a running
total by themselves: after an explicit period (全年, 今年, 2015年) they close that period's
count (截至12月31日, 全年...已达2,766例, ...达10,057例); 先后 'one after another' tells
operations in sequence within the span named before it (2012年底至2013年8月间...先后实施6次)."""
ZH_EXPLICIT_PERIOD_RE = re.compile(
    rf"全年|今年{_ZH_NO_AGE}|去年|当年{_ZH_NO_AGE}|同年|上半年|下半年|(?<!\d){YEAR}\s?年(?!\s?\d{{1,2}}\s?月)(?!以来|至今|来)"
    # a year of the Republic of China calendar (民国九十年, 民国90年), Taiwan's usual dating
    r"|民国\s?(?:\d{2,3}|[一二三四五六七八九十百零〇]{1,5})\s?年"
    r"(?!\s?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s?月)(?!以来|至今|来|代)"
)
"""A named period (not 一年 nor a per-year rate) that scopes the counts after it."""
WEAK_CUMULATIVE_CUE_RE = re.compile(
    r"共完成|总共|共计|总计|合计|共开展|共实施|共为|共进行|共做|总数|总量"
    r"|in total|a total of|total of|altogether|in all|overall"
)
PER_DAY_MAX_RE = re.compile(
    r"一天|一日|一夜|一晚|一个晚上|一昼夜|24小时|单日|同一天|当天|同日|当日|一个上午|一个下午|一周末"
    r"|(?<!\d)1\s?(?:天|日|夜|晚)"
    r"|in (?:one|a single) (?:day|night)|within (?:24|twenty-four) hours"
    r"|in (?:24|twenty-four) hours"
    r"|on (?:one|a single) day|in a day|in one night|over one night|overnight|in a single night"
)
PER_DAY_HOURS_RE = re.compile(
    # a day's hours or fewer: 十七小时内, 12个小时里, 'within 17 hours' (48小时内 is a period)
    r"(?<![\d一二三四五六七八九十])(?:1\d|2[0-4]|[1-9]|十[一二三四五六七八九]?|二十[一二三四]?"
    r"|[两二三四五六七八九])\s?个?小时(?:之?内|里)"
    r"|(?<![a-z])(?:in|within)\s(?:just\s|only\s)?(?:1\d|2[0-4]|[2-9]|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|fifteen|sixteen|seventeen|eighteen|twenty)\shours"
)
"""Several transplants within a day's hours or fewer (十七小时内完成五台): the most in one day
(GUIDE.md, "One day"), unless done at the same time (同时: concurrent capacity)."""
PER_DAY_CAPACITY_RE = re.compile(
    r"(?:每天|每日|每晚|日均|一天|一日)\s?(?:可|能|可以|能够|最多可|可完成|可开展)"
    r"|(?:can|could|able to|capacity to|capacity of)\s[^.;]{0,60}"
    r"(?:per day|a day|each day|daily|every day)"
    r"|(?:per day|a day|each day|daily|every day)\s[^.;]{0,20}capacity"
)
STUDY_PERIOD_RE = re.compile(r"study|follow-?up|随访|观察期|研究期")
"""'during the 29-month study period': a study's length is no wait."""
OUTCOME_AFTER_RE = re.compile(r"生存|存活|(?<![脑心脏])死亡|存活率|surviv|died|deaths?")
"""'只有2例肺移植患者术后长期生存': patients counted by their outcome, not transplants."""
ZH_COMPLICATION_RE = re.compile(
    r"并发|恢复良好|感染|狭窄|排斥反应|[脓膿][肿腫]|胆瘘|胆漏|复发|失功|梗阻|出血|血栓"
)
"""术后发生肝脓肿8例: a count of complications or outcomes within a series, not a count of
transplants."""
ZH_COMPLICATION_AFTER_RE = re.compile(rf"出现|发生|{ZH_COMPLICATION_RE.pattern}")
"""4例出现胆道狭窄, 29例受体恢复良好: the same, said after the count."""
ZH_DISCHARGED_AFTER_RE = re.compile(r"[^,。;!?\d]{0,6}?(?:康复|痊愈|治愈|顺利)出院(?!率)")
"""242例术后顺利康复出院: the patients of a series counted by their outcome (discharged well),
in the count's own clause; not 完成300例,患者均康复出院 (the outcome in the next clause)."""
CONCURRENT_CUE_RE = re.compile(
    r"同时|同台|at the same time|simultaneous(?:ly)?|concurrent(?:ly)?|in parallel"
    r"|(?<=\s)at (?:once|one time)(?![a-z])"
)
"""Done at the same time: a concurrent capacity ('can complete 12 kidney transplants at
once'), not a count of a period or a running total."""
SURGEON_CUE_RE = re.compile(
    r"主刀|亲自|个人|本人|亲手|他已|她已|他共|她共|他累计|她累计|其个人|他完成|她完成|教授已"
    r"|(?:教授|院士|医师)(?:就|已经|共|先后|累计|个人)?(?:完成|施行|实施|做了)|[他她]的第"
    r"|主持(?!之下|下)|personally|himself|herself|he has|she has|he had|she had"
    r"|he performed|she performed"
    r"|his own|her own"
    r"|the surgeon|surgeon has|chief surgeon|as surgeon|professor .{0,30}has performed"
    r"|dr\. .{0,30}has performed"
    r"|每人|人均|per surgeon|each surgeon"
    # a person as the subject of the count: 'Associate director Lin has participated in',
    # 'doctors ... have each completed', '150 of which were carried out by one doctor',
    # 'Tanaka教授就完成1000多例', '有大陆医生一年完成246例'
    r"|participated in|individually|(?:has|have|had) each|each (?:completed|performed)"
    r"|by (?:one|a single) (?:doctor|surgeon)"
    r"|(?:director|professor|surgeon|dr\.)\s[^.;,]{0,30}(?:conducted|performed|completed)"
    r"|(?:教授|医生|医师|主任|专家)[^,。;\d]{0,4}(?:就|已|共|一年|每年)?完成"
)
EN_HIS_OWN_BEFORE_RE = re.compile(
    r"(?:conducted|performed|completed|did|carried out)\s(?:his|her)\s(?:[a-z-]+\s)?$"
)
"""'Shen conducted his 1600th liver transplant': a person's own ordinal (read only where ' his '
or ' her ' is written)."""
EN_EXPERIENCE_CUE_RE = re.compile(
    r"(?<!hospital\s)(?<!center\s)(?<!centre\s)(?<!department\s)(?<!unit\s)(?<!team\s)"
    r"(?<!it\s)(?<!we\s)(?:has|had)\s(?:extensive\s|rich\s|vast\s)?experience\s(?:in|of|with)\s"
)
"""'Guan had experience in over 2,700 kidney transplants': a person's career (like 从医生涯),
the surgeon's own count; not a unit's ('the centre has experience in'). Read only where
'experience' is written (a pattern opening on look-behinds has no fast first character)."""
ZH_UNIT_SUBJECT_RE = re.compile(r"外科|科室|本科|我科|中心|医院|我院|本院|该院|团队|小组")
ZH_PERSON_SUBJECT_RE = re.compile(
    r"(?:[他她](?!们)|(?<![及与尤极])其(?![中余他它实次间后团所]))"
    r"(?:今年|去年|当年|本年|每年|一年|个人)?[^,。;\d]{0,6}?"
    r"(?:就|共|已|已经|先后|累计)?(?:做了|完成|实施|施行|主刀|做过)"
    r"|(?:院长|院士)[^,。;\d]{0,4}(?:就|已|共|先后|累计)?完成"
    r"|[他她](?!们)(?:今年|去年|当年|本年|个人)的?\s?第"
    # a surgeon quoted in the first person singular (“我已经做了五六百例了”; not 我们, 我院)
    r"|(?:^|(?<=[“\"「:]))\s?我(?:个人|自己|本人)?(?:就|共|已|已经|先后|累计|一共|总共)?"
    r"(?:做了|完成了?|做过|主刀)"
)
"""A person as the subject of a count in Chinese: a pronoun (他去年做了150例, 2023年其在无锡
做了205例; not 他们, a team, nor 其中) or a head of a hospital by title and name
(副院长傅耀文完成...2600余例次): the surgeon's own count."""
"""A unit named after a person in the sentence is the subject of the count that follows
(教授完成首例肾移植至今,泌尿外科已完成...4000例): the unit's count, not the surgeon's."""
ZH_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严"
    "覃武戴莫孔汤臧傅窦"
)
"""Common Chinese surnames (single characters, simplified: the text is normalized), to tell a
person named as the subject of a count (沈某某累计完成) from a unit."""
_ZH_NAME = rf"([{ZH_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)"
"""A person's name, captured: a surname and one or two characters (the fewest that fit)."""
ZH_NAMED_SUBJECT_RE = re.compile(
    rf"(?:^|(?<=[\s,，:;；、“”\"年月日底末])){_ZH_NAME}"
    r"[“”\"「『]?(?:[几多\d一二三四五六七八九十]+年来)?"
    r"(?:就|共|已经|已|先后|累计|累积|至少|一共|总共|个人|亲自|生前|曾经|曾)*了?"
    r"(?:完成|实施|施行|做了|做过|主刀)"
)
"""A person by name as the subject of the count's clause, right before its verb (截至2014年
某某某累计完成了, 某某至少完成, 某某"几年来共完成): the surgeon's own count. Group 1 is the
name, checked against ZH_NOT_NAMES."""
ZH_NOT_NAMES_RE = re.compile(
    r"^(?:陆续|曾经|马上|高达|任何|许多|方面|何时|成功|全国|全省|全市|韩国|马偕|荣总"
    r"|高质量|高效|高标准|高水平|严格|任务)"
    r"|[医总省市县区州院所校队科组年月日天周期间内外前后末初部局厅委会共已就先累至个亲]"
)
"""Words opening on a surname character that name no person (陆续, 曾经, the manner of a
unit's work: 高质量完成, 严格实施; a country, 韩国), or a name holding a unit's or a time's
character (江苏省, 郑州, 周年), or a hospital called by a short name (高医, 荣总, 马偕 after
its founder): not a person subject. Places are not listed here: a city or county whose bare
name (唐山, 许昌, 江山 before 累计完成: a region's or its hospital's total) is the word is
found in the gazetteer (places.is_zh_place, classify._zh_not_person). 成功, 全国/省/市 and
荣总 open on no character of ZH_SURNAMES: they guard against its growth."""
_ZH_AGED_OR_OF = r"(?:(?:现年|今年)[\d一二三四五六七八九十]+岁的?|[^,。;\d]{0,6}的)"
ZH_PERSON_TOPIC_RE = re.compile(
    rf"{_ZH_AGED_OR_OF}?{_ZH_NAME}(?:院士|教授|主任|院长|医生|医师)"
    rf"|{_ZH_AGED_OR_OF}{_ZH_NAME}"
    r"(?=是|在|一路|写下|被|从|自|于|曾|,|，)"
    rf"|其?(?:主刀|主治)?(?:医生|医师|教授)是{_ZH_NAME}(?:,|，)"
)
"""A sentence that opens on a person by name (郑某某院士在..., 现年75岁某某,, 今年71岁的某某是,
其主刀医生是某某,): the topic that a later clause without a subject of its own continues.
A name with no title before 是, 在 or a comma is one only after an age or a 的 (a place or
a season opens sentences the same way: 黄山在..., 夏季,). Group 1, 2 or 3 is the name,
checked against ZH_NOT_NAMES_RE."""
ZH_SUBJECTLESS_DID_RE = re.compile(r"完成|施行|实施|做了|累计|累积")
"""The verb of a clause that counts operations without naming who did them."""
ZH_CLAUSE_SUBJECT_RE = re.compile(
    r"我们|他们|我院|本院|该院|国内|全国|全球|世界|全省|全市|全台|本港"
)
"""Subjects a clause may name besides a unit (ZH_UNIT_SUBJECT_RE): then the count is theirs."""
ZH_MILESTONE_BEFORE_RE = re.compile(r"(?:突破|破)(?:了)?\s?$")
"""突破6000例: a running total passing a mark (in 2016 it passed 6,000), unless a period
word (今年, 全年, 每年) makes it this period's count."""
ZH_BACK_REFERENCE_WORDS = ("这", "该", "此", "上述", "以上")
"""这645例手术中: the figure stated before, referred back to, not a new one."""
ZH_FIRST_TO_RE = re.compile(r"首家|第一家|唯一")
"""首家突破6000例的中心: the centre's own milestone, not a threshold describing others."""
ZH_TIMES_NOT_OPS_RE = re.compile(
    r"\s?(?:担任|获得|荣获|获|当选|入选|主持|[参叁]加|[参叁]与|出席|访问|赴)"
)
"""两次担任首席科学家: times something else was done, not operations (參加 normalizes to 叁加:
the character table sends 參 to the numeral 叁)."""
ZH_WAITING_NEXT_RE = re.compile(
    r"\s?,\s?(?:目前|现在)?(?:正在|正|仍在|仍|还在|都在|在)?\s?(?:等待|等候|轮候|排队等)"
    r"[^,。;\d]{0,8}?(?:移植|器官|[肝肾心肺](?:脏|源))"
)
"""A count of people whose clause ends, then ',正在等待器官移植': people waiting for an organ."""
ZH_WAITING_NEXT_PARALLEL_RE = re.compile(
    r"\s?,\s?[^,。;\d]{1,8}?有\s?(?:超过|逾|近|约)?\s?[\d一二三四五六七八九十百千万两零.]+\s?[多余]?\s?"
    r"万?\s?[人名位]" + ZH_WAITING_NEXT_RE.pattern
)
"""纽约现在有八千多人,全美有超过十万人,在等待器官移植: a count of people, a parallel count of
another place, then the clause of waiting both share (zh21)."""
ZH_WAITING_AFTER_RE = re.compile(
    r"\s?(?:(?:患者|病人|病患|病友)\s?(?:在|正在|仍在)?\s?)?(?:等候|等待|轮候)(?!时间|期|时)"
)
"""A count of cases followed by 等候/等待 counts people waiting (2400多宗等候移植个案, 每年约有
20例患者等待小肠移植: the patient noun between), not their waiting time (20例患者等待时间)."""
ZH_LIST_GAP_RE = re.compile(
    rf"^[,、;]\s?(?:(?:{YEAR}|[一二三四五六七八九〇○零]{{4}})\s?年|[今去]年|同年|次年)[^\d,。;]{{0,6}}$"
)
"""Between two items of a list of (year, count) pairs: a separator and the next year (its
digits or Chinese numerals, 二○二○年)."""
TRANSPLANT_CUE_RE = re.compile(
    r"移植|换肝|换肾|换心|换肺|受赠个案|受者|transplant|graft|recipients"
)
EN_TX_ABBREV_RE = re.compile(r"(?<![a-z])(?:kts?|lts?|ldlt|ddlt|ot)(?![a-z])")
"""'The number of KT increased', '(KT, 977; LT, 1229)': abbreviations of transplants, read
only in a figure's own noun (its mods), so TRANSPLANT_CUE_RE stays fast."""
DEVICE_CUE_RE = re.compile(
    r"设备|仪|呼吸机|机器人|监护仪|\bct\b|\bmri\b|\becmo\b|机器|床旁|透析机|scanner|machine|robot"
)
FIRST_CUE_RE = re.compile(r"首例|第一例|第1例|首次|首台|first")
FOUNDED_CUE_RE = re.compile(
    r"成立|建立|组建|创建|创立|挂牌|founded|established|set up|created|opened"
)

# beds
BED_NOUN_RE = re.compile(r"床位|病床|床|bed")
ZH_NOT_BED_AFTER_RE = re.compile(
    r"^\s?[^,。;床]{0,6}?(?:卡|票|照片|相片|海报|证书?|表格?|纸|图片|铺|沙发)"
)
"""张 counts flat things too: 六万张器官捐赠卡 are cards, not beds."""
ZH_DEPT_NOUN_RE = re.compile(r"(?:科|病区|病房)(?![学技研普医])")
"""A department or ward (肝胆外科, 感染科, 移植病区), not 科学/科技/科研/科普/专科医院."""
ZH_BUILDING_BEDS_RE = re.compile(r"大楼|综合楼|医疗楼|病房楼|住院楼|外科楼")
"""A building of the hospital (儿童医疗大楼...病床数共有460床): its beds are a part of the
hospital's, department_beds (GUIDE), or planned beds when it is not yet in use."""
ICU_CUE_RE = re.compile(r"icu|重症|监护|深切治疗|加护|intensive care|critical care")
"""深切治療部 (Hong Kong) and 加護病房 (Taiwan) are intensive care, like 重症监护."""
DEPARTMENT_CUE_RE = re.compile(r"科|病区|病房|department|ward|division|urology|surgery")
HOSPITAL_WIDE_CUE_RE = re.compile(r"全院|医院|院区|该院|本院|hospital|编制|核定")
# persons
SURGEON_NOUN_RE = re.compile(
    r"医生|医师|专家|外科|主刀|surgeon|doctor|physician|specialist|professor"
)
ZH_ONE_OPERATION_RE = re.compile(
    r"一场|这台|该台|此台|此次|本次|这次|历时|个小时(?:的)?手术|小时手术"
)
"""One operation told as news: the people counted in its sentence are its team, no staffing.
(Not 日前, 当天, 昨天: ordinary news openers, which also begin staffing sentences.)"""
NURSE_NOUN_RE = re.compile(r"护士|护理|nurse")
STAFF_NOUN_RE = re.compile(
    r"职工|员工|工作人员|医护人员|医务人员|人员|团队成员|小组成员|staff|employee|personnel|workforce"
    r"|professionals"
)
EN_MEDICAL_STAFF_RE = re.compile(r"(?<![a-z])(?:medical|professional|health)")
"""'3,926 medical professional personnel', '1,200 professional staff' of a whole hospital are
its medical (health-technical) staff, not all its employees."""
EN_STAFF_LIST_RE = re.compile(r"(?<![a-z])staff(?:\s(?:includes?|including)|,\sincluding)\s")
"""'Its staff includes 165 chief physicians, 261 associate chief physicians, 40 PhDs': ranks
listed as the make-up of a staff are its senior staff, not a unit's surgeons."""
EN_LABEL_LINE_RE = re.compile(
    r"[ \t]*[a-z][a-z'()/-]*(?:[ \t][a-z][a-z'()/-]*){0,3}"
    r"(?<!\bin)(?<!\bby)(?<!\bof)(?<!\bto)(?<!\bat)(?<!\bon)(?<!\bsince)(?<!\bfrom)"
    r"[ \t]*[:|]?[ \t]*\d(?:[\d,.]*\d)?[ \t]*"
)
"""'surgeons 12', a whole line: a label and its number. When the next line is one too
('nurses 30'), its word is the next label, not this number's counter. Not a line of prose
hard-wrapped ('kidney transplants in 2019.': a label ends in no preposition, a number in
no full stop)."""
EN_ALL_KINDS_AFTER_RE = re.compile(
    r"\s?(?:overall|in\s(?:total|all)|altogether|all\stold|of\sall\skinds)(?![a-z])"
)
EN_TX_COUNT_BEFORE_RE = re.compile(r"\d\s(?:[a-z-]+\s){0,2}transplant")
"""'300 kidney transplants ... and 30,000 surgeries overall': a count of every operation of a
hospital (EN_ALL_KINDS_AFTER_RE) after a count of its transplants, not more transplants."""
EN_SENIOR_RANK_RE = re.compile(r"(?<![a-z])(?:chief|professors?)(?![a-z])")
"""Ranks that are senior titles (chief and associate chief physicians, professors)."""
EN_JUNIOR_RANK_RE = re.compile(r"(?<![a-z])intermediate(?![a-z])")
"""A grade below the senior titles ('195 intermediate professionals'): part of a hospital's
staff counted apart."""
EN_SENIOR_CLASS_RE = re.compile(
    r"(?:senior\s(?:medical\s)?(?:specialists?|doctors?|physicians?|experts?|consultants?)"
    r"(?![a-z])"
    r"|(?:associate\s)?professors?(?:\s?(?:and|or|/)\s?associate\sprofessors?)?"
    r"(?![a-z]|\s?/|\s(?:and|or)\s(?!\d))"  # 'professors and attending surgeons': mixed
    r"|(?:deputy|vice|associate)[ -]chief\s[a-z]+\s(?:or|and)\s(?:above|higher))"
)
"""Staff named by a senior title as a class: 'senior specialists', academic ranks alone
('8 professors, 5 associate professors', '30 professors/associate professors'), 'deputy
chief physicians or above'. They are the vocabulary's senior_staff (GUIDE.md: staff with
senior titles), not a unit's surgeons; ranks mixed with other ones ('11 professors and chief
surgeons', '12 professors and attending surgeons') are left to the surgeon rule."""
WAITLIST_CUE_RE = re.compile(
    r"等待|等候|排队|候诊|轮候|苦等|苦候|等(?:[着著])?(?:器官)?移植|(?:需要|急需|亟需|亟待)[^,。;\d]{0,3}移植"
    # waiting for, or in need of, a new organ: 待移植, 待换肾, 需要换肝
    r"|待(?:器官)?移植|待换[肝肾心肺]|需要?换[肝肾心肺]"
    # 30万终末期器官衰竭患者需移植: patients who need a transplant (not 无需移植) (zh21)
    r"|(?<![无不毋])需移植"
    r"|waiting|wait list|waitlist|waiting list"
    r"|need (?:an )?(?:organ )?transplant"
    # 'patients in need of such operations' after a sentence about transplants
    r"|in need of (?:such|these|the) (?:operations?|surgery|procedures?)"
    # English: 'patients who need liver transplants', 'require a transplant', 'await'
    r"|(?:needs?|needing|needed|requires?|requiring|required)\s(?:an?\s)?(?:[a-z-]+\s){0,2}"
    r"transplant|await"
    # 'patients seeking an organ transplant', 'registered with UNOS for a liver transplant',
    # 'in need of an organ transplant'
    r"|seek(?:s|ing)?\s(?:an?\s)?(?:[a-z-]+\s){0,2}transplant"
    r"|in need of\s(?:an?\s)?(?:[a-z-]+\s){0,2}transplant"
    r"|(?:registered|listed)\s(?:[^.;,]{0,60}?\s)?for\s(?:an?\s)?(?:[a-z-]+\s){0,2}transplant"
)
ZH_RETRANSPLANT_RE = re.compile(r"次(?!的)[^,。;\d]{0,4}?移植")
"""二次肝移植, 二次双肺移植: a repeat transplant (二次 = 'second-time'), not two of them."""
ZH_DIALYSIS_RE = re.compile(r"透析|洗肾|血透|腹透")
"""近10万名患者依赖透析续命: patients kept alive by dialysis are not the waiting list, even in a
sentence about waiting for a kidney (unless their own clause says they wait)."""
PATIENT_NOUN_RE = re.compile(r"患者|病人|病例|病友|人数|patient")
RECEIVED_TX_RE = re.compile(
    r"(?:得到|接受|接收|获得?|获安排进行)了?[^,。;\d]{0,6}移植|移植受赠|受赠人数|受赠者"
    r"|(?:received|underwent|undergone|have had|has had)\s[a-z ]{0,20}transplant"
    # English recipients: 'people undergoing heart transplants', '76 people had lung
    # transplants', 'patients undergo liver transplantation', 'underwent overseas OT',
    # 'patients with HCC transplanted at ...'
    r"|(?<![a-z])(?:receiv(?:e|es|ed|ing)|undergo(?:es|ing)?|had|having)\s(?:[a-z'-]+\s){0,4}?"
    r"(?:transplant|(?:kt|lt|ot|ldlt|ddlt)(?![a-z]))"
    r"|underwent\s(?:[a-z'-]+\s){0,2}(?:kt|lt|ot)(?![a-z])|transplanted\s(?:at|in)\s"
    # 'have received new hearts', 'receive a new kidney', 'get a new liver', 'bought organs
    # for transplants'
    r"|(?:receiv(?:e|es|ed|ing)|get|gets|got|getting)\s(?:an?\s|their\s)?(?:new|donated|donor)\s"
    r"(?:kidney|liver|heart|lung|organ)s?(?![a-z])"
    r"|(?:bought|buy|buying|purchased)\s(?:[a-z-]+\s){0,4}?(?:organs?|kidneys?|livers?)(?![a-z])"
    r"|transplant(?:ing|ed)\s(?:[a-z]+\s)?into"
    # transplant tourists: 'people chose to go to mainland China for liver transplants' (not
    # 'went to Japan for transplant training': staff who learn; _received_transplant also
    # refuses staff counted by the travel group)
    r"|(?P<travel>(?:travel+(?:s|ed|ing)?|went|gone|go|goes|going|head(?:s|ed|ing)?)\s"
    r"(?:to\s[^.;,]{0,40}?|abroad\s(?:[a-z]+\s){0,3}?|overseas\s(?:[a-z]+\s){0,3}?)"
    r"for\s(?:[a-z-]+\s){0,4}?transplant(?![a-z]*\s(?:[a-z]+\s)?"
    r"(?:train|course|fellow|stud|educat|learn|skill|techni|exchange|workshop|conference)))"
)
ZH_CLAUSE_DID_TX_BEFORE_RE = re.compile(
    r"(?:完成|做完|做了|做过|做|施行|实施|进行|接受|接收|得到|获得?)了?[^,。;\d]{0,8}?"
    rf"{ZH_TX_WORD}[^,。;\d]{{0,10}}$"
    r"|(?:得到|获得|换得|分到)了?[^,。;\d]{0,3}?(?:[肝肾心肺]脏|器官|角膜)[^,。;\d]{0,10}$"
    # the persons named by what they had (在华移植器官的人数每年也在, 能做角膜移植复明的人)
    rf"|{ZH_TX_WORD}[^,。;\d]{{0,4}}?的(?:人数|人|患者|病人)[^,。;\d]{{0,8}}$"
)
"""Chinese: the clause before a count of persons tells that they had a transplant or got an
organ (每年完成换肾手术的只有约30人, 去年得到肾脏的只有六百多人, 每年能做角膜移植的人还不到,
在华移植器官的人数每年也在): the persons are recipients, whatever the clause before says of
the people waiting."""
ZH_RUNNING_TOTAL_BEFORE_RE = re.compile(
    r"(?:累计|累积|共计|总共|共)(?:个案|病例|案例)?(?:完成|实施|进行|有|达|已)?了?\s?"
    r"(?:约|近|超过|逾|突破)?\s?$"
)
"""Chinese: a running-total word just before a count of persons (累计77人, 累计完成120位,
共四十三位...病人受惠)."""
ZH_NOT_RECIPIENTS_RE = re.compile(
    r"救治|诊治|门诊|住院|就诊|随访|存活|死亡|培训|进修|[参叁]加|[参叁]与"
)
"""Persons a running total may count who are no recipients: treated, seen, followed up,
surviving, trained or taking part (參加, 參與 normalize to 叁加, 叁与)."""
ZH_STUDY_CUE_RE = re.compile(
    r"回顾性|前瞻性|入选的|研究对象|本组(?=患者|病例|资料)|^\s?男\s?\d+\s?例\s?[,、]\s?女"
)
"""Chinese: the sentence reports a study's patients (回顾性分析, 对入选的331例患者, 本组患者, a
series told by sex: 男6例,女2例). Not 本组共施行...215例, a series' own operations
(test_rules_real_families_zh4)."""
ZH_SITE_RE = re.compile(r"医院|中心|本院|我院|该院|所在|科室|opo|办公室|大学")
"""Chinese: a centre named for a study's patients (某某医院收治的, 本院, 笔者所在医院)."""
ZH_DISTRIBUTED_BEFORE_RE = re.compile(r"(?:分发|分配|发放|调配|派发)了?\s?$")
"""Chinese: organs given out by an eye bank or an allocation system (眼库去年分发300片眼角膜)."""
ZH_ORGAN_OR_CORNEA_RE = re.compile(r"器官|角膜|[肝肾心肺]脏")
"""Chinese: what an eye bank or an allocation system gives out."""
ZH_CLAUSE_GOT_ORGAN_AFTER_RE = re.compile(
    r"^[^,。;\d]{0,6}?(?:获得|得到|换得|分到|接受)了?[^,。;\d]{0,3}?"
    r"(?:移植|[肝肾心肺]脏?(?![癌病炎])|器官|角膜)"
)
"""Chinese: persons counted who then get an organ or a transplant (一年只有两百多人幸运地得到肾脏,
只有90人获得移植)."""
"""People who got a transplant (得到腎移植的病人有一七八人) are a count of transplants, even in
a sentence about waiting; not people who once had one (曾在我院接受肝移植的患者, a gathering:
see FORMER_CUE_RE)."""
ZH_PERFORMED_FOR_RE = re.compile(
    r"(?:实施|进行|完成|做)了?[^,。;\d]{0,8}移植|^[^,。;\d]{0,6}?换[肝肾心肺]"
)
"""为近3000名患者实施了肾移植手术: the patients a hospital transplanted, after 为 ('for')."""
NEW_LIFE_RE = re.compile(
    r"(?:获得?|重获)新生|^[^,。;]{0,12}?受惠"
    # sight given back by donated corneas: 重见光明, 重获光明, 恢复光明 (重見光明, 恢復光明)
    r"|^[^,。;\d]{0,12}?(?:重见|重获|恢复|重拾)了?光明"
)
"""666位器官衰竭患者获得新生, 800多名眼疾患者重见光明: recipients (of an organ or a cornea),
when the sentence has not already counted the transplants (完成三台肺移植手术,两位病人获得新生
restates them)."""
FORMER_CUE_RE = re.compile(r"曾|once|former")
NAME_HYPHEN_BEFORE_RE = re.compile(r"(?<![a-z])(?!mid-|pre-|post-|early-|late-)[a-z]{2,8}-$")
"""'covid-19', 'sars-2': digits hyphened to a word are part of a name. (Not 'a 3-month': the
word before such a number is no letter run glued by a hyphen.)"""
NOT_A_HEADCOUNT_RE = re.compile(
    r"(?<![脑心])死亡|去世|离世|病逝|(?<![a-z])(?:died|deaths|die|dies|dying)(?![a-z])|协调员"
    r"|coordinators?"
    r"|每\s?[\d一二三四五六七八九十百千万.]+\s?万?(?:人|位|名)"
)
"""Persons who are no indicator: those who died waiting, donation coordinators, and the
'per million people' of a rate (每100万人只有4.7人)."""
LIVES_AFTER_RE = re.compile(r"^\s?(?:的)?生命|^\s(?:[a-z]+\s)?lives")
"""'挽救了9万余人的生命', 'saved 90,000 lives': lives saved, not donors or patients."""
EN_SAVED_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:sav(?:e|es|ed|ing)|help(?:s|ed|ing)?|benefit(?:s|ed|ing|ted|ting)?)\s"
    r"(?:the\s(?:lives?|life)\sof\s)?(?:more than\s|over\s|nearly\s|about\s|around\s"
    r"|some\s|almost\s|up to\s)?$"
)
"""'saving more than 90,000 lives', 'has helped 230 transplant patients', 'saved the lives of
1,000 patients': the persons a verb of saving or helping counts (recipients when organs
were given, GUIDE.md "Recipients are transplants")."""
EN_ONE_DONOR_RE = re.compile(
    r"(?<![a-z])(?:his|her)\s(?:(?!transplant)[a-z-]+\s){0,3}?(?:organs?|kidneys?|livers?"
    r"|hearts?|lungs?|corneas?)(?![a-z])(?!\s?transplant)"
    r"(?!\s(?:had\s|has\s)?(?:fail|disease|condition|problem|cancer|function|trouble))"
    r"|(?<![a-z])(?:the|a|one|this|each)\s(?:[a-z-]+\s)?donor(?:'s|’s)?\s"
    r"(?!transplant|program|registr|register|system|network|pool|scheme|service|database"
    r"|card|drive|campaign|bank|project)"
)
"""'his liver and two kidneys were donated to help three patients', 'the donor's organs saved
three lives': the recipients of one donor carry no figure (GUIDE.md, "One donation"). Not
a donor scheme ('the donor programme has saved 1,200 patients') nor a surgeon's organs ('his
colleagues transplanted donated organs') nor his or her own illness ('after her kidney failed,
she founded a charity that has helped 500 transplant patients')."""
EN_SAVED_GATE = ("sav", "help", "benefit")
"""Words one of which EN_SAVED_BEFORE_RE's match holds: a cheap test before it."""
WITH_TITLE_RE = re.compile(
    r"^\s(?:[a-z'’-]+\s){0,2}(?:with|hold|holds|holding)\s(?:an?\s)?"
    r"(?P<what>associate senior|senior|intermediate"
    r"|phds?|master|doctoral|doctorate|post-?doc)"
)
"""'235 staff with senior titles' are senior staff; '4 staff members with PhDs' are no
indicator (a degree, not a rank)."""
POTENTIAL_CUE_RE = re.compile(r"potential|possible|additional|潜在")
"""'83 potential donors', 'would have provided 14 to 41 additional donors': not donors."""
ZH_YEAR_ADMITS_RE = re.compile(r"(?<![\d〇零一二三四五六七八九十])年(?:收治|收住|住院)")
"""年收治病人近两千人次: 年 straight before the verb makes admissions yearly."""
ZH_ADMISSIONS_NOUN_RE = re.compile(r"住院(?:人数|量|病人|患者)|收治(?:人数|量)")
"""住院人数, 住院量: the count of admissions (of the year the sentence is dated by)."""
ZH_ADMISSIONS_BARE_BEFORE_RE = re.compile(
    r"(?:住院|收治)(?:人数|量)\s?(?:为|是|达|有|约|近|超过|逾)?\s?(?:约|近)?$"
)
"""住院量有6万多: an amount in 万 with no counter after the noun of admissions counts them."""
INPATIENT_CUE_RE = re.compile(r"住院|出院|收治|inpatient|admission|discharge")
# time
WAIT_CUE_RE = re.compile(
    r"等多|多久|等待|等候|轮候|等到|等了|要等|需等|得等|等上|等(?=\s?[\d一二三四五六七八九十两半几])|排队|只需|仅需|只要|就能|即可|就可以|找到|配型|匹配|配到|供体|肝源|肾源"
    r"|器官源|心源|供肝|供肾|供心"
    r"|how long|wait|waiting|waited|match|matching|matched|donor|find|found|obtain|available organ"
    r"|get an organ|receive an organ|receive a"
)
ZH_WAIT_BEFORE_RE = re.compile(r"等(?:上|了|到)?\s?$")
"""A duration right after 等 ('to wait'): 须等一星期, 一般等半年. (WAIT_CUE_RE's 等 needs the
number after it, which the clause it searches leaves out.)"""
ZH_WAIT_SPEED_BEFORE_RE = re.compile(
    r"(?:快的|慢的|最快|最慢|快则|慢则|短则|长则|最短|最长|一般|平常|通常|正常)(?:的话)?"
    r"[^,。;:\d]{0,4}(?:[\d.]+\s?[-~到至]\s?)?$"
)
"""慢的也只有1-2周, 最长不超过一个月, 肾移植平常是一个星期: a clause going on from a wait already
stated (in its sentence, the question, or just before) by how fast or how usually."""
ZH_AVERAGE_BEFORE_RE = re.compile(r"平均\s?(?:要|需|需要)?\s?$")
ZH_WAITED_FOR_BEFORE_RE = re.compile(
    r"等待|等候|轮候|要等|需等|得等|等(?=\s?[\d一二三四五六七八九十两半几])"
)
"""等一个肾,平均97.4个月: an average right after an earlier clause of its own sentence that waits
for an organ (zh21; the sentence only: a wait named anywhere before in the text would make
平均追踪5年 a wait)."""
ZH_WAIT_CAN_AFTER_RE = re.compile(
    r"(?:\s?[-~到至]\s?[\d一二三四五六七八九十两半]{1,3}\s?个?(?:天|周|星期|礼拜|月|年))?"
    r"\s?就?(?:左右|以内|之内|内)?\s?,?\s?(?:就|即|便)?\s?(?:应该|应当|应)?\s?"
    r"(?:(?:可以|能够|能|可)\s?(?:安排|做上|做了|找到|买到|等到|配到|有了|(?=[,。;!?」”]|$))"
    r"|安排(?:手术|移植))"
)
"""三、四周就应该能做上, 一个月左右能安排手术, 两周之内就可以买到匹配器官: a duration followed by
what a hospital can then do (arrange the operation, find or obtain the organ) is the wait for
an organ (read with ``match`` on the sentence after the figure, in a sentence on
transplants; the low end of a range, 3天到5天可以安排手术, past the high end)."""
ZH_LASTING_BEFORE_RE = re.compile(r"(?:持续|历时|历经)了?\s?$")
"""持续二十年至今: how long a state of affairs has lasted, not a wait."""
EN_LASTING_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:lasted|lasting|lasts)\s(?:about\s|nearly\s|almost\s|more than\s|over\s"
    r"|some\s|up to\s)?$"
)
"""'The surgery lasted 12 hours': how long something went on, neither a wait nor a stay."""
EN_ONE_PERSON_STAY_RE = re.compile(
    r"(?<![a-z])(?:he|she|i|we|(?:the|this|that|a|one)\s(?:[a-z-]+\s)?(?:patient|man|woman|boy"
    r"|girl|recipient|child))\s(?:[a-z]+\s){0,2}?(?:stayed|was hospitali[sz]ed|remained)"
    r"(?![a-z])"
)
"""'the patient stayed in hospital for 21 days': one patient's stay, an anecdote (GUIDE), not
a typical or average stay."""
ZH_PERSON_AGE_RE = re.compile(
    r"\d{1,3}\s?岁(?:的)?[^,。;\d]{0,4}?(?:先生|女士|小姐|男子|女子|妇女|男孩|女孩|老人|阿伯|阿嬷)"
    r"|(?:先生|女士|小姐)\s?,?\s?\d{1,3}\s?岁|一名\d{1,3}\s?岁"
)
"""55岁陈先生, 林先生,59岁, 一名55岁...: one named or aged patient's story; the wait or stay
told in it is an anecdote (GUIDE), not what a hospital or registry states."""
ZH_EVENT_AFTER_WAIT_RE = re.compile(
    r"\s?(?:左右|多)?\s?,?\s?(?:(?:就|即|便)(?![能可会要使便是算应])|终于)"
)
"""等了十天左右就有供体, 五天内就获得了匹配的肺, 一天之内即为患者找到: a wait told by what
then happened to one patient (就/即/便 + an event), an anecdote; 一周就能找到 (就能, a claim of
what the hospital can do, or 就应该可以做了) stays a wait."""
ZH_OTHER_WAITER_RE = re.compile(
    r"(?:家属|家人|亲属|记者|协调员|警方)[^,。;\d]{0,8}?(?:等待|等候|等了|苦等)"
)
"""Someone other than a patient waits (家属在手术室外等待了6个小时, 协调员等待了两天): no wait
for an organ. A hospital is left out: 我院肝移植等待时间为一周 is its claim."""
ZH_TISSUE_TX_RE = re.compile(
    r"(?:胰岛|胰島|甲状旁腺|甲狀旁腺|干细胞|幹細胞|骨髓|(?<![髓])骨|细胞|細胞)(?:细胞|細胞)?移植"
)
"""胰岛移植, 骨移植, 甲状旁腺移植, 骨髓移植: a cell or tissue transplant, no organ transplant
(GUIDE, heldout7: 'Not organ transplants'); its counts and firsts carry no figure."""
ZH_WAITED_BEFORE_RE = re.compile(r"(?<![只仅僅才])(?:等了|等候了|等待了|等過|等过)\s?$")
"""苦苦等了七八年, 排队等了近2年的时间: a wait told as done (了, 过), one person's past wait
(an anecdote), not what a hospital or registry says the wait is. Not 只等了两个星期 (only
two weeks: the short wait a report on the system quotes, kept as a wait by the synthetic
corpus)."""
ZH_TYPICAL_WAIT_RE = re.compile(
    r"平均|一般|通常|往往|多数|大多|有的|有些|不少|很多|许多|許多|大部分"
)
"""平均, 一般, 有的病人: words making a wait told as done the typical one, or one of many."""
ZH_ONE_PERSON_PRONOUN_RE = re.compile(r"(?<![诉问对给向])[他她](?![们人]|估计|说|表示|称)")
"""他/她 (not 他们, 他人) as the subject of the wait's clause: one person's wait or stay; not
the one told or asked (院方告诉他只要三周就能找到) nor a speaker (他估计一周之内就可以)."""
ZH_NAMED_PERSON_RE = re.compile(r"[\u4e00-\u9fff](?:先生|女士|小姐|太太|老伯|阿姨|大爷|大妈)")
"""张先生, 李女士: one named person, the subject of a stay told of him (张先生换肝后住院时间
长达四十天): an anecdote however the stay is worded."""
ZH_SPEECH_AFTER_RE = re.compile(r"(?:介绍|说|表示|称|告诉|指出|解释|坦言|透露)")
"""Right after a named person (王女士介绍说, 张先生表示): the person speaks, the source of what
follows, not the patient whose stay it is."""
WAIT_TIME_NOUN_RE = re.compile(
    r"(?:等待|等候|轮候|排队)(?:的)?(?:时间|期)"
    # what is waited for between (zh21): 等待器官的时间是四年多, 轮候器官时间极为短
    r"|(?:等待|等候|轮候)[^,。;\d的]{1,4}的?时间"
)
"""A sentence about a waiting time (平均轮候时间为第二最长,达38个月): its durations are waits."""
ZH_ONE_PERSON_RE = re.compile(
    r"(?:一|这|该)(?:名|位|个)[^,。;\d]{0,8}(?:患者|病人|病患|受赠者|男子|女子|妇女|老人|孩子|男孩|女孩"
    r"|老妇|老婦|妇人|婦人|老太)"
)
"""其中一名受赠者轮候肝脏3年, 一位五十岁的男子...住院一个多月: one person's wait or stay, an
anecdote, not what a hospital or registry states."""
EN_TIME_AFTER_RE = re.compile(r"^\s(?:after\s(?:her|his|their|its|the|a|an)\s|later(?![a-z]))")
"""'received a kidney 19 years after her first one failed', '12 years later': years that date
an event from another are no wait (one patient's story); read for years only, as days and
weeks 'after arriving' may be what a hospital says its wait is."""
EN_WAIT_WORD_RE = re.compile(r"wait|how long|queue")
"""A wait named in so many words ('patients wait three years after being listed', 'how long
do I have to wait?' 'About a week after you come'): the duration stays a wait."""
EN_ONE_PERSON_WAIT_RE = re.compile(
    r"(?<![a-z])(?:(?:he|she|i|i'm|i’m|i've|i’ve|we)\s(?:[a-z'’]+\s){0,3}?"
    r"|(?:a|the|one|this|that)\s(?:[a-z-]+\s)?(?:patient|man|woman|boy|girl|recipient)\s"
    r"(?:had\s|has\s|have\s)?(?:only\s|just\s)?)"
    r"(?:waited|waiting|been waiting)(?![a-z])"
    # 'After waiting three years on dialysis, she received a kidney': the person after it
    r"|(?<![a-z])after\s(?:waiting|having waited)\s[^.;]{0,60}?,\s(?:he|she|i|we|the patient"
    r"|the man|the woman|the boy|the girl|[a-z]+)\s(?:finally\s)?(?:received|got|underwent"
    r"|was given|had)(?![a-z])"
    # a named person after a conjunction ('after Chua waited only two weeks'; not a plural
    # group, 'while Canadians waited', nor an average), and one who 'has been on the
    # waiting list' (a group 'have been')
    r"|(?<![a-z])(?:after|until|before|when|while|once)\s"
    r"(?!patients|people|recipients|they|many|most|some|others)(?![a-z'’-]*s\s)[a-z'’-]+\s"
    r"(?:had\s)?(?:only\s|just\s)?waited(?![a-z])(?!\s(?:an|on)\saverage)"
    r"|(?<![a-z])(?:has|had)\sbeen\son\s(?:the|a)\s(?:[a-z-]+\s){0,3}?list(?![a-z])"
    # one person named or described, then 'who ... waited' ('Lee Seok-jun who suffered from
    # chronic kidney disease waited 13 years', 'a girl who has been waited for a heart for
    # over four months'; not a group: 'patients who waited', 'children who', 'those who')
    r"|(?<![a-z])(?!patients|people|recipients|children|those|others|many|most|some|men\s"
    r"|women)(?![a-z'’-]*s\s)[a-z'’-]+\swho\s(?:[^.;,]{0,60}?\s)?(?:waited|(?:has|had)\sbeen"
    r"\swait(?:ed|ing))(?![a-z])(?![^.;]{0,30}(?:an|on)\saverage)"
    # a sentence about one person ('He was suffering from ... and had been waiting for a donor
    # for the last five months')
    r"|^\W{0,3}(?:he|she)\s[^.;]{0,80}?\s(?:had|has)\sbeen\swaiting(?![a-z])"
    # or about 'the patient' ('The patient joined the matching pool at the beginning of the
    # pilot programme and had been waiting for nearly three years')
    r"|^\W{0,3}the\s(?:patient|recipient|man|woman|boy|girl)\s[^.;]{0,120}?\s(?:had|has)\sbeen"
    r"\swaiting(?![a-z])"
)
"""'a patient waited only a week', 'while he waited in the queue', 'I'm fed up waiting here for
nearly a year': one person's wait, an anecdote (GUIDE.md), not a stated waiting time."""
EN_DONOR_ORGANS_RE = re.compile(
    r"(?:donor|donated|procured)\s|transplants?\s(?:involving|using)\s$"
)
"""'35 donor livers came from', '11,977 organ transplants involving 32,984 organs': organs an
OPO gave, read in the words before them."""
EN_ORGANS_TRANSPLANTED_RE = re.compile(
    r"^\s(?:[a-z-]+\s){0,2}?(?:are|were|was|is|have been|had been|has been)\s(?:[a-z]+ly\s)?"
    r"transplanted(?![a-z])"
)
"""'over 60,000 organs are transplanted each year', '367 kidneys were transplanted': organs
put into recipients count transplants, not organs an OPO procured."""
EN_ORGANS_DONATED_AFTER_RE = re.compile(
    r"^(?:[^()]{0,20}\))?\s?(?:\([^()]{0,40}\)\s?)?\"?"
    # a list of organs the count also names: '100 to 120 livers, kidneys and hearts are donated'
    # or counted item by item: '70 kidneys, 36 livers and five hearts have been donated'
    r"(?:,?\s(?:and\s)?(?:[\d,]+\s|[a-z]+\s)?(?:kidney|liver|heart|lung|pancreas|cornea|intestine)"
    r"(?:s|es)?){0,6}"
    r"\s?(?:were|was|are|have been|had been"
    r"|has been)\s"
    r"(?:[a-z]+ly\s)?(?:donated|procured|recovered|retrieved)(?![a-z])"
)
"""'1,400 kidneys (and 2,300 organs) were donated': the verb after a parenthesis, which ends the
count's clause, still names the organs donated."""
STAY_CUE_RE = re.compile(r"住院|length of stay|hospital stay|stay|hospitali[sz]")
ZH_TYPICAL_STAY_RE = re.compile(
    r"平均|时间|天数|日数|周期|一般|通常|多数|大多|大约|大概|约|左右|需要?|只需|仅需|可能|可|之间"
)
"""Words that make a Chinese stay in hospital typical (术后住院时间平均21天, 一般住院两周, 住院约
一个月, 住院两周即可出院) rather than one patient's (住院仅一个礼拜, 住院三周后即返台)."""
# money
REVENUE_CUE_RE = re.compile(r"收入|营收|创收|收益|营业额|产值|revenue|income|turnover|earn")
INVEST_CUE_RE = re.compile(r"投资|投入|建设|兴建|购置|扩建|invest|construction|build|expan")
ZH_AID_CUE_RE = re.compile(r"救助|资助|补助|慈善|善款|捐款|募捐|筹款|基金会|减免|困难家庭")
"""Aid to patients or donors' families (救助金, 基金会投入, 最高可获10万元资助): aid grants are no
figure (GUIDE: 'What is a figure'), not research funding nor a price."""
ZH_RECEIVED_MONEY_BEFORE_RE = re.compile(
    r"(?:拿走|拿到|分得|分到|得到|只得|仅得|可获|仅获|只获|获得|赚了?|挣了?|收到|卖[肾肝心肺]脏?"
    r"|到手|付[给給](?:供[体體]|卖[肾家]者|賣[腎家]者)的?)"
    r"\s?(?:了|约|近|[仅僅只]有?)?\s?"
    r"(?:[\d.一二三四五六七八九十]+\s?万?\s?[-~到至]\s?)?$"  # 分得三至四万元: both ends
)
"""中介拿走10万元, 供体仅获3万元左右, 卖肾者可获2万元, 卖肾4.5万元 (the seller sells his
kidney for it), 卖肾者到手3万元, 付給供體的僅3萬多元: money someone receives (a seller, a
broker, a surgeon's share), not what the patient pays for the transplant."""
ZH_PROFIT_AFTER_RE = re.compile(
    r"(?:[^,。;\d]{0,3}?[-~到至与和]?\s?[\d.]+\s?万?元?)?[^,。;\d]{0,8}?(?:利润|暴利|差价|回扣|佣金)"
)
"""在2.5万与15万元之间的巨大利润, 3万至12万元之间的差价: a margin or a commission (both ends of
its range), not what the patient pays."""
FUNDING_CUE_RE = re.compile(r"经费|资助|基金|课题|科研|专项|funding|grant|funded|research")
SURGICAL_FEE_CUE_RE = re.compile(
    r"手术费(?!用)|手术当天|surgical fee|operation fee|surgeon's fee|surgery fee"
)
"""The fee of the operation itself (手术费, 手术当天花费). 手术费用 (the cost of the operation)
is the price of the transplant (GUIDE), except as a row of a cost breakdown (see core)."""
ZH_COST_LINE_BEFORE_RE = re.compile(
    r"(?:药|药物|检查|化验|住院|随访|复查|护理|床位|评估)的?费用?\s?(?:约|大约|大概|为|是|在|达|需|要)?"
    r"\s?(?:[\d.]+\s?万?\s?[-~到至]\s?)?$"
)
"""术后抗排斥药物费用约3万元, 住院费2万元: a line of the cost other than the operation, in
prose (GUIDE: cost breakdowns; only the operation's line is annotated)."""
FEES_LISTED_RE = re.compile(r"费[、和及与加][^,。;\d]{0,6}费")
"""手术费、捐赠费约四十万元: the operation's fee summed with others is the whole price."""
ZH_OTHER_COST_LINE_RE = re.compile(
    r"(?:药物?|住院|检查|化验|护理|床位|材料|麻醉|治疗|监护|icu|供体|[肾肝心肺]源|器官|捐赠)费"
    r"|(?:药物?|住院|检查|护理|随访|复查|评估)[^,。;\d]{0,4}?费用"
    # drugs told as money spent without 费 (术后每年吃药还要花3万元, 服药每年开支2万)
    r"|[吃服用]药[^,。;\d]{0,6}?(?:花|开销|开支|支出)|药钱"
)
"""A cost line other than the operation (药费, 住院费, 肾源费, 检查费用) in the same sentence: the
sentence breaks the bill down, so a 手术费 there is that line (GUIDE: Money). 手术费 alone in a
sentence (35万元的手术费成难关) names what the transplant costs the patient: the price."""
ZH_ORDINAL_DONOR_AFTER_RE = re.compile(
    r"^(?:(?!移植|受|患者|病人|登记|报名|签署|注册|申请|志愿)[^,。;\d]){0,12}?"
    r"(?:捐献者|捐赠者|捐献人|捐赠人|供者|捐献(?!志愿|登记|意愿)|捐赠(?!志愿|登记|意愿))"
)
"""After an ordinal and its counter: a donor (第二位器官捐献者, 首例角膜捐献, 第一位“大爱供者”)
→ ``opo_donors`` N (GUIDE: "Ordinal donors", "Ordinal one"); a living donation is the
transplant's (ZH_LIVING_RE). The gap holds no transplant nor recipient (第200例心脏移植的
器官来自捐献, 第三位受者接受了捐献的肝脏: the Nth transplant or recipient, not a donor) nor a
registration (第1000位登记器官捐献的志愿者, 第500位报名捐献的市民: a registrant, not a donor)."""
ZH_LIVING_RE = re.compile(r"活体|亲属")
"""A living or related-donor donation: its first is a transplant's first, not a donor count."""
ZH_DONATION_OPERATION_AFTER_RE = re.compile(r"^[^,。;\d]{0,8}?(?:移植|手术|摘除|个案)")
"""After 首例...捐献: the operation or case the donation names (首例器官捐献肾移植手术, 首宗跨境
器官捐赠个案): a first of a kind, not the first donor counted."""
ZH_ONE_DONOR_RE = re.compile(
    r"(?:这|该|此|(?<![每十百千万零〇])一)\s?(?:名|位)"
    r"(?:(?!说|表示|介绍|称|指出|透露|告诉|坦言|解释)[^,。;\d]){0,16}?捐(?:献|出|赠)|死者家[人属屬][^。;\d]{0,12}?捐"
)
"""One donor as the subject of the sentence (这名男子捐献出的..., 一位老人去世后捐出,
死者家人...捐): the organs and recipients counted there are one donation's (GUIDE: "One
donation"), no figure. Not 每一位捐献者 (every donor, thanked or saluted) nor the 一 ending
a numeral (二十一位捐献者: 21 donors), nor one who speaks of donations (这位医生说今年全省...
捐献: the source, not a donor)."""
ZH_BILL_PART_RE = re.compile(r"其中|包括|包含|含有")
"""其中手术费约6万元: a part of a bill named in the sentence, so the 手术费 is one line of it."""
COST_LINE_NOT_OPERATION_RE = re.compile(r"检查|评估|住院|药|随访|复查|供体|供肝|供肾|护理|icu")
"""The label of a cost-breakdown row that is not the transplant (tests, the stay, drugs, the
donor organ): its amount is one line of the bill, not the price of the transplant."""
PRICE_CUE_RE = re.compile(
    r"费用|价格|花费|收费|价|需要|需|花了|支付|付|报价|[肾肝心肺]源费|器官费|供体费|移植费"
    r"|只要|仅要|只需|仅需|要花|得花|需花"
    r"|cost|price|charge|fee|pay|paid|priced|quoted|for a"
)
# percent
ZH_NOT_BED_USE_RE = re.compile(
    r"(?:手术室|手术间|设备|仪器|器官|资源|药品|资金)(?:的)?(?:使用|利用)率"
)
"""手术室使用率达到90%: the use rate of something other than beds."""
OCCUPANCY_CUE_RE = re.compile(r"使用率|占用率|入住率|周转率|occupancy|occupied")
EN_BED_USE_RE = re.compile(r"(?<![a-z])(?:utili[sz]ation|usage|use)\s(?:rate|ratio)(?![a-z])")
"""'The bed utilization rate exceeds 130%', 'the utilization rate of these beds': a rate of use,
read as bed occupancy only when the text speaks of beds there (an organ utilisation rate is
no figure, GUIDE.md)."""
NATIONAL_SHARE_CUE_RE = re.compile(
    r"全国|全中国|国内|我国|national|nationwide|china's|in china|of china|country"
)
ZH_SHARE_OF_COUNT_RE = re.compile(r"总例数|例数|总量|总数|手术量")
"""占全国总例数的30.2%: a share of a count of transplants, even when the count was named in
the sentence before."""
SHARE_OF_PLACES_RE = re.compile(
    r"(?:中心|医院|单位|机构|省份|城市|centres?|centers?|hospitals)的?\s?$"
)
"""占我国现有肝脏移植中心的三分之二: a share of hospitals, not of transplants."""
PROVINCIAL_SHARE_CUE_RE = re.compile(r"全省|本省|省内|provincial|province")
EN_SHARE_OF_TX_RE = re.compile(
    r"^\s?of\s(?:the\s)?(?:[a-z'’-]+\s){0,4}?(?:transplant(?:s|ations?)?|kts?|lts?)(?![a-z])"
)
"""'accounts for about 10% of China's liver transplants': a share whose noun is transplants,
however many words stand before it."""
SHARE_CUE_RE = re.compile(r"占|比例|份额|share|proportion|percent of|% of|of all")
# rooms, teams
ROOM_CUE_RE = re.compile(r"手术室|手术间|operating|theat|surgical suite")
TEAM_CUE_RE = re.compile(r"团队|移植组|小组|team")

# ranks by volume (Chinese): 居全国第一, 全国排名第28位, 进入全国前十位, 年完成量居世界首位
_RANK_NUM = r"[\d一二两三四五六七八九十]{1,3}"
ZH_VOLUME_RANK_RE = re.compile(
    r"(?P<scope>全国|国内|全大陆|大陆|全中国|中国|全台|世界|全球)"
    r"(?:[^,。;!?\n\d]{0,4}?(?:移植|换肝|换肾|换心|换肺))?"
    r"(?:[^,。;!?\n]{0,10}?(?:排名|排行|排序)中?)?"
    r"(?:[^,。;!?\n\d]{0,3}?(?:列|居|位居|位列|名列|排|排名|排在|进入|跻身|都排名|均排名))?\s?"
    rf"(?:第\s?(?P<nth>{_RANK_NUM})\s?(?:位|名)?|(?P<first>首位|首|之最|第一|之冠|榜首|冠军)"
    rf"|前\s?(?P<top>{_RANK_NUM})\s?(?:位|名|强)?)"
    # 世界第二例, 国内首例, 全国第一家: an ordinal of a case or a place, not a rank
    r"(?![例台次个家批所座项])"
)
"""A rank stated with its scope (the country or the world). Only a rank of a volume counts
(see ZH_VOLUME_WORD_RE and ZH_RANK_QUALITY_RE); 前N (top N) is an upper bound."""
ZH_VOLUME_WORD_RE = re.compile(
    r"数量|例数|手术量|移植量|完成量|总量|总数|移植数|手术数|规模|\d\s?例|[例台宗]|做到|做成"
    r"|开展最多"
)
"""Before a rank, in its sentence: what is ranked is a number of transplants."""
ZH_RANK_QUALITY_RE = re.compile(
    r"生存率|存活率|成功率|质量|水平|指标|满意|技术|科研|论文|排名第一的医院"
)
"""In the rank's own clause: a rank of quality, survival or research is no volume rank."""
ZH_RANK_VOLUME_AFTER_RE = re.compile(
    r"\s?(?:重[镇鎮]|大户|大戶|大省|大(?:器官)?移植(?:国|大国|中心))"
)
"""稳坐国内换肝第二重镇, 世界排名第二大器官移植国: a rank among the places doing the most, a
volume rank."""
ZH_SUPERLATIVE_VOLUME_RE = re.compile(
    r"(?:(?:移植|换肝|换肾|换心|换肺)[^,。;!?\n\d]{0,6}?最多的[^,。;!?\n\d]{0,8}?"
    # the superlative before the transplant: 完成最多胰脏移植手术的医院
    r"|(?:完成|开展|实施|做)(?:了)?最多[^,。;!?\n\d]{0,6}?(?:移植|换肝|换肾|换心|换肺)(?:手术)?的)"
    r"(?P<what>国家|医院|中心|单位)(?!之一)"  # 最多的国家之一: one of the most, no rank
)
"""世界上开展器官移植手术最多的国家, 移植病人数最多的XX医院: a superlative of volume is a
volume rank 1 (GUIDE, rules added with heldout3); a country is ranked in the world, a
hospital or centre in its country unless the sentence names the world."""
TOP_N_BEFORE_RE = re.compile(r"前\s?$")
"""前三名, 前十位: a rank ('top three'), not a headcount."""

# --- organs ----------------------------------------------------------------------------------

ORGAN_WORDS: dict[str, str] = {
    "心肺": "heart_lung",
    "肝肾联合": "liver_kidney",
    "肝肾": "multi",
    "供心": "heart",
    "供肝": "liver",
    "供肾": "kidney",
    "供肺": "lung",
    "胰肾": "pancreas_kidney",
    "肾胰": "pancreas_kidney",
    "胰腺肾": "pancreas_kidney",
    "多器官": "multi",
    "腹部多器官": "multi",
    "肝脏": "liver",
    "肝": "liver",
    "肾脏": "kidney",
    "肾": "kidney",
    "心脏": "heart",
    "心移植": "heart",
    "肺脏": "lung",
    "肺": "lung",
    "胰腺": "pancreas",
    "胰": "pancreas",
    "小肠": "intestine",
    "角膜": "cornea",
    "heart-lung": "heart_lung",
    "heart and lung": "heart_lung",
    "liver-kidney": "liver_kidney",
    "liver and kidney": "liver_kidney",
    "kidney-pancreas": "pancreas_kidney",
    "pancreas-kidney": "pancreas_kidney",
    "multi-organ": "multi",
    "multivisceral": "multi",
    "multiple organ": "multi",
    "liver": "liver",
    "hepatic": "liver",
    "kidney": "kidney",
    "renal": "kidney",
    "heart": "heart",
    "cardiac": "heart",
    "lung": "lung",
    "pulmonary": "lung",
    "pancreas": "pancreas",
    "pancreatic": "pancreas",
    "intestine": "intestine",
    "intestinal": "intestine",
    "small bowel": "intestine",
    "cornea": "cornea",
    "corneal": "cornea",
}
ORGAN_RE = re.compile(rf"(?:{_alt(list(ORGAN_WORDS))})")

# --- hospitals and boundaries ----------------------------------------------------------------

ZH_HOSPITAL_LEAD_TRIM = re.compile(
    r"^.*?(?:是|在|于|为|的|和|与|及|据|由|向|到|从|该|本|其|这家|那家|一家|我院|位于|来自|前往|前去|去|称|了|赴|并|、)"
)

_EN_ABBREV_DOT = (
    r"\.(?<![a-z]\.[a-z]\.)(?<!\bdr\.)(?<!\bno\.)(?<!\bmr\.)(?<!\bms\.)(?<!\bvs\.)(?<!\bst\.)"
)
"""A dot that ends no sentence: 'u.s.', 'dr.', 'no.', 'vs.' (the dot first, so the regex
engine tries the look-behinds only at dots), also at the start of a text or after a bracket
('Dr. Chen has performed 500': one sentence, its subject a surgeon)."""
_EN_FOOTNOTE_DOT = (
    r"\.(?=\d{1,4}\s)(?<=[a-z)\"”’]\.)(?<!\bno\.)(?<!\bvol\.)(?<!\bfig\.)(?<!\bp\.)"
    r"(?<!\bpp\.)(?<!\bref\.)(?<!\bsec\.)(?<!\bart\.)(?<!\btab\.)(?<!\bch\.)(?<!\bnr\.)"
)
"""A full stop with a footnote number glued after it ('... to date.817 Wang's profile', 'It
has 3,491 beds.417 It began'): the sentence ends at the dot (a decimal point has a digit
before it; 'No.3', 'Fig.2', 'p.12' are no sentence end). The dot first, as in
_EN_ABBREV_DOT, so the look-arounds run only at dots."""
SENTENCE_END_RE = re.compile(
    rf"。|!|\?|\n|;(?![^()]{{0,40}}\))|{_EN_ABBREV_DOT}(?=\s|$)|{_EN_FOOTNOTE_DOT}"
)
"""A ';' inside parentheses ('(KT, 977; LT, 1229)') separates items, not sentences. Every
alternative begins with a literal (。|!|... rather than a class), so the regex engine skips
to the next candidate at C speed (tests/extract/test_fast_paths.py: the same ends as
[。!?\\n]|...)."""
CLAUSE_END_RE = re.compile(
    rf"。|!|\?|;|\n|\(|\)|{_EN_ABBREV_DOT}(?=\s|$)|{_EN_FOOTNOTE_DOT}|,(?!\d{{3}}(?!\d))"
)
"""As SENTENCE_END_RE, plus ; ( ) and a comma that is no thousands separator; every
alternative begins with a literal."""
RANGE_JOIN_RE = re.compile(r"^\s?(?:到|至|-|~|〜|to)\s?(?=\S)")
TITLE_TRANSPLANT_RE = re.compile(r"移植|transplant")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
"""One Chinese character (CJK unified ideographs)."""
SHARE_APPROX_RE = re.compile(r"(?:约|大约|近)占")
ANSWER_MARKER_RE = re.compile(
    r"^\s*(?:答|[\u4e00-\u9fff]{0,4}(?:医生|大夫|主任|护士)|doctor|nurse|a|answer|dr\.?\s?\w*)\s?:"
)
TITLE_CHARS = 80
"""Characters at the top of a document read as its title."""

PLANNED_CUE_RE = re.compile(
    r"建成后|建成以后|落成后|竣工后|投入使用后|启用后|在建|拟建|拟设|规划床位|计划床位|设计床位|"
    r"将设|将开设|将拥有|planned|under construction|will (?:have|house|hold|provide|add)|"
    r"once (?:completed|built|finished)|will be (?:put into (?:use|service|operation)|completed"
    r"|opened|in use)|(?:is|are) (?:being built|to be (?:built|completed|opened))"
)
"""A bed count of a building not yet in use: the beds are planned, not available."""


# --- donation, comparison, change, scope ------------------------------------------------------

DONATION_CUE_RE = re.compile(
    r"捐献|捐赠|捐出|捐(?:肾|肝|心|肺|眼角膜|角膜)|器捐|成就大[爱愛]|donat|procure"
)
"""捐肾个案 (kidney-donation cases), 器捐 (Taiwan's short form of 器官捐赠) and 成就大爱
('fulfilled great love', Taiwan's phrase for a donor's family agreeing to donate) as well as
捐献, 捐赠."""
ZH_PROCURED_RE = re.compile(r"获取")
"""获取器官320个: organs procured (GUIDE: organs donated or procured → opo_organs_utilised)."""
ZH_ORGANS_GIVEN_AFTER_RE = re.compile(
    r"\s?(?:器官|大器官|[肝肾心肺]脏|眼角膜|角膜)\s?(?:被)?(?:捐出|捐献|捐赠|获取)"
)
"""160个器官捐出: the organ noun and its donation verb after the count."""
NOT_DONATED_RE = re.compile(r"(?:未能?|没有|没能|放弃|拒绝)(?:成功)?捐|捐(?:献|赠)未(?:能)?成")
"""最后未捐赠成功的个案共86名, 家属拒绝捐献的12例: donations that did not happen."""
LIVING_DONORS_ONLY_RE = re.compile(r"(?<![及和与、])活体(?:器官)?(?:捐赠者|捐献者|供者)")
"""活体器官捐赠者方面,则有56位: living donors counted alone are not annotated (GUIDE: their
transplants are); 遗体及活体捐赠者 counted together are donors."""
ZH_DECEASED_AND_LIVING_RE = re.compile(r"(?:遗体|尸体|逝世后)[^,。;\d]{0,4}(?:及|和|与|、)\s?活体")
"""遗体及活体捐赠: deceased and living donations counted together are donors."""
DONOR_SUBJECT_RE = re.compile(
    r"捐赠者|捐献者|供者|number of (?:[a-z-]+\s){0,2}?(?:donors|donations)(?![a-z])"
)
"""国内捐赠者从每年2百多例..., 'The number of donors ... compared with the 20 to 30 people per
month': donors are what the count after them counts."""
NOT_ORGAN_DONATION_RE = re.compile(r"骨髓|造血干细胞|献血|bone marrow|blood|stem cell")
"""Donations that are not of organs: bone marrow, blood."""
BODY_DONATION_RE = re.compile(r"遗体(?!器官|及|和|与)")
"""遗体捐献 in mainland usage (simplified script): a body given to medical teaching, not an
organ donation. In Hong Kong and Taiwan usage (traditional script) 遺體捐贈 is a deceased
donor's organs (遺體捐贈每年42宗), and 遗体器官捐献 or 遗体及活体捐赠者 are organ donors
anywhere."""
EN_BECAME_DONORS_RE = re.compile(
    r"^\s(?:[a-z]+\s){0,2}?(?:became|become|have become|had become)\s(?:organ\s|deceased\s)?"
    r"donors(?![a-z])"
)
"""'more than 20 people became donors after they died': people counted as donors."""
EN_DONORS_NOUN_RE = re.compile(r"(?<![a-z])donors(?![a-z])")
EN_DONATION_KIND_RE = re.compile(r"(?<![a-z])(?:od|dcd|dbd|dbcd|dcds|dbds)(?![a-z])")
"""Abbreviations of organ donation by kind: 'cases of DBD', 'the total number of OD'."""
EN_DONATION_KIND_AFTER_RE = re.compile(
    r"^\s?(?:cases\s)?of\s(?:(?:organ|deceased|donor)\s){0,2}(?:od|dcd|dbd|dbcd)(?![a-z])"
)
"""'164 cases of DBCD and 35 cases of DCD had been implemented': donation cases by kind."""
ORGAN_NOUN_RE = re.compile(r"器官|大器官|肝脏|肾脏|心脏|肺脏|organs?")
REGISTRATION_CUE_RE = re.compile(
    r"登记|志愿|意愿|注记|签署|捐赠卡|捐献卡|registered|register|volunteer|pledge"
)
EN_DONOR_LIST_RE = re.compile(r"donor\s(?:list|registry|database)")
"""'the organ donor list': people who signed up, no donors (a count it names is no donation)."""
"""People who signed up to donate are not donors."""
COMPARE_CUE_RE = re.compile(
    r"相比|相较|比起|远远少于|少于|多于|高于|低于|compared|than|versus|vs\.?"
)
CHANGE_BEFORE_RE = re.compile(
    r"(?:增加|增长|减少|下降|新增了|多了|少了|上升|提高)(?:了)?\s?$"
    r"|(?:increase|decrease|rise|drop|fall|growth|up|down)\s(?:of|by)\s$"
)
"""A change (增加11例, an increase of 95) is not a count."""
ZH_NOT_A_HEAD_BEFORE_RE = re.compile(
    r"(?:(?:较|比)[^,。;\d]{0,6}?(?:少|多)"
    r"|增加|增长|减少|下降|新增了|多了|少了|上升"
    r"|挽救|拯救|救活|救治|造福|惠及)了?\s?(?:约|近|超过|逾)?\s?$"
)
"""Before a Chinese count of persons: a change (较前年少10人, 增加了5人) or the saved (挽救了3名
患者: recipients of a donation, not its donors)."""
ZH_ATTENDEES_AFTER_RE = re.compile(
    r"[^,。;\d]{0,6}?(?:[参叁](?:加|与)|出席|到场|观看|聆听)(?:了)?"  # 參加 normalizes to 叁加
)
"""500多名市民参加了宣传活动, 300余名医护人员参加了培训: people at an event, no headcount of
donors, staff or patients."""
ZH_PER_ONE_AFTER_RE = re.compile(r"[一每](?:个|颗|枚|名)")
"""平均13名病人轮候一个器官: persons per one thing, a ratio."""
NOUN_MODIFIER_AFTER_RE = re.compile(r"^\s?的(?:中心|医院|单位|家|机构)")
"""年手术数量大于75例的中心: a threshold describing other things, not a figure."""
EN_STOREY_RE = re.compile(r"(?:stor(?:e?y|ied)|floor)\s")
"""'Its 10-story organ transplantation building': the number counts floors."""
EN_NOT_OPS_AFTER_RE = re.compile(
    r"^\s(?:cent(?:er|re)s?|hospitals?|units?|programs?|programmes?|institutions?|institutes?"
    r"|facilities|wards?|departments?|teams?|licen[cs]es?|societ(?:y|ies)|registr(?:y|ies))\b"
)
"""'three transplant centres', '81 certified transplant centers': the counter names a place."""
UNIT_SUBJECT_RE = re.compile(
    r"(?:^|\s)(?:the|this|our|its|that)\s(?:[a-z-]+\s){0,2}"
    r"(?:cent(?:er|re)|department|ward|division|unit|institute)\s"
)
"""'The center has 90 beds': the beds of the unit the text speaks of, not the hospital."""
EN_BEDS_OF_BUILDING_RE = re.compile(
    r"(?<![a-z])(?:building|tower|complex)\s(?:[a-z]+\s){0,2}?(?:with|has|had|have|houses|holds"
    r"|contains|provides)\s(?:[a-z]+\s){0,2}$"
)
"""'a 20-story surgical care building with 900 beds', 'The new building has 500 beds': beds of a
building, whose owner the words before it name."""
EN_PRONOUN_HAS_RE = re.compile(
    r"^\s*(?:it|its\s[a-z-]+)\s(?:[a-z]+ly\s|now\s|also\s)?(?:has|had|have|owns|includes"
    r"|contains|houses|holds)\s(?:[a-z-]+\s){0,2}$"
)
"""'It currently has 79 open beds': a sentence whose subject is the unit of the sentence before."""
EN_UNIT_LEAD_RE = re.compile(
    r"^\s*(?:(?:in|by|since|as of)\s[^,]{1,30},\s)?(?:the|its|this|our|their)\s"
    r"(?:[a-z0-9'’-]+\s){0,8}?(?:department|cent(?:er|re)|discipline|institute|ward|division"
    r"|unit|section)(?![a-z])"
)
"""The unit a sentence opens with as its subject ('The kidney transplant discipline of the
urology department, led by ..., is ...'), up to its noun."""
EN_PRONOUN_SUBJECT_RE = re.compile(
    r"^\s*(?:it|its\s(?:[a-z-]+\s){0,2}?(?:team|staff|personnel|workforce))\s"
    r"(?:[a-z]+ly\s|now\s|also\s)?(?:has|had|have|employs|employed|includes|included|counts"
    r"|boasts)\s"
)
"""'It now has 52 beds and 48 employees', 'Its medical team has 70 staff': a sentence whose
subject is the unit of the sentence before (read with EN_UNIT_LEAD_RE there)."""
EN_HOSPITAL_SUBJECT_RE = re.compile(
    r"^\s*(?:the|this|that)\s(?:(?!(?:of|and|with|in|at)\s)[a-z0-9-]+\s){0,3}?hospital(?:\s|,)"
)
"""'This hospital owns the largest medical center ... and has over 4,200 beds': a sentence
whose subject is the hospital counts the hospital's beds, whatever unit it names on the way."""
YEAR_PREPOSITION_RE = re.compile(
    r"(?:^|\s)(?:in|since|by|during|from|until|to|through|of|before|after)\s$"
)
TAIWAN_CUE_RE = re.compile(r"台湾|新台币|台币")
HONG_KONG_CUE_RE = re.compile(r"香港|本港|港府|港人|港元|港币")
"""A yuan amount without RMB in a sentence naming Hong Kong is in Hong Kong dollars."""
EXPLICIT_CNY_RE = re.compile(r"人民币|rmb|cny|yuan|¥")
LIST_JOIN_RE = re.compile(
    r"\s?(?:[a-z-]+\s){0,2}(?:and|or)\s|\s?(?:、|和|及)\s?"
    r"|\s(?:[a-z-]+\s)?(?:kidney|liver|heart|lung|pancreas|cornea|intestine)s?,\s"
)
"""'2381 domestic and 2518 overseas kidney transplants', '2766、4080、5146、6302例', '300
kidney, 120 liver and 50 heart transplants' (a comma after an organ): the counter of the
last item serves every item of the list. Matched at a position
(``match(text, pos)``), so no ``^``."""
DOC_CONTEXT_CHARS = 80
"""Characters before a figure searched for a transplant word when its sentence has none
(table rows and list items under a heading)."""
SUBSET_CUE_RE = re.compile(r"^\s?(?:including|of which|of whom|among them|其中|包括)")
"""'..., including nearly 300 living-donor kidney transplants': a subset keeps the indicator
of the figure it is part of."""
HYPOTHETICAL_RE = re.compile(
    r"would (?:require|need|take|have)|only needs?|would only|如果|假如|假设|假若|若要"
    # 'funding will allow seven more lung transplants a year': what money would make possible
    r"|(?:will|would) (?:allow|enable)"
)
ZH_TARGET_RE = re.compile(r"目标|预计|力争|争取|规定|规划|将达到|有望|应(?:超过|达到)|应\s?$")
ZH_OFFER_RE = re.compile(
    r"促销|推出了?[^,。;\d]{0,4}免费|(?:发起|启动|开展)[^,。;\d]{0,6}免费"
    r"|免费[^,。;\d]{0,10}(?:计划|计画|名额|活动)"
)
"""推出了免费20例肝移植手术, 发起10例免费儿童肝移植计划, 减免费用以"促销",前5例...: cases
offered free or cheap (a promotion), not transplants done (GUIDE.md: targets for the
future carry no figure)."""
ZH_CONTRAST_RE = re.compile(r"但是|但|然而|可是|而")
"""但2021年...才775台: a contrast starts a new assertion; a target before it does not reach."""
"""In the sentence before a Chinese figure: a target, a forecast or a rule's threshold
(规定六年内...少于四例), not a stated value."""
"""A figure in a hypothetical ('100 transplants a year would require no more than 10
beds') is the writer's reasoning, not a stated value."""
DONATION_LEFT_CUE_RE = re.compile(
    r"捐献(?!者)|捐赠(?!者)|捐出|器捐(?!者)|donat|procure"
    # the bare verb in speech, straight before its count: 共捐29例, 一年能捐5~10个, 捐了6例
    r"|捐(?=了?\s?(?:[\d一二两三四五六七八九十]|近|约|上|$))"
)
"""Before a count, a donation word (not 捐赠者, the donor as a person taken from)."""
SENIOR_NOUN_RE = re.compile(r"高级职称|副高|正高|高职|senior")
RANKING_CUE_RE = re.compile(
    r"居首位|居次|夺冠|排行|排名|前三名|其次为|名列|ranked|ranking"
    r"|place(?<=(?:st|nd|rd|th)\splace)(?![a-z])|came in"
    # 称霸, 第2名; 'topped the list with 109', 'performed the most ... at 77 cases'
    r"|称霸|(?<!\d)第\s?(?:[2-9]|[二三四五六七八九十])\s?名"
    r"|(?<![a-z])top(?:ped|s)?\sthe\s(?:list|ranking|table)(?![a-z])"
    r"|(?<![a-z])(?:performed|performing|recorded|recording|did|doing|carried out|conducted)"
    r"\sthe\smost(?![a-z])"
)
"""Hospitals ranked by their counts compare counts of one period (健保公布…排行)."""
EN_DONOR_KIND_RE = re.compile(r"(?<![a-z])(?:living|live|deceased|dead|cadaver(?:ic)?)(?![a-z])")
"""'58 deceased donors, 7 living donors' in a breakdown of transplants: the donor kind of the
transplants, not a count of donors."""
SUBSET_BEFORE_RE = re.compile(r"(?:among them|of which|of whom|其中)[,\s]?\s?$")
COHORT_ITEM_BEFORE_RE = re.compile(
    r"(?:\(|;\s?|,\s?)(?:n\s?=|(?:kts?|lts?|ot|ldlt|ddlt|kidney|liver|heart|lung)\s?[,:=])\s?$"
)
"""'(n = 295)', '(KT, 977; LT, 1229)': the size of a group of the transplants just counted."""
FURTHER_BEFORE_RE = re.compile(r"(?:a further|another|an additional|a total of another)\s$")
"""'The centre did 200 liver transplants in 2009. A further 40 were done in 2010.'"""
SUBSET_AFTER_RE = re.compile(
    r"(?:\sor so)?(?:\s\([^()]{0,12}\))?\s(?:of which|of whom|of them|of those|of these)(?![a-z])"
)
"""'150 of which were carried out by one doctor', '300 of them living donor', '40 or so of
those come from ...', '111 (90%) of these': a subset of the transplants just counted."""
EN_DONOR_KIND_PART_AFTER_RE = re.compile(
    r"\)?(?:\s\([^()]{0,12}\))?\s(?:were|was|involved|used|came|had)\s"
    r"(?:(?:performed|carried out|done)\s)?(?:(?:with|from|of)\s)?(?:organs\s(?:from|of)\s)?"
    r"(?:the\s)?(?:living|live|deceased|cadaveric|dead|brain[- ]dead|related|unrelated)\s"
    r"donors?(?![a-z])"
)
"""'..., 40 were from living donors', 'of which only 61 were of living donors', '(5,978)
were performed with organs from living donors': the part of the transplants just counted
that one kind of donor gave, its noun left out (en22: heldout2, heldout6, heldout15)."""
EN_OUTCOME_PART_AFTER_RE = re.compile(
    r"\s(?:are|were|is|was|remain|remained|have|had)?\s?(?:still\s|now\s)?"
    r"(?:alive|living|dead|surviv|died|lost|rejected|failed)"
)
"""'..., 27 are still alive', '..., 5 died': an outcome of a part, no count of its own."""
OF_THE_PARENT_BEFORE_RE = re.compile(r"(?:^|[.;:]\s?|\n)of the\s[^.;:\n]{3,90},\s$")
"""'Of the 124 live kidney transplants performed in 2016, 111 were ...': the number after
the clause naming its whole is a part of that count (the figure before it)."""
EN_OF_THE_TRANSPLANTS_AFTER_RE = re.compile(
    r"\)?(?:\sor so)?\sof\s(?:the|those|these|all)\s(?:[a-z-]+\s){0,2}?"
    r"(?:transplants|transplantations|transplant operations|transplant surgeries)(?![a-z])"
)
"""'26 of the transplants were from living donors', '82% (27,628) of the transplants': a
bare number naming its noun after 'of the' counts transplants."""
CELL_FOUNDED_YEAR_RE = re.compile(
    rf"(?m)^[^\n|]{{0,30}}(?:移植中心|移植研究所|移植科|研究中心|研究所)[ \t]*\n(?:[ \t]*\n)?"
    rf"[ \t]*(?P<year>{YEAR})[ \t]*$"
)
"""A table written one cell per line (hospital, centre, year founded, counts): a cell that is
only a year, right under a cell naming a (transplant) centre, is the year it was founded."""
CELL_UNIT_END_RE = re.compile(r"(?:中心|研究所|移植科)[ \t]*\n")
"""A cheap gate for CELL_FOUNDED_YEAR_RE: a line ending in a centre's name."""
TRANSPLANT_BEFORE_CELL_END_RE = re.compile(r"移植\s?$")
"""开展肾移植103 at the end of a cell: the number counts the transplants named before it."""
BARE_TRANSPLANT_AFTER_RE = re.compile(
    r"\s?(?:[肝肾心肺胰]脏?|器官)?移植(?!中心|医院|科|病房|病区|资质|项目|技术|团队|机构|单位)"
)
"""A number straight before a transplant noun counts transplants (完成1.6万器官移植)."""
ADJACENT_DIGITS_RE = re.compile(r"^([一二两三四五六七八])([二两三四五六七八九])([十百千]?[万亿]?)$")
"""五六千, 三四周, 一两天, 两三个月, 五六十万 (500,000 to 600,000: the multiplier may be
compound): a range (GUIDE notes of heldout4: 最快的一兩天 → 1 day at least; heldout3's
快的三两天 → 2 to 3 days)."""
ADJACENT_TENS_RE = re.compile(
    r"([一二三四五六七八九]?)十(?=[一二三四五六七八][二三四五六七八九][百千万]?$)"
)
"""十五六万, 二十三四: the tens before two consecutive units, a range (150,000-160,000)."""
ZH_COMMA_ADJACENT_RE = re.compile(
    r"([一二两三四五六七八])、(?=([二三四五六七八九])[十百千万]"
    r"(?![十百千万零〇○一二三四五六七八九]))"
)
"""三、四十例, 兩、三百台: a digit, 、 and the next digit with a multiplier, a range (30 to 40,
200 to 300) written as a list of its first digits."""
ZH_DIGIT_VALUES = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SURGEON_RANK_RE = re.compile(r"chief|associate|attending|professor|主任医师|副主任|主治医师|教授")
"""Ranks that list a unit's surgeons ('3 chief surgeons', '6 attending physicians')."""
EN_CHANGE_TO = (
    r"(?:rose|risen|jumped|climbed|soared|surged|increased|grew|grown|fell|fallen|dropped"
    r"|declined|decreased|doubled|tripled|trebled|shrunk|shrank)\sto"
)
"""A change told with its new level ('jumped to', 'had tripled to', 'has risen to'): the
number after it is the count of the noun before."""
NUMBER_OF_RE = re.compile(
    r"number of\s(?P<noun>[a-z' -]{2,60}?)\s(?:\([^)]{0,20}\)\s)?(?:in [a-z ]{2,30}\s)?"
    r"(?:has |had |have )?(?:been )?(?:reached|was|were|is|are|stood at|totall?ed|hit"
    r"|exceeded|exceeds|exceed|surpassed|topped"
    # a change told with its new level: 'jumped to', 'had tripled to', 'has risen to'
    rf"|{EN_CHANGE_TO}"
    # 'fell by 4% from 5,233 to 5,033': both ends of the change
    r"|(?:fell|rose|dropped|declined|increased|decreased|grew)(?:\sby\s[\d.]+\s?(?:%|percent))?"
    r"\sfrom(?:\s[\d,.]+\s(?:in\s\d{4}\s)?to)?)"
    r"\s(?:about\s|nearly\s|almost\s|more than\s|over\s|some\s|below\s|under\s|less than\s"
    r"|fewer than\s|as (?:high|many|low|few) as\s)?$"
)
"""'The number of people who donated organs ... reached 5,810', 'the number of patients on the
list fell from 5,233 to 5,033': the noun is the counter."""
EN_NUMBER_BACK_RE = re.compile(
    r"(?<![a-z])(?:the\s(?:(?:annual|yearly)\snumber\s|number\s(?=in|for|of))"
    r"|(?:that|this)\snumber\s)"
    r"(?:(?:in|for)\s(?:\d{4}|that year|the same year)\s"
    r"|of\s(?:these|such|those)\s(?:operations|surgeries|procedures|cases)\s(?:in\s\d{4}\s)?"
    r"|of\s(?P<own>[a-z' -]{0,40}?transplant(?:s|ations?)?)\s(?:in|for)\s\d{4}\s)?"
    r"(?:\(\s?$|(?:has |had |have )?(?:been )?"
    rf"(?:was|were|is|reached|stood at|hit|totall?ed|{EN_CHANGE_TO})"
    r"\s(?:about\s|approximately\s|nearly\s|almost\s|more than\s|over\s|some\s)?$)"
)
"""'the annual number had tripled to 5,192', 'that number had risen to approximately 10,000',
'the number of these operations fell to 310', 'the number in 2016 was 120', 'the number for
2019 (64)': a count with no noun of its own, of the noun counted before it (the annual number
must say annual, yearly, a year or a demonstrative, 'that number', 'this number'; a bare 'the
number was' may count anything)."""
EN_BACK_NOUN_RE = re.compile(
    r"(?P<tx>transplant(?:s|ations?)?(?![a-z]))"
    r"|(?P<other>donors?|donations?|cent(?:er|re)s?|hospitals?|beds|units?|teams?|programs?"
    r"|programmes?|surgeons|patients|people|organs|authority|society|association|network"
    r"|committee)(?![a-z])"
)
"""The nouns a back-referring count may count: the last one before it decides (transplants,
or something else the rules leave)."""
EN_CHANGE_FROM_RE = re.compile(
    r"(?:fell|rose|dropped|declined|increased|decreased|grew)(?:\sby\s[\d.]+\s?(?:%|percent))?"
    r"\sfrom\s$"
)
"""'fell by 4% from 5,233 to 5,033': a change between two states, which are no range."""
EN_ON_LIST_RE = re.compile(r"(?:on|to|in)\sthe\s(?:[a-z-]+\s){0,3}?(?:wait)?list(?![a-z])")
"""'patients registered on the kidney transplant list', 'people on the organ transplant
waitlist': people on a list are a waiting list, though the list is named for transplants."""
EN_PEOPLE_NOUN_RE = re.compile(r"^(?:people|persons|candidates|adults|children|individuals)\s")
"""The people a 'number of' noun opens on ('the number of people on the ... waitlist')."""
WAITING_AFTER_RE = re.compile(
    r"\s(?:[a-z'-]+\s){0,3}(?:are|were|is|remain|remained|ha(?:ve|s|d) been)\s"
    r"(?:currently\s|still\s|now\s)?(?:put\s|placed\s)?"
    r"(?:waiting|on\s(?:the\s|a\s)?(?:[a-z]+\s)?wait(?:ing)?\s?list)"
    r"|\swaiting\s(?:for|on)\s"
)
"""'Close to 400 British Columbians are currently waiting': people waiting, whatever noun."""
EN_NEED_AFTER_RE = re.compile(
    r"\s(?:[a-z'-]+\s){0,3}?(?:are\s|were\s)?(?:currently\s|still\s|now\s)?"
    r"(?:(?:need|needs|needed|require|required|in\sneed\sof)\s(?:an?\s)?(?:new\s)?"
    r"(?:[a-z-]+\s){0,2}?(?:transplant|organ|kidney|liver|heart|lung|cornea)"
    r"|(?:waiting|awaiting)\s(?:for\s)?(?:an?\s)?(?:new\s)?(?:[a-z-]+\s){0,2}?"
    r"(?:transplant|organ|kidney|liver|heart|lung|cornea)"
    r"|on\s(?:an?\s|the\s)?(?:[a-z-]+\s){0,3}?(?:registry|register|database|list)"
    r"\s(?:awaiting|waiting\sfor)\s(?:an?\s)?(?:new\s)?(?:[a-z-]+\s){0,2}?"
    r"(?:transplant|organ|kidney|liver|heart|lung|cornea))"
)
"""'250,000 of them need kidney transplants', '21,000 Britons currently waiting for organs',
'4,200 Australians were on a national registry awaiting an organ': a bare number followed by
the verb of people who need or await an organ counts those people (the waiting list),
whatever noun (a demonym, 'of them') names them; on a list only when what they await is an
organ or a transplant ('600 are on a list waiting for dorm rooms' is no waiting list)."""
EN_NEED_GATE = ("need", "wait", "requir")
"""Words one of which EN_NEED_AFTER_RE's match holds: a cheap test before it."""
ORDINAL_PERIOD_RE = re.compile(
    r"(?:今年|本年|当年|去年|本月|this year's|last year's)\s?(?:的|度)?\s?第?\s?$"
)
"""他今年第100台, 'this year's 50th': an ordinal counted within a named period is that
period's count, not a running total."""
_ORDINAL_HEAD = (
    r"^(?:\s?(?:st|nd|rd|th)?\s(?:[a-z/-]+\s){0,3}?(?:transplants?|surger(?:y|ies)|operations?"
    r"|procedures?|cases?))?"
)
ORDINAL_PERIOD_AFTER_RE = re.compile(
    _ORDINAL_HEAD + r"\s(?:(?:of|for|in)\s(?:the|this)\s(?:calendar\s|fiscal\s)?(?:year|month|week)"
    r"|this\s(?:year|month|week)|of\s(?:19|20)\d\d)(?![a-z\d])"
)
"""'its 175th transplant of the year', 'the 12th surgery this month', 'our 80th case of 2017':
an ordinal counted within a named period, written after the figure (like ORDINAL_PERIOD_RE
before it). 'Its 2,000th transplant in 2019' names the year a running total passed a mark and
stays a running total."""
EN_DEMAND_BEFORE_RE = re.compile(
    r"(?<![a-z])demand\s(?:for\s(?:[a-z-]+\s){1,3})?(?:is\s|was\s|stands\sat\s|stood\sat\s"
    r"|reached\s|of\s|at\s|(?:is\s|was\s)?estimated\sat\s)(?:about\s|around\s|nearly\s|over\s"
    r"|more than\s|some\s|roughly\s)?$"
)
"""'The annual demand for kidneys is estimated at 50,000', 'put annual worldwide demand at
90,000': the people who need a transplant (GUIDE: waiting lists)."""
EN_STAFF_OF_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:a|its|the)\s(?:[a-z-]+\s)?(?:staff|workforce)\sof\s(?:about\s|around\s"
    r"|nearly\s|over\s|more than\s|some\s)?$"
)
"""'The liver transplant center has a staff of 85': the staff counted by the number after."""
EN_ORGANS_YIELDED_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:resulting in|yielding|producing|providing|which provided|which yielded"
    r"|that provided)\s(?:about\s|around\s|nearly\s|over\s|more than\s|some\s)?$"
)
"""'450 deceased donations, resulting in 1,300 organs': the organs the donations gave."""
EN_PER_DONOR_RE = re.compile(
    r"(?<![a-z])(?:each|every|per|an average)\s(?:[a-z]+\s)?donor(?![a-z])"
)
"""'Each donor provides on average 3.2 organs': organs per donor, a ratio."""
EN_OTHER_COST_RE = re.compile(
    r"(?<![a-z])(?:drugs?|medicines?|medications?|anti-rejection|immunosuppress[a-z]*|follow-up"
    r"|check-ups?|tests|examinations|hotel|accommodation|travel|flights?|airfare"
    r"|(?:ha?emo)?dialysis|profits?)"
    r"(?![a-z])[^,;]{0,30}$"
)
"""'drugs cost another 30,000 yuan a year', 'hemodialysis will cost up to 70,000 yuan', 'made a
profit of Rmb20,000': another line of the costs than the transplant, another treatment's, or
what a broker made on it (GUIDE: cost breakdowns, broker chains), named just before the amount
in its clause."""
EN_ONE_IN_BEFORE_RE = re.compile(
    r"(?<![a-z\d])(?:one|1)\sin\s(?:every\s)?$|(?<![a-z])(?:out\s)?of\severy\s$"
)
"""'only one in 30 patients ...', '3 to 5 of every 10 grafts': the denominator of a ratio, no
count."""
EN_WAITING_PART_BEFORE_RE = re.compile(
    r"(?:among (?:them|these|those)|of (?:them|these|those|whom|which))[,\s]?\s?$"
)
EN_WAITING_PART_VERB_RE = re.compile(
    r"(?:\sof (?:them|these|those|whom|which))?\s(?:(?:are|were|is|was)\s(?:for|awaiting|waiting"
    r"|in need)|await|wait|need|requir|seek)"
)
"""A part of a waiting list counted after it ('..., 1003 of which were awaiting kidney
transplants', 'Among these, 600 need kidneys', 'Of the 900 patients seeking ..., 850 are for
kidneys'): a bare number followed by a verb of waiting or needing."""
EN_WAITING_ITEM_GAP_RE = re.compile(r"\s?(?:(?:[a-z-]+\s){0,2}?[a-z-]+)?(?:,\s(?:and\s)?|\sand\s)")
EN_WAITING_ITEM_RE = re.compile(
    r"\s(?:kidney|liver|heart|lung|pancreas|pancreases|cornea|intestine)s?(?=\s?[,.;]|\sand\s|$)"
)
"""The next items of that part, the verb left out: '600 need kidneys, 150 livers and 40
corneas'."""
ORDINAL_PERSON_RE = re.compile(
    r"(?:st|nd|rd|th)\s(?:[a-z-]+\s){0,2}(?:person|patient|recipient|case)"
)
EN_TX_ABBREV_DONE_AFTER_RE = re.compile(
    r"\s(?:ot|ht|htx|ltx|ktx|ldlt|ddlt)s?\s(?:(?:were|was|have been|had been)\s)?"
    r"(?:performed|done|carried out|conducted)(?![a-z])"
)
"""'129,681 OT performed worldwide', '487 HT were performed': a transplant abbreviation the
counter table lacks (OT, HT also name other things: read only before a verb of operating)."""
RECEIVED_AFTER_RE = re.compile(
    r"\s(?P<who>(?:[a-z]+\s){0,2}?)(?:(?:a|each|every)\syear\s|annually\s)?"
    r"(?:(?:are|were|is|was)\s(?:believed|estimated|thought|said|reported|known)\sto\s)?"
    r"(?:(?:have|has)\s)?"
    r"(?:(?:underwent|undergone|received|receive|undergo|had|got|get)\s"
    r"(?:the\s|a\s|an\s|their\s)?(?:[a-z-]+\s){0,2}(?:operations?|surger(?:y|ies)|transplant)"
    # transplant tourists: '250 taiwanese go to china for kidney transplants', 'about 30
    # patients head overseas every year for organ transplants'
    r"|(?:travel+(?:s|ed)?|go|goes|went|gone|head(?:s|ed)?)\s(?:abroad|overseas|to\s[a-z]+)"
    r"\s(?:(?:a|each|every)\syear\s)?for\s(?:[a-z-]+\s){0,3}?transplant)"
)
"""'only 1,500 underwent the operation', '4,000 received the life-saving operation', '800
Malaysians a year are believed to have had kidney transplants', '250 Taiwanese go to China
for kidney transplants': a bare number followed by the recipients' verb, or by travel for a
transplant, counts transplants (``who``, the words for the persons, must not name staff)."""
STAFF_OR_SURGEON_WORD_RE = re.compile(
    r"(?<![a-z])(?:surgeons?|doctors?|physicians?|nurses?|staff|specialists?|students?"
    r"|professors?|experts?|coordinators?|trainees?)(?![a-z])"
)
"""The persons a recipients' verb must not count: staff who were trained or went abroad."""
EN_SURGICAL_VOLUME_BEFORE_RE = re.compile(
    r"(?:surgical|surgery|operation|operating)\s(?:volume|count|total)\s(?:of|was|is|reached"
    r"|stood at|exceeds|exceeded|totall?ed)\s(?:about\s|around\s|nearly\s|over\s|more than\s)?$"
)
"""'an annual surgical volume of 105,000': a bare number naming surgeries."""
EN_BARE_PER_YEAR_RE = re.compile(r"\s(?:a|per|each|every)\syear(?![a-z])|\s(?:annually|yearly)")
"""'Instead of 10,000 a year, ... 60,000 to 100,000 transplants a year': a bare number per year
in a sentence about transplants counts transplants."""
EN_RECEIVE_ONE_AFTER_RE = re.compile(
    r"\s(?:[a-z]+\s){0,2}?(?:receive|received|get|got|undergo|underwent)\s(?:one|it)(?![a-z])"
)
"""'300,000 patients need transplants ..., but only about 10,000 receive one': recipients of
the transplant the sentence named."""
NEED_MODS_RE = re.compile(
    r"(?<![a-z])(?:needs?|needing|needed|requires?|requiring|required|awaiting)(?![a-z])"
)
"""'two million Chinese need organ transplants', '6,000 needed cornea transplants', '900
awaiting kidney transplants': people who need one, in any tense, are a waiting list."""
EN_ELLIPSIS_LEFT_RE = re.compile(
    r"(?:(?<![a-z])(?:from|to|compared (?:to|with)|versus|vs\.?|amounts? to|amounted to|reached"
    r"|accounted for"
    r"|totall?ed|stood at|between)|(?P<and>(?<![a-z])and))"
    r"\s(?:about\s|around\s|nearly\s|almost\s|over\s|more than\s|some\s|only\s"
    r"|less than\s|fewer than\s|under\s|below\s|above\s|an average of\s|a total of\s)?$"
)
"""English words before a bare number that continues a count named earlier in its sentence:
'grew from 18,597 to 19,859', 'decreased to 52 ... compared to 162', 'amount to 19,417',
'2,766 donors in 2015 and 4,080 in 2016' (after 'and' only with its own year), 'kidney
transplants accounted for 768'."""
EN_ELLIPSIS_RIGHT_RE = re.compile(
    rf"(?:\s?\([^()]{{0,24}}\))?(?P<year>\s(?:in|during|by)\s(?:the\send\sof\s|[a-z]+\s)?{YEAR}"
    r"(?!\d))?"
    r"(?:\s?[,.;)]|\s(?:to|in|and|compared|versus|this|last|during|from|as of|annually|over"
    r"|now)(?![a-z])"
    r"|\s(?:a|each|per)\syear(?![a-z])|\s?$)"
)
"""What may follow such a number: a parenthesis ('(1.09 pmp)'), its year ('in 2016', 'by the
end of 2014'), then the end of the phrase."""
EN_ELLIPSIS_SUBJECT_RE = re.compile(
    r"(?P<waiting>(?<![a-z])(?:(?:a)?waiting\s(?:for\s)?|in\sneed\sof\s|(?:who\s)?need(?:ing)?\s)"
    r"(?:an?\s|new\s)?(?:[a-z-]+\s){0,2}(?:transplant|organ)[a-z]*"
    r"|(?<![a-z])(?:on|joined|put on)\s(?:the\s)?"
    r"(?:(?:organ|transplant|kidney|liver|heart|lung|national)\s){0,3}wait(?:ing)?[\s-]?list)"
    r"|(?P<ops>transplant[a-z]*(?:\s(?:from|using|with)\s(?:[a-z-]+\s){0,2}donors?(?![a-z]))?"
    r"|(?<![a-z])(?:kts?|lts?|ldlt|ddlt)(?![a-z]))"
    r"|(?P<organs>organs(?:\s(?:[a-z]+\s)?(?:donated|procured))?)(?![a-z])"
    r"|(?P<donors>donors?|donations?|donated)(?![a-z])"
    r"|(?P<beds>(?<![a-z])beds)(?![a-z])"
)
"""The noun a continued count counts, the last one named before it in the sentence ('expanded
its transplant beds from 40 to 120': beds, not transplants)."""
EN_ELLIPSIS_BLOCK_RE = re.compile(
    r"per\s\d|(?<![a-z])(?:scores?|ages?|aged|rates?|ratios?|index|levels?|pmp|per million"
    r"|times|hours"
    r"|days|weeks|months|years old|costs?|prices?|fees?|yuan|dollars|rmb|usd|survival"
    r"|hospitals|cent(?:er|re)s|institutions|facilities|doctors|surgeons|physicians|beds"
    r"|registered"
    r"|register|registrations?|volunteers|pledges?)(?![a-z])"
    r"|\$"
)
"""Words near that noun or between it and the number that make the number count or measure
something else ('the number of hospitals eligible for organ transplant to 300')."""
EN_FORECAST_RE = re.compile(
    r"(?<![a-z])(?:are|is|were|was)\s(?:[a-z]+ly\s)?(?:expected|projected|predicted|forecast"
    r"|likely|set|planned|due)\sto\s(?!have\s)"
)
"""'5,000 people are expected to donate', '16,000 operations are likely to be performed': a
forecast for the future, no figure (GUIDE.md: forecasts). Not 'are estimated to have had'."""
EN_FUTURE_DONE_AFTER_RE = re.compile(
    r"^(?:\s?(?:(?:-|–|to|or)\s?)?\d[\d,]*)?"
    r"(?:(?!\s(?:and|or|but|where|which|that|who|before|after|when|while|if|once)\s)"
    r"[^.;:!?,\d]){0,60}?\s(?:would|will)\sbe\s(?:performed|done|carried out|conducted)(?![a-z])"
)
"""After an English count (or a range's low end, whose right starts at the high end), with no
other number, comma or joining word between (the count is the verb's subject): the operations
are to come ('at least 15-20 more liver transplant surgeries would be performed in the
remaining two months'): a forecast, no figure (GUIDE.md: forecasts; h23r). Not '300 kidney
transplants and more will be performed', '200 beds where operations will be performed' (the
review of h23r)."""
EN_WILL_DO_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:will|shall)\s(?:[a-z]+ly\s)?(?:perform|carry out|conduct|undertake|do)\sthe\s$"
)
"""Right before an English ordinal: an operation to come ('will perform the 17th living-donor
liver transplant ... today'): a forecast, no figure (GUIDE.md: forecasts; h23r). Only 'will'
or 'shall' with 'the': 'is set to perform' and 'will do a' were measured to drop a true
figure on the pooled check halves."""
EN_TARGET_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:expects?\sto|aims?\sto|plans?\sto|hopes?\sto|hopeful\sthat"
    r"|targets?\s(?:of|to|is)|goal\s(?:of|is)"
    r"|will\s(?:finish|perform|complete|carry out|reach|increase|rise|grow|exceed))"
    r"\s(?:[^.;:!?,]{0,60}\s)?(?:to|exceed|another|reach)\s(?:(?:over|about|around|more than)\s)?$"
)
"""'the HA expects to increase the eye donor number to 500 in 2017', 'doctors were hopeful
that organ donations would rise to exceed 300 people', 'will finish another 50 cases in the
remaining months': a target or a hope for the future, no figure (GUIDE.md: targets). The
figure must be what the hope's 'to', 'exceed', 'another' or 'reach' takes, in one clause: a
plan named earlier in the sentence leaves a count stated beside it alone."""
EN_LONG_SPAN_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:for|in|over|during|within|after)\s(?:the\s)?(?:past\s|last\s|first\s)?$"
)
"""'functioning for 21 years', 'in 13 years': how long something has run, not a wait."""
EN_STRONG_WAIT_RE = re.compile(r"wait|how long|queue")
EN_DONOR_STATE_RE = re.compile(
    r"^\s*(?:the|a|one|this|that|each)\s(?:[a-z-]+\s)?donors?\s(?:was|were|had been|has been|is"
    r"|are|remained|stayed|lay)\s"
    r"(?!(?:[a-z]+ly\s)?(?:found|located|identified|matched|available|obtained|secured|sourced))"
)
"""'The donor was kept on life support for two days': how long the donor was in a state, which
WAIT_CUE_RE's 'donor' would read as a wait for one."""
EN_OTHER_RESULT_RE = re.compile(
    r"(?<![a-z])(?:results?|reports?|diagnos[ie]s|visas?|approvals?|replies|answers?)(?![a-z])"
)
"""'You will obtain the results in one or two days': the time to get something other than an
organ, which WAIT_CUE_RE's 'obtain' would read as a wait."""
EN_TIME_ADJECTIVE_RE = re.compile(r"-(?:days?|weeks?|months?|years?)\s(?!wait|queue|period)[a-z]")
"""'a three-month shutdown', '3-year survival': a duration qualifying another noun."""
EN_WAIT_CUE_RE = re.compile(
    r"(?<![a-z])(?:takes?|took|taking)\s[^.;]{0,30}?\bto\s(?:get|find|receive|obtain|match"
    r"|arrange|locate|secure|source)"
    r"|(?:get|obtain|receive|find)\s(?:a\s|an\s)?(?:new\s|suitable\s|matching\s)?"
    r"(?:kidney|liver|heart|lung|organ)"
)
"""'It takes about a week to get a kidney': the time to obtain an organ is a wait."""
EN_PARALLEL_ORGAN_RE = re.compile(
    r"^\s?(?:and\s|while\s|but\s)?(?:for|to get)\s(?:a|an)\s(?:[a-z]+\s)?"
    r"(?:kidney|liver|heart|lung|cornea|pancreas)(?:\stransplant)?\s(?:it\sis\s|is\s)?"
    r"(?:[\d.]+\s?(?:-|to)\s?)?$"
)
"""'The waiting time for a kidney is 2-4 weeks, for a liver 1-2 weeks': a clause naming only
another organ repeats the sentence's measure."""
EN_BETWEEN_BEFORE_RE = re.compile(r"(?<![a-z])between\s(?:about\s|around\s)?(?:rmb\s?|us\$|\$|¥)?$")
"""'between 250,000 and 300,000 yuan': 'and' joins the two ends of a range."""
EN_ORGAN_WITHIN_RE = re.compile(
    r"(?<![a-z])(?:a|an)\s(?:new\s|matching\s|suitable\s|donor\s|donated\s)?"
    r"(?:kidney|liver|heart|lung|organ)(?![a-z])(?!\s(?:unit|ward|cent|depart|program|failure))"
    r"[^.;]{0,40}?"
    r"(?:arrang|availab|provid|promis|secur|locat|ready|allocat)[a-z]*\s[^.;]{0,20}$"
    r"|(?:promis|offer|guarantee)[a-z]*\s[^.;]{0,30}(?:a|an)\s(?:[a-z]+\s)?"
    r"(?:kidney|liver|heart|lung|organ)\s$"
    r"|^\s?(?:of|after|upon)\s(?:their\s|his\s|her\s)?arrival"
)
"""'A liver could be arranged within one to four weeks', 'promised foreign patients a liver
within 2 weeks', 'within 3 days of arrival': how soon an organ comes is a wait."""
EN_WAIT_FOR_AFTER_RE = re.compile(
    r"^\s?(?:for|to get|to find|to obtain)\s(?:a\s|an\s)?(?:[a-z-]+\s)?"
    r"(?:kidney|liver|heart|lung|organ|transplant|donor)"
)
"""'1 week for a liver transplant', '1-2 months for a kidney': a list item's wait."""
LIST_LINE_MAX = 120
LIST_LINE_RE = re.compile(r"^\s*(?:[-•*·]|\d{1,2}[.)]\s|[^\n:：]{2,60}[:：])")
"""A line of a list: a bullet, a number, or 'Name:' before its value."""
LIST_HEAD_WAIT_RE = re.compile(r"wait|how long|等待|等候|轮候|等多久")
"""A list's heading that makes its durations waits ('Waiting times quoted by hospitals:')."""
EN_PER_DAY_WORDS_RE = re.compile(
    r"(?<![a-z])(?:(?:on|in|during)\s(?:one|a single)\s(?:day|night)(?![a-z])"
    r"|on the same (?:day|night)|within the same day|on that (?:day|night|morning)"
    r"|in the (?:morning|afternoon|evening|night) of)"
)
"""'On a single day in 2006, surgeons there carried out 8 liver transplants', '... on the same
day': the day is the count's scope."""
EN_DATE_LEAD_RE = re.compile(
    rf"\s*on\s(?:{_MONTHS}\s\d{{1,2}}|\d{{1,2}}\s{_MONTHS})(?:,?\s{YEAR})?(?![\d])"
)
"""'On April 5, 2005, the centre performed 16 kidney transplants': a count on one date."""
EN_EVENT_RE = re.compile(
    rf"simultaneous|at the same time|(?<![a-z])on\s(?:{_MONTHS}\s\d{{1,2}}|\d{{1,2}}\s{_MONTHS})"
    r"(?![\d])"
)
"""A sentence telling one event ('performed simultaneously in four operating rooms', 'on
April 30'): the rooms and people it names were busy that day, not what a unit has."""
EN_PAST_OPS_RE = re.compile(r"(?<![a-z])(?:performed|carried out|completed|conducted|did)\s")
EN_PER_DAY_AFTER_RE = re.compile(r"^\s(?:per|a|each|every|in a)\sday(?![a-z])|^\sdaily")
"""'a maximum of 12 transplants per day', '4 liver transplants a day': a count of one day."""
EN_RATE_BEFORE_RE = re.compile(r"(?<![a-z])rates?(?![a-z])|\sper\s\d")
"""'the rate of transplant decreased from 92.7 per 100 ... to 49.2 in 2011': the bare number
continues a rate, not a count."""
EN_ANNUAL_AFTER_RE = re.compile(
    r"(?<![a-z])(?:last|this|each|every|per|a) year(?![a-z])|annually|in a year(?![a-z])"
)
"""English per-year words later in the sentence, before any other number ('over a hundred
cases of ... transplants, ... last year'), make a bare count one of a period."""
EN_RATE_AFTER_RE = re.compile(
    r"^\s(?:per|for every)\s(?:\d|million|one million)|^\s?(?:pmp|p\.m\.p)(?![a-z])"
)
"""'92.7 transplants per 100 wait-list years', '116 transplants p.m.p.': a rate, not a count."""
EN_RANGE_TO_RATE_RE = re.compile(
    r"^\s?(?:to\s)?[\d.,]+\s(?:[a-z-]+\s){0,2}?(?:per|for every)\s(?:\d|million|one million)"
)
"""'from 7.8 to 11.4 donors per million population': the low end of a range of rates (what
follows the low end's figure is the high end and its rate)."""
EN_RATE_DENOMINATOR_BEFORE_RE = re.compile(r"(?<![a-z])(?:for every|per|for each)\s$")
"""'five organ donations for every one million people': the people are a rate's denominator."""
EN_OUT_OF_BEFORE_RE = re.compile(r"(?<![a-z])out of\s(?:every\s|each\s)?$")
EN_ROUND_BASE_RE = re.compile(r"(?:1|one|a)\s?million(?![a-z])|1,000,000(?![\d,])")
"""'three out of 1 million people each year donate organs': a million after 'out of' is a
rate's denominator, not a headcount ('out of 10,000 patients on the list' may be a list)."""
_EN_ORGAN_KIND_WORDS = (
    rf"{_alt([w for w in ORGAN_WORDS if w.isascii()])}|and|or|adult|pediatric|paediatric"
    r"|deceased|living|donor|cadaveric"
)
"""English words that only name organs and donor kinds, and 'and', 'or' joining them."""
EN_ORGAN_COORD_RE = re.compile(rf"^(?:(?:{_EN_ORGAN_KIND_WORDS})(?:\s|$))+$")
"""Words between a number and its counter that only name organs and donor kinds ('402
kidney and kidney-pancreas transplants'), so 'and' there joins organs, not figures."""
EN_MODIFIER_RUN_COUNTER_RE = re.compile(
    rf"(?:\+|-plus)?\s(?!(?:and|or)\s)"
    rf"(?P<mods>(?:(?:{_EN_ORGAN_KIND_WORDS}|successful"
    r"|chief|associate|deputy|senior|attending)\s){1,10}?)"
    r"(?P<counter>transplant(?:ation)?s|physicians|surgeons)(?![a-z])"
)
"""A counter after a long run of words that only name organs, donor kinds, success or staff
ranks, 'and' and 'or' ('400 successful adult and paediatric living and deceased donor liver
transplantations', '130 chief and associate chief physicians'): longer than EN_COUNTER_RE
reads, or with an 'and' its stop words refuse; the run qualifies the noun, nothing else.
A run opening on 'and' or 'or' would join another phrase to the number: not read."""
ORGAN_ITEMS_ALLOCATED_RE = re.compile(r"distribut|allocat|shared|(?:are|were|is|was)\savailable")
"""What becomes of organs counted by name: distributed, allocated, shared, made available
('only about 100 kidneys are available in a year': the organs the donors gave)."""
EN_TRANSPLANTS_LISTED_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:transplants|transplantations|transplant operations)(?:\s[^.;:,]{0,50}?)?\s"
    r"(?:included|include|includes|including|comprised|comprising|consisted of|were)\s"
    r"(?:(?:[\d,]+|[a-z]+)\s[a-z-]+(?:,\s(?:and\s)?|\sand\s)){0,8}$"
)
"""'Transplants done in 2000 included 60 kidneys, 54 livers, 6 hearts': organs counted by
name in a list that a count of transplants heads are transplants of those organs."""
EN_DONATED_THE_ORGAN_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:donated|donating|donates|gave|giving)\s(?:the|his|her)\s(?:[a-z-]+\s)?"
    r"(?:kidney|liver|heart|lung|cornea|pancrea)s?,?\s(?:and\s)?$"
)
"""'donated the liver and two corneas': the organs of one donor, named one after another."""
EN_ONE_BODY_BEFORE_RE = re.compile(
    r"(?:(?<![a-z])(?:the|a|one|this|that|his|her|their)\s(?:[a-z\d-]+\s){0,2}?"
    r"(?:son|daughter|boy|girl|man|woman|father|mother|husband|wife|child|patient|victim"
    r"|brother|sister)(?:'s|’s))\s$"
)
"""'the family had donated the son's three organs': the organs of one body after one person's
possessive, no count of organs donated or used."""
EN_ONE_OF_TWO_RE = re.compile(r"(?<![a-z])one of (?:the|his|her|their)\s(?:two|both|2)\s")
"""'donate one of the two kidneys': the pair of one body ('one of the 3,000 organs donated'
stays a count)."""
EN_PAIR_RE = re.compile(r"(?:two|both|2)\s")
"""A figure that is a pair ('two kidneys'): what one body has of an organ."""
_EN_SINGLE_ORGAN_NEXT = (
    r",?\s(?:and\s)?(?:a|an|one)\s(?:pair of\s)?(?:[a-z-]+\s)?"
    r"(?:liver|heart|kidney|lung|pancreas|cornea)s?(?![a-z])"
)
EN_SINGLE_ORGAN_AFTER_RE = re.compile("^" + _EN_SINGLE_ORGAN_NEXT)
"""'two kidneys, a liver, and a pair of corneas': organs listed beside a single one are one
body's."""
EN_ONE_BODY_LIST_RE = re.compile(
    r"(?<![a-z])(?:two|both|2)\s(?:kidneys|lungs|corneas)" + _EN_SINGLE_ORGAN_NEXT
)
"""'can help at least five people by donating two kidneys, a liver, and a pair of corneas':
the organs of one body, so the people helped are one donor's recipients (GUIDE.md: one
donation)."""
EN_TISSUE_MODS_RE = re.compile(
    r"(?<![a-z])(?:skin|bone|tissue|valve|marrow|islet|stem cell|cell|limb|hand|face|larynx)s?"
    r"(?![a-z])"
)
"""The words between a count and its counter naming a tissue or a cell or composite graft ('45
skin recipients', '6 bone grafts'): no organ transplant (GUIDE, heldout7)."""
TRANSPLANTING_BEFORE_RE = re.compile(r"transplant(?:ing|ed|s\sof)\s(?:[a-z]+\s){0,2}$")
"""'surgeons there transplanting 153 livers', 'completed transplants of at least 900 kidneys':
organs named as what was transplanted."""
EN_TRANSPLANTED_ORGANS_LIST_RE = re.compile(
    r"(?<![a-z])(?:transplanted|transplanting|transplants\sof)[,\s][^.;:]{0,200}?"
    r"(?<![a-z])(?:kidneys|livers|hearts|lungs|corneas|[a-z]+s)(?:\s(?:from|of)\s[a-z\s]{0,30}?)?"
    r"(?:,\s(?:and\s)?|\sand\s)$"
)
"""'has transplanted 900 kidneys, 120 livers and 30 hearts', 'transplanted, besides ..., 900
kidneys from living relatives, 120 livers': the next organs of a list that a verb of
transplanting heads, each counted by name (en22: heldout11, heldout15)."""
_EN_LISTED_ORGAN = (
    r"[a-z0-9][a-z0-9,.]*\s(?:[a-z-]+\s)?"
    r"(?:kidneys?|livers?|hearts?|lungs?|corneas?|pancreas(?:es)?|intestines?)"
)
EN_DONATED_ORGANS_LIST_RE = re.compile(
    r"(?<![a-z])(?:donated|donations?|donors)(?:\s[a-z]+){0,4}\s"
    rf"(?:{_EN_LISTED_ORGAN}(?:,\s(?:and\s)?|\sand\s))+$"
)
"""'The donated organs included four hearts, five lungs and ...', 'donations yielded 70 kidneys,
1 liver and ...': the next organs of a list of counted organs that a word of donation heads
(at most four words between, no comma, so 'Thanks to 40 donors, transplants included 60
kidneys, 30 livers' and 'the donor's organs included two kidneys, two lungs' are not
matched), each counted by name (organs donated, GUIDE). The list's first item reads the
donation in its own clause."""
EN_ORGAN_LIST_NEXT_RE = re.compile(
    r"^[^,;.]{0,40}?,\s(?:and\s)?[\d,]+\s(?:[a-z-]+\s)?(?:kidneys|livers|hearts|lungs|corneas)"
    r"(?![a-z])"
)
"""', 40,170 livers, and ...': the figure opens a list of organs counted by name."""
_EN_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)
EN_ORDINAL_VALUES = {w: i + 1 for i, w in enumerate(_EN_ORDINALS)}
_EN_ORD = rf"(?:{'|'.join(_EN_ORDINALS)}|\d{{1,3}}(?:st|nd|rd|th))"
EN_RANK_RE = re.compile(
    r"#\s?(?P<hash>\d{1,3})(?=\s(?:[a-z]+\s){0,3}?(?:in\s(?:the\s)?)?ranking)"
    rf"|(?:came in|ranked|ranks|ranking|placed|finished)\s(?:at\s)?(?P<verb>{_EN_ORD})(?![a-z])"
    r"|(?:ranked|ranks|ranking)\s(?:no\.\s?|number\s|#\s?)(?P<no>\d{1,3})(?!\d)"
    rf"|(?<![a-z])(?P<place>{_EN_ORD})\s(?:place|spot)(?![a-z])"
    rf"|(?<![a-z])the\s(?P<superl>{'|'.join(_EN_ORDINALS[1:])})[- ]"
    r"(?:highest|largest|most|busiest|biggest)(?![a-z])"
    r"|(?<![a-z])(?:in|among|into)\sthe\stop\s(?P<top>\d{1,2}|three|five|ten)(?![a-z\d])"
    r"|(?<![a-z])(?P<only>second)\sonly\sto\s(?:the\s)?(?:united states|u\.s\.|us|usa|america)"
    r"(?![a-z])"
    # a superlative of volume: 'the most liver transplants in the country', 'the UK's busiest
    # transplant centre', 'the largest number of kidney transplants in China'
    r"|(?:(?<!one of )(?<!among )(?<![a-z])the|'s|’s)\s(?:single\s)?"
    r"(?P<most>most|busiest|largest|biggest|highest)"
    r"(?=\s(?:[a-z'’-]+\s){0,5}?(?:transplant|kts?\b|lts?\b)"
    r"|\sof\sany\s(?:hospital|cent(?:er|re)|country|nation|program|unit|institution))"
)
"""An English volume rank: '#1 ranking', 'moving to #5 in the ranking', 'came in first
place', 'came in third', 'ranked No. 2', 'the second-highest number of transplants', 'among
the top 10' (at most), 'second only to the United States' (in the world). Read only in a
sentence about transplant volume (EN_RANK_VOLUME_RE)."""
EN_RANK_GATE_WORDS = (
    "#",
    "most",
    "second only",
    "rank",
    "place",
    "spot",
    "top",
    "came in",
    "finished",
    "highest",
    "largest",
    "busiest",
    "biggest",
)
"""Words one of which every EN_RANK_RE match contains or ends near: the rank pattern is run
only in a window around each (EN_RANK_WINDOW characters either side, the right end carried on
to the end of the run of words a superlative's look-ahead reads: ranks._en_rank_matches)."""
EN_RANK_WINDOW = 40
EN_RANK_VOLUME_RE = re.compile(r"transplant|(?<![a-z])(?:kts?|lts?)(?![a-z])|most active|volume")
EN_RANK_NOT_VOLUME_RE = re.compile(
    r"surviv|outcome|success rate|quality|satisf|reputation|research|academic|best hospitals|safety"
    r"|rated"
)
"""Ranks of survival, quality or reputation are not volume ranks (GUIDE.md: ranks)."""
EN_RANK_GLOBAL_RE = re.compile(r"world|global|international|on earth|only to")
EN_SUPERLATIVE_SCOPE_RE = re.compile(
    r"world|global|country|nation|china|chinese|the us\b|u\.s\.|america|the uk\b|britain"
)
"""Where a superlative of volume holds ('in the country', 'in China', 'worldwide'); one with
no scope ('the hospital with the most transplants') is no rank."""
EN_SUPERLATIVE_CONTINENT_RE = re.compile(
    r"(?<![a-z])(?:asia|asian|europe|european|africa|african|middle east|latin america)(?![a-z])"
)
"""A superlative within a continent or region of the world has no indicator."""
EN_SUPERLATIVE_SIZE_RE = re.compile(r"largest|biggest")
EN_MOST_COUNT_RE = re.compile(
    r"most\s(?:(?:[a-z'’-]+\s){0,5}?(?:transplants|transplantations|kts|lts)(?![a-z])|of\sany\s)"
)
"""'the most kidney transplants', 'the most of any hospital': 'most' of a count, not of a
quality ('the most common transplant')."""
EN_SUPERLATIVE_VOLUME_RE = re.compile(
    r"number of|volume|most transplants|annual|each year|per year|a year|record|hundreds of"
    r"|thousands of|(?:carr(?:y|ies|ying)\sout|perform(?:s|ing)?)\s(?:the\s)?(?:most|more)"
)
"""'Largest' or 'biggest' is a volume rank only when the sentence says by what (GUIDE.md:
superlatives): 'the largest number of transplants', 'carrying out hundreds of transplants
each year'."""
EN_RANK_CLAUSE_CUT_RE = re.compile(r",|;|\s(?:and|while|but)\s")
EN_MAINLAND_PROVINCES = (
    "beijing|shanghai|tianjin|chongqing|hebei|shanxi|shaanxi|liaoning|jilin|heilongjiang"
    "|jiangsu|zhejiang|anhui|fujian|jiangxi|shandong|henan|hubei|hunan|guangdong|hainan"
    "|sichuan|guizhou|yunnan|gansu|qinghai|inner mongolia|guangxi|tibet|ningxia|xinjiang"
)
"""The mainland's provincial-level divisions by their English names (Hong Kong, Macao and
Taiwan left out: a rank there may be the whole territory's)."""
EN_RANK_LOCAL_RE = re.compile(
    r"province|provincial|region|municipal|in the (?:city|state|county)|statewide"
    rf"|(?<![a-z])in\s(?:{EN_MAINLAND_PROVINCES})(?![a-z])"
)
"""A rank within a province, region or city has no indicator in the vocabulary: 'ranks
first in Shanghai', 'the largest number of lung transplants in Shanghai' (heldout4, 13)."""
EN_ADDED_AFTER_RE = re.compile(
    r"^\s(?:[a-z]+\s){0,2}(?:are|is|were|was|get|gets)\s(?:being\s)?added"
)
"""'1,500 patients are added to the waiting list each month': a flow, not the list's size."""
EN_DONATE_AFTER_RE = re.compile(
    r"\s(?:people\s|persons\s)?(?:donate[ds]?|have donated|had donated)\s"
    r"(?:their\s|his\s|her\s)?(?:organs?|kidneys?|livers?)"
)
"""'only 200 donate their organs': a bare number followed by the donors' verb counts donors."""
EN_ORGANS_GIVEN_RE = re.compile(
    r"contribut|deceased donors?|donors?\s(?:[a-z]+\s)?(?:giv(?:e|es|ing)|gave|who gave)(?![a-z])"
)
"""'deceased donors who contributed about 5,000 organs', '1,700 donors giving more than 5,000
organs': organs donated (living donors' organs are not annotated, so 'living' in the clause
keeps them out)."""
EN_CURRENCY_WORD_BEFORE_RE = re.compile(r"(?<![a-z])(?<!nt\s)(?<!hk\s)dollars?\s$")
"""'The mean cost for KT was dollar 21,000': the currency written as a word before the number."""
EN_FOREIGN_CURRENCY_RE = re.compile(
    r"(?:nt|hk|new taiwan|taiwan|hong kong|singapore|australian|canadian)\s?dollars?"
)
"""Dollars that are not US dollars ('7,734,540,000 NT dollars'): no indicator."""
EN_ORGAN_PRICED_AT_RE = re.compile(
    r"(?<![a-z])(?:kidney|liver|heart|lung|cornea|pancreas|pancreases|small intestine|intestine"
    r"|organ)s?\sat\s(?:(?:rmb\s?|us\$|\$|¥)?\d|$)"
)
"""A parallel price list ('livers at 260,000 yuan ($40,700), kidneys at 160,000 yuan'): an
organ priced at an amount, read in the sentence before the amount."""
EN_TRAINED_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:trained|trains|training|educated|cultivated)\s(?:(?:more than|over|about"
    r"|nearly|some|around)\s)?$"
)
"""'It has trained more than 300 transplant surgeons': people trained over the years, a flow,
not the unit's staff."""
EN_DONOR_PAID_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:donors?|sellers?|vendors?)(?:'s|’s)?\s(?:(?:only|just|himself|herself)\s)?"
    r"(?:received|receives|got|gets|was paid|were paid|is paid|are paid|earned|earns|kept|keeps"
    r"|pocketed)\s(?:(?:only|just|about|around|some|less than|under)\s)?(?:us\$|\$|rmb\s?|¥)?$"
)
"""'of which the donor received $5,000': what the seller of an organ got, not what the
patient paid."""
EN_SELLER_GETS_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:(?:people|those|persons?|men|women|villagers|donors?|sellers?)\s"
    r"(?:who\s(?:are\s)?)?sell(?:ing|s)?\s(?:their\s|a\s|an\s|one\s)?"
    r"|(?:sell|sells|selling|sold)\s(?:part of\s)?(?:his|her|their|one of (?:his|her|their))\s)"
    r"(?:[a-z]+\s)?(?:kidneys?|livers?|organs?|corneas?)"
    r"\s(?:(?:and|but)\s(?:had\s|has\s|have\s)?)?(?:(?:only|just)\s)?"
    r"(?:(?:received|receives|got|gets|earned|earns|asked|asks|wanted|wants|demanded|for|at)\s)?"
    r"(?:(?:only|just|about|around|some|less than|under|more than|over)\s)?"
    r"(?:us\$|\$|rmb\s?|¥)?$"
)
"""'while the people selling kidney only 4 million yuan', 'people selling kidneys only received
around 40,000 yuan', 'came to sell his kidney and had asked 200,000 yuan': what the seller of
an organ gets or asks, not what the patient pays (GUIDE.md heldout6: sellers' pay stays out).
'The kidney was sold for $35,000' (the organ as subject) is the buyer's price."""
EN_CONVERSION_TAIL_RE = re.compile(
    r"\d[\d,.]*\s(?:(?:million|billion)\s)?[a-z.]+(?:\s(?:dollars|yuan|rupees))?\s?\("
    r"(?:(?:about|around|approximately|roughly|some)\s)?(?:us\$|\$|rmb\s?|¥)?$"
)
"""'sold part of his liver for 40,000 yuan ($5,860)': the amount in parentheses restates the
one before it in another currency; what is said of that amount holds for it too."""
EN_PAID_OR_ASKED_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:(?:was|were|be|been|being|get|gets|got)\spaid|wanted|wants|asked|asks"
    r"|demanded|demands|received|receives|earned|earns)\s(?:(?:only|just|about|around|some"
    r"|less than|under|more than|over|up to)\s)?(?:us\$|\$|rmb\s?|¥)?$"
)
"""'were paid US$6000', 'had also wanted 200,000 yuan': money a person is paid or asks, read
with ``EN_FOR_OWN_ORGAN_AFTER_RE`` after the amount."""
EN_FOR_OWN_ORGAN_AFTER_RE = re.compile(
    r"\s?(?:[a-z]+\s)?(?:\([^)]{0,40}\)\s?)?(?:each\s)?for\s(?:his|her|their|one of (?:his|her"
    r"|their))\s(?:own\s)?(?:kidneys?|livers?|organs?|corneas?)(?!\s?(?:transplant|operation"
    r"|surgery))(?![a-z])"
)
"""'... for their kidneys', 'for his kidney': paid or asked for the person's own organ, a
seller's pay (GUIDE.md heldout6: sellers' pay stays out); 'for his kidney transplant' is
no organ of the seller's."""
EN_NOT_A_PRICE_RE = re.compile(
    r"(?<![a-z])(?:donors?\s(?:are|were|is|was|get|gets|got|received?)\s(?:paid|given|compensated)"
    r"|paid\sto\s(?:the\s|each\s)?donors?|compensation|totall?ing|in total|altogether"
    r"|worth a combined"
    r"|on medical (?:fees|bills|expenses))(?![a-z])"
)
"""Money that is no price of one transplant: what a donor is paid ('The donors are paid
US$1200'), a total over several patients ('medical costs totaling more than 7 million
yuan'), one patient's medical bills ('has spent 85,000 yuan on medical fees')."""
EN_ORGAN_FOR_AMOUNT_RE = re.compile(
    r"(?<![a-z])(?:kidney|liver|heart|lung|cornea|organ|transplant)s?\s(?:[a-z'’-]+\s){0,5}?"
    r"for\s(?:(?:about|around|only|just|as little as|up to)\s)?"
    r"(?:(?:rmb\s?|us\$|\$|¥|hk\$)?\d[^.;()]{0,40}(?:\([\d,. $-]*)?$|$)"
)
"""'You can get a new kidney on the mainland for 20,000 Hong Kong dollars (2,565 dollars)': an
organ or a transplant bought for an amount."""
EN_PRICE_ITEM_GAP_RE = re.compile(
    r"\s?[;\n]\s*(?:[-*•]\s*)?(?:(?:a|an|the|one|single|double|adult|child|living|deceased)\s)?"
    r"(?:kidney|liver|heart|lung|cornea|pancreas)s?(?:\s(?:transplant(?:ation)?s?))?\s?:?\s?"
    r"(?:(?:about|around|approximately|up to)\s)?"
    r"|\s?(?:-|–|~|to)\s?"  # the high end of a range: 'US$98,000-130,000'
)
"""Between two items of a price list, each led by its organ ('kidney US$62,000; liver
US$98,000-130,000', 'Kidney: $62,000\nLiver: $98,000'): the next item keeps the price."""
EN_AMOUNT_FOR_ORGAN_AFTER_RE = re.compile(
    r"^\)?\s?(?:\([^()]{0,40}\)\s?)?(?:each\s|apiece\s)?for\s(?:(?:a|an|the|one|each)\s)?"
    r"(?:[a-z-]+\s){0,2}?(?:kidney|liver|heart|lung|cornea|pancreas|organ|transplant)s?"
    r"(?![a-z])(?!(?:\s(?:organ|transplant(?:ation)?|kidney|liver|heart|lung)s?)*"
    r"\s(?:research|programs?|projects?|cent(?:er|re)s?|departments?|wards?|buildings?|funds?"
    r"|units?|teams?|facilit))"
)
"""'It's half a million yuan (about $70,000) for a single lung', '$60,000 each for a kidney':
the organ or transplant bought named after the amount, past a converted amount in
parentheses (which ends the amount's clause)."""
EN_PART_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:including|of which|of whom|among them|with)\s"
    r"(?:about\s|nearly\s|more than\s|over\s|some\s)?$"
)
EN_PART_WHERE_RE = re.compile(r"\s(?:are\s|were\s)?(?:in|at|for|on)\s")
"""'1,200 beds, including 60 in its transplant ward': a part of the figure before, counted in
its unit, and placed by what follows."""
EN_ONE_RANKED_RE = re.compile(r"\s(?:chief|associate|attending|deputy)\s")
"""'one chief surgeon, 3 associate chief surgeons': a one in words before a rank is a count
in a staffing list, not an article."""
EN_RECENT_SPAN_RE = re.compile(
    r"(?<![a-z])(?:in|over|during|within|for)\sthe\s(?:past|last|previous)\s"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|few|several)\s)?"
    r"(?:years?|decades?|months?)(?![a-z])"
    r"|(?<![a-z])in\srecent\s(?:years|months)(?![a-z])"
    r"|(?<![a-z])(?:in|over|during|within)\sthe\s(?:\d+\s|two\s|three\s|four\s|five\s|six\s"
    rf"|seven\s|eight\s|nine\s|ten\s)(?:years|months)\s(?:after|following)\s{YEAR}(?!\d)"
)
"""'In the past three years, the hospital has performed 900', 'in recent years': a window
ending now is a period, not the programme's whole life (GUIDE.md: running totals), even after
'has'."""
EN_LABEL_BEFORE_RE = re.compile(
    r"(?:^|[|;])\s*(?P<label>[a-z][a-z' ()/-]{1,60}?)\s?:\s*"
    r"(?:about\s|approximately\s|approx\.\s?|over\s|more than\s|nearly\s|some\s)?$"
)
"""'Total transplants: 2,300', 'Beds: 120': an English label before a value on its line."""
EN_ITEM_LABEL = r"[a-z][a-z' ()/-]{1,60}?"
"""A list item's label: 'Kidney', 'All Livers (including multi-organ)', 'Lung transplants'."""
EN_ITEM_LABEL_MARK = r"\s?(?::|=|\s[–—-])"
"""What ends a list item's label before its value: ':', '=' or a spaced dash."""
EN_ITEM_LABEL_BEFORE_RE = re.compile(
    rf"^\s*(?:[-•*·]\s*)?(?P<label>{EN_ITEM_LABEL}){EN_ITEM_LABEL_MARK}\s*"
    r"(?:about\s|approximately\s|over\s|more than\s|nearly\s|some\s)?$"
)
"""A list item 'label = value' or 'label – value' (or 'label: value'), on a line of its own
after an optional bullet: '• Kidney = 3,709', 'Lung transplants – 25 – the previous record
...', 'All Livers (including multi-organ) = 55'."""
EN_ITEM_VALUE_END_RE = re.compile(r"\s*(?:\([^()\n]{0,60}\))?\s*(?:\n|$|[–—]\s|-\s|;)")
"""A list item's value ends its line, or a dash or ';' opens a remark, after an optional note
in parentheses ('65 (58 deceased donors, 7 living donors) – the previous record was 56')."""
EN_ITEM_NOT_COUNT_RE = re.compile(
    r"bed|price|cost|fee|charge|wait|time|rate|surviv|donor|donat|list|age|day|month|year|%"
)
"""An organ label that counts no transplants: beds, prices, waits, rates, donors."""
EN_LABEL_VALUE_END_RE = re.compile(r"\s*(?:\([^()\n]{0,30}\))?\s*(?:\||\n|;|$)")
"""A labelled value ends its line, its cell or its item (a note in parentheses allowed)."""
EN_LABEL_MONEY_RE = re.compile(
    r"(?<![a-z])(?:price|cost|fee|charge)s?(?![a-z])[^|\n]{0,20}?"
    r"(?:(?P<usd>us\$|usd|\$|dollars)|yuan|rmb|cny|¥)"
)
"""A label or column header naming a price and its currency ('Price (US$)', 'Cost in
yuan'): the values under it are amounts in that currency."""
EN_LABEL_COUNTER_RE = re.compile(rf"(?<![a-z])({_alt(list(EN_COUNTERS))})(?![a-z])")
"""The unit or counted noun a label names ('Annual liver transplants', 'Waiting time (days)')."""
TABLE_ROWS_BACK = 30
"""How many lines above a table row its header row is looked for."""
EN_STAY_CUE_RE = re.compile(r"of (?:treatment|care|hospitali[sz]ation)|admitted for|in hospital")
"""'20 days of treatment' in a package price, 'admitted for 18.5 days': a stay."""
EN_PRICE_CUE_RE = re.compile(r"(?<![a-z])(?:spen[dt]|spending)(?![a-z])")
"""'had spent $87,000 each for the operations': what the patient paid."""
PRICE_CHANGE_RE = re.compile(
    r"fell to|rose to|dropped to|reduced to|increased to|降至|降到|降为|升至|涨到|涨至"
)
"""'It fell to about 300,000 yuan': the amount of the measure the sentence before priced."""
CELL_LINE_CHARS = 16
"""A line this short with no sentence punctuation is a table cell or a list item."""
CELL_HEADER_CHARS = 120
"""How far back such a cell or item looks for its heading (等待時間 above 1週)."""
PROSE_MARK_RE = re.compile(r"[。;!?]|,\s|\.\s")
TABLE_HEADER_CHARS = 400
"""How far back a table row looks for its header (a wait time, a price) when the row
itself is only a name and a value ('Tianjin First Central Hospital | 2 weeks |')."""
TABLE_YEAR_CELL_RE = re.compile(rf"{YEAR}\s?年?(?:度)?")
"""A table cell that opens a row of a year-by-column table: 2009, 2009年, 2009年度."""
TABLE_YEAR_HEAD_RE = re.compile(r"^(?:年度|年份|年|时间|year)$")
"""The label of a table's year column (the last line of its header cell)."""
TABLE_COUNT_CELL_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,6}")
"""A cell holding one plain count."""
TABLE_NOT_COUNT_HEAD_RE = re.compile(r"率|%|存活|生存|平均|费用|床|rate|survival|mean|average")
"""A column whose header names a rate, a mean, money or beds holds no count of transplants."""
TABLE_MAX_COLUMNS = 12
PINYIN_GLOSS_RE = re.compile(
    r"\((?<=[\u4e00-\u9fff]\()(?=[a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)"
)
"""A tone-marked pinyin gloss right after a Chinese character, as mirror sites print them:
醫(yī)院. Only glosses with a tone mark, so (KT), (PGD) and English words stay. The
parenthesis comes before the look-behind (which reads the character before it), so the
engine skips from '(' to '(' (the same matches as the look-behind first: test_fast_paths)."""

# --- speed -----------------------------------------------------------------------------------

SLOW_FORMS = speed_up(globals())
"""Every ``*_RE`` pattern above now sits behind a look-ahead on its first characters
(``rxprefix``): the same matches, found faster. Name → the pattern as written, for tests."""
