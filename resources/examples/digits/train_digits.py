#!/usr/bin/env python3
"""Train a small multi-layer perceptron on scikit-learn's bundled digits data, epoch by epoch.

An ordinary training script: hyperparameters come in as command-line options, progress goes out
as one JSON line per epoch on standard output. That is all Tendril needs (trial-protocol.md):

    python3 train_digits.py --hidden_units 64 --learning_rate_init 0.003 --epochs 27

Reports, one JSON object per line (every other line is log text):
    {"step": 3, "val_acc": 0.95, "val_loss": 0.17, "train_loss": 0.09}      after each epoch
    {"final": true, "val_acc": ..., "val_loss": ..., "model_size_kb": ..., "train_seconds": ...}
    {"artifact": "confusion_matrix", "labels": ["0", ...], "matrix": [[...], ...]}

Environment (all optional, so the script also runs by hand):
    TENDRIL_BUDGET          epochs to train to when --epochs is not given
    TENDRIL_CHECKPOINT_DIR  where the model is saved after every epoch
    TENDRIL_RESTORE_FROM    a checkpoint folder to continue from (promotion, PBT exploit)
    TENDRIL_OUTPUT_DIR      where confusion_matrix.csv is written
"""

import argparse
import json
import math
import os
import pickle
import sys
import tempfile
import time

import numpy as np
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

CHECKPOINT_FILE = "checkpoint.pkl"
CHECKPOINT_VERSION = 1
# Every trial of every study sees the same split, so validation accuracies are comparable.
SPLIT_SEED = 20240601
VALIDATION_FRACTION = 0.2
DEFAULT_EPOCHS = 20


def log(message):
    # Plain text on stdout is kept with the trial as its log.
    print(f"train_digits: {message}", flush=True)


def report(fields):
    # json.dumps writes NaN/Infinity as bare tokens, which the protocol accepts: a diverged run
    # reports its NaN loss instead of hiding it.
    print(json.dumps(fields), flush=True)


def epoch_count(text):
    """Epochs from a resource amount: Tendril passes numbers in shortest form ("9", "2.5")."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of epochs, got {text!r}")
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"expected a number of epochs > 0, got {text!r}")
    # A fractional budget (BOHB with a small min_resource) still trains whole epochs.
    return max(1, math.ceil(value - 1e-9))


def bounded_int(low, high):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number in [{low}, {high}], got {text!r}")
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected a whole number in [{low}, {high}], got {value}")
        return value

    return parse


def positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number > 0, got {text!r}")
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"expected a number > 0, got {text!r}")
    return value


def non_negative_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text!r}")
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text!r}")
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="MLP on scikit-learn's digits data, trained epoch by epoch with JSON progress reports."
    )
    parser.add_argument("--hidden_units", type=bounded_int(1, 4096), default=64,
                        help="units in each hidden layer (default 64)")
    parser.add_argument("--hidden_layers", type=bounded_int(1, 3), default=1,
                        help="number of hidden layers, 1-3 (default 1)")
    parser.add_argument("--learning_rate_init", type=positive_float, default=1e-3,
                        help="Adam's step size (default 0.001)")
    parser.add_argument("--alpha", type=non_negative_float, default=1e-4,
                        help="L2 penalty (default 0.0001)")
    parser.add_argument("--batch_size", type=bounded_int(1, 100000), default=32,
                        help="minibatch size (default 32)")
    parser.add_argument("--activation", choices=["relu", "tanh", "logistic"], default="relu",
                        help="hidden-layer activation (default relu)")
    parser.add_argument("--epochs", type=epoch_count, default=None,
                        help="train until this epoch, counted from the first epoch of the lineage "
                             f"(default: TENDRIL_BUDGET, else {DEFAULT_EPOCHS})")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the weight initialisation and batch order (default 0)")
    args = parser.parse_args(argv)
    if args.epochs is None:
        budget = os.environ.get("TENDRIL_BUDGET")
        try:
            args.epochs = epoch_count(budget) if budget else DEFAULT_EPOCHS
        except argparse.ArgumentTypeError as error:
            parser.error(f"TENDRIL_BUDGET: {error}")
    return args


def load_split():
    digits = load_digits()
    x_train, x_val, y_train, y_val = train_test_split(
        digits.data, digits.target, test_size=VALIDATION_FRACTION, stratify=digits.target,
        random_state=SPLIT_SEED)
    # Fitted on the training part only, so no validation statistics leak into training.
    scaler = StandardScaler().fit(x_train)
    return scaler.transform(x_train), scaler.transform(x_val), y_train, y_val, np.unique(digits.target)


def new_model(args):
    return MLPClassifier(
        hidden_layer_sizes=(args.hidden_units,) * args.hidden_layers,
        activation=args.activation,
        solver="adam",
        alpha=args.alpha,
        batch_size=args.batch_size,
        learning_rate_init=args.learning_rate_init,
        # A RandomState object (not an int) so that batch shuffling moves on from epoch to epoch:
        # scikit-learn would otherwise reseed it identically on every partial_fit call. It is
        # pickled with the model, so a restored run continues the same random stream.
        random_state=np.random.RandomState(args.seed),
    )


def apply_hyperparameters(model, args):
    """Gives a restored model this run's training hyperparameters (a PBT child explores new ones).

    The architecture is the exception: learned weights cannot be transplanted into layers of
    another shape, so a checkpoint keeps its hidden_layer_sizes and a differing request is logged
    and ignored. A PBT configuration should therefore list hidden_units/hidden_layers in the
    algorithm's fixed_params (sampled for the first population, then copied with the checkpoint) or
    pass them as fixed arguments in "command"; a Hyperband promotion never changes them.
    """
    requested = (args.hidden_units,) * args.hidden_layers
    kept = tuple(model.hidden_layer_sizes)
    if requested != kept:
        log(f"checkpoint architecture {list(kept)} kept; requested {list(requested)} "
            "(--hidden_units/--hidden_layers) cannot take over trained weights")
    model.set_params(learning_rate_init=args.learning_rate_init, alpha=args.alpha,
                     batch_size=args.batch_size, activation=args.activation)
    # Adam copies learning_rate_init when it is created and keeps its moment estimates and time
    # step; only the step size changes, as in PBT's "continue with new hyperparameters".
    optimizer = getattr(model, "_optimizer", None)
    if optimizer is not None:
        optimizer.learning_rate_init = args.learning_rate_init


def save_checkpoint(folder, model, epoch, train_seconds):
    """Writes the checkpoint so that a reader never sees a half-written file.

    The temporary file lives in the destination folder because os.replace is atomic only within one
    file system. A SIGTERM/SIGKILL during the write leaves the previous checkpoint in place. No
    fsync: the guarantee needed is against the process dying, not the machine.
    """
    state = {"version": CHECKPOINT_VERSION, "model": model, "epoch": epoch, "train_seconds": train_seconds}
    handle, temp_path = tempfile.mkstemp(prefix=".checkpoint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp_path, os.path.join(folder, CHECKPOINT_FILE))
    except BaseException:
        if os.path.exists(temp_path):
            os.unlink(temp_path)
        raise


def load_checkpoint(folder):
    path = os.path.join(folder, CHECKPOINT_FILE)
    if not os.path.isfile(path):
        # The protocol allows it: without a checkpoint a promoted configuration is trained again.
        log(f"no {CHECKPOINT_FILE} in TENDRIL_RESTORE_FROM={folder}; training from scratch")
        return None
    with open(path, "rb") as source:
        state = pickle.load(source)
    if not isinstance(state, dict) or state.get("version") != CHECKPOINT_VERSION:
        sys.exit(f"train_digits: {path}: not a checkpoint of this script (version {CHECKPOINT_VERSION})")
    return state


def evaluate(model, x_val, y_val):
    """Validation accuracy and loss from one forward pass, and the predictions.

    train_loss is scikit-learn's mean minibatch loss over the epoch just trained (L2 penalty
    included), the running figure most training loops print; a second pass over the training data
    would cost more than the epoch itself for the wider networks.
    """
    proba = model.predict_proba(x_val)
    columns = np.searchsorted(model.classes_, y_val)
    true_class_proba = proba[np.arange(len(y_val)), columns]
    predictions = model.classes_[np.argmax(proba, axis=1)]
    return {
        "val_acc": float(np.mean(predictions == y_val)),
        # np.clip keeps NaN, so a diverged network reports a NaN loss.
        "val_loss": float(-np.mean(np.log(np.clip(true_class_proba, 1e-15, 1.0)))),
        "train_loss": float(getattr(model, "loss_", math.nan)),
    }, predictions


def parameter_count(model):
    return sum(w.size for w in model.coefs_) + sum(b.size for b in model.intercepts_)


def write_confusion_csv(folder, labels, matrix):
    path = os.path.join(folder, "confusion_matrix.csv")
    with open(path, "w", encoding="utf-8") as out:
        out.write("true\\predicted," + ",".join(labels) + "\n")
        for label, row in zip(labels, matrix):
            out.write(label + "," + ",".join(str(int(n)) for n in row) + "\n")


def main(argv):
    args = parse_args(argv)
    checkpoint_dir = os.environ.get("TENDRIL_CHECKPOINT_DIR") or None
    restore_dir = os.environ.get("TENDRIL_RESTORE_FROM") or None
    output_dir = os.environ.get("TENDRIL_OUTPUT_DIR") or None
    for folder in (checkpoint_dir, output_dir):
        if folder:
            os.makedirs(folder, exist_ok=True)

    x_train, x_val, y_train, y_val, classes = load_split()

    state = load_checkpoint(restore_dir) if restore_dir else None
    if state is not None:
        model = state["model"]
        done_epochs = state["epoch"]
        train_seconds = state["train_seconds"]
        apply_hyperparameters(model, args)
        log(f"restored epoch {done_epochs} from {restore_dir}")
        # This trial's own folder must hold a checkpoint too (a later PBT member may copy it), even
        # when nothing is left to train.
        if checkpoint_dir and os.path.realpath(checkpoint_dir) != os.path.realpath(restore_dir):
            save_checkpoint(checkpoint_dir, model, done_epochs, train_seconds)
    else:
        model = new_model(args)
        done_epochs = 0
        train_seconds = 0.0

    if done_epochs >= args.epochs:
        log(f"checkpoint is already at epoch {done_epochs} (--epochs {args.epochs}); nothing to train")
    elif done_epochs:
        log(f"training epochs {done_epochs + 1} to {args.epochs}")

    metrics = None
    # A learning rate far too large overflows the activations; the NaN that follows is the result
    # to report, so numpy's warnings about it are noise.
    with np.errstate(all="ignore"):
        for epoch in range(done_epochs + 1, args.epochs + 1):
            started = time.perf_counter()
            model.partial_fit(x_train, y_train, classes=classes)
            train_seconds += time.perf_counter() - started
            metrics, predictions = evaluate(model, x_val, y_val)
            # Saved before the report: every step the runner has read has a checkpoint behind it,
            # so a run stopped right after a report can be resumed or copied from that step.
            if checkpoint_dir:
                save_checkpoint(checkpoint_dir, model, epoch, train_seconds)
            report({"step": epoch, **metrics})
        if metrics is None:
            metrics, predictions = evaluate(model, x_val, y_val)

    report({
        "final": True,
        "val_acc": metrics["val_acc"],
        "val_loss": metrics["val_loss"],
        # float64 weights and biases
        "model_size_kb": parameter_count(model) * 8 / 1024,
        # Cumulative over the checkpoint lineage: what the returned model cost to train.
        "train_seconds": round(train_seconds, 4),
    })
    labels = [str(c) for c in model.classes_]
    matrix = confusion_matrix(y_val, predictions, labels=model.classes_)
    report({"artifact": "confusion_matrix", "labels": labels, "matrix": matrix.tolist()})
    if output_dir:
        write_confusion_csv(output_dir, labels, matrix)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
