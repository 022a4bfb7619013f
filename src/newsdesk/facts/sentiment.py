"""Entity-level sentiment: a score in [-1, 1] per article × entity, with its evidence sentence.

English: a target-aware linear model (multinomial logistic regression) trained on the SEntFiN 1.0
headlines (see data/SENTIMENT.md and scripts/train_sentiment.py). A sentence is featurised with the
target mention replaced by a marker ("§", other entity mentions by "¤"): TF-IDF word 1–2-grams,
character 2–5-grams and target-window features (words next to the target, words of the target's
clause). The model ships as JSON with int8-quantised weights; inference is pure Python + numpy.

Chinese: the training data is English, so Chinese sentences are scored with a small hand-written
financial polarity lexicon (上涨/利好/超预期 vs 下跌/亏损/不及预期 …) with negation and clause proximity.

Score of a sentence = P(positive) − P(negative). An article's score for an entity is the weighted mean
over the sentences that mention it (title and lead sentences weigh more); the evidence is the sentence
with the largest weighted |score|.
"""
from __future__ import annotations

import base64
import json
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np

from ..model import Article, Entity, Mention, Sentiment
from .market import split_sentences

log = logging.getLogger(__name__)

__all__ = ["entity_sentiment", "score_target", "score_sentence", "featurize", "load_model", "SentimentModel",
           "zh_lexicon_score"]

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "sentiment_model.json"
CLASSES = ("negative", "neutral", "positive")
TARGET, OTHER = "§", "¤"

# ---------------------------------------------------------------- features (shared with training)
_WORD_RE = re.compile(r"[§¤]|[^\W_]+(?:['’][^\W_]+)?|[;:|!?,]|--?|[—–]")
_CLAUSE_PUNCT = {";", ":", "|", "!", "?", ",", "-", "--", "—", "–"}
_CLAUSE_WORDS = {"but", "while", "whereas", "though", "although", "however", "yet", "despite", "amid", "after",
                 "as", "even", "on", "vs", "versus", "than"}
_SUBLINEAR = np.array([0.0] + [1.0 + math.log(n) for n in range(1, 64)], dtype=np.float32)
_DIGIT_RE = re.compile(r"\d")
_SPACE_RE = re.compile(r"\s+")


def mark(text: str, targets: list[tuple[int, int]], others: list[tuple[int, int]] = ()) -> str:
    """The text with target spans replaced by § and other entity spans by ¤ (overlaps: target wins)."""
    others = [(a, b) for a, b in others if not any(a < tb and ta < b for ta, tb in targets)]
    spans = sorted([(a, b, TARGET) for a, b in targets] + [(a, b, OTHER) for a, b in others],
                   key=lambda s: (s[0], s[2] != TARGET, -s[1]))
    out, pos = [], 0
    for a, b, m in spans:
        if a < pos or b <= a:
            continue
        out.append(text[pos:a])
        out.append(m)
        pos = b
    out.append(text[pos:])
    return "".join(out)


def featurize(marked: str, ngram_chars: tuple[int, int] = (2, 5), window: int = 3) -> dict[str, Counter]:
    """Feature counts per block of a marked sentence: 'w' words 1–2-grams, 'c' char n-grams, 'x' target
    window/clause features (binary)."""
    s = _DIGIT_RE.sub("0", _SPACE_RE.sub(" ", marked.lower())).strip()
    toks = _WORD_RE.findall(s)
    words = [t for t in toks if t[0].isalnum() or t in (TARGET, OTHER)]
    w = Counter(words)
    w.update(a + " " + b for a, b in zip(words, words[1:]))
    padded = " " + s + " "
    size = len(padded)
    c = Counter([padded[i:i + n] for n in range(ngram_chars[0], ngram_chars[1] + 1) for i in range(size - n + 1)])
    x: Counter = Counter()
    tpos = [i for i, t in enumerate(words) if t == TARGET]
    if tpos:
        for i in tpos:
            for k in range(1, window + 1):
                x["L%d=%s" % (k, words[i - k] if i - k >= 0 else "<s>")] = 1
                x["R%d=%s" % (k, words[i + k] if i + k < len(words) else "</s>")] = 1
                if i - k < 0 or i + k >= len(words):
                    break
            x["R12=%s %s" % (words[i + 1] if i + 1 < len(words) else "</s>",
                             words[i + 2] if i + 2 < len(words) else "</s>")] = 1
            x["L12=%s %s" % (words[i - 2] if i >= 2 else "<s>", words[i - 1] if i >= 1 else "<s>")] = 1
        # the target's clause: tokens between clause boundaries around the first target occurrence
        clause: list[str] = []
        cur: list[str] = []
        found = False
        for t in toks:
            if t in _CLAUSE_PUNCT or t in _CLAUSE_WORDS:
                if found:
                    break
                cur = [] if t in _CLAUSE_PUNCT else [t]
                continue
            cur.append(t)
            if t == TARGET:
                found = True
            clause = cur
        cw = [t for t in clause if t not in (TARGET,)]
        for t in cw:
            x["C=" + t] = 1
        for a, b in zip(clause, clause[1:]):
            x["CB=%s %s" % (a, b)] = 1
        rel = tpos[0] / max(1, len(words) - 1)
        x["pos=%s" % ("start" if tpos[0] == 0 else "end" if tpos[0] == len(words) - 1 else
                      "early" if rel < 0.5 else "late")] = 1
    else:
        x["notarget"] = 1
    n_other = sum(1 for t in words if t == OTHER)
    x["others=%d" % min(n_other, 2)] = 1
    return {"w": w, "c": c, "x": x}


# ---------------------------------------------------------------- model
@dataclass
class SentimentModel:
    vocab: dict[str, dict[str, int]]  # block -> feature -> row of ``weights``
    idf: np.ndarray  # (n,)
    weights: np.ndarray  # (n, 3) float32
    bias: np.ndarray  # (3,)
    block_weights: dict[str, float]
    params: dict

    def __post_init__(self) -> None:
        # one extra all-zero row: the index of unknown features, so lookups need no filtering
        self._unk = len(self.idf)
        self._idf0 = np.append(self.idf, np.float32(0.0)).astype(np.float32)
        self._w0 = np.vstack([self.weights, np.zeros((1, self.weights.shape[1]), np.float32)])
        self._ngram = tuple(self.params.get("ngram_chars", (2, 5)))
        self._window = int(self.params.get("window", 3))

    def vectorize(self, marked: str) -> tuple[np.ndarray, np.ndarray]:
        """Indices and values of the TF-IDF vector (sublinear tf, per-block L2 norm × block weight);
        unknown features map to an all-zero row."""
        feats = featurize(marked, self._ngram, self._window)
        idxs, vals = [], []
        unk = repeat(self._unk)
        for block, counts in feats.items():
            bw = self.block_weights.get(block, 0.0)
            voc = self.vocab.get(block)
            if not bw or not voc or not counts:
                continue
            j = np.fromiter(map(voc.get, counts, unk), dtype=np.int64, count=len(counts))
            n = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
            v = _SUBLINEAR[np.minimum(n, len(_SUBLINEAR) - 1)] * self._idf0[j]
            norm = float(np.sqrt(v @ v))
            if norm > 0:
                idxs.append(j)
                vals.append(v * np.float32(bw / norm))
        if not idxs:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        return np.concatenate(idxs), np.concatenate(vals)

    def proba(self, marked: str) -> np.ndarray:
        """Class probabilities (negative, neutral, positive) of a marked sentence."""
        idx, val = self.vectorize(marked)
        z = self.bias + (val @ self._w0[idx] if len(idx) else 0.0)
        z = z - z.max()
        e = np.exp(z)
        return e / e.sum()


def load_model(path: str | Path | None = None) -> SentimentModel:
    """Load the shipped model (cached for the default path)."""
    return _load(str(path or MODEL_PATH))


@lru_cache(maxsize=4)
def _load(path: str) -> SentimentModel:
    with open(path, encoding="utf-8") as fh:
        d = json.load(fh)
    vocab: dict[str, dict[str, int]] = {}
    n = 0
    for block in d["blocks"]:
        feats = d["vocab"][block]
        vocab[block] = {f: n + i for i, f in enumerate(feats)}
        n += len(feats)
    q = np.frombuffer(base64.b64decode(d["weights_int8"]), dtype=np.int8).reshape(n, len(d["classes"]))
    weights = q.astype(np.float32) * np.float32(d["weight_scale"])
    idf = np.frombuffer(base64.b64decode(d["idf_uint8"]), dtype=np.uint8).astype(np.float32) * d["idf_scale"]
    if tuple(d["classes"]) != CLASSES:
        raise ValueError(f"unexpected classes in sentiment model: {d['classes']}")
    log.debug("sentiment model: %d features from %s", n, path)
    return SentimentModel(vocab, idf, weights, np.asarray(d["bias"], dtype=np.float32), d["block_weights"],
                          d.get("params", {}))


# ---------------------------------------------------------------- Chinese lexicon fallback
# Hand-written (not learned): financial polarity words with weights; longest match wins.
_ZH_POS = {
    "上涨": 1.0, "上升": 0.8, "上扬": 1.0, "走高": 1.0, "攀升": 1.0, "大涨": 1.5, "飙升": 1.5, "暴涨": 1.5, "涨停": 1.5,
    "收涨": 1.0, "高开": 0.8, "反弹": 0.8, "回升": 0.8, "创新高": 1.5, "新高": 1.0, "利好": 1.2, "超预期": 1.5,
    "好于预期": 1.5, "优于预期": 1.5, "增长": 0.8, "增长强劲": 1.5, "大增": 1.2, "扭亏": 1.2, "盈利": 0.6,
    "净利润增长": 1.2, "盈利增长": 1.2, "增持": 1.0, "上调": 1.0, "买入": 0.8, "看好": 1.0, "看涨": 1.0,
    "强劲": 1.0, "稳健": 0.6, "提振": 1.0, "受益": 1.0, "突破": 0.8, "领涨": 1.2, "走强": 1.0, "回暖": 1.0,
    "复苏": 0.8, "分红": 0.6, "回购": 0.8, "获批": 0.8, "中标": 0.8, "翻倍": 1.2, "升级": 0.6, "乐观": 1.0,
    "上漲": 1.0, "大漲": 1.5, "飆升": 1.5, "利多": 1.2, "增長": 0.8, "收漲": 1.0, "漲停": 1.5, "看漲": 1.0,
}
_ZH_NEG = {
    "下跌": 1.0, "下降": 0.8, "下滑": 1.0, "走低": 1.0, "回落": 0.8, "大跌": 1.5, "暴跌": 1.5, "重挫": 1.5,
    "跳水": 1.5, "跌停": 1.5, "收跌": 1.0, "低开": 0.8, "下挫": 1.2, "失守": 1.0, "新低": 1.0, "创新低": 1.5,
    "亏损": 1.2, "巨亏": 1.5, "净亏损": 1.2, "利空": 1.2, "不及预期": 1.5, "低于预期": 1.5, "逊于预期": 1.5,
    "减持": 1.0, "下调": 1.0, "卖出": 0.8, "看空": 1.0, "看跌": 1.0, "疲软": 1.0, "承压": 1.0, "拖累": 1.0,
    "暴雷": 1.5, "违约": 1.2, "爆仓": 1.5, "罚款": 1.0, "处罚": 1.0, "调查": 0.6, "诉讼": 0.8, "裁员": 1.0,
    "下行": 0.8, "萎缩": 1.0, "放缓": 0.8, "领跌": 1.2, "走弱": 1.0, "退市": 1.5, "风险": 0.5, "担忧": 0.8,
    "虧損": 1.2, "減持": 1.0, "下調": 1.0, "疲軟": 1.0, "違約": 1.2, "裁員": 1.0, "領跌": 1.2, "擔憂": 0.8,
}
_ZH_LEX = sorted([(w, s) for w, s in _ZH_POS.items()] + [(w, -s) for w, s in _ZH_NEG.items()],
                 key=lambda p: -len(p[0]))
_ZH_LEX_RE = re.compile("|".join(re.escape(w) for w, _ in _ZH_LEX))
_ZH_LEX_MAP = dict(_ZH_LEX)
_ZH_NEGATION = ("并未", "並未", "没有", "沒有", "未能", "未", "没", "沒", "不", "无", "無", "难", "難", "非")
_ZH_CLAUSE = re.compile(r"[，,；;：:。！？!?]")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def is_chinese(text: str, min_share: float = 0.3) -> bool:
    """True when at least ``min_share`` of the non-space characters are Han characters."""
    t = "".join(text.split())
    return bool(t) and len(_CJK_RE.findall(t)) / len(t) >= min_share


def zh_lexicon_score(text: str, target_spans: list[tuple[int, int]], far_weight: float = 0.5) -> float:
    """Lexicon score in (−1, 1): polarity words (negated when 未/不/没有… precede them) summed, words in the
    target's clause at full weight, elsewhere at ``far_weight``."""
    clauses = [0] + [m.end() for m in _ZH_CLAUSE.finditer(text)] + [len(text) + 1]
    bounds = list(zip(clauses, clauses[1:]))

    def clause_of(pos: int) -> int:
        return next((k for k, (a, b) in enumerate(bounds) if a <= pos < b), len(bounds) - 1)

    tclauses = {clause_of(a) for a, _ in target_spans}
    raw = 0.0
    for m in _ZH_LEX_RE.finditer(text):
        pol = _ZH_LEX_MAP[m.group(0)]
        before = text[max(0, m.start() - 2):m.start()]
        if any(before.endswith(n) for n in _ZH_NEGATION):
            pol = -pol
        prox = 1.0 if not tclauses or clause_of(m.start()) in tclauses else far_weight
        raw += pol * prox
    return raw / (1.0 + abs(raw))


# ---------------------------------------------------------------- scoring
def _label(score: float, p_neutral: float | None, threshold: float) -> str:
    if p_neutral is not None:  # model: argmax of the three probabilities
        p_pos, p_neg = (score + (1 - p_neutral)) / 2, ((1 - p_neutral) - score) / 2
        best = max((p_neg, "negative"), (p_neutral, "neutral"), (p_pos, "positive"))
        return best[1]
    return "positive" if score >= threshold else "negative" if score <= -threshold else "neutral"


def score_sentence(text: str, targets: list[tuple[int, int]], others: list[tuple[int, int]] = (),
                   model: SentimentModel | None = None, zh_threshold: float = 0.25) -> tuple[str, float]:
    """(label, score) for the target spans of one sentence; other entity spans are masked as such."""
    if not text.strip():
        return "neutral", 0.0
    if is_chinese(text):
        s = zh_lexicon_score(text, list(targets))
        return _label(s, None, zh_threshold), s
    p = (model or load_model()).proba(mark(text, list(targets), list(others)))
    score = float(p[2] - p[0])
    return _label(score, float(p[1]), zh_threshold), score


def _find_spans(text: str, target: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(target), text)] if target else []
    if not spans and target:
        pat = r"\s+".join(re.escape(p) for p in target.split())
        spans = [(m.start(), m.end()) for m in re.finditer(pat, text, re.I)]
    return spans


def score_target(text: str, target: str, model: SentimentModel | None = None) -> tuple[str, float]:
    """('positive'|'negative'|'neutral', score in [-1, 1]) for one entity name inside a headline/sentence.
    The name is found exactly, else case-insensitively; if absent, the whole text is scored untargeted."""
    return score_sentence(text, _find_spans(text, target), model=model)


def entity_sentiment(article: Article, mentions: list[Mention], entities: dict[str, Entity],
                     lead_sentences: int = 3, lead_weight: float = 2.0, title_weight: float = 3.0,
                     max_sentences: int = 30, model: SentimentModel | None = None) -> list[Sentiment]:
    """Per article × entity: a score in [-1, 1] and the evidence sentence (the sentence that weighs most).

    Each sentence that mentions the entity is scored with its mentions masked as the target (other
    entities' mentions masked as others); the title counts when it contains one of the entity's surfaces.
    Scores are averaged with weights ``title_weight`` (title), ``lead_weight`` (first ``lead_sentences``
    sentences) and 1 (others); at most ``max_sentences`` sentences per entity are scored."""
    text = article.text or ""
    if not text.strip() or not mentions:
        return []
    model = model or load_model()
    sents = split_sentences(text, article.language)
    by_sent: dict[int, list[Mention]] = {}
    k = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while k < len(sents) and sents[k].end <= m.start:
            k += 1
        if k < len(sents) and sents[k].start <= m.start < sents[k].end:
            by_sent.setdefault(k, []).append(m)
    order: list[str] = []
    for m in mentions:
        if m.entity not in order:
            order.append(m.entity)
    title = (article.title or "").strip()
    title_in_text = bool(title) and bool(sents) and sents[0].text.strip() == title
    out: list[Sentiment] = []
    for eid in order:
        scored: list[tuple[float, float, str]] = []  # (weight, score, sentence)
        surfaces = {m.surface for m in mentions if m.entity == eid}
        ent = entities.get(eid)
        if title and not title_in_text:
            names = sorted(surfaces | ({ent.name} if ent else set()), key=len, reverse=True)
            spans = next((sp for sp in (_find_spans(title, n) for n in names) if sp), [])
            if spans:
                scored.append((title_weight, score_sentence(title, spans, model=model)[1], title))
        for si in sorted(by_sent):
            ms = by_sent[si]
            if not any(m.entity == eid for m in ms):
                continue
            s = sents[si]
            tg = [(m.start - s.start, min(m.end, s.end) - s.start) for m in ms if m.entity == eid]
            ot = [(m.start - s.start, min(m.end, s.end) - s.start) for m in ms if m.entity != eid]
            w = lead_weight if si < lead_sentences else 1.0
            scored.append((w, score_sentence(s.text, tg, ot, model=model)[1], s.text))
            if len(scored) >= max_sentences:
                break
        if not scored:
            continue
        total = sum(w for w, _, _ in scored)
        score = max(-1.0, min(1.0, sum(w * sc for w, sc, _ in scored) / total))
        evidence = max(scored, key=lambda t: t[0] * abs(t[1]))[2]
        out.append(Sentiment(article=article.id, entity=eid, score=round(score, 4), evidence=evidence))
    return out
