#!/usr/bin/env python3
"""A tiny training script for the runner's tests: standard library only, follows the trial protocol.

Takes any `--name value` options. The score of a run is a smooth function of the numeric options
that rises with the epoch; each epoch saves a checkpoint and then reports, and a restore continues
from the checkpoint's epoch. What it was started with (arguments, protocol variables,
the epoch it restored) goes into TENDRIL_OUTPUT_DIR/launch-<n>.json, n counting the launches of
the trial, so tests can check every run.

Behaviour switches come from the environment (a study's "env"):
  TRAINER_SLEEP    seconds to sleep after each epoch (default 0)
  TRAINER_EPOCHS   epochs when no --epochs option is given (default 3)
  TRAINER_FINAL    "0" to print no final report
  TRAINER_FAIL_IF  fail (exit 4) when an option equals this text ("name=value")
  TRAINER_NO_CHECKPOINT  "1" to save no checkpoint
"""

import json
import math
import os
import sys
import time


def parse_options(argv):
    options = {}
    i = 0
    while i < len(argv):
        name = argv[i]
        if not name.startswith("--") or i + 1 >= len(argv):
            print(f"trainer: unexpected argument {name!r}", file=sys.stderr)
            sys.exit(2)
        options[name[2:]] = argv[i + 1]
        i += 2
    return options


def number(text):
    if text in ("true", "false"):
        return 1.0 if text == "true" else 0.0
    try:
        return float(text)
    except ValueError:
        return float(sum(text.encode()) % 7)


def quality(options):
    # Highest when every numeric option is near 0.3 of its value; strictly positive.
    total = 0.0
    for name, text in sorted(options.items()):
        if name == "epochs":
            continue
        total += (number(text) - 0.3) ** 2
    return 1.0 / (1.0 + total)


def record_launch(options, restored_epoch):
    out_dir = os.environ["TENDRIL_OUTPUT_DIR"]
    n = 1
    while os.path.exists(os.path.join(out_dir, f"launch-{n}.json")):
        n += 1
    info = {
        "argv": sys.argv[1:],
        "cwd": os.getcwd(),
        "restored_epoch": restored_epoch,
        "checkpoint_files": sorted(os.listdir(os.environ["TENDRIL_CHECKPOINT_DIR"])),
        "env": {k: v for k, v in os.environ.items() if k.startswith("TENDRIL_") or k.startswith("TRAINER_")
                or k in ("PYTHONUNBUFFERED", "STUDY_SETTING")},
    }
    with open(os.path.join(out_dir, f"launch-{n}.json"), "w") as f:
        json.dump(info, f)


def save_checkpoint(epoch, score):
    checkpoint = os.environ["TENDRIL_CHECKPOINT_DIR"]
    # Written to a temporary name and renamed: a copy taken meanwhile never sees half a file.
    tmp = os.path.join(checkpoint, "state.json.tmp")
    with open(tmp, "w") as f:
        json.dump({"epoch": epoch, "score": score}, f)
    os.replace(tmp, os.path.join(checkpoint, "state.json"))


def main():
    options = parse_options(sys.argv[1:])
    fail_if = os.environ.get("TRAINER_FAIL_IF")
    if fail_if:
        name, _, value = fail_if.partition("=")
        if options.get(name) == value:
            print(f"trainer: refusing {name}={value}", file=sys.stderr)
            sys.exit(4)
    epochs = int(math.ceil(float(options.get("epochs", os.environ.get("TRAINER_EPOCHS", "3"))) - 1e-9))
    sleep = float(os.environ.get("TRAINER_SLEEP", "0"))

    start = 0
    score = 0.0
    restore = os.environ.get("TENDRIL_RESTORE_FROM")
    if restore:
        with open(os.path.join(restore, "state.json")) as f:
            state = json.load(f)
        start, score = state["epoch"], state["score"]
    record_launch(options, start if restore else None)

    q = quality(options)
    for epoch in range(start + 1, epochs + 1):
        score = q * (1.0 - 0.5 ** epoch)
        # The checkpoint first: once the report is read, the algorithm may act on it (a PBT member
        # copying this one loads the checkpoint as it is at that moment).
        if os.environ.get("TRAINER_NO_CHECKPOINT") != "1":
            save_checkpoint(epoch, score)
        print(json.dumps({"step": epoch, "score": score, "loss": 1.0 - score}), flush=True)
        if sleep:
            time.sleep(sleep)
    if os.environ.get("TRAINER_FINAL", "1") != "0":
        print(json.dumps({"final": True, "score": score, "model_size_mb": 1.5}), flush=True)


if __name__ == "__main__":
    main()
