"""Synthetic random-search studies for the importance benchmark, and their exact importances.

The objective is a sum of terms of one or two hyperparameters plus Gaussian noise, so the exact
variance decomposition is known for any integration measure: the "sampling" scale (log parameters
integrated on log10, as Tendril does by default) and the "raw" scale (every numeric parameter
integrated on its raw value, as Optuna and automl/fanova do). The same trials feed both tools: they
are written once as a tendril/1 file, which Tendril imports and the Optuna side reads back.
"""

import json
import math

import numpy as np

NOISE_SD = 0.1

# name, type, bounds/choices, log. The first six are the side-by-side space; all eight are used for
# the larger Tendril-only runs.
PARAMS = [
    {"name": "lr", "type": "float", "low": 1e-5, "high": 1e-1, "log": True},
    {"name": "layers", "type": "int", "low": 1, "high": 8},
    {"name": "dropout", "type": "float", "low": 0.0, "high": 0.5},
    {"name": "momentum", "type": "float", "low": 0.8, "high": 0.99},
    {"name": "optimizer", "type": "categorical", "choices": ["sgd", "adam", "rmsprop"]},
    {"name": "dummy", "type": "float", "low": 0.0, "high": 1.0},
    {"name": "weight_decay", "type": "float", "low": 1e-6, "high": 1e-2, "log": True},
    {"name": "warmup", "type": "int", "low": 0, "high": 10},
]

OPTIMIZER_OFFSET = {"sgd": -0.5, "adam": 0.4, "rmsprop": 0.1}


def _centred(x, low, high):
    """Maps [low, high] linearly onto [-1, 1]."""
    return 2.0 * (x - low) / (high - low) - 1.0


def _lr_too_high(lr):
    """Training falls apart as lr rises past 1e-3: a smooth step on the log axis from 0 to 1.

    On the log axis half of the range lies on each side of the step; on the raw axis 99 % of the
    range is above it, so the raw-scale decomposition sees almost no effect (docs/importance.md).
    """
    return 1.0 / (1.0 + np.exp(-4.0 * (np.log10(lr) + 3.0)))


# Each term: (parameter names, function of their values as numpy arrays). "dummy" has no term.
TERMS = [
    (("lr",), lambda lr: -1.0 * _lr_too_high(lr)),
    (("layers",), lambda layers: 0.08 * layers),
    (("dropout",), lambda d: -0.3 * _centred(d, 0.0, 0.5)),
    (("dropout", "momentum"), lambda d, m: 0.5 * _centred(d, 0.0, 0.5) * _centred(m, 0.8, 0.99)),
    (("optimizer",), lambda opt: np.vectorize(OPTIMIZER_OFFSET.get, otypes=[float])(opt)),
    (("weight_decay",), lambda wd: 0.4 * (wd < 1e-4)),
    (("warmup", "lr"), lambda w, lr: 0.4 * (w / 10.0) * _lr_too_high(lr)),
]


def space(param_count):
    return PARAMS[:param_count]


def _terms_for(names):
    return [(params, f) for params, f in TERMS if all(p in names for p in params)]


def sample_trials(param_count, trials, seed):
    """Random search: every parameter drawn independently from its declared distribution."""
    rng = np.random.default_rng(seed)
    columns = {}
    for p in space(param_count):
        if p["type"] == "categorical":
            columns[p["name"]] = np.array(p["choices"], dtype=object)[rng.integers(0, len(p["choices"]), trials)]
        elif p["type"] == "int":
            columns[p["name"]] = rng.integers(p["low"], p["high"] + 1, trials)
        elif p.get("log"):
            columns[p["name"]] = 10.0 ** rng.uniform(math.log10(p["low"]), math.log10(p["high"]), trials)
        else:
            columns[p["name"]] = rng.uniform(p["low"], p["high"], trials)
    score = rng.normal(0.0, NOISE_SD, trials)
    for params, f in _terms_for(columns):
        score = score + f(*(columns[name] for name in params))
    return columns, score


def write_native(path, study_name, param_count, columns, score):
    """Writes the trials as a tendril/1 file (the declared space carries log: true)."""
    names = [p["name"] for p in space(param_count)]
    as_python = {name: columns[name].tolist() for name in names}
    trials = []
    for i, value in enumerate(score.tolist()):
        trials.append({
            "id": f"t{i}",
            "state": "complete",
            "params": {name: as_python[name][i] for name in names},
            "metrics": {"score": value},
        })
    doc = {
        "format": "tendril/1",
        "project": {"name": "importance benchmark"},
        "studies": [{
            "name": study_name,
            "objective": {"metric": "score", "direction": "maximize"},
            "space": space(param_count),
            "algorithm": {"name": "random"},
            "trials": trials,
        }],
    }
    with open(path, "w", encoding="utf-8") as out:
        json.dump(doc, out, separators=(",", ":"))


def _measure_grid(param, scale, points):
    """Points that represent the integration measure of one parameter with equal weights.

    Integers are stored as whole numbers but integrated over [low, high] like the forest does, whose
    splits sit at midpoints between neighbours: a point x of the interval stands for round(x).
    """
    if param["type"] == "categorical":
        return np.array(param["choices"], dtype=object)
    low, high = float(param["low"]), float(param["high"])
    log = param.get("log", False) and scale == "sampling"
    if log:
        low, high = math.log10(low), math.log10(high)
    x = low + (np.arange(points) + 0.5) * (high - low) / points
    if log:
        return 10.0 ** x
    if param["type"] == "int":
        return np.floor(x + 0.5)
    return x


def exact_importances(param_count, scale, points=4001):
    """Exact fractions of the noiseless objective's variance: {name: V_i / V}, {(a, b): V_ab / V}.

    Terms have at most two parameters, so the functional ANOVA has no terms above pairs and
    V = sum of the single and pair terms.
    """
    params = {p["name"]: p for p in space(param_count)}
    grids = {name: _measure_grid(p, scale, points) for name, p in params.items()}
    terms = _terms_for(params)
    singles = {}
    pair_terms = {}
    # Main effect of each parameter: the sum over its terms of each term averaged over the partner.
    main = {name: np.zeros(len(grids[name])) for name in params}
    tables = {}  # (a, b) -> the sum of the terms of exactly a and b, on grid a x grid b
    for names, f in terms:
        if len(names) == 1:
            main[names[0]] += f(grids[names[0]])
        else:
            a, b = names
            table = f(grids[a][:, None], grids[b][None, :])
            tables[(a, b)] = tables.get((a, b), 0.0) + table
            main[a] += table.mean(axis=1)
            main[b] += table.mean(axis=0)
    for name in params:
        singles[name] = float(main[name].var())
    for (a, b), table in tables.items():
        pure = table - table.mean(axis=1, keepdims=True) - table.mean(axis=0, keepdims=True) + table.mean()
        pair_terms[(a, b)] = float((pure ** 2).mean())
    total = sum(singles.values()) + sum(pair_terms.values())
    return ({k: v / total for k, v in singles.items()}, {k: v / total for k, v in pair_terms.items()})
