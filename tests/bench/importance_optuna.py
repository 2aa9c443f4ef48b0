"""Optuna's side of the importance benchmark, run as its own process so its memory can be measured.

Reads the study from the tendril/1 file Tendril imports (so both tools see the very same trials),
builds an Optuna study from it with matching distributions, and times
FanovaImportanceEvaluator.evaluate() with 64 trees for each seed. Writes the results as JSON:
{"trials": n, "runs": [{"seed", "seconds", "importances": {name: value}}]}.

usage: /usr/bin/python3 importance_optuna.py NATIVE_FILE RESULT_FILE SEED...
"""

import json
import sys
import time

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.importance import FanovaImportanceEvaluator


def distribution(param):
    if param["type"] == "categorical":
        return CategoricalDistribution(param["choices"])
    if param["type"] == "int":
        return IntDistribution(param["low"], param["high"])
    if param["type"] == "float":
        return FloatDistribution(param["low"], param["high"], log=param.get("log", False))
    raise ValueError(f"space: parameter {param['name']!r} has type {param['type']!r}, "
                     "expected float, int or categorical")


def load_study(native_file):
    with open(native_file, encoding="utf-8") as f:
        doc = json.load(f)
    source = doc["studies"][0]
    metric = source["objective"]["metric"]
    distributions = {p["name"]: distribution(p) for p in source["space"]}
    study = optuna.create_study(direction=source["objective"]["direction"])
    study.add_trials([
        optuna.trial.create_trial(params=t["params"], distributions=distributions, value=t["metrics"][metric])
        for t in source["trials"] if t["state"] == "complete"
    ])
    return study


def main(argv):
    if len(argv) < 4:
        print("usage: importance_optuna.py NATIVE_FILE RESULT_FILE SEED...", file=sys.stderr)
        return 2
    native_file, result_file, seeds = argv[1], argv[2], [int(s) for s in argv[3:]]
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = load_study(native_file)
    runs = []
    for seed in seeds:
        evaluator = FanovaImportanceEvaluator(n_trees=64, max_depth=64, seed=seed)
        start = time.perf_counter()
        importances = evaluator.evaluate(study)
        seconds = time.perf_counter() - start
        runs.append({"seed": seed, "seconds": seconds, "importances": dict(importances)})
    with open(result_file, "w", encoding="utf-8") as out:
        json.dump({"trials": len(study.trials), "optuna": optuna.__version__, "runs": runs}, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
