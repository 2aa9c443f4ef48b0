"""Search quality: Tendril's random search and TPE against Optuna 3.1's samplers, side by side.

Runs tendril_search_regret --json (Branin and Hartmann-6, 20 seeds, 100 evaluations each, regret
read after 50 and 100) and Optuna's RandomSampler and TPESampler (independent and multivariate) on
the same functions, seeds 0-19, in this same run. Prints a Markdown table of median simple regrets
and of the time one 100-evaluation study takes without the objective (Optuna's includes its
in-memory storage). Seeds are not comparable across the two: each tool has its own generator.

usage: /usr/bin/python3 tests/bench/search_regret_vs_optuna.py BUILD_DIR [SEEDS]
"""

import datetime
import json
import math
import os
import statistics
import subprocess
import sys
import time
import warnings

# Debian's python3-optuna is installed for the system interpreter only.
SYSTEM_PYTHON = "/usr/bin/python3"
EVALUATIONS = (50, 100)
BRANIN_MINIMUM = 0.397887357729738
HARTMANN6_MINIMUM = -3.32236801141551

HARTMANN_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
              [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
HARTMANN_P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
              [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
              [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
              [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]
HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]


class BenchmarkError(Exception):
    pass


def branin(x):
    x1, x2 = x
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def hartmann6(x):
    return -sum(HARTMANN_ALPHA[i] * math.exp(-sum(HARTMANN_A[i][j] * (x[j] - HARTMANN_P[i][j]) ** 2
                                                    for j in range(6)))
                for i in range(4))


# name: (bounds of each parameter, function, minimum)
FUNCTIONS = {
    "branin": ([("x1", -5, 10), ("x2", 0, 15)], branin, BRANIN_MINIMUM),
    "hartmann6": ([(f"x{i}", 0, 1) for i in range(6)], hartmann6, HARTMANN6_MINIMUM),
}


def optuna_results(seeds):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
    samplers = {
        "random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
        "tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
        "tpe_multivariate": lambda seed: optuna.samplers.TPESampler(seed=seed, multivariate=True),
    }
    results = {}
    for function_name, (bounds, function, minimum) in FUNCTIONS.items():
        for sampler_name, make in samplers.items():
            regrets = {n: [] for n in EVALUATIONS}
            seconds = []
            for seed in range(seeds):
                study = optuna.create_study(sampler=make(seed))
                evaluating = 0.0

                # Independent samplers draw inside suggest_float, so only the arithmetic is timed
                # as the objective's.
                def timed(trial):
                    nonlocal evaluating
                    x = [trial.suggest_float(name, low, high) for name, low, high in bounds]
                    start = time.perf_counter()
                    value = function(x)
                    evaluating += time.perf_counter() - start
                    return value

                start = time.perf_counter()
                study.optimize(timed, n_trials=max(EVALUATIONS))
                seconds.append(time.perf_counter() - start - evaluating)
                values = [t.value for t in study.trials]
                for n in EVALUATIONS:
                    regrets[n].append(min(values[:n]) - minimum)
            for n in EVALUATIONS:
                results[(function_name, sampler_name, n)] = (statistics.median(regrets[n]), statistics.median(seconds))
    return results


def tendril_results(build_dir, seeds):
    program = os.path.join(build_dir, "bin", "tendril_search_regret")
    if not os.access(program, os.X_OK):
        raise BenchmarkError(f"{program}: not found; build the target tendril_search_regret first "
                             f"(cmake --build {build_dir} --target tendril_search_regret)")
    done = subprocess.run([program, "--json", "--seeds", str(seeds)], capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchmarkError(f"{program}: failed: {done.stderr.strip()}")
    results = {}
    for line in done.stdout.splitlines():
        row = json.loads(line)
        results[(row["function"], row["sampler"], row["evaluations"])] = (row["median_regret"],
                                                                          row["seconds_per_study"])
    return results


def cell(value, digits=4):
    return "–" if value is None else f"{value:.{digits}g}"


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    build_dir = sys.argv[1]
    seeds = int(sys.argv[2]) if len(sys.argv) == 3 else 20
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import optuna"], capture_output=True)
    if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) or check.returncode != 0:
        raise BenchmarkError(f"run with {SYSTEM_PYTHON} and Debian's python3-optuna installed")
    import optuna
    tendril = tendril_results(build_dir, seeds)
    reference = optuna_results(seeds)

    print(f"## Search quality: median simple regret over {seeds} seeds "
          f"(Optuna {optuna.__version__}, {os.cpu_count()} cores, {datetime.date.today().isoformat()})")
    print()
    print("| function | sampler | evaluations | Tendril | Optuna | Tendril ms/study | Optuna ms/study |")
    print("|---|---|---|---|---|---|---|")
    for (function, sampler, n), (regret, seconds) in tendril.items():
        other = reference.get((function, sampler, n))
        print(f"| {function} | {sampler} | {n} | {cell(regret)} | {cell(other[0] if other else None)} | "
              f"{cell(1000 * seconds, 3)} | {cell(1000 * other[1] if other else None, 3)} |")
    print()
    print("Milliseconds are for the whole 100-evaluation study, without the objective. "
          "tpe_normalized_kernels is Tendril's TPE with Optuna >= 3.5's normalised kernel densities "
          "(Tendril weighs candidates as Optuna 3.1 does).")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchmarkError as e:
        print(f"search_regret_vs_optuna.py: {e}", file=sys.stderr)
        sys.exit(1)
