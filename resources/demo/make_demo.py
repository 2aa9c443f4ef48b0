#!/usr/bin/env python3
"""Writes demo.json from real runs: every search algorithm tuning the digits MLP example.

Each study configuration in resources/examples/digits/ is run with `tendril-cli run` into a fresh
project (the scikit-learn MLP of train_digits.py, trained epoch by epoch, checkpoints and all), then
the project is exported as one tendril/1 file, the demo that `tendril --demo` opens.

Usage:
    python3 resources/demo/make_demo.py --cli build/bin/tendril-cli [--output demo.json]
                                        [--project KEEP.tendril] [--only NAME ...]
    python3 resources/demo/make_demo.py --cli build/bin/tendril-cli --from-export RUNS.json

The export is then made portable: the run folders of the trials (checkpoints, output files) stay
on the machine that ran them, so their paths are dropped from the artifacts, and each stored run
configuration names the example's folder relative to the source tree. --from-export does only that
last step on an export made earlier (for example after rerunning one study with --only).

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


def make_portable(doc):
    """Drops what only made sense on the machine that ran the studies."""
    for study in doc["studies"]:
        config = study.get("user_attrs", {}).get("run_config")
        if config:
            config["workdir"] = str(EXAMPLES.relative_to(HERE.parent.parent))
        for trial in study["trials"]:
            artifacts = trial.get("artifacts")
            if artifacts:
                artifacts.pop("output_dir", None)
                if not artifacts:
                    del trial["artifacts"]
    doc["project"] = {"name": "demo"}
    return doc


def finish(cli, export, output, names, work, env):
    """Rewrites the export portable, in the tendril/1 writer's own layout (import, export again)."""
    doc = make_portable(json.loads(pathlib.Path(export).read_text()))
    portable = work / "portable.json"
    portable.write_text(json.dumps(doc))
    project = work / "demo.tendril"
    run([cli, "import", portable, "--project", project], env)
    command = [cli, "export", "--project", project, "--format", "native", "--out", output]
    for name in names or [s["name"] for s in doc["studies"]]:
        command += ["--study", name]
    run(command, env)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="path to tendril-cli")
    parser.add_argument("--output", default=str(HERE / "demo.json"), help="tendril/1 file to write")
    parser.add_argument("--project", help="keep the project file here instead of a temporary one")
    parser.add_argument("--only", nargs="*", choices=CONFIGS, help="run only these configurations")
    parser.add_argument("--from-export", help="make an earlier export portable; run nothing")
    args = parser.parse_args()
    cli = pathlib.Path(args.cli).resolve()
    if args.from_export:
        work = pathlib.Path(tempfile.mkdtemp(prefix="tendril-demo-"))
        try:
            finish(cli, args.from_export, args.output, None, work, dict(os.environ))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(f"make_demo: wrote {args.output}")
        return

    try:
        import sklearn  # noqa: F401  (the examples need it; fail before running anything)
    except ImportError:
        sys.exit("make_demo: this python has no scikit-learn; run it with Debian's /usr/bin/python3 "
                 "after `apt-get install python3-sklearn`")

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
        export = work / "runs.json"
        command = [cli, "export", "--project", project, "--format", "native", "--out", export]
        for name in names:
            command += ["--study", name]
        run(command, env)
        finish(cli, export, args.output, names, work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"make_demo: wrote {args.output}")


if __name__ == "__main__":
    main()
