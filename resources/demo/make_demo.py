#!/usr/bin/env python3
"""Writes demo.json from real runs: every search algorithm tuning the digits MLP example.

Each study configuration in resources/examples/digits/ is run with `tendril-cli run` into a fresh
project (the scikit-learn MLP of train_digits.py, trained epoch by epoch, checkpoints and all), then
the project is exported as one tendril/1 file, the demo that `tendril --demo` opens.

Usage:
    python3 resources/demo/make_demo.py --cli build/bin/tendril-cli [--output demo.json]
                                        [--project KEEP.tendril] [--only NAME ...]

Needs Debian's python3-sklearn. The `python3` the configurations name is taken from the interpreter
running this script, so run it with the python that has scikit-learn. Runs take about ten minutes on
two cores. The results are real runs, so two regenerations differ in timings and, for the
asynchronous algorithms (ASHA, PBT), in which trial finished first.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples" / "digits"

# In the order the control panel lists them; the refined study needs its parent first.
CONFIGS = ["random", "grid", "tpe", "asha", "hyperband", "bohb", "pbt", "tpe_refined"]


def run(cmd, env):
    print("$ " + " ".join(str(c) for c in cmd), flush=True)
    completed = subprocess.run([str(c) for c in cmd], env=env)
    if completed.returncode != 0:
        sys.exit(f"make_demo: {cmd[1]} failed with exit code {completed.returncode}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="path to tendril-cli")
    parser.add_argument("--output", default=str(HERE / "demo.json"), help="tendril/1 file to write")
    parser.add_argument("--project", help="keep the project file here instead of a temporary one")
    parser.add_argument("--only", nargs="*", choices=CONFIGS, help="run only these configurations")
    args = parser.parse_args()

    try:
        import sklearn  # noqa: F401  (the examples need it; fail before running anything)
    except ImportError:
        sys.exit("make_demo: this python has no scikit-learn; run it with Debian's /usr/bin/python3 "
                 "after `apt-get install python3-sklearn`")

    cli = pathlib.Path(args.cli).resolve()
    env = dict(os.environ)
    # The configurations say "python3": make that this interpreter.
    env["PATH"] = str(pathlib.Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")

    work = pathlib.Path(tempfile.mkdtemp(prefix="tendril-demo-"))
    try:
        project = pathlib.Path(args.project).resolve() if args.project else work / "demo.tendril"
        if project.exists():
            sys.exit(f"make_demo: {project} exists; give a new file")
        names = []
        for config in args.only or CONFIGS:
            path = EXAMPLES / f"{config}.json"
            names.append(json.loads(path.read_text())["name"])
            run([cli, "run", "--project", project, "--config", path], env)
        export = [cli, "export", "--project", project, "--format", "native", "--out", args.output]
        for name in names:
            export += ["--study", name]
        run(export, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"make_demo: wrote {args.output}")


if __name__ == "__main__":
    main()
