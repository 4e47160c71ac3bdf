"""Installs that fit the job: `make serve` and `make site` install only what building needs, `make
test` adds the test extras, both from hashed pins made from pyproject.toml, and a second run
installs nothing. The npm side names one Node that every pinned package supports."""

import json
import os
import re
import shutil
import subprocess
import tomllib

import pytest

from builder import REPO_DIR

REQUIREMENTS = REPO_DIR / "requirements"
PYPROJECT = tomllib.loads((REPO_DIR / "pyproject.toml").read_text(encoding="utf-8"))
TIMEOUT_S = 60


def normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path):
    """{package: (version, number of hashes)} of a pip-compile output file."""
    found = {}
    for entry in re.split(r"\n(?=\S)", path.read_text(encoding="utf-8")):
        match = re.match(r"([A-Za-z0-9._-]+)==(\S+)", entry)
        if match:
            found[normalised(match[1])] = (match[2], entry.count("--hash=sha256:"))
    return found


def declared(requirements):
    """{package: version} of pyproject.toml's exact pins."""
    return dict((normalised(name), version) for name, version in
                (requirement.split("==") for requirement in requirements))


BUILD_PINS = pins(REQUIREMENTS / "build.txt")
TEST_PINS = pins(REQUIREMENTS / "test.txt")
CORE = declared(PYPROJECT["project"]["dependencies"])
TEST_EXTRA = declared(PYPROJECT["project"]["optional-dependencies"]["test"])


def test_the_build_pins_hold_the_core_dependencies_and_no_test_package():
    for name, version in CORE.items():
        assert BUILD_PINS[name][0] == version, name
    for name in TEST_EXTRA:
        assert name not in BUILD_PINS, f"{name} is a test package, installed by `make serve`"
    assert "pytest" not in BUILD_PINS and "playwright" not in BUILD_PINS


def test_the_test_pins_add_the_test_extras_to_the_same_build_pins():
    for name, version in {**CORE, **TEST_EXTRA}.items():
        assert TEST_PINS[name][0] == version, name
    for name, (version, _) in BUILD_PINS.items():
        assert TEST_PINS[name][0] == version, f"{name}: build.txt and test.txt disagree"


def test_every_pin_carries_hashes_and_the_editable_install_needs_no_unpinned_package():
    for path, found in (("build.txt", BUILD_PINS), ("test.txt", TEST_PINS)):
        assert found, path
        for name, (version, hashes) in found.items():
            assert hashes >= 1, f"{path}: {name}=={version} has no hash"
    # `pip install --no-build-isolation -e .` builds with the venv's setuptools: pinned here.
    assert "setuptools" in BUILD_PINS


def make(*args, cwd=REPO_DIR, env=None):
    """`make ARGS` as if typed in a shell, not with the MAKEFLAGS of an outer `make test`."""
    if env is None:
        env = {key: value for key, value in os.environ.items()
               if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=TIMEOUT_S, env=env)


def test_make_serve_installs_only_the_build_pins_and_make_test_adds_the_test_pins():
    serve = make("-n", "-B", "serve").stdout
    assert "--require-hashes -r requirements/build.txt" in serve
    assert "requirements/test.txt" not in serve
    assert "--no-deps --no-build-isolation -e ." in serve
    test = make("-n", "-B", "test").stdout
    assert "--require-hashes -r requirements/build.txt" in test
    assert "--require-hashes -r requirements/test.txt" in test


@pytest.fixture
def stamped_copy(tmp_path):
    """The Makefile and its pinned inputs in a folder whose stamps say everything is installed."""
    for name in ("Makefile", "pyproject.toml", "package.json", "package-lock.json"):
        shutil.copy(REPO_DIR / name, tmp_path / name)
    shutil.copytree(REQUIREMENTS, tmp_path / "requirements")
    for stamp in (".venv/.installed-build", ".venv/.installed-test", "node_modules/.installed"):
        (tmp_path / stamp).parent.mkdir(exist_ok=True)
        (tmp_path / stamp).touch()
    return tmp_path


def up_to_date(folder, target):
    return make("-q", target, cwd=folder).returncode == 0


def test_a_second_run_installs_nothing_until_a_pin_changes(stamped_copy):
    assert up_to_date(stamped_copy, "deps") and up_to_date(stamped_copy, "test-deps")
    (stamped_copy / "requirements" / "test.txt").touch()
    assert up_to_date(stamped_copy, "deps")  # an author's `make serve` is not held up
    assert not up_to_date(stamped_copy, "test-deps")
    (stamped_copy / "requirements" / "build.txt").touch()
    assert not up_to_date(stamped_copy, "deps")


# -- Node ----------------------------------------------------------------------------------------

NODE_NEEDED = json.loads((REPO_DIR / "package.json").read_text(encoding="utf-8"))["engines"]["node"]


def lowest_version(engine_range):
    """The lowest version a lock file's simple ``>=X[.Y[.Z]]`` range admits, as a tuple; any other
    form of range fails the test, so that a new package's range is looked at, not skipped."""
    match = re.fullmatch(r">=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?", engine_range.strip())
    assert match, f"an engine range this test cannot read: {engine_range!r}"
    return tuple(int(part or 0) for part in match.groups())


def test_every_pinned_npm_package_runs_on_the_node_the_project_names():
    needed = lowest_version(NODE_NEEDED)
    lock = json.loads((REPO_DIR / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["engines"]["node"] == NODE_NEEDED
    for path, package in lock["packages"].items():
        wanted = package.get("engines", {}).get("node")
        if wanted:
            assert lowest_version(wanted) <= needed, f"{path} {package['version']} needs {wanted}"


def test_the_readme_and_the_workflows_name_the_same_node():
    major = str(lowest_version(NODE_NEEDED)[0])
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    assert f"Node >= {major}" in readme
    for workflow in (REPO_DIR / ".github" / "workflows").glob("*.yml"):
        for version in re.findall(r'node-version: "([^"]+)"', workflow.read_text()):
            assert version == major, workflow.name


def test_make_says_in_one_line_that_an_older_node_is_too_old(tmp_path):
    fake = tmp_path / "bin" / "node"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho v18.19.1\n")
    fake.chmod(0o755)
    env = {"PATH": f"{fake.parent}:/usr/bin:/bin"}
    run = make("node-version", env=env)
    assert run.returncode != 0
    first = run.stderr.splitlines()[0]
    assert first == ("Node v18.19.1 is too old: this project needs Node "
                     f"{lowest_version(NODE_NEEDED)[0]} or newer")
    assert make("node-version").returncode == 0  # this machine's own Node is new enough
