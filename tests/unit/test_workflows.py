"""The GitHub workflows would pass review: actionlint finds nothing in them; Pages deploys only
after the unit tests, a strict build and the site check, caches pip and npm, and never cancels a
deploy halfway; pull requests run every test in a Chromium."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder import REPO_DIR

WORKFLOWS = REPO_DIR / ".github" / "workflows"
# Installed from the test pins into the same venv as this Python.
ACTIONLINT = Path(sys.executable).parent / "actionlint"
TIMEOUT_S = 60


def actionlint(*paths):
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, paths)], capture_output=True,
                          text=True, timeout=TIMEOUT_S, cwd=REPO_DIR)


def load(name):
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads `on` as true
    return workflow


def steps(job):
    return job["steps"]


def step_index(job, predicate, what):
    for index, step in enumerate(steps(job)):
        if predicate(step):
            return index
    raise AssertionError(f"no step that {what}")


def runs(command):
    return lambda step: step.get("run", "").strip() == command


def uses(action):
    return lambda step: step.get("uses", "").split("@")[0] == action


def test_actionlint_finds_nothing_in_any_workflow():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert len(files) >= 2
    run = actionlint(*files)
    assert run.returncode == 0 and not run.stdout.strip(), run.stdout + run.stderr


def test_actionlint_does_find_a_mistake(tmp_path):
    """The check above is only worth something if the linter really reads the files."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - uses: actions/setup-node@v5\n        with:\n          node: 20\n")
    run = actionlint(broken)
    assert run.returncode != 0 and 'input "node" is not defined' in run.stdout


PAGES = load("pages.yml")


def test_pages_runs_the_unit_tests_a_strict_build_and_the_check_before_it_deploys():
    build = PAGES["jobs"]["build"]
    order = [step_index(build, runs("make test-deps"), "installs the pins"),
             step_index(build, runs("make unit"), "runs the unit tests"),
             step_index(build, runs("make site BUILD_FLAGS=--strict"), "builds with --strict"),
             step_index(build, runs("make check"), "runs check"),
             step_index(build, uses("actions/upload-pages-artifact"), "uploads the site")]
    assert order == sorted(order)
    assert PAGES["jobs"]["deploy"]["needs"] == "build"
    assert set(PAGES["on"]) == {"push", "workflow_dispatch"}


def test_the_makefile_passes_the_strict_flag_and_runs_only_the_unit_tests():
    env = {key: value for key, value in os.environ.items()
           if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}  # not an outer `make test`'s
    dry = subprocess.run(["make", "-n", "site", "unit", "check", "BUILD_FLAGS=--strict"],
                         cwd=REPO_DIR, env=env, capture_output=True, text=True,
                         timeout=TIMEOUT_S).stdout
    assert " -m builder build --config content/article.toml --out site --strict" in dry
    assert " -m pytest tests/unit" in dry
    assert " -m builder check --config content/article.toml --out site" in dry


@pytest.mark.parametrize("name", ["pages.yml", "test.yml"])
def test_pip_and_npm_are_cached_on_the_pinned_files(name):
    job = next(iter(load(name)["jobs"].values()))
    python = steps(job)[step_index(job, uses("actions/setup-python"), "sets up Python")]["with"]
    assert python["cache"] == "pip" and python["cache-dependency-path"] == "requirements/*.txt"
    node = steps(job)[step_index(job, uses("actions/setup-node"), "sets up Node")]["with"]
    assert node["cache"] == "npm"


def test_a_deploy_under_way_is_never_cancelled():
    assert PAGES["concurrency"]["cancel-in-progress"] is False


def test_pull_requests_run_every_test_in_playwrights_chromium():
    workflow = load("test.yml")
    assert "pull_request" in workflow["on"]
    job = workflow["jobs"]["test"]
    chromium = step_index(job, runs(".venv/bin/python -m playwright install --with-deps chromium"),
                          "installs a Chromium")
    assert chromium < step_index(job, runs("make test"), "runs make test")
