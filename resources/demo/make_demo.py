#!/usr/bin/env python3
"""Writes demo.json: five hyperparameter studies of a simulated CIFAR-10 image classifier.

The training simulator is small but behaves the way real runs do, so every view has something true to
show: the learning rate has a sweet spot that depends on the optimizer and the batch size, weight decay
interacts with the learning rate, deep networks learn slower at first but end higher, too large a
learning rate diverges (NaN loss, failed trial), and weakly regularised networks overfit late.

Standard library only and fully deterministic: run it again and demo.json comes out byte for byte the
same. Usage: python3 make_demo.py [OUTPUT]  (default: demo.json beside this script).
"""

import datetime
import json
import math
import pathlib
import random
import sys

CHANCE = 0.1  # ten classes
EPOCHS = 27   # the full training budget, Hyperband's R
LABELS = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
# Per-class accuracy offsets (they sum to zero) and the classes each one is mistaken for.
CLASS_OFFSET = [0.02, 0.05, -0.06, -0.12, -0.01, -0.06, 0.04, 0.04, 0.05, 0.05]
CONFUSED_WITH = {0: [8, 2], 1: [9], 2: [0, 4, 6], 3: [5, 6], 4: [7, 2], 5: [3, 7],
                 6: [2, 3], 7: [4, 5], 8: [0, 1], 9: [1]}

SPACE = [
    {"name": "learning_rate", "type": "float", "low": 1e-5, "high": 1e-1, "log": True},
    {"name": "weight_decay", "type": "float", "low": 1e-6, "high": 1e-2, "log": True},
    {"name": "num_layers", "type": "int", "low": 2, "high": 12},
    {"name": "width", "type": "int", "low": 16, "high": 128, "step": 16},
    {"name": "batch_size", "type": "categorical", "choices": [32, 64, 128, 256]},
    {"name": "dropout", "type": "float", "low": 0.0, "high": 0.6},
    {"name": "optimizer", "type": "categorical", "choices": ["sgd", "adam", "rmsprop"]},
]
METRICS = [{"name": "val_loss", "direction": "minimize"},
           {"name": "model_size_mb", "direction": "minimize"},
           {"name": "train_seconds", "direction": "minimize"}]
OBJECTIVE = {"metric": "val_acc", "direction": "maximize"}


def sig(x, digits=4):
    """x rounded to `digits` significant digits, as a float."""
    return float(f"{x:.{digits - 1}e}") if x else 0.0


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------------------------------
# Sampling in each parameter's own scale (search-algorithms.md, "Random").

def to_unit(p, v):
    """Position of value v in [0, 1] along the parameter's sampling scale."""
    if p["type"] == "categorical":
        return p["choices"].index(v) / max(1, len(p["choices"]) - 1)
    lo, hi, x = p["low"], p["high"], v
    if p.get("log"):
        lo, hi, x = math.log(lo), math.log(hi), math.log(v)
    return (x - lo) / (hi - lo)


def from_unit(p, u):
    """The value at position u in [0, 1] on the sampling scale, snapped to the grid and clipped."""
    u = min(1.0, max(0.0, u))
    lo, hi = p["low"], p["high"]
    step = p.get("step", 1 if p["type"] == "int" else None)
    if step:  # ints and stepped floats: uniform on [low - step/2, high + step/2], then rounded
        lo, hi = lo - step / 2, hi + step / 2
    if p.get("log"):
        x = math.exp(math.log(lo) + u * (math.log(hi) - math.log(lo)))
    else:
        x = lo + u * (hi - lo)
    if step:
        x = min(p["high"], max(p["low"], p["low"] + round((x - p["low"]) / step) * step))
        return int(x) if p["type"] == "int" else sig(x)
    return sig(x) if p.get("log") else round(x, 4)


def sample_random(space, rng):
    return {p["name"]: rng.choice(p["choices"]) if p["type"] == "categorical"
            else from_unit(p, rng.random()) for p in space}


# ---------------------------------------------------------------------------------------------------
# The training simulator.

def best_log_lr(h):
    """log10 of the best learning rate: per optimizer, scaled with the batch size (linear scaling)."""
    base = {"sgd": -1.5, "adam": -3.0, "rmsprop": -3.3}[h["optimizer"]]
    return base + 0.5 * math.log10(h["batch_size"] / 128)


def lr_excess(h):
    return math.log10(h["learning_rate"]) - best_log_lr(h)


def ceiling(h):
    """The accuracy a configuration converges to."""
    depth = 0.70 + 0.22 * (1 - math.exp(-(h["num_layers"] - 1) / 4))
    depth += 0.03 * math.log2(h["width"] / 16) / 3
    excess = lr_excess(h)
    f_lr = math.exp(-0.5 * (max(0.0, excess) / 0.7) ** 2) * math.exp(-0.5 * (min(0.0, excess) / 2.4) ** 2)
    # Weight decay's effect scales with the learning rate, so its best value moves against it.
    wd_shift = math.log10(h["weight_decay"]) + 0.5 * excess + 4.0
    f_wd = 0.86 + 0.14 * math.exp(-0.5 * (wd_shift / (1.0 if wd_shift < 0 else 0.7)) ** 2)
    f_do = 1 - 0.6 * (h["dropout"] - (0.1 + 0.03 * h["num_layers"])) ** 2
    f_bs = 1 - 0.012 * math.log2(h["batch_size"] / 32)
    f_opt = {"sgd": 1.0, "adam": 0.988, "rmsprop": 0.978}[h["optimizer"]]
    return CHANCE + (depth - CHANCE) * f_lr * f_wd * f_do * f_bs * f_opt


def learning_rate_per_epoch(h):
    """Fraction of the remaining gap to the ceiling closed per epoch: deep nets are slow starters."""
    k = 0.36 / (1 + 0.14 * (h["num_layers"] - 2))
    k *= min(1.0, 10 ** (lr_excess(h) * 0.4))  # too small a learning rate trains slowly
    k *= {"sgd": 0.85, "adam": 1.25, "rmsprop": 1.1}[h["optimizer"]] * (1 - 0.45 * h["dropout"])
    return min(0.9, k)


def channels(h):
    return [h["width"] * 2 ** (i // 4) for i in range(h["num_layers"])]


def model_size_mb(h):
    ch = channels(h)
    weights = 27 * ch[0] + sum(9 * a * b for a, b in zip(ch, ch[1:])) + ch[-1] * 10
    return round(weights * 4 / 2 ** 20, 3)


def seconds_per_epoch(h):
    ch = channels(h)
    # Each stage of four layers halves the image, so later, wider layers cost the same per layer.
    flops = sum(9 * c * c / 4 ** (i // 4) for i, c in enumerate(ch))
    return 6.0 + flops / 2.6e4 * (1 + 48 / h["batch_size"])


class Run:
    """One model being trained; PBT children start from a copy of their parent's run."""

    def __init__(self, h, rng, parent=None):
        self.h, self.rng = dict(h), rng
        self.skill = parent.skill if parent else CHANCE
        self.epoch = parent.epoch if parent else 0
        self.luck = parent.luck if parent else rng.gauss(0, 0.006)  # the seed's share of the result
        self.seconds = 0.0
        self.diverged = False
        excess = lr_excess(h)
        p_diverge = 1 / (1 + math.exp(-(excess - 1.7) / 0.1))
        self.diverge_at = (self.epoch + rng.randint(1, 5)
                           if rng.random() < p_diverge else None)

    def step(self):
        """Trains one epoch; returns (epoch, val_acc, val_loss, seconds since the trial started)."""
        h, rng = self.h, self.rng
        self.epoch += 1
        self.seconds += seconds_per_epoch(h) * rng.uniform(0.96, 1.06)
        if self.diverge_at is not None and self.epoch >= self.diverge_at:
            self.diverged = True
            return self.epoch, round(CHANCE + rng.uniform(-0.004, 0.004), 4), math.nan, round(self.seconds, 1)
        k = learning_rate_per_epoch(h)
        self.skill += k * (ceiling(h) + self.luck - self.skill)
        noise = 0.003 + 0.012 * math.exp(-self.epoch / 4) + 0.01 * max(0.0, lr_excess(h) - 0.5)
        acc = min(0.995, max(0.02, self.skill + rng.gauss(0, noise)))
        loss = 2.3026 * ((1 - acc) / 0.9) ** 0.9
        # Weak regularisation lets the validation loss creep up late in training.
        weak = max(0.0, 1 - h["dropout"] / 0.4) * (1.2 if h["weight_decay"] < 1e-5 else 0.6)
        loss += 0.012 * weak * max(0, self.epoch - 8) * h["num_layers"] / 8
        if self.diverge_at is not None:  # the loss blows up on the way to NaN
            loss *= 1 + 4 ** (self.epoch - self.diverge_at + 2)
        loss = max(0.01, loss + rng.gauss(0, 0.01))
        return self.epoch, round(acc, 4), round(loss, 4), round(self.seconds, 1)


def divergence_error(h, epoch):
    return (f"exit status 1: FloatingPointError: val_loss is nan at epoch {epoch} "
            f"(learning_rate={h['learning_rate']:g}, optimizer={h['optimizer']})")


def confusion_matrix(acc, rng):
    rows = []
    for c in range(10):
        right = round(1000 * min(0.99, max(0.0, acc + CLASS_OFFSET[c] * (1 - acc) * 4 + rng.gauss(0, 0.01))))
        row = [0] * 10
        row[c] = right
        wrong = 1000 - right
        main = CONFUSED_WITH[c]
        share = round(wrong * 0.55)
        for i, j in enumerate(main):
            row[j] += share // len(main) + (1 if i < share % len(main) else 0)
        rest = [j for j in range(10) if j != c]
        for _ in range(wrong - share):
            row[rng.choice(rest)] += 1
        rows.append(row)
    return {"labels": LABELS, "matrix": rows}


class Clock:
    """Assigns trials to parallel workers and hands out start and finish times."""

    def __init__(self, start, workers):
        self.free = [start] * workers

    def run(self, seconds):
        i = min(range(len(self.free)), key=lambda w: self.free[w])
        begin = self.free[i]
        self.free[i] = begin + datetime.timedelta(seconds=seconds + 4)
        return begin, self.free[i]


def make_trial(number, h, **extra):
    trial = {"id": f"t{number}", "number": number, "state": "complete", "params": dict(h)}
    trial.update(extra)
    return trial


def finish(trial, h, points, run, rng, begin, end, complete=True):
    """Fills curves, metrics, times and the outcome of a trial from its run's points."""
    trial["curves"] = {"val_acc": [[e, a, s] for e, a, _, s in points],
                       "val_loss": [[e, l, s] for e, _, l, s in points]}
    trial["started"], trial["finished"] = iso(begin), iso(end)
    if run.diverged:
        trial["state"] = "failed"
        trial["error"] = divergence_error(h, points[-1][0])
        return
    last = points[-1]
    trial["metrics"] = {"val_acc": last[1], "val_loss": last[2], "model_size_mb": model_size_mb(h),
                        "train_seconds": last[3]}
    if complete:
        trial["artifacts"] = {"confusion_matrix": confusion_matrix(last[1], rng)}


def train_full(number, h, rng, clock, epochs=EPOCHS, **extra):
    run = Run(h, rng)
    points = []
    while run.epoch < epochs and not run.diverged:
        points.append(run.step())
    begin, end = clock.run(points[-1][3])
    trial = make_trial(number, h, budget=epochs, **extra)
    finish(trial, h, points, run, rng, begin, end)
    return trial


# ---------------------------------------------------------------------------------------------------
# Search algorithms.

class ParzenSampler:
    """TPE in its simplest faithful form: independent Parzen estimators over the best quartile (l)
    and the rest (g) in each parameter's sampling scale; the best of 24 draws from l by l/g wins."""

    def __init__(self, space, rng, startup=10, gamma=0.25, candidates=24):
        self.space, self.rng = space, rng
        self.startup, self.gamma, self.candidates = startup, gamma, candidates

    def propose(self, history):
        done = [t for t in history if t["state"] == "complete"]
        if len(done) < self.startup:
            return sample_random(self.space, self.rng)
        done.sort(key=lambda t: -t["metrics"]["val_acc"])
        n_below = max(1, math.ceil(self.gamma * len(done)))
        below = [t["params"] for t in done[:n_below]]
        above = [t["params"] for t in done[n_below:]]
        best, best_score = None, -math.inf
        for _ in range(self.candidates):
            cand = {p["name"]: self._draw(p, below) for p in self.space}
            score = sum(math.log(self._density(p, cand[p["name"]], below))
                        - math.log(self._density(p, cand[p["name"]], above)) for p in self.space)
            if score > best_score:
                best, best_score = cand, score
        return best

    def _bandwidth(self, n):
        return max(0.04, 0.6 * n ** -0.25 / 2)

    def _draw(self, p, obs):
        if p["type"] == "categorical":
            weights = [2 + sum(o[p["name"]] == c for o in obs) for c in p["choices"]]
            return self.rng.choices(p["choices"], weights)[0]
        centre = to_unit(p, self.rng.choice(obs)[p["name"]])
        return from_unit(p, self.rng.gauss(centre, self._bandwidth(len(obs))))

    def _density(self, p, v, obs):
        if p["type"] == "categorical":
            return (2 + sum(o[p["name"]] == v for o in obs)) / (2 * len(p["choices"]) + len(obs))
        bw, u = self._bandwidth(len(obs) + 1), to_unit(p, v)
        kernels = [to_unit(p, o[p["name"]]) for o in obs] + [0.5]
        widths = [bw] * len(obs) + [1.0]  # the prior: one wide kernel over the whole range
        return sum(math.exp(-0.5 * ((u - m) / w) ** 2) / w for m, w in zip(kernels, widths)) / len(kernels) + 1e-12


def study_shell(name, algorithm, config, budget, created, space=SPACE):
    return {"name": name, "objective": OBJECTIVE, "metrics": METRICS, "space": space,
            "algorithm": {"name": algorithm, "config": config}, "budget": budget,
            "command": ["python3", "train.py"], "created": iso(created), "notes": [], "trials": []}


def random_study(start):
    rng = random.Random(7)
    study = study_shell("cifar-random", "random", {"seed": 7},
                        {"max_trials": 120, "max_resource": EPOCHS, "resource": "epoch"}, start)
    clock = Clock(start, 4)
    for i in range(120):
        study["trials"].append(train_full(i, sample_random(SPACE, rng), rng, clock, iteration=i))
    return study


def tpe_study(name, seed, trials, start, space=SPACE, parent=""):
    rng = random.Random(seed)
    config = {"n_startup_trials": 10, "gamma": 0.25, "n_ei_candidates": 24, "seed": seed}
    study = study_shell(name, "tpe", config,
                        {"max_trials": trials, "max_resource": EPOCHS, "resource": "epoch"}, start, space)
    if parent:
        study["parent"] = parent
    sampler, clock = ParzenSampler(space, rng), Clock(start, 4)
    for i in range(trials):
        h = sampler.propose(study["trials"])
        study["trials"].append(train_full(i, h, rng, clock, iteration=i))
    return study


def nice_log_bound(x, up):
    exponent = math.floor(math.log10(x))
    steps = [m * 10.0 ** e for e in (exponent - 1, exponent, exponent + 1) for m in (1, 2, 5)]
    return sig(min(v for v in steps if v >= x * 0.999) if up else max(v for v in steps if v <= x * 1.001))


def refined_space(study):
    """The space spanned by the best quartile of a study, widened a little and kept on the grid."""
    done = sorted((t for t in study["trials"] if t["state"] == "complete"),
                  key=lambda t: -t["metrics"]["val_acc"])
    top = [t["params"] for t in done[:max(4, len(done) // 4)]]
    space = []
    for p in SPACE:
        q = dict(p)
        values = [o[p["name"]] for o in top]
        if p["type"] == "categorical":
            # Choices seen among the best half, so a lucky quartile does not close a door for good.
            half = [t["params"][p["name"]] for t in done[:len(done) // 2]]
            q["choices"] = [c for c in p["choices"] if half.count(c) >= 2 or c in values]
        else:
            lo, hi = min(to_unit(p, v) for v in values), max(to_unit(p, v) for v in values)
            margin = max(0.05, (0.3 - (hi - lo)) / 2)  # keep at least 30 % of the old range
            q["low"], q["high"] = from_unit(p, lo - margin), from_unit(p, hi + margin)
            if p.get("log"):  # bounds a person would type: 1, 2 or 5 times a power of ten
                q["low"], q["high"] = nice_log_bound(q["low"], False), nice_log_bound(q["high"], True)
            elif p["type"] == "float":
                q["low"], q["high"] = math.floor(q["low"] * 20) / 20, math.ceil(q["high"] * 20) / 20
        space.append(q)
    return space


def hyperband_study(start, rounds=2, max_resource=27, eta=3):
    """Hyperband as in Li et al.: every round runs the brackets s_max..0 once; a promoted
    configuration resumes from its checkpoint, so it stays one trial whose curve grows."""
    rng = random.Random(23)
    s_max = round(math.log(max_resource, eta))
    total = (s_max + 1) * max_resource
    config = {"min_resource": 1, "max_resource": max_resource, "reduction_factor": eta, "rounds": rounds}
    study = study_shell("cifar-hyperband", "hyperband", config,
                        {"max_trials": 49 * rounds, "max_resource": max_resource, "resource": "epoch"}, start)
    clock, iteration = Clock(start, 4), 0
    for _ in range(rounds):
        for s in range(s_max, -1, -1):
            n = math.ceil(total / max_resource * eta ** s / (s + 1))
            alive = []
            for _ in range(n):
                h = sample_random(SPACE, rng)
                trial = make_trial(len(study["trials"]), h, iteration=iteration, bracket=s)
                study["trials"].append(trial)
                alive.append((trial, Run(h, rng), []))
            for stage in range(s + 1):
                resource = round(max_resource * eta ** (stage - s))
                for trial, run, points in alive:
                    before = points[-1][3] if points else 0.0
                    while run.epoch < resource and not run.diverged:
                        points.append(run.step())
                    begin, end = clock.run(points[-1][3] - before)
                    first = trial.get("started")
                    trial["rung"], trial["budget"] = stage, resource
                    finish(trial, trial["params"], points, run, rng, begin, end, complete=stage == s)
                    if first:
                        trial["started"] = first
                if stage == s:
                    break
                ranked = sorted(alive, key=lambda a: a[2][-1][1] if not a[1].diverged else -1.0,
                                reverse=True)
                keep = len(alive) // eta
                for trial, run, _ in ranked[keep:]:
                    if not run.diverged:
                        trial["state"] = "pruned"
                alive = ranked[:keep]
            iteration += 1
    return study


PBT_MUTATIONS = ["learning_rate", "weight_decay", "dropout", "batch_size"]


def explore(h, rng):
    """Ray's explore step: resample from the prior with p = 0.25, else scale by 0.8 or 1.2 (a listed
    value moves one position). Scaling the value is a shift on the log axis, so small learning rates
    move as far as large ones; results are clipped into the space."""
    out = dict(h)
    for p in SPACE:
        name = p["name"]
        if name not in PBT_MUTATIONS:
            continue
        if rng.random() < 0.25:
            out[name] = sample_random([p], rng)[name]
        elif p["type"] == "categorical":
            i = p["choices"].index(h[name]) + rng.choice([-1, 1])
            out[name] = p["choices"][min(len(p["choices"]) - 1, max(0, i))]
        else:
            out[name] = sig(min(p["high"], max(p["low"], h[name] * rng.choice([0.8, 1.2]))))
    return out


def pbt_study(start, population=16, interval=3, generations=10, quantile=0.25):
    """Population Based Training: every `interval` epochs the bottom quantile copies a member of the
    top quantile and explores. Each exploit starts a new trial whose parent is the copied member's
    trial and whose start_step is the copy step. Architecture (depth, width, optimizer) cannot change
    at a checkpoint, so only the training hyperparameters mutate."""
    rng = random.Random(31)
    config = {"population_size": population, "perturbation_interval": interval,
              "quantile_fraction": quantile, "resample_probability": 0.25,
              "perturbation_factors": [0.8, 1.2], "hyperparam_mutations": PBT_MUTATIONS}
    study = study_shell("cifar-pbt", "pbt", config,
                        {"max_resource": interval * generations, "resource": "epoch"}, start)

    def spawn(member, h, run, generation, begin, parent=None):
        extra = {"iteration": generation, "user_attrs": {"member": member}}
        if parent:
            extra.update(parent=parent["trial"]["id"], start_step=parent["run"].epoch)
        trial = make_trial(len(study["trials"]), h, **extra)
        study["trials"].append(trial)
        return {"trial": trial, "run": run, "points": [], "begin": begin, "start": run.epoch}

    def close(m, end, complete):
        if m["points"]:
            m["trial"]["budget"] = m["points"][-1][0] - m["start"]
            finish(m["trial"], m["trial"]["params"], m["points"], m["run"], rng, m["begin"], end, complete)

    members = []
    for i in range(population):
        h = sample_random(SPACE, rng)
        members.append(spawn(i, h, Run(h, rng), 0, start))
    now = start
    k = min(math.ceil(population * quantile), population // 2)
    for generation in range(1, generations + 1):
        slowest = 0.0
        for m in members:
            before = m["points"][-1][3] if m["points"] else 0.0
            while m["run"].epoch < generation * interval and not m["run"].diverged:
                m["points"].append(m["run"].step())
            if m["points"]:
                slowest = max(slowest, m["points"][-1][3] - before)
        now += datetime.timedelta(seconds=slowest + 6)
        for m in members:
            if m["run"].diverged and m["trial"]["state"] != "failed":
                close(m, now, False)
        if generation == generations:
            break
        ranked = sorted(range(population), reverse=True,
                        key=lambda i: -1.0 if members[i]["run"].diverged else members[i]["points"][-1][1])
        for i in ranked[-k:]:
            source = members[rng.choice(ranked[:k])]
            if members[i]["trial"]["state"] != "failed":
                members[i]["trial"]["state"] = "pruned"
                close(members[i], now, False)
            h = explore(source["trial"]["params"], rng)
            members[i] = spawn(i, h, Run(h, rng, parent=source["run"]), generation, now, parent=source)
    for m in members:
        if not m["run"].diverged:
            close(m, now, True)
    return study


def add_notes(studies):
    by_name = {s["name"]: s for s in studies}
    tpe, refined = by_name["cifar-tpe"], by_name["cifar-tpe-refined"]

    def describe(p):
        if p["type"] == "categorical":
            return f"{p['name']} {' or '.join(str(c) for c in p['choices'])}"
        return f"{p['name']} {p['low']:g} to {p['high']:g}"

    narrowed = [describe(q) for p, q in zip(tpe["space"], refined["space"]) if p != q]
    tpe["notes"].append({
        "text": "The best quartile sits at " + ", ".join(narrowed)
                + ". Narrowed the space to that for cifar-tpe-refined.",
        "created": iso(datetime.datetime.strptime(tpe["created"], "%Y-%m-%dT%H:%M:%SZ")
                       + datetime.timedelta(days=1, hours=2))})
    pbt = by_name["cifar-pbt"]
    deep = max((t for t in pbt["trials"] if t["iteration"] == 0 and t["state"] == "pruned"),
               key=lambda t: (t["params"]["num_layers"], -t["budget"]))
    pbt["notes"].append({
        "text": f"A {deep['params']['num_layers']}-layer member, replaced after {deep['budget']} epochs "
                "while it was still warming up: a 3-epoch perturbation interval favours shallow "
                "networks. Try an interval of 9.",
        "created": iso(datetime.datetime.strptime(pbt["created"], "%Y-%m-%dT%H:%M:%SZ")
                       + datetime.timedelta(hours=20)),
        "trial": deep["id"]})


def non_finite_as_strings(x):
    if isinstance(x, float) and not math.isfinite(x):
        return "NaN" if math.isnan(x) else ("Infinity" if x > 0 else "-Infinity")
    if isinstance(x, dict):
        return {k: non_finite_as_strings(v) for k, v in x.items()}
    if isinstance(x, list):
        return [non_finite_as_strings(v) for v in x]
    return x


def render(document):
    """Readable and diff-friendly: one line per study field and one line per trial."""
    def compact(x):
        return json.dumps(non_finite_as_strings(x), separators=(", ", ": "), allow_nan=False)

    lines = ["{", f'  "format": {compact(document["format"])},',
             f'  "project": {compact(document["project"])},', '  "studies": [']
    for si, study in enumerate(document["studies"]):
        lines.append("    {")
        for key, value in study.items():
            if key != "trials":
                lines.append(f'      "{key}": {compact(value)},')
        lines.append('      "trials": [')
        trials = study["trials"]
        lines += [f"        {compact(t)}{',' if i + 1 < len(trials) else ''}" for i, t in enumerate(trials)]
        lines.append("      ]")
        lines.append("    }" + ("," if si + 1 < len(document["studies"]) else ""))
    lines += ["  ]", "}", ""]
    return "\n".join(lines)


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).with_name("demo.json")
    day = datetime.datetime(2025, 10, 6, 9, 0, 0)
    tpe = tpe_study("cifar-tpe", 11, 100, day + datetime.timedelta(days=2))
    studies = [
        random_study(day),
        tpe,
        hyperband_study(day + datetime.timedelta(days=4)),
        pbt_study(day + datetime.timedelta(days=7)),
        tpe_study("cifar-tpe-refined", 13, 40, day + datetime.timedelta(days=9, hours=3),
                  space=refined_space(tpe), parent="cifar-tpe"),
    ]
    add_notes(studies)
    document = {"format": "tendril/1", "project": {"name": "CIFAR-10 demo"}, "studies": studies}
    out.write_text(render(document), encoding="utf-8")
    for s in studies:
        states = {}
        for t in s["trials"]:
            states[t["state"]] = states.get(t["state"], 0) + 1
        best = max((t["metrics"]["val_acc"] for t in s["trials"] if t["state"] == "complete"), default=None)
        print(f"{s['name']}: {len(s['trials'])} trials {states}, best val_acc {best}")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
