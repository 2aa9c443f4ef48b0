"""fANOVA importance: Tendril's engine against Optuna's FanovaImportanceEvaluator on the same trials.

For each size a random-search study on a synthetic objective (importance_synthetic.py) is written once
as a tendril/1 file; Tendril imports it and Optuna reads it back, so both see identical trials. Both
fit 64 trees. Reported: Optuna's evaluate() wall time (in its own process), Tendril's engine time
(the "seconds" of `tendril-cli importance --json`) and the whole command's wall time, the speed-up,
the peak memory of each process, and how far the importances agree (Optuna integrates on the raw
scale and renormalises the singles to sum to 1, so Tendril's raw-scale singles are renormalised the
same way for the comparison). Prints Markdown (docs/importance.md keeps the numbers).

Processes are measured through `tendril_io_bench --measure`: Linux carries the peak memory of the
process that spawns a child into the child's own peak, and this script holds the trials in memory.

usage: /usr/bin/python3 tests/bench/importance_vs_optuna.py BUILD_DIR [WORK_DIR]
"""

import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__ folders
import importance_synthetic as synthetic  # noqa: E402  (after the line above on purpose)

# The reference tools come from Debian (python3-optuna, python3-sklearn), installed for the system
# interpreter; another interpreter on PATH would not have them.
SYSTEM_PYTHON = "/usr/bin/python3"
HERE = os.path.dirname(os.path.abspath(__file__))
TREES = 64
DATA_SEED = 20240601

# (trials, parameters, seeds): Optuna needs about 45 s per evaluation at 1,000 trials here.
SIDE_BY_SIDE = [(100, 6, list(range(10))), (1000, 6, list(range(3)))]
# (trials, parameters, with all pairs, repeats): Tendril alone.
TENDRIL_ONLY = [(10000, 8, True, 3), (100000, 8, False, 1)]

TARGET_SPEEDUP_AT_1000 = 100.0
TARGET_SECONDS_10000_PAIRS = 2.0

# Runs the command with its stdout sent to the file given first; `exec` makes the measured process
# the command itself rather than a shell around it.
REDIRECT = 'out=$1; shift; exec "$@" > "$out"'


class BenchmarkError(Exception):
    pass


class Runner:
    def __init__(self, build_dir, work_dir):
        bin_dir = os.path.join(build_dir, "bin")
        self.cli = os.path.join(bin_dir, "tendril-cli")
        self.measure = os.path.join(bin_dir, "tendril_io_bench")
        self.work = work_dir
        for program, target in ((self.cli, "tendril-cli"), (self.measure, "tendril_io_bench")):
            if not os.access(program, os.X_OK):
                raise BenchmarkError(f"{program}: not found; build the target {target} first "
                                     f"(cmake --build {build_dir} --target {target})")
        check = subprocess.run([SYSTEM_PYTHON, "-c", "import optuna, sklearn"], capture_output=True)
        if check.returncode != 0:
            raise BenchmarkError(f"{SYSTEM_PYTHON}: cannot import optuna and sklearn; install Debian's "
                                 "python3-optuna and python3-sklearn (./setup.sh bench does)")

    def measured(self, command, stdout_file):
        """Runs command with stdout to stdout_file; returns (wall seconds, peak resident MiB)."""
        report = os.path.join(self.work, "measure.txt")
        argv = [self.measure, "--measure", report, "/bin/sh", "-c", REDIRECT, "sh", stdout_file, *command]
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            raise BenchmarkError(f"{' '.join(command)}: failed: {done.stderr.strip()}")
        with open(report, encoding="utf-8") as f:
            seconds, peak = (float(v) for v in f.read().split())
        return seconds, peak

    def prepare(self, trials, param_count):
        """Writes the study as tendril/1 and imports it; returns (native file, project, study)."""
        study = f"random-{param_count}p-{trials}"
        native = os.path.join(self.work, study + ".json")
        project = os.path.join(self.work, study + ".tendril")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(project + suffix):
                os.remove(project + suffix)
        columns, score = synthetic.sample_trials(param_count, trials, DATA_SEED)
        synthetic.write_native(native, study, param_count, columns, score)
        done = subprocess.run([self.cli, "import", native, "--project", project],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            raise BenchmarkError(f"tendril-cli import {native}: failed: {done.stderr.strip()}")
        return native, project, study

    def tendril(self, project, study, seed, scale, threads=0, pairs=False):
        out = os.path.join(self.work, "importance.json")
        command = [self.cli, "importance", "--project", project, "--study", study, "--trees", str(TREES),
                   "--seed", str(seed), "--scale", scale, "--threads", str(threads), "--json"]
        if pairs:
            command.append("--pairs")
        wall, peak = self.measured(command, out)
        with open(out, encoding="utf-8") as f:
            report = json.load(f)
        return {
            "engine": report["seconds"], "wall": wall, "peak": peak,
            "params": {p["name"]: p["importance"] for p in report["params"]},
            "pairs": {tuple(p["params"]): p["importance"] for p in report.get("pairs", [])},
        }

    def optuna(self, native, seeds):
        result_file = os.path.join(self.work, "optuna.json")
        worker = os.path.join(HERE, "importance_optuna.py")
        _, peak = self.measured([SYSTEM_PYTHON, worker, native, result_file, *map(str, seeds)], os.devnull)
        with open(result_file, encoding="utf-8") as f:
            result = json.load(f)
        result["peak"] = peak
        return result


def renormalised(importances):
    total = sum(importances.values())
    return {k: v / total for k, v in importances.items()} if total > 0 else dict(importances)


def mean_of(dicts):
    return {k: statistics.fmean(d[k] for d in dicts) for k in dicts[0]}


def sd_of(dicts):
    return {k: statistics.pstdev(d[k] for d in dicts) for k in dicts[0]}


def ranks(values):
    """Ranks from 1, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    ma, mb = statistics.fmean(ra), statistics.fmean(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    norm = (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5
    return cov / norm if norm > 0 else 1.0


def secs(s):
    if s < 0.1:
        return f"{s * 1000:.0f} ms" if s < 0.01 else f"{s:.3f} s"
    return f"{s:.2f} s" if s < 10 else f"{s:.1f} s"


def mib(m):
    return f"{m:.0f} MiB"


def num(v):
    return f"{v:.3f}"


def side_by_side(runner, trials, param_count, seeds):
    native, project, study = runner.prepare(trials, param_count)
    optuna = runner.optuna(native, seeds)
    raw = [runner.tendril(project, study, s, "raw") for s in seeds]
    raw_one_thread = [runner.tendril(project, study, s, "raw", threads=1) for s in seeds]
    sampling = [runner.tendril(project, study, s, "sampling") for s in seeds]
    optuna_imps = [r["importances"] for r in optuna["runs"]]
    tendril_raw = [renormalised(r["params"]) for r in raw]
    exact_raw, _ = synthetic.exact_importances(param_count, "raw")
    exact_sampling, _ = synthetic.exact_importances(param_count, "sampling")
    return {
        "trials": trials, "params": param_count, "seeds": len(seeds),
        "optuna_seconds": statistics.fmean(r["seconds"] for r in optuna["runs"]),
        "optuna_peak": optuna["peak"], "optuna_version": optuna["optuna"],
        "engine": statistics.median(r["engine"] for r in raw),
        "engine_one_thread": statistics.median(r["engine"] for r in raw_one_thread),
        "wall": statistics.median(r["wall"] for r in raw),
        "peak": max(r["peak"] for r in raw + raw_one_thread + sampling),
        "optuna_mean": mean_of(optuna_imps), "optuna_sd": sd_of(optuna_imps),
        "tendril_raw_mean": mean_of(tendril_raw), "tendril_raw_sd": sd_of(tendril_raw),
        "tendril_sampling_mean": mean_of([r["params"] for r in sampling]),
        "exact_raw": renormalised(exact_raw), "exact_sampling": exact_sampling,
    }


def tendril_only(runner, trials, param_count, pairs, repeats):
    _, project, study = runner.prepare(trials, param_count)
    runs = [runner.tendril(project, study, seed, "sampling", pairs=pairs) for seed in range(repeats)]
    exact_singles, exact_pairs = synthetic.exact_importances(param_count, "sampling")
    return {
        "trials": trials, "params": param_count, "pairs": pairs, "repeats": repeats,
        "engine": statistics.median(r["engine"] for r in runs),
        "wall": statistics.median(r["wall"] for r in runs),
        "peak": max(r["peak"] for r in runs),
        "singles": mean_of([r["params"] for r in runs]),
        "pair_values": mean_of([r["pairs"] for r in runs]) if pairs else {},
        "exact_singles": exact_singles, "exact_pairs": exact_pairs,
    }


def print_speed(rows, alone):
    print("| trials × parameters | Optuna `evaluate()` | Tendril engine, 2 threads / 1 thread "
          "| `tendril-cli importance` | speed-up: engine 2 / 1 threads, whole command "
          "| peak memory: Optuna process / tendril-cli |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        o = r["optuna_seconds"]
        print(f"| {r['trials']:,} × {r['params']} | {secs(o)} (mean of {r['seeds']} seeds) "
              f"| {secs(r['engine'])} / {secs(r['engine_one_thread'])} | {secs(r['wall'])} "
              f"| {o / r['engine']:,.0f}× / {o / r['engine_one_thread']:,.0f}×, {o / r['wall']:,.0f}× "
              f"| {mib(r['optuna_peak'])} / {mib(r['peak'])} |")
    for a in alone:
        what = f"singles + all {a['params'] * (a['params'] - 1) // 2} pairs" if a["pairs"] else "singles"
        print(f"| {a['trials']:,} × {a['params']}, {what} | not run | {secs(a['engine'])} (2 threads) "
              f"| {secs(a['wall'])} | — | — / {mib(a['peak'])} |")
    print()
    print("Tendril times are medians over the seeds (over repeated runs for the Tendril-only rows); "
          "the whole command includes process start, opening the project and loading the study.")
    print()


def print_targets(rows, alone):
    at_1000 = next((r for r in rows if r["trials"] == 1000), None)
    with_pairs = next((a for a in alone if a["trials"] == 10000 and a["pairs"]), None)
    if at_1000:
        speedup = at_1000["optuna_seconds"] / at_1000["engine"]
        verdict = "met" if speedup >= TARGET_SPEEDUP_AT_1000 else "NOT met"
        print(f"- Target: at 1,000 trials at least {TARGET_SPEEDUP_AT_1000:.0f}× faster than Optuna: "
              f"{verdict} ({speedup:,.0f}× engine; {at_1000['optuna_seconds'] / at_1000['wall']:,.0f}× "
              f"for the whole command).")
    if with_pairs:
        verdict = "met" if with_pairs["wall"] <= TARGET_SECONDS_10000_PAIRS else "NOT met"
        print(f"- Target: 10,000 trials × 8 parameters with all 28 pairs within "
              f"{TARGET_SECONDS_10000_PAIRS:.0f} s: {verdict} ({secs(with_pairs['engine'])} engine, "
              f"{secs(with_pairs['wall'])} whole command, peak {mib(with_pairs['peak'])}).")
    print()


def print_agreement(r):
    names = sorted(r["optuna_mean"], key=lambda n: -r["optuna_mean"][n])
    opt, ten = r["optuna_mean"], r["tendril_raw_mean"]
    print(f"Agreement at {r['trials']:,} trials × {r['params']} parameters, mean (± sd) over "
          f"{r['seeds']} seeds; raw scale, singles renormalised to sum to 1:")
    print()
    print("| parameter | Optuna | Tendril raw | difference | exact (raw) | Tendril sampling scale, as reported "
          "| exact (sampling scale) |")
    print("|---|---|---|---|---|---|---|")
    for n in names:
        print(f"| {n} | {num(opt[n])} ± {num(r['optuna_sd'][n])} | {num(ten[n])} ± {num(r['tendril_raw_sd'][n])} "
              f"| {ten[n] - opt[n]:+.3f} | {num(r['exact_raw'][n])} | {num(r['tendril_sampling_mean'][n])} "
              f"| {num(r['exact_sampling'][n])} |")
    print()
    worst = max(abs(ten[n] - opt[n]) for n in names)
    rho = spearman([opt[n] for n in names], [ten[n] for n in names])
    same_order = sorted(names, key=lambda n: -ten[n]) == names
    off_opt = max(abs(opt[n] - r["exact_raw"][n]) for n in names)
    off_ten = max(abs(ten[n] - r["exact_raw"][n]) for n in names)
    print(f"Largest difference {worst:.3f}; Spearman rank correlation {rho:.2f}"
          f"{' (same order)' if same_order else ''}. Largest distance from the exact raw-scale values: "
          f"Optuna {off_opt:.3f}, Tendril {off_ten:.3f}.")
    print()


def print_pairs(a):
    if not a["pairs"]:
        return
    true_pairs = {tuple(sorted(k)): v for k, v in a["exact_pairs"].items()}
    found = {tuple(sorted(k)): v for k, v in a["pair_values"].items()}
    parts = [f"{x} × {y} {num(found.get((x, y), 0.0))} (exact {num(v)})" for (x, y), v in sorted(true_pairs.items())]
    others = [v for k, v in found.items() if k not in true_pairs]
    print(f"Pairs at {a['trials']:,} × {a['params']} (sampling scale, pure interaction terms): "
          f"{'; '.join(parts)}; largest of the other {len(others)} pairs {num(max(others, default=0.0))}.")
    print()


def main(argv):
    if len(argv) < 2:
        print("usage: importance_vs_optuna.py BUILD_DIR [WORK_DIR]", file=sys.stderr)
        return 2
    own_work = None if len(argv) > 2 else tempfile.TemporaryDirectory(prefix="tendril-importance-bench-")
    work = os.path.join(argv[2], "importance") if len(argv) > 2 else own_work.name
    os.makedirs(work, exist_ok=True)
    load_before = os.getloadavg()[0]
    try:
        runner = Runner(argv[1], work)
        rows = [side_by_side(runner, n, p, seeds) for n, p, seeds in SIDE_BY_SIDE]
        alone = [tendril_only(runner, n, p, pairs, repeats) for n, p, pairs, repeats in TENDRIL_ONLY]
    except BenchmarkError as e:
        print(f"importance benchmark: {e}", file=sys.stderr)
        return 1
    finally:
        if own_work:
            own_work.cleanup()
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    print()
    print(f"## Importance: Tendril against Optuna {rows[0]['optuna_version']} FanovaImportanceEvaluator, "
          f"{TREES} trees ({os.cpu_count()} cores, {today})")
    print()
    print_speed(rows, alone)
    # Both tools share the cores with whatever else runs; a busy machine slows Optuna's single
    # thread and takes Tendril's second thread away.
    print(f"Load average (1 min) before / after the run: {load_before:.1f} / {os.getloadavg()[0]:.1f}.")
    print()
    print_targets(rows, alone)
    for r in rows:
        print_agreement(r)
    for a in alone:
        print_pairs(a)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
