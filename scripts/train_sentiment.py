#!/usr/bin/env python3
"""Train the English entity-sentiment model (newsdesk.facts.sentiment) on SEntFiN 1.0 and write its JSON.

    python scripts/train_sentiment.py [--data PATH] [--out PATH] [--C 4] [--cv] [--report JSON]

One sample per (headline, entity): the entity's occurrences are replaced by the target marker, the other
annotated entities of the headline by the other-entity marker, and the sentence is featurised by
``newsdesk.facts.sentiment.featurize`` (word 1–2-grams, char 2–5-grams, target-window features).
Features seen in fewer than ``--min-df`` training headlines are dropped; TF-IDF (smooth idf, sublinear tf,
per-block L2 norm × block weight) → multinomial logistic regression with an L2 penalty, fitted by L-BFGS
(numpy + scipy, which newsdesk already gets through datasketch; training only). Weights with small
magnitude are pruned, the rest quantised to int8; every figure is computed with the quantised model
through the run-time inference code.

Splits: a held-out 20% of the file by a hash of the normalised headline (never used for tuning); k-fold
cross-validation grouped by headline (folds by another hash) on the remaining 80% ("dev") and, for
comparison with the data README's baseline, on the whole file. The shipped model is fitted on the whole
file. Deterministic: fixed hashes, no randomness, no clocks in the model file.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import math
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.facts.sentiment import CLASSES, SentimentModel, featurize, mark  # noqa: E402

DATA = Path("/work/shared/data/sentiment/sentfin-train.jsonl")
OUT = ROOT / "src" / "newsdesk" / "data" / "sentiment_model.json"
BLOCKS = ("w", "c", "x")
DEFAULTS = {"C": 4.0, "min_df": 2, "block_weights": {"w": 1.0, "c": 1.0, "x": 1.0}, "ngram_chars": [2, 5],
            "window": 3, "prune": 0.02, "mask_others": True}


# ---------------------------------------------------------------- data
def norm_headline(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", t).split())


def bucket(text: str, salt: str, n: int) -> int:
    return int(hashlib.sha1((salt + norm_headline(text)).encode("utf-8")).hexdigest()[:8], 16) % n


def is_holdout(text: str) -> bool:
    """The held-out 20%: a hash of the normalised headline."""
    return bucket(text, "holdout:", 5) == 0


def spans_of(text: str, name: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
    if not spans:
        pat = r"\s+".join(re.escape(p) for p in name.split())
        spans = [(m.start(), m.end()) for m in re.finditer(pat, text, re.I)]
    return spans


def load_samples(path: Path, mask_others: bool = True) -> list[dict]:
    """One sample per (headline, entity) with the marked text, the label and the headline."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text, ents = row["text"], row["entities"]
            for name, label in ents.items():
                tg = spans_of(text, name)
                ot = [sp for other in ents if other != name for sp in spans_of(text, other)] if mask_others else []
                out.append({"headline": text, "entity": name, "label": CLASSES.index(label),
                            "marked": mark(text, tg, ot)})
    return out


# ---------------------------------------------------------------- vectorise / fit
def build_vocab(feats: list[dict[str, Counter]], min_df: int) -> tuple[dict[str, list[str]], np.ndarray]:
    """Per-block sorted vocabularies (features in ≥ min_df samples) and smooth idf over the kept features."""
    n = len(feats)
    vocab, idf = {}, []
    for b in BLOCKS:
        df = Counter(f for fs in feats for f in fs[b])
        kept = sorted(f for f, c in df.items() if c >= min_df)
        vocab[b] = kept
        idf.extend(math.log((1 + n) / (1 + df[f])) + 1.0 for f in kept)
    return vocab, np.asarray(idf)


def vectorise(feats: list[dict[str, Counter]], vocab: dict[str, list[str]], idf: np.ndarray,
              block_weights: dict[str, float]) -> sparse.csr_matrix:
    index, off = {}, 0
    for b in BLOCKS:
        index[b] = {f: off + i for i, f in enumerate(vocab[b])}
        off += len(vocab[b])
    rows, cols, vals = [], [], []
    for r, fs in enumerate(feats):
        for b in BLOCKS:
            bw = block_weights.get(b, 0.0)
            if not bw:
                continue
            bi = [(index[b][f], n) for f, n in fs[b].items() if f in index[b]]
            if not bi:
                continue
            v = np.array([(1 + math.log(n)) * idf[j] for j, n in bi])
            v *= bw / np.linalg.norm(v)
            rows.extend([r] * len(bi))
            cols.extend(j for j, _ in bi)
            vals.extend(v.tolist())
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(feats), off))


def fit_lr(X: sparse.csr_matrix, y: np.ndarray, C: float, iters: int = 150) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression: sum of cross-entropies + ||W||² / (2C), L-BFGS."""
    n, d = X.shape
    k = len(CLASSES)
    Y = np.zeros((n, k))
    Y[np.arange(n), y] = 1.0
    Xt = X.T.tocsr()

    def f(theta: np.ndarray) -> tuple[float, np.ndarray]:
        W, b = theta[:d * k].reshape(d, k), theta[d * k:]
        Z = X @ W + b
        Z -= Z.max(axis=1, keepdims=True)
        logp = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
        loss = -(Y * logp).sum() + (W * W).sum() / (2 * C)
        G = np.exp(logp) - Y
        gW = Xt @ G + W / C
        return loss, np.concatenate([gW.ravel(), G.sum(axis=0)])

    res = minimize(f, np.zeros(d * k + k), jac=True, method="L-BFGS-B",
                   options={"maxiter": iters, "gtol": 1e-6})
    return res.x[:d * k].reshape(d, k), res.x[d * k:]


def train(samples: list[dict], params: dict) -> dict:
    """Fit on ``samples``; returns the model as the JSON-ready dict (pruned, quantised)."""
    p = {**DEFAULTS, **params}
    feats = [featurize(s["marked"], tuple(p["ngram_chars"]), p["window"]) for s in samples]
    vocab, idf = build_vocab(feats, p["min_df"])
    X = vectorise(feats, vocab, idf, p["block_weights"])
    y = np.array([s["label"] for s in samples])
    W, b = fit_lr(X, y, p["C"])
    keep = np.abs(W).max(axis=1) >= p["prune"]
    scale = float(np.abs(W).max()) / 127.0
    q = np.clip(np.round(W[keep] / scale), -127, 127).astype(np.int8)
    idf_k = idf[keep]
    idf_scale = float(idf_k.max()) / 255.0 if len(idf_k) else 1.0
    out_vocab, off = {}, 0
    for blk in BLOCKS:
        m = keep[off:off + len(vocab[blk])]
        out_vocab[blk] = [f for f, k in zip(vocab[blk], m) if k]
        off += len(vocab[blk])
    return {
        "format": "newsdesk.sentiment/1",
        "source": "SEntFiN 1.0 (Sinha, Kedas, Kumar, Malo 2022), MIT licence; see SENTIMENT.md",
        "classes": list(CLASSES),
        "blocks": list(BLOCKS),
        "block_weights": p["block_weights"],
        "params": {"ngram_chars": p["ngram_chars"], "window": p["window"], "C": p["C"], "min_df": p["min_df"],
                   "prune": p["prune"], "mask_others": p["mask_others"]},
        "n_train": len(samples),
        "bias": [round(float(v), 6) for v in b],
        "weight_scale": scale,
        "idf_scale": idf_scale,
        "vocab": out_vocab,
        "idf_uint8": base64.b64encode(np.clip(np.round(idf_k / idf_scale), 0, 255).astype(np.uint8).tobytes()).decode(),
        "weights_int8": base64.b64encode(q.tobytes()).decode(),
    }


def as_model(d: dict) -> SentimentModel:
    """The run-time model object for a JSON-ready dict (same code path as loading the shipped file)."""
    import newsdesk.facts.sentiment as S

    path = Path("/dev/shm" if Path("/dev/shm").is_dir() else "/tmp") / f"sentiment-{id(d)}.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    try:
        return S._load.__wrapped__(str(path))
    finally:
        path.unlink()


# ---------------------------------------------------------------- evaluation
def scores(gold: list[int], pred: list[int]) -> dict:
    """Accuracy and macro-F1 over positive/negative/neutral (as in the data README)."""
    n = len(gold)
    acc = sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0
    f1s = {}
    for k, name in enumerate(CLASSES):
        tp = sum(g == k and p == k for g, p in zip(gold, pred))
        fp = sum(g != k and p == k for g, p in zip(gold, pred))
        fn = sum(g == k and p != k for g, p in zip(gold, pred))
        f1s[name] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"n": n, "accuracy": round(acc, 4), "macro_f1": round(sum(f1s.values()) / len(f1s), 4),
            "f1": {k: round(v, 4) for k, v in f1s.items()}}


def predict(model: SentimentModel, samples: list[dict]) -> list[int]:
    return [int(np.argmax(model.proba(s["marked"]))) for s in samples]


def cross_validate(samples: list[dict], params: dict, folds: int = 5, salt: str = "fold:") -> dict:
    """k-fold CV grouped by headline (fold = hash of the normalised headline); pooled figures."""
    gold, pred = [], []
    for k in range(folds):
        tr = [s for s in samples if bucket(s["headline"], salt, folds) != k]
        te = [s for s in samples if bucket(s["headline"], salt, folds) == k]
        model = as_model(train(tr, params))
        gold += [s["label"] for s in te]
        pred += predict(model, te)
    return scores(gold, pred)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--C", type=float, default=DEFAULTS["C"])
    ap.add_argument("--prune", type=float, default=DEFAULTS["prune"])
    ap.add_argument("--xw", type=float, default=DEFAULTS["block_weights"]["x"], help="weight of the window block")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cv", action="store_true", help="also run cross-validation (dev part and whole file)")
    ap.add_argument("--no-write", action="store_true", help="evaluate only, do not write the model")
    ap.add_argument("--report", type=Path, help="write the figures as JSON here")
    a = ap.parse_args(argv)
    params = {"C": a.C, "prune": a.prune, "block_weights": {**DEFAULTS["block_weights"], "x": a.xw}}
    samples = load_samples(a.data)
    dev = [s for s in samples if not is_holdout(s["headline"])]
    held = [s for s in samples if is_holdout(s["headline"])]
    report: dict = {"params": {**DEFAULTS, **params}, "samples": len(samples), "dev": len(dev), "holdout": len(held)}
    t0 = time.perf_counter()
    if a.cv:
        report["cv_dev"] = cross_validate(dev, params, a.folds)
        print("cv (dev 80%):", json.dumps(report["cv_dev"]), file=sys.stderr)
        report["cv_all"] = cross_validate(samples, params, a.folds)
        print("cv (whole file):", json.dumps(report["cv_all"]), file=sys.stderr)
    m_dev = as_model(train(dev, params))
    report["holdout_scores"] = scores([s["label"] for s in held], predict(m_dev, held))
    print("held-out 20%:", json.dumps(report["holdout_scores"]), file=sys.stderr)
    if not a.no_write:
        model = train(samples, params)
        text = json.dumps(model, ensure_ascii=False, separators=(",", ":"))
        a.out.write_text(text + "\n", encoding="utf-8")
        report["model_bytes"] = len(text.encode("utf-8")) + 1
        report["features"] = {b: len(v) for b, v in model["vocab"].items()}
        print(f"wrote {a.out} ({report['model_bytes']:,} bytes, features {report['features']})", file=sys.stderr)
    report["seconds"] = round(time.perf_counter() - t0, 1)
    if a.report:
        a.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
