#!/usr/bin/env python3
"""A stand-in for a neural-network training run whose learning curves behave like real ones.

Standard library only and fast (no model is trained), so a whole study of any search algorithm
runs in seconds. It follows Tendril's trial protocol exactly like a real script: hyperparameters in
as options, one JSON report per epoch out, a checkpoint after every epoch, and a restore that
continues the curve (Hyperband promotion, PBT exploit).

    python3 synthetic_trainer.py --learning_rate 0.003 --optimizer adam --epochs 27

How the hyperparameters shape the curves (see CurveModel):
- learning_rate has a sweet spot in log scale that depends on the optimizer, the batch size and the
  depth (deeper networks want smaller steps): too low learns slowly, too high ends lower and,
  well beyond the optimum, sometimes diverges (NaN loss, chance accuracy);
- dropout and weight_decay trade speed for final accuracy: unregularised wide networks learn fast,
  then overfit and lose accuracy late, so some curves cross;
- batch_size: small batches make more updates per epoch (faster, noisier, slower per epoch), very
  large ones generalise a little worse;
- layers × width give capacity (a higher ceiling, more overfitting, slower epochs, a bigger model).
Noise is deterministic, seeded from the hyperparameters, TENDRIL_TRIAL_ID and the epoch, so a
run repeats exactly, curves cross a little and ranks mostly hold.
"""

import argparse
import hashlib
import json
import math
import os
import random
import sys
import tempfile
import time

STATE_FILE = "state.json"
STATE_VERSION = 1
CLASSES = 10
CHANCE = 1.0 / CLASSES
INPUT_FEATURES = 784
DEFAULT_EPOCHS = 20
# log10 of the best learning rate at batch 128 and one hidden layer.
BEST_LOG_LR = {"sgd": -1.0, "momentum": -1.8, "adam": -2.8}


def log(message):
    print(f"synthetic_trainer: {message}", flush=True)


def report(fields):
    # json.dumps writes NaN as a bare token, which the protocol accepts.
    print(json.dumps(fields), flush=True)


def number_in(low, high, kind=float):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a {kind.__name__} in [{low}, {high}], got {text!r}")
        if not (low <= value <= high):
            raise argparse.ArgumentTypeError(f"expected a {kind.__name__} in [{low}, {high}], got {text!r}")
        return value

    return parse


def epoch_count(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of epochs, got {text!r}")
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"expected a number of epochs > 0, got {text!r}")
    # Fractional budgets (BOHB with a small min_resource) still train whole epochs.
    return max(1, math.ceil(value - 1e-9))


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Synthetic training run with realistic learning curves and Tendril's JSON reports.")
    parser.add_argument("--learning_rate", type=number_in(1e-7, 10.0), default=1e-3,
                        help="step size; the best one depends on optimizer, batch size and depth (default 0.001)")
    parser.add_argument("--optimizer", choices=sorted(BEST_LOG_LR), default="adam", help="(default adam)")
    parser.add_argument("--batch_size", type=number_in(1, 65536, int), default=128, help="(default 128)")
    parser.add_argument("--dropout", type=number_in(0.0, 0.9), default=0.2,
                        help="slows learning, prevents late overfitting (default 0.2)")
    parser.add_argument("--weight_decay", type=number_in(0.0, 1.0), default=1e-4,
                        help="L2 penalty; above 3e-3 it underfits (default 0.0001)")
    parser.add_argument("--layers", type=number_in(1, 16, int), default=2, help="hidden layers (default 2)")
    parser.add_argument("--width", type=number_in(4, 4096, int), default=256, help="units per layer (default 256)")
    parser.add_argument("--epochs", type=epoch_count, default=None,
                        help=f"train until this epoch (default: TENDRIL_BUDGET, else {DEFAULT_EPOCHS})")
    parser.add_argument("--sleep", type=number_in(0.0, 3600.0), default=0.0,
                        help="real seconds to wait per epoch, to watch a study live (default 0)")
    args = parser.parse_args(argv)
    if args.epochs is None:
        budget = os.environ.get("TENDRIL_BUDGET")
        try:
            args.epochs = epoch_count(budget) if budget else DEFAULT_EPOCHS
        except argparse.ArgumentTypeError as error:
            parser.error(f"TENDRIL_BUDGET: {error}")
    return args


def stable_seed(*parts):
    """A seed that is the same in every Python process (hash() of a str is salted per process)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")


class CurveModel:
    """Per-epoch dynamics of one configuration.

    The state a checkpoint carries is how far learning has come (progress in [0, 1)), how much
    overfitting has built up, and whether the run has diverged; everything else follows from the
    current hyperparameters, so a PBT child that continues from a donor's state with new values
    bends the donor's curve instead of starting a new one.
    """

    def __init__(self, args, architecture):
        self.layers, self.width = architecture
        self.batch = args.batch_size
        self.dropout = args.dropout
        self.weight_decay = args.weight_decay
        self.capacity = self.layers * math.log2(self.width)

        best = BEST_LOG_LR[args.optimizer] + 0.5 * math.log10(self.batch / 128) - 0.15 * (self.layers - 1)
        # lr_gap < 0: too small a step, > 0: too large (in decades).
        self.lr_gap = math.log10(args.learning_rate) - best

        speed = 0.32 * (128 / self.batch) ** 0.3 / (1 + 0.12 * (self.layers - 1))
        speed *= 1 - 0.55 * self.dropout
        speed *= 1 / (1 + 20 * self.weight_decay)
        if self.lr_gap < 0:
            speed *= 10 ** (0.9 * self.lr_gap)
        self.speed = min(speed, 0.9)

        ceiling = 0.985 - 0.35 * math.exp(-self.capacity / 6)
        ceiling -= 0.05 * self.dropout ** 2
        ceiling -= 0.08 * max(0.0, math.log10(self.weight_decay + 1e-12) + 2.5) ** 1.5
        ceiling -= 0.015 * max(0.0, math.log2(self.batch / 256))
        ceiling -= 0.012 * max(0, self.layers - 6) ** 1.5
        if self.lr_gap > 0:
            ceiling -= 0.07 * self.lr_gap ** 2
        self.ceiling = max(ceiling, CHANCE + 0.05)

        self.overfit_limit = (0.06 * (self.capacity / 24) * (1 - self.dropout) ** 2
                              / (1 + self.weight_decay / 3e-4))
        # Chance per epoch of blowing up once the step is half a decade too large; it fades as the
        # loss settles, so runs that diverge mostly do so early, as real ones do.
        self.divergence_hazard = 0.0 if self.lr_gap <= 0.5 else min(0.8, 0.04 * math.exp(3 * (self.lr_gap - 0.5)))
        self.noise = 0.002 + 0.005 * math.sqrt(32 / self.batch) + 0.01 * max(0.0, self.lr_gap)

    def advance(self, state, rng):
        if not state["diverged"] and rng.random() < self.divergence_hazard * (1 - state["progress"]) ** 2:
            state["diverged"] = True
        if state["diverged"]:
            return
        state["progress"] += self.speed * (1 - state["progress"])
        # Overfitting builds up only once the network fits the training data.
        state["overfit"] += (self.overfit_limit - state["overfit"]) * 0.08 * state["progress"] ** 2

    def metrics(self, state, rng, offset):
        if state["diverged"]:
            return {"val_acc": CHANCE + abs(rng.gauss(0, 0.01)), "val_loss": math.nan, "train_loss": math.nan}
        fitted = CHANCE + (self.ceiling - CHANCE) * state["progress"]
        val_acc = min(0.999, max(0.0, fitted - state["overfit"] + offset + rng.gauss(0, self.noise)))
        train_acc = min(0.9999, fitted + state["overfit"] * 0.5)
        train_loss = -math.log(train_acc) * 1.5 + 0.02 * rng.random()
        val_loss = -math.log(max(val_acc, 1e-6)) * 1.5 + 4 * state["overfit"] + abs(rng.gauss(0, self.noise))
        return {"val_acc": val_acc, "val_loss": val_loss, "train_loss": train_loss}

    def parameter_count(self):
        w = self.width
        return INPUT_FEATURES * w + w + (self.layers - 1) * (w * w + w) + w * CLASSES + CLASSES

    def epoch_seconds(self):
        """What an epoch of 50,000 examples would cost on one GPU, for the train_seconds metric."""
        steps = 50000 / self.batch
        return steps * (0.002 + 6 * self.parameter_count() * self.batch / 2e11)


def save_state(folder, state):
    """Atomic write: the temporary file is replaced into place, so a killed run leaves the previous
    state whole; it is written in the destination folder because os.replace is atomic only there."""
    handle, temp_path = tempfile.mkstemp(prefix=".state-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(state, out)
        os.replace(temp_path, os.path.join(folder, STATE_FILE))
    except BaseException:
        if os.path.exists(temp_path):
            os.unlink(temp_path)
        raise


def load_state(folder):
    path = os.path.join(folder, STATE_FILE)
    if not os.path.isfile(path):
        log(f"no {STATE_FILE} in TENDRIL_RESTORE_FROM={folder}; training from scratch")
        return None
    with open(path, encoding="utf-8") as source:
        try:
            state = json.load(source)
        except json.JSONDecodeError as error:
            sys.exit(f"synthetic_trainer: {path}: line {error.lineno} column {error.colno}: {error.msg}")
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        sys.exit(f"synthetic_trainer: {path}: expected a state of version {STATE_VERSION}")
    return state


def confusion_matrix(val_acc, rng, per_class=100):
    """A plausible matrix with the given accuracy: errors fall mostly on a few look-alike classes."""
    matrix = []
    for true in range(CLASSES):
        correct = round(per_class * min(1.0, max(0.0, val_acc + rng.gauss(0, 0.02))))
        row = [0] * CLASSES
        row[true] = correct
        confusable = [(true + 1) % CLASSES, (true + 3) % CLASSES, (true + 7) % CLASSES]
        for _ in range(per_class - correct):
            other = rng.choice(confusable) if rng.random() < 0.7 else rng.choice(
                [c for c in range(CLASSES) if c != true])
            row[other] += 1
        matrix.append(row)
    return matrix


def main(argv):
    args = parse_args(argv)
    checkpoint_dir = os.environ.get("TENDRIL_CHECKPOINT_DIR") or None
    restore_dir = os.environ.get("TENDRIL_RESTORE_FROM") or None
    output_dir = os.environ.get("TENDRIL_OUTPUT_DIR") or None
    trial_id = os.environ.get("TENDRIL_TRIAL_ID", "")
    for folder in (checkpoint_dir, output_dir):
        if folder:
            os.makedirs(folder, exist_ok=True)

    state = load_state(restore_dir) if restore_dir else None
    if state is None:
        state = {"version": STATE_VERSION, "epoch": 0, "progress": 0.0, "overfit": 0.0, "diverged": False,
                 "train_seconds": 0.0, "layers": args.layers, "width": args.width,
                 "lineage": stable_seed(trial_id, args.layers, args.width)}
    else:
        # As with real weights, a checkpoint's shape cannot change: the architecture it was trained
        # with is kept and a different request is only logged. Leave layers/width out of a PBT
        # space (fix them in "command") so that recorded values match what trained.
        if (state["layers"], state["width"]) != (args.layers, args.width):
            log(f"checkpoint architecture layers={state['layers']} width={state['width']} kept; "
                f"requested layers={args.layers} width={args.width} cannot take over trained weights")
        log(f"restored epoch {state['epoch']} from {restore_dir}; training to epoch {args.epochs}")
        if checkpoint_dir and os.path.realpath(checkpoint_dir) != os.path.realpath(restore_dir):
            save_state(checkpoint_dir, state)

    model = CurveModel(args, (state["layers"], state["width"]))
    hyper = (args.learning_rate, args.optimizer, args.batch_size, args.dropout, args.weight_decay)
    # The run's own offset (a "seed effect"), fixed for the lineage so a promoted or copied run
    # keeps its level; the per-epoch draws also depend on the current hyperparameters.
    offset = random.Random(stable_seed("offset", state["lineage"], *hyper)).gauss(0, 0.004)
    if state["epoch"] >= args.epochs:
        log(f"state is already at epoch {state['epoch']} (--epochs {args.epochs}); nothing to train")

    metrics = None
    for epoch in range(state["epoch"] + 1, args.epochs + 1):
        rng = random.Random(stable_seed("epoch", state["lineage"], epoch, *hyper))
        model.advance(state, rng)
        state["epoch"] = epoch
        state["train_seconds"] += model.epoch_seconds()
        metrics = model.metrics(state, rng, offset)
        if args.sleep:
            time.sleep(args.sleep)
        # Saved before the report, so every step the runner has read has a state behind it.
        if checkpoint_dir:
            save_state(checkpoint_dir, state)
        report({"step": epoch, **metrics})
    if metrics is None:
        metrics = model.metrics(state, random.Random(stable_seed("final", state["lineage"], *hyper)), offset)

    report({
        "final": True,
        "val_acc": metrics["val_acc"],
        "val_loss": metrics["val_loss"],
        "model_size_mb": round(model.parameter_count() * 4 / 1e6, 4),  # float32 weights
        "train_seconds": round(state["train_seconds"], 2),
    })
    matrix = confusion_matrix(metrics["val_acc"], random.Random(stable_seed("confusion", state["lineage"], *hyper)))
    report({"artifact": "confusion_matrix", "labels": [str(c) for c in range(CLASSES)], "matrix": matrix})
    if output_dir:
        with open(os.path.join(output_dir, "confusion_matrix.csv"), "w", encoding="utf-8") as out:
            out.write("true\\predicted," + ",".join(str(c) for c in range(CLASSES)) + "\n")
            for label, row in enumerate(matrix):
                out.write(f"{label}," + ",".join(map(str, row)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
