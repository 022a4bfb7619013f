"""Scale benchmarks (issue 8): per-stage docs/s and peak RSS at 5k/20k/50k documents, end to end beside
trafilatura alone, 2 workers vs 1, Ray vs local, docs/day, optionally the SQLite store on vs off.

    .venv/bin/python bench/bench_scale.py [--sizes 5000,20000,50000] [--budget-min 30] [--corpus DIR]

The corpus comes from bench/make_corpus.py (built first when DIR has none; skipped with a message when
../shared is absent). Every measurement runs in a fresh subprocess, so its peak RSS is its own. The runs
are ordered so the key ratios come first; a run whose projected time (from the docs/s already measured)
does not fit the remaining budget is skipped and reported as such, never estimated into the table.

Per stage: ``read`` is the time spent pulling documents out of the readers (decompress, decode, JSON),
``clean`` and ``facts`` are the per-document stages, ``link`` is the corpus stage (per-batch linking and
the final pass). A stage's docs/s is documents in / seconds in that stage; its peak RSS is the largest
resident set sampled (every 50 ms, from /proc) while that stage was running in the measured process.
With ``workers > 1`` or Ray the per-document stages run elsewhere; their seconds are summed over workers.
Every run loads the models once before its clock starts (a warm-up run; local workers fork from that warm
process). A Ray run also starts its local cluster before the clock (as a run that joins a cluster with
--ray-address finds it up), with the detached actors Ray Data starts once per cluster (its stats actor, actor
location tracker and autoscaling coordinator: three more Python processes) already running, as on a
cluster that has run a dataset before; the time to start them is reported as ``ray_services_s``. newsdesk's
own actors are new processes that load the models inside the timed run, since Ray Data starts them per
dataset: that start-up is part of Ray's figure, so compare at --compare-size 3000 or more to see its
throughput rather than its start.

Writes bench/results/scale-<date>.json and prints a Markdown table. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
RESULTS = ROOT / "bench" / "results"
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


# ---------------------------------------------------------------- memory sampling (Linux /proc, no deps)

def _rss_bytes(pid: int | str = "self") -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _tree_sample(cpu_seen: dict[int, float]) -> int:
    """Resident set of this process and all its descendants (pool workers, Ray's processes); records each
    descendant's CPU seconds (user + system) so far in `cpu_seen`."""
    me = os.getpid()
    parent: dict[int, int] = {}
    cpu: dict[int, float] = {}
    try:
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat") as fh:
                        fields = fh.read().rsplit(")", 1)[1].split()
                    parent[int(d)] = int(fields[1])
                    cpu[int(d)] = (int(fields[11]) + int(fields[12])) / TICK
                except (OSError, ValueError, IndexError):
                    pass
    except OSError:
        return _rss_bytes()
    kids: dict[int, list[int]] = {}
    for pid, pp in parent.items():
        kids.setdefault(pp, []).append(pid)
    total, todo = 0, list(kids.get(me, []))
    total += _rss_bytes()
    while todo:
        pid = todo.pop()
        total += _rss_bytes(pid)
        cpu_seen[pid] = max(cpu_seen.get(pid, 0.0), cpu.get(pid, 0.0))
        todo.extend(kids.get(pid, []))
    return total


class Sampler:
    """Samples the resident set every `interval` s; attributes each sample to the running stage."""

    def __init__(self, interval: float = 0.05, tree_every: int = 20):
        self.interval, self.tree_every = interval, tree_every
        self.stage = "setup"
        self.peak: dict[str, int] = {}
        self.cpu: dict[str, float] = {}  # CPU seconds of this process per stage (time.process_time)
        self.child_cpu: dict[int, float] = {}  # CPU seconds per descendant process, as last sampled
        self.tree_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        n = 0
        while not self._stop.is_set():
            self.note()
            if n % self.tree_every == 0:
                self.tree_peak = max(self.tree_peak, _tree_sample(self.child_cpu))
            n += 1
            self._stop.wait(self.interval)

    def note(self) -> None:
        rss = _rss_bytes()
        self.peak[self.stage] = max(self.peak.get(self.stage, 0), rss)

    def start(self) -> "Sampler":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.tree_peak = max(self.tree_peak, _tree_sample(self.child_cpu))

    def enter(self, stage: str) -> tuple[str, float]:
        prev, self.stage = self.stage, stage
        return prev, time.process_time()

    def leave(self, token: tuple[str, float], stage: str) -> None:
        self.cpu[stage] = self.cpu.get(stage, 0.0) + time.process_time() - token[1]
        self.note()
        self.stage = token[0]


def _instrument(sampler: Sampler, read_seconds: list[float]) -> None:
    """Label stages for the sampler and time the readers, by wrapping the pipeline's module attributes
    (bench-only: nothing in newsdesk changes). Read stats carry no seconds of their own."""
    import newsdesk.pipeline.runner as runner
    import newsdesk.pipeline.session as session

    orig_iter, orig_run_stage = runner.iter_documents, runner.run_stage
    orig_link, orig_finish = session.link_batch, session.finish

    def iter_documents(inputs, config):
        it = orig_iter(inputs, config)
        while True:
            tok = sampler.enter("read")
            t0 = time.perf_counter()
            try:
                b = next(it)
            except StopIteration:
                read_seconds[0] += time.perf_counter() - t0
                sampler.leave(tok, "read")
                return
            read_seconds[0] += time.perf_counter() - t0
            sampler.leave(tok, "read")
            yield b

    def run_stage(stage, batch, ctx, stats):
        tok = sampler.enter(stage.name)
        try:
            return orig_run_stage(stage, batch, ctx, stats)
        finally:
            sampler.leave(tok, stage.name)

    def link_batch(*a, **k):
        tok = sampler.enter("link")
        try:
            return orig_link(*a, **k)
        finally:
            sampler.leave(tok, "link")

    def finish(*a, **k):
        tok = sampler.enter("link")
        try:
            return orig_finish(*a, **k)
        finally:
            sampler.leave(tok, "link")

    runner.iter_documents = iter_documents
    session.iter_documents = iter_documents
    runner.run_stage = run_stage
    session.link_batch = link_batch
    session.finish = finish


# ---------------------------------------------------------------- children

def _mb(b: float) -> float:
    return round(b / 2**20, 1)


class _Noop:
    def __call__(self, batch):
        return batch


def _start_ray_data_services(ray) -> None:
    """One tiny dataset through an actor pool, so the detached actors Ray Data creates once per cluster
    (get-or-create, lifetime detached) are up, as on a cluster that has run a dataset before."""
    ray.data.DataContext.get_current().enable_progress_bars = False
    ray.data.range(2).map_batches(_Noop, compute=ray.data.ActorPoolStrategy(size=1)).take_all()
    # the pool's actor goes away asynchronously: wait for its CPU (newsdesk sizes its pool by the free CPUs)
    total = ray.cluster_resources().get("CPU", 0)
    deadline = time.monotonic() + 60
    while ray.available_resources().get("CPU", 0) < total and time.monotonic() < deadline:
        time.sleep(0.1)


def child_run(spec: dict) -> dict:
    """One end-to-end run of newsdesk over `spec["inputs"]`, instrumented."""
    import newsdesk.api as api

    if spec.get("warmup"):  # models and the entity base load once per process; not timed
        t0 = time.perf_counter()
        api.run(spec["warmup"])
        warm = time.perf_counter() - t0
    else:
        warm = 0.0
    ray_init = ray_services = 0.0
    if spec.get("backend") == "ray":
        # the cluster is up before the clock starts, as when a run joins one with --ray-address; what Ray
        # costs per run (its actor processes starting, each loading the models) stays inside the timing
        import ray
        t0 = time.perf_counter()
        ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False)
        ray_init = time.perf_counter() - t0
        t0 = time.perf_counter()
        _start_ray_data_services(ray)
        ray_services = time.perf_counter() - t0
    sampler = Sampler().start()
    read_s = [0.0]
    _instrument(sampler, read_s)
    db = spec.get("db")
    t0, c0 = time.perf_counter(), time.process_time()
    if db and spec.get("backend", "local") == "local":
        # a crawl into a store is `newsdesk add`: stream, finish the stories, never hold the whole map
        res = api.add(spec["inputs"], workers=spec.get("workers", 1), db=db)
    else:
        res = api.run(spec["inputs"], workers=spec.get("workers", 1), backend=spec.get("backend", "local"), db=db)
    wall, cpu_self = time.perf_counter() - t0, time.process_time() - c0
    sampler.stage = "done"
    sampler.stop()
    if spec.get("workers", 1) > 1:
        from newsdesk.backends.local import shutdown
        shutdown()
    if spec.get("backend") == "ray":
        import ray
        ray.shutdown()
    stats = {k: v.as_dict() for k, v in res.stats.items()}
    status: dict[str, int] = {}
    errors: dict[str, int] = {}
    if hasattr(res, "storymap"):
        sm = res.storymap
        n_docs, n_articles, n_stories = len(sm.documents), len(sm.articles), len(sm.stories)
        for d in sm.documents:
            status[d.status] = status.get(d.status, 0) + 1
            if d.error:
                key = f"{d.error.code} {d.error.message[:80]}"
                errors[key] = errors.get(key, 0) + 1
    else:
        import sqlite3
        con = sqlite3.connect(db)
        n_docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        n_articles = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        n_stories = con.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
        status = dict(con.execute("SELECT status, COUNT(*) FROM documents GROUP BY status").fetchall())
        for code, msg, n in con.execute("SELECT error_code, substr(error_message, 1, 80), COUNT(*) FROM documents "
                                        "WHERE error_code IS NOT NULL GROUP BY 1, 2"):
            errors[f"{code} {msg}"] = n
        con.close()
    stats.setdefault("read", {"stage": "read", "docs_in": n_docs})
    stats["read"]["seconds"] = round(read_s[0], 3)
    docs = stats["read"]["docs_in"]
    cpu_kids = sum(sampler.child_cpu.values())
    cpu_total = cpu_self + cpu_kids
    return {"docs": docs, "wall_s": round(wall, 2), "warmup_s": round(warm, 2), "ray_init_s": round(ray_init, 2),
            "ray_services_s": round(ray_services, 2),
            "docs_per_s": round(docs / wall, 2) if wall else None,
            "cpu_s": {"process": round(cpu_self, 1), "descendants": round(cpu_kids, 1), "total": round(cpu_total, 1)},
            "docs_per_cpu_s": round(docs / cpu_total, 2) if cpu_total else None,
            "stage_cpu_s": {k: round(v, 2) for k, v in sampler.cpu.items()},
            "stages": stats, "stage_peak_rss_mb": {k: _mb(v) for k, v in sampler.peak.items()},
            "peak_rss_mb": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024),
            "children_peak_rss_mb": _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024),
            "tree_peak_rss_mb": _mb(sampler.tree_peak),
            "articles": n_articles, "stories": n_stories, "status": status,
            "top_errors": dict(sorted(errors.items(), key=lambda kv: -kv[1])[:5])}


def child_ratio(spec: dict) -> dict:
    """newsdesk end to end vs trafilatura.extract alone on the same HTML pages, same process, same decoding,
    alternated (newsdesk, trafilatura, trafilatura with newsdesk's date parser, ...) so that load drift hits
    all alike. Two references: trafilatura as installed (htmldate hands the date strings its patterns cannot
    read to dateparser over all of its ~200 locales), and trafilatura with htmldate pointed at the 12-language
    dateparser newsdesk uses for its own htmldate calls: the extraction cost held equal, so the second ratio
    is what everything after extraction costs. (Until newsdesk scoped that parser to its own calls, it stayed
    installed for the whole process, and the ratio measured in process was the second one.) Each reference
    reads dates once on the warm-up pages first, so neither pays dateparser's loading inside the clock."""
    import functools

    import htmldate.extractors as hx
    import trafilatura

    import newsdesk.api as api
    from newsdesk.clean.html_meta import DATEPARSER_LANGUAGES, _external_date_parser
    from newsdesk.ingest.encoding import decode_bytes

    stock = hx.get_external_parser
    same = functools.partial(_external_date_parser, DATEPARSER_LANGUAGES)

    def trafilatura_pass(pages: list[str], parser) -> tuple[float, float]:
        hx.get_external_parser = parser
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            for html in pages:
                trafilatura.extract(html, with_metadata=True)
            return time.perf_counter() - t0, time.process_time() - c0
        finally:
            hx.get_external_parser = stock

    paths = spec["inputs"]
    api.run(paths[:10])
    pages = [decode_bytes(Path(p).read_bytes(), is_html=True)[0] for p in paths]
    for parser in (stock, same):
        trafilatura_pass(pages[:10], parser)
        parser().get_date_data("Posted on 3 March 2024")  # the locales load before the clock starts
    nd, tr, ts, ndc, trc, tsc = [], [], [], [], [], []
    for _ in range(spec.get("rounds", 2)):
        t0, c0 = time.perf_counter(), time.process_time()
        api.run(paths)
        nd.append(time.perf_counter() - t0)
        ndc.append(time.process_time() - c0)
        w, c = trafilatura_pass(pages, stock)
        tr.append(w)
        trc.append(c)
        w, c = trafilatura_pass(pages, same)
        ts.append(w)
        tsc.append(c)
    n = len(paths)
    nd_rate, tr_rate, ts_rate = (n * len(x) / sum(x) for x in (nd, tr, ts))
    return {"docs": n, "rounds": len(nd), "newsdesk_s": [round(x, 2) for x in nd],
            "trafilatura_s": [round(x, 2) for x in tr], "trafilatura_same_dates_s": [round(x, 2) for x in ts],
            "newsdesk_docs_per_s": round(nd_rate, 2), "trafilatura_docs_per_s": round(tr_rate, 2),
            "trafilatura_same_dates_docs_per_s": round(ts_rate, 2),
            "ratio": round(nd_rate / ts_rate, 3), "ratio_cpu": round(sum(tsc) / sum(ndc), 3),
            "ratio_stock": round(nd_rate / tr_rate, 3), "ratio_stock_cpu": round(sum(trc) / sum(ndc), 3),
            "peak_rss_mb": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)}


def child_profile(spec: dict) -> dict:
    """cProfile of one run: the functions where the time goes (own time and cumulative)."""
    import cProfile
    import pstats

    import newsdesk.api as api

    api.run(spec["inputs"][:5])
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    res = api.run(spec["inputs"])
    prof.disable()
    wall = time.perf_counter() - t0
    st = pstats.Stats(prof)
    total = st.total_tt
    rows = []
    for (fn, line, name), (cc, nc, tt, ct, _) in st.stats.items():
        short = fn.replace(str(ROOT / "src") + "/", "").split("site-packages/")[-1]
        rows.append({"function": f"{short}:{line}({name})", "calls": nc, "own_s": round(tt, 3),
                     "cum_s": round(ct, 3)})
    top_own = sorted(rows, key=lambda r: -r["own_s"])[: spec.get("top", 20)]
    top_cum = [r for r in sorted(rows, key=lambda r: -r["cum_s"])
               if "newsdesk" in r["function"] or "trafilatura" in r["function"]][: spec.get("top", 20)]
    return {"docs": len(res.storymap.documents), "wall_s": round(wall, 2), "profiled_s": round(total, 2),
            "stages": {k: round(v.seconds, 2) for k, v in res.stats.items()},
            "top_own": top_own, "top_cumulative": top_cum}


CHILDREN = {"run": child_run, "ratio": child_ratio, "profile": child_profile}


def run_child(kind: str, spec: dict, timeout: float) -> dict:
    """`kind` in a fresh interpreter; returns its JSON result (or an error / timeout record)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, input=json.dumps(spec), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"skipped": f"killed after the time limit of {timeout:.0f} s"}
    took = time.perf_counter() - t0
    for line in reversed(p.stdout.splitlines()):
        if line.startswith("{"):
            out = json.loads(line)
            out["process_s"] = round(took, 1)
            return out
    return {"skipped": f"failed (exit {p.returncode}): {p.stderr.strip()[-1500:]}"}


# ---------------------------------------------------------------- the parent

def corpus_inputs(manifest: dict, n: int) -> tuple[list[str], int]:
    """The inputs of the first blocks holding n documents (block by block), and their document count."""
    inputs, docs = [], 0
    for b in manifest["blocks"]:
        if docs >= n:
            break
        inputs.extend(b["inputs"])
        docs += b["docs"]
    return inputs, docs


def html_files(manifest: dict, n: int) -> list[str]:
    out: list[str] = []
    for b in manifest["blocks"]:
        for inp in b["inputs"]:
            if Path(inp).is_dir():
                out.extend(sorted(str(p) for p in Path(inp).glob("*.html")))
        if len(out) >= n:
            break
    return out[:n]


def ensure_corpus(corpus: Path, n: int) -> dict | None:
    mpath = corpus / "manifest.json"
    if not mpath.exists():
        print(f"building the corpus ({n} documents) in {corpus} with bench/make_corpus.py ...", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--n", str(n), "--out",
                        str(corpus)], check=True)
        if not mpath.exists():
            return None
    manifest = json.loads(mpath.read_text())
    from make_corpus import GENERATOR
    if manifest.get("generator") != GENERATOR:
        sys.exit(f"the corpus in {corpus} was made by an older bench/make_corpus.py (version "
                 f"{manifest.get('generator', 1)}, now {GENERATOR}: its pages differ); remove it, or pass --corpus "
                 "with a new folder, and it is built again")
    if manifest["n"] < n:
        print(f"note: the corpus in {corpus} holds {manifest['n']} documents, fewer than {n}; "
              "larger sizes are skipped (rebuild it with make_corpus.py --n)")
    return manifest


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def fmt(x, nd=1) -> str:
    return "—" if x is None else (f"{x:,.{nd}f}" if isinstance(x, (int, float)) else str(x))


def stage_rate(r: dict, name: str, cpu: bool = False) -> float | None:
    st = r.get("stages", {}).get(name)
    secs = r.get("stage_cpu_s", {}).get(name) if cpu else (st or {}).get("seconds")
    if not st or not secs:
        return None
    return (r["docs"] if name in ("link", "read") else st["docs_in"]) / secs


def table(results: dict) -> str:
    lines = ["| run | docs | wall s | end-to-end docs/s (per CPU-s) | read | clean | facts | link "
             "| peak RSS MB: read / clean / facts / link | peak RSS MB: process (with children) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for label, r in results["runs"].items():
        if not label.startswith(("local", "ray")):
            continue
        if "skipped" in r:
            lines.append(f"| {label} | {r.get('docs', '—')} | — | skipped: {r['skipped'][:120]} "
                         "| | | | | | |")
            continue
        sp = r["stage_peak_rss_mb"]
        cells = []
        for name in ("read", "clean", "facts", "link"):
            w, c = stage_rate(r, name), stage_rate(r, name, cpu=True)
            cells.append(f"{fmt(w, 1)}" + (f" ({fmt(c, 1)})" if c else ""))
        lines.append(
            f"| {label} | {r['docs']:,} | {r['wall_s']:,.0f} | **{fmt(r['docs_per_s'], 2)}** "
            f"({fmt(r.get('docs_per_cpu_s'), 2)}) | " + " | ".join(cells) + " | "
            f"{fmt(sp.get('read'), 0)} / {fmt(sp.get('clean'), 0)} / {fmt(sp.get('facts'), 0)} / "
            f"{fmt(sp.get('link'), 0)} | {fmt(r['peak_rss_mb'], 0)} ({fmt(r['tree_peak_rss_mb'], 0)}) |")
    lines.append("")
    lines.append("Stage cells: docs/s of wall time in the stage (docs per CPU-second of the measuring process, "
                 "1-worker runs). With 2 workers or Ray, clean and facts run in other processes: their wall "
                 "seconds are summed over workers.")
    s = results["summary"]
    lines += ["", "| comparison | measured | goal |", "|---|---|---|"]
    rows = (("vs_trafilatura", "end-to-end docs/s ÷ trafilatura.extract alone (same HTML pages, htmldate on "
             "newsdesk's date parser)", "≥ 0.8×"),
            ("vs_trafilatura_cpu", "the same, by CPU time (trafilatura CPU-s ÷ newsdesk CPU-s)", "≥ 0.8×"),
            ("vs_trafilatura_stock", "end-to-end docs/s ÷ trafilatura as installed (dateparser over all locales)",
             "—"),
            ("workers2_vs_1", "2 workers ÷ 1 worker (docs/s)", "≥ 1.7×"),
            ("ray_vs_local1", "Ray, 2 CPUs ÷ local, 1 worker (docs/s)", "≥ 0.67× (within 1.5×)"),
            ("ray_vs_local2", "Ray, 2 CPUs ÷ local, 2 workers (docs/s)", "≥ 0.67× (within 1.5×)"),
            ("db_on_vs_off", "--db on ÷ off (docs/s)", "—"))
    for key, what, goal in rows:
        v = s.get(key)
        lines.append(f"| {what} | {fmt(v, 2) + '×' if v is not None else '—'} | {goal} |")
    lines.append(f"| docs/day at the best setting ({s.get('best_setting', '—')}) | {fmt(s.get('docs_per_day'), 0)} | — |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--sizes", default="5000,20000,50000")
    ap.add_argument("--compare-size", type=int, default=5000, help="input for 2 workers vs 1, Ray vs local, db")
    ap.add_argument("--ratio-docs", type=int, default=300, help="HTML pages for the trafilatura ratio")
    ap.add_argument("--profile-docs", type=int, default=300, help="documents to profile (0: no profile)")
    ap.add_argument("--budget-min", type=float, default=30.0, help="wall-time budget of the whole run")
    ap.add_argument("--no-ray", action="store_true")
    ap.add_argument("--db", action="store_true", help="also measure the SQLite store on vs off")
    ap.add_argument("--sizes-db", action="store_true",
                    help="run the size series through a SQLite store (streaming: nothing kept in memory but the "
                         "link index; without it the in-memory story map holds every article)")
    ap.add_argument("--sizes-workers", type=int, default=1, help="workers for the size series")
    ap.add_argument("--only", default="", help="comma list of: sizes,ratio,workers,ray,db,profile")
    ap.add_argument("--corpus", default="/tmp/newsdesk-corpus")
    ap.add_argument("--tmp", default=str(RESULTS / "tmp"), help="scratch space (stores of the --db runs)")
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)

    if args.child:
        spec = json.loads(sys.stdin.read())
        import logging
        logging.basicConfig(level=logging.ERROR)
        print(json.dumps(CHILDREN[args.child](spec)), flush=True)
        return 0

    t_start = time.perf_counter()
    budget = args.budget_min * 60
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    only = {x.strip() for x in args.only.split(",") if x.strip()}

    def want(part: str) -> bool:
        return not only or part in only

    shared = ROOT.parent / "shared" / "data" / "extraction"
    corpus = Path(args.corpus)
    if not (corpus / "manifest.json").exists() and not shared.is_dir():
        print("bench_scale: skipped, ../shared/data/extraction is absent (the corpus is built from it)")
        return 0
    manifest = ensure_corpus(corpus, max(sizes + [args.compare_size]))
    if manifest is None:
        print("bench_scale: skipped, no corpus")
        return 0
    t_ready = time.perf_counter()
    loads = {"start": load_average()}
    print(f"corpus {corpus}: {manifest['n']} documents, mix {manifest['totals']}; load average {loads['start']}",
          flush=True)

    results: dict = {"date": date.today().isoformat(), "machine": {"cpus": os.cpu_count()},
                     "corpus": {k: manifest[k] for k in ("n", "seed", "shard_size", "html_share", "plain_share",
                                                         "compress", "totals")} | {"dir": str(corpus)},
                     "args": vars(args), "runs": {}, "load_average": loads}
    runs = results["runs"]
    warm = html_files(manifest, 10)
    e2e_rate: list[float] = []  # docs/s measured so far at 1 worker (for projections)

    def left() -> float:
        return budget - (time.perf_counter() - t_start)

    def measure(label: str, kind: str, spec: dict, docs: int, speed: float = 1.0) -> dict:
        rate = (min(e2e_rate) if e2e_rate else None)
        projected = docs / (rate * speed) + 30 if rate else None
        if projected is not None and projected > left():
            r = {"docs": docs, "skipped": f"projected {projected / 60:.0f} min at {rate * speed:.1f} docs/s, "
                                          f"{max(left(), 0) / 60:.0f} min of the budget left"}
        else:
            print(f"[{(time.perf_counter() - t_start) / 60:5.1f} min] {label} ({docs} docs) ...", flush=True)
            loads[label] = load_average()
            r = run_child(kind, spec, timeout=max(left() + 300, 120))
            r["load_average_before"] = loads[label]
        runs[label] = r
        msg = r.get("skipped") or (f"{r.get('docs_per_s', r.get('ratio'))} ({r.get('wall_s', '')} s)")
        print(f"    {label}: {msg}", flush=True)
        return r

    def size_label(n: int) -> str:
        w = args.sizes_workers
        return f"local, {w} worker{'s' if w > 1 else ''}{', --db' if args.sizes_db else ''}, {n} docs"

    def size_spec(inp: list[str]) -> dict:
        spec = {"inputs": inp, "warmup": warm, "workers": args.sizes_workers}
        if args.sizes_db:
            Path(args.tmp).mkdir(parents=True, exist_ok=True)
            spec["db"] = str(Path(args.tmp) / f"bench-sizes-{os.getpid()}-{len(inp)}.db")
        return spec

    cmp_inputs, cmp_docs = corpus_inputs(manifest, args.compare_size)
    # 1. the smallest size at 1 worker (also the baseline of the comparisons), 2. the ratios, 3. larger sizes
    first = sizes[0] if sizes else args.compare_size
    order = [s for s in sizes if s == first]
    if want("sizes") or want("workers") or want("ray") or want("db"):
        for s in order:
            inp, n = corpus_inputs(manifest, s)
            r = measure(size_label(n), "run", size_spec(inp), n)
            if "skipped" not in r:
                e2e_rate.append(r["docs_per_s"])
    if want("ratio"):
        files = html_files(manifest, args.ratio_docs)
        measure(f"ratio vs trafilatura, {len(files)} html pages", "ratio", {"inputs": files}, 4 * len(files))
    base_label = f"local, 1 worker, {cmp_docs} docs"
    if want("workers"):
        if base_label not in runs:
            r = measure(base_label, "run", {"inputs": cmp_inputs, "warmup": warm}, cmp_docs)
            if "skipped" not in r:
                e2e_rate.append(r["docs_per_s"])
        measure(f"local, 2 workers, {cmp_docs} docs", "run",
                {"inputs": cmp_inputs, "warmup": warm, "workers": 2}, cmp_docs, speed=1.5)
    if want("ray") and not args.no_ray:
        measure(f"ray (local, 2 CPUs), {cmp_docs} docs", "run",
                {"inputs": cmp_inputs, "warmup": warm, "backend": "ray"}, cmp_docs, speed=1.0)
    if args.db and want("db"):
        Path(args.tmp).mkdir(parents=True, exist_ok=True)
        dbp = Path(args.tmp) / f"bench-scale-{os.getpid()}.db"
        measure(f"local, 1 worker, --db, {cmp_docs} docs", "run",
                {"inputs": cmp_inputs, "warmup": warm, "db": str(dbp)}, cmp_docs)
        for suffix in ("", "-wal", "-shm"):
            Path(str(dbp) + suffix).unlink(missing_ok=True)
    if want("profile") and args.profile_docs:
        inp, _ = corpus_inputs(manifest, 1)
        prof = measure(f"profile, block 0, first {args.profile_docs} docs", "profile",
                       {"inputs": _first_docs(inp, args.profile_docs, Path(args.tmp))}, args.profile_docs, 0.5)
        results["profile"] = runs.pop(f"profile, block 0, first {args.profile_docs} docs")
        del prof
    if want("sizes"):
        for s in sizes[1:]:
            if s > manifest["n"]:
                runs[f"local, 1 worker, {s} docs"] = {
                    "docs": s, "skipped": f"the corpus holds {manifest['n']} documents (make_corpus.py --n {s})"}
                continue
            inp, n = corpus_inputs(manifest, s)
            r = measure(size_label(n), "run", size_spec(inp), n)
            if "skipped" not in r:
                e2e_rate.append(r["docs_per_s"])
            Path(str(size_spec(inp).get("db", ""))).unlink(missing_ok=True)

    results["summary"] = summarise(runs, cmp_docs)
    loads["end"] = load_average()
    results["wall_minutes"] = round((time.perf_counter() - t_start) / 60, 1)
    results["corpus_minutes"] = round((t_ready - t_start) / 60, 1)
    md = table(results)
    results["markdown"] = md
    out = Path(args.out) if args.out else RESULTS / f"scale-{results['date']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1))
    print()
    print(md)
    if "profile" in results and "top_own" in results["profile"]:
        print("\nwhere the time goes (cProfile, own time):")
        for row in results["profile"]["top_own"][:12]:
            print(f"  {row['own_s']:8.2f} s  {row['calls']:>9}  {row['function']}")
    print(f"\nload average: {loads}")
    print(f"took {results['wall_minutes']} min (corpus {results['corpus_minutes']} min); wrote {out}")
    return 0


def _first_docs(inputs: list[str], n: int, tmp: Path) -> list[str]:
    """A JSONL file with the first n records of the first shard, plus the block's plain files: a small,
    mixed input for the profile."""
    import gzip

    tmp.mkdir(parents=True, exist_ok=True)
    shard = next((p for p in inputs if ".jsonl" in p), None)
    out: list[str] = []
    if shard:
        opener = gzip.open if shard.endswith(".gz") else open
        with opener(shard, "rt", encoding="utf-8") as fh:
            lines = [line for _, line in zip(range(int(n * 0.9)), fh)]
        f = tmp / "profile.jsonl"
        f.write_text("".join(lines), encoding="utf-8")
        out.append(str(f))
    plain = [p for p in inputs if Path(p).is_dir()]
    for d in plain:
        out.extend(sorted(str(p) for p in Path(d).iterdir())[: max(1, n // 10)])
    return out


def summarise(runs: dict, cmp_docs: int) -> dict:
    def rate(label: str) -> float | None:
        r = runs.get(label)
        return r.get("docs_per_s") if r and "skipped" not in r else None

    base = rate(f"local, 1 worker, {cmp_docs} docs")
    w2 = rate(f"local, 2 workers, {cmp_docs} docs")
    ray = rate(f"ray (local, 2 CPUs), {cmp_docs} docs")
    dbr = rate(f"local, 1 worker, --db, {cmp_docs} docs")
    ratio = next((r for k, r in runs.items() if k.startswith("ratio") and "ratio" in r), {})
    s: dict = {"vs_trafilatura": ratio.get("ratio"), "vs_trafilatura_cpu": ratio.get("ratio_cpu"),
               "vs_trafilatura_stock": ratio.get("ratio_stock"), "vs_trafilatura_stock_cpu": ratio.get("ratio_stock_cpu"),
               "workers2_vs_1": round(w2 / base, 3) if base and w2 else None,
               "ray_vs_local1": round(ray / base, 3) if base and ray else None,
               "ray_vs_local2": round(ray / w2, 3) if w2 and ray else None,
               "db_on_vs_off": round(dbr / base, 3) if base and dbr else None}
    for label, key in ((f"local, 1 worker, {cmp_docs} docs", "local1"), (f"local, 2 workers, {cmp_docs} docs", "local2"),
                       (f"ray (local, 2 CPUs), {cmp_docs} docs", "ray")):
        r = runs.get(label)
        if r and r.get("docs_per_cpu_s"):
            s[f"docs_per_cpu_s_{key}"] = r["docs_per_cpu_s"]
    candidates = {"local, 1 worker": base, "local, 2 workers": w2, "ray": ray}
    best = max(((k, v) for k, v in candidates.items() if v), key=lambda kv: kv[1], default=None)
    if best:
        s["best_setting"], s["best_docs_per_s"] = best
        s["docs_per_day"] = round(best[1] * 86400)
    return s


if __name__ == "__main__":
    sys.exit(main())
