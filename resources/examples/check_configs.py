#!/usr/bin/env python3
"""Checks study configurations against the training scripts they run, before a study is started.

    python3 check_configs.py digits/hyperband.json            # the config and the script's options
    python3 check_configs.py --run my_study.json               # also two short runs of the script

Tendril itself refuses a malformed configuration, but it cannot know whether the script accepts the
options the configuration will pass; a mismatch shows up only as failed trials. This checks, for
each configuration:
- it is JSON with the fields trial-protocol.md requires, and its space declares usable parameters;
- the script's --help lists an option for every parameter of the space and for resource_arg, and a
  categorical's choices are among those the option allows (argparse's {a,b,c});
and with --run it launches the script the way Tendril does (trial-protocol.md, "Launch"):
- every parameter at its low end (first choice) for 2 units of the resource, with an empty
  TENDRIL_CHECKPOINT_DIR: it must exit 0 and print JSON reports with the objective metric;
- every parameter at its high end (last choice) for 4 units, restoring from the first run's
  checkpoint (as a PBT child would, with other hyperparameters): its first step must be 3.
Standard library only. Exit status 1 when any configuration has an error.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile

REQUIRED = ("name", "command", "objective", "algorithm")
KNOWN_FIELDS = {"name", "command", "workdir", "objective", "metrics", "space", "algorithm", "budget",
                "resource_arg", "workers", "trial_timeout_seconds", "env", "seed", "parent"}
# The two launches of --run: a fresh run for FIRST_AMOUNT units of the resource, then one restored
# from its checkpoint for SECOND_AMOUNT, which must report steps FIRST_AMOUNT + 1 onwards.
FIRST_AMOUNT = 2
SECOND_AMOUNT = 4
HELP_CACHE = {}
OPTION = re.compile(r"(?<![\w-])--([A-Za-z0-9][\w-]*)(?:[ =]\{([^}]*)\})?")


class Findings:
    def __init__(self, source):
        self.source = source
        self.errors = []
        self.warnings = []
        self.notes = []

    def error(self, where, message):
        self.errors.append(f"{self.source}: {where}: {message}")

    def warn(self, where, message):
        self.warnings.append(f"{self.source}: {where}: {message}")


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def check_param(param, where, found):
    if not isinstance(param, dict):
        found.error(where, "expected a Param object")
        return False
    if not isinstance(param.get("name"), str) or not param["name"]:
        found.error(f"{where}.name", "expected a non-empty string")
        return False
    kind = param.get("type")
    if kind == "categorical":
        choices = param.get("choices")
        if not isinstance(choices, list) or not choices:
            found.error(f"{where}.choices", "expected a non-empty list")
            return False
        if any(isinstance(c, (dict, list)) or c is None for c in choices):
            found.error(f"{where}.choices", "expected strings, numbers or booleans")
            return False
        return True
    if kind not in ("float", "int"):
        found.error(f"{where}.type", f"expected float, int or categorical, got {kind!r}")
        return False
    low, high = param.get("low"), param.get("high")
    if not is_number(low) or not is_number(high):
        found.error(where, "low and high must be finite numbers")
        return False
    if low > high:
        found.error(f"{where}.low", f"must not be above high ({high}), got {low}")
        return False
    if kind == "int" and (low != int(low) or high != int(high)):
        found.error(where, "an int parameter needs whole-number low and high")
        return False
    if param.get("log") and low <= 0:
        found.error(f"{where}.low", f"a log parameter needs low > 0, got {low}")
        return False
    if "step" in param and not (is_number(param["step"]) and param["step"] > 0):
        found.error(f"{where}.step", "expected a number > 0")
        return False
    return True


def check_structure(config, found):
    """Checks the fields; returns whether the command can be launched, and the usable parameters of
    the space as (index, Param), so that the script's options are checked even when some are not."""
    if not isinstance(config, dict):
        found.error("top level", "expected a JSON object")
        return False, []
    for field in REQUIRED:
        if field not in config:
            found.error(field, "required")
    for field in sorted(set(config) - KNOWN_FIELDS):
        found.warn(field, "not a field of trial-protocol.md; Tendril may refuse it")
    command = config.get("command")
    launchable = isinstance(command, list) and bool(command) and all(isinstance(a, str) for a in command)
    if not launchable:
        found.error("command", "expected a non-empty list of strings")
    objective = config.get("objective", {"metric": "", "direction": "maximize"})
    if not isinstance(objective, dict) or not isinstance(objective.get("metric"), str):
        found.error("objective.metric", "expected a metric name")
    elif objective.get("direction") not in ("maximize", "minimize"):
        found.error("objective.direction", f"expected maximize or minimize, got {objective.get('direction')!r}")
    if not isinstance(config.get("algorithm"), dict) or not isinstance(config["algorithm"].get("name"), str):
        found.error("algorithm.name", "expected an algorithm name")
    space = config.get("space", [])
    usable = []
    if not isinstance(space, list):
        found.error("space", "expected a list of Param objects")
    else:
        seen = set()
        for i, param in enumerate(space):
            if check_param(param, f"space[{i}]", found):
                if param["name"] in seen:
                    found.error(f"space[{i}].name", f"{param['name']!r} appears twice")
                seen.add(param["name"])
                usable.append((i, param))
    if "resource_arg" in config and not (isinstance(config["resource_arg"], str) and config["resource_arg"]):
        found.error("resource_arg", "expected an option such as \"--epochs\"")
        launchable = False
    env = config.get("env", {})
    if not isinstance(env, dict) or not all(isinstance(v, str) for v in env.values()):
        found.error("env", "expected an object of string values")
        launchable = False
    return launchable, usable


def format_value(value):
    """A value as Tendril passes it: booleans true/false, numbers in shortest round-trip form."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def end_value(param, high_end):
    if param["type"] == "categorical":
        return param["choices"][-1 if high_end else 0]
    value = param["high"] if high_end else param["low"]
    return int(value) if param["type"] == "int" else float(value)


def launch_environment(config, extra):
    env = dict(os.environ)
    env.update(config.get("env", {}))
    env.update(extra)
    return env


def script_help(command, workdir, config, timeout):
    """The script's --help output; configurations of one command share it (a Python ML script
    can take a second just to import its libraries)."""
    key = (tuple(command), workdir, tuple(sorted(config.get("env", {}).items())))
    if key not in HELP_CACHE:
        HELP_CACHE[key] = subprocess.run(command + ["--help"], cwd=workdir, capture_output=True, text=True,
                                         timeout=timeout, env=launch_environment(config, {}))
    return HELP_CACHE[key]


def check_options(config, params, workdir, found, timeout):
    command = config["command"]
    try:
        result = script_help(command, workdir, config, timeout)
    except FileNotFoundError:
        found.error("command[0]", f"{command[0]!r} not found (PATH, or relative to {workdir})")
        return
    except subprocess.TimeoutExpired:
        found.error("command", f"--help did not finish within {timeout} s")
        return
    if result.returncode != 0:
        found.error("command", f"--help exited with {result.returncode}: {result.stderr.strip()[-300:]}")
        return
    options = {}
    for match in OPTION.finditer(result.stdout):
        choices = match.group(2)
        options.setdefault(match.group(1), set(choices.split(",")) if choices else None)
    fixed = {a[2:] for a in command[1:] if a.startswith("--")}
    for i, param in params:
        name = param["name"]
        if name not in options:
            found.error(f"space[{i}]", f"{' '.join(command)} --help lists no option --{name}")
            continue
        if name in fixed:
            found.warn(f"space[{i}]", f"--{name} is also fixed in command; the searched value comes last")
        allowed = options[name]
        if param["type"] == "categorical" and allowed is not None:
            for choice in param["choices"]:
                if format_value(choice) not in allowed:
                    found.error(f"space[{i}].choices", f"{choice!r} is not among --{name} {{{','.join(sorted(allowed))}}}")
    resource = config.get("resource_arg")
    if resource and resource.lstrip("-") not in options:
        found.error("resource_arg", f"{' '.join(command)} --help lists no option {resource}")


def run_once(config, workdir, high_end, amount, folders, timeout):
    args = list(config["command"])
    for param in config.get("space", []):
        args += [f"--{param['name']}", format_value(end_value(param, high_end))]
    extra = {"TENDRIL_STUDY": config["name"], "TENDRIL_TRIAL_ID": "check-high" if high_end else "check-low",
             "TENDRIL_CHECKPOINT_DIR": folders["checkpoint"], "TENDRIL_OUTPUT_DIR": folders["output"]}
    if config.get("resource_arg"):
        args += [config["resource_arg"], format_value(amount)]
        extra["TENDRIL_BUDGET"] = format_value(amount)
    if folders.get("restore"):
        extra["TENDRIL_RESTORE_FROM"] = folders["restore"]
    result = subprocess.run(args, cwd=workdir, capture_output=True, text=True, timeout=timeout,
                            env=launch_environment(config, extra))
    reports, malformed = [], 0
    for line in result.stdout.splitlines():
        text = line.strip()
        if not text.startswith("{"):
            continue
        try:
            value = json.loads(text)  # accepts NaN and Infinity, as Tendril does
        except json.JSONDecodeError:
            malformed += 1
            continue
        if isinstance(value, dict):
            reports.append(value)
    return result, reports, malformed


def check_runs(config, workdir, found, timeout):
    metric = config["objective"]["metric"]
    with tempfile.TemporaryDirectory(prefix="tendril-check-") as root:
        first = {"checkpoint": os.path.join(root, "first"), "output": os.path.join(root, "out-first")}
        second = {"checkpoint": os.path.join(root, "second"), "output": os.path.join(root, "out-second"),
                  "restore": first["checkpoint"]}
        for folder in (first["checkpoint"], first["output"], second["checkpoint"], second["output"]):
            os.mkdir(folder)
        resumable = bool(config.get("resource_arg"))
        plan = [("low ends", False, FIRST_AMOUNT, first)]
        if resumable:
            plan.append(("high ends, restored", True, SECOND_AMOUNT, second))
        for label, high_end, amount, folders in plan:
            if folders.get("restore") and not os.listdir(folders["restore"]):
                found.warn("run", "the script wrote nothing to TENDRIL_CHECKPOINT_DIR: promoted configurations "
                                  "will be trained again from the start and PBT cannot copy members")
                folders = dict(folders, restore=None)
            try:
                result, reports, malformed = run_once(config, workdir, high_end, amount, folders, timeout)
            except subprocess.TimeoutExpired:
                found.error(f"run ({label})", f"no exit within {timeout} s")
                return
            where = f"run ({label})"
            if result.returncode != 0:
                found.error(where, f"exit status {result.returncode}: {result.stderr.strip()[-400:]}")
                continue
            if malformed:
                found.warn(where, f"{malformed} line(s) start with '{{' but are not valid JSON; they are kept as log text")
            steps = [r["step"] for r in reports if is_number(r.get("step"))]
            if not any(metric in r for r in reports if "artifact" not in r):
                found.error(where, f"no report has the objective metric {metric!r}")
            if resumable and not steps:
                found.warn(where, "no {\"step\": ...} reports: pruning and PBT have nothing to act on")
            if folders.get("restore") and steps and steps[0] != FIRST_AMOUNT + 1:
                found.error(where, f"restored from a checkpoint at step {FIRST_AMOUNT}, the first step was {steps[0]} "
                                   f"(expected {FIRST_AMOUNT + 1}: steps count from the start of the lineage)")
            found.notes.append(f"{label}: steps {steps[0] if steps else '-'}..{steps[-1] if steps else '-'}, "
                               f"{len(reports)} reports")


def main(argv):
    parser = argparse.ArgumentParser(description="Check Tendril study configurations against their scripts.")
    parser.add_argument("configs", nargs="+", help="study configuration files (JSON)")
    parser.add_argument("--run", action="store_true", help="also launch each script twice for a few steps")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds each launch may take (default 120)")
    args = parser.parse_args(argv)

    failed = 0
    for path in args.configs:
        found = Findings(path)
        try:
            with open(path, encoding="utf-8") as source:
                config = json.load(source)
        except OSError as error:
            found.error("file", error.strerror)
            config = None
        except json.JSONDecodeError as error:
            found.error(f"line {error.lineno} column {error.colno}", error.msg)
            config = None
        launchable, params = check_structure(config, found) if config is not None else (False, [])
        if launchable:
            workdir = os.path.join(os.path.dirname(os.path.abspath(path)), config.get("workdir", "."))
            check_options(config, params, workdir, found, args.timeout)
            if args.run and not found.errors:
                check_runs(config, workdir, found, args.timeout)
        for line in found.errors + found.warnings:
            print(line)
        status = "FAILED" if found.errors else "ok"
        print(f"{path}: {status}" + (f" ({'; '.join(found.notes)})" if found.notes else ""))
        failed += bool(found.errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
