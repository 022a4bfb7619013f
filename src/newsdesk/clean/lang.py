"""Language identification: script counts for CJK, py3langid for the rest."""
from __future__ import annotations

import re
from functools import lru_cache

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
KANA = re.compile(r"[\u3040-\u30ff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
CJK_ANY = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# langid reads this many characters first, and the longer sample only when it is less sure than this
QUICK_SAMPLE = 600
QUICK_CONFIDENCE = 0.9999


def no_han(text: str) -> bool:
    """No HAN character in the text: it is ASCII, or its highest character is below the Han blocks (English
    with curly quotes and dashes; ``max`` over a string is one pass in C, far cheaper than a pattern)."""
    return text.isascii() or not text or max(text) < "\u3400"


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def script_language(text: str) -> str | None:
    """'zh'/'ja'/'ko' when CJK script dominates the letters of `text`, else None."""
    if not CJK_ANY.search(text):  # (most lines of most pages: one scan instead of four)
        return None
    han = len(HAN.findall(text))
    kana = len(KANA.findall(text))
    hangul = len(HANGUL.findall(text))
    latin = sum(len(w) for w in LATIN_WORD.findall(text))
    cjk = han + kana + hangul
    # one Han character carries about as much as a short Latin word: weigh them so
    if cjk == 0 or cjk * 3 < latin:
        return None
    if kana > 0.1 * cjk:
        return "ja"
    if hangul > 0.3 * cjk:
        return "ko"
    return "zh"


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code for the dominant language of `text`, or None when there is too little text."""
    # langid is as sure on a few paragraphs and its cost grows with the sample: over the 984 bodies of the
    # extraction and clustering sets, 1,000 characters named the same language as 2,500 in every case. It reads
    # the first 600 first and the 1,200 only when it is not near-certain on those: over 1,060 bodies (the
    # clustering sets and bench pages) the two agree on all but one spam page that mixes English and Korean,
    # at 0.36 instead of 0.44 ms a body (less in the pipeline's cold caches, where it took 1.3 ms)
    sample = text[:1200]
    lang = script_language(sample)
    if lang:
        return lang
    if len(LATIN_WORD.findall(sample)) < 3:
        return None
    ident = _identifier()
    if len(sample) > QUICK_SAMPLE:
        code, prob = ident.classify(sample[:QUICK_SAMPLE])
        if prob >= QUICK_CONFIDENCE:
            return code
    code, _prob = ident.classify(sample)
    return code


def line_language(line: str) -> str | None:
    """Cheap per-line language: CJK by script, else 'en'-like Latin text as 'latin'."""
    lang = script_language(line)
    if lang:
        return lang
    return "latin" if LATIN_WORD.search(line) else None
