"""The output folder loses nothing: the author's files survive a rebuild or stop it with their names,
and a build killed with SIGKILL leaves nothing behind once the next build has run."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from builder import REPO_DIR
from builder.errors import BuildError
from builder.output import AFTER_BUILD, BUILD_NAMES, MANIFEST
from tests.articles import build, files_of, tiny_article
from tests.waiting import wait_until

DEADLINE_S = 120  # generous: two cores shared with other test runs


def leftovers(out):
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def test_cname_and_the_files_keep_lists_survive_every_rebuild(tmp_path):
    config = tiny_article(tmp_path / "content", config={"keep": ["google1234.html", "extra"]})
    out = tmp_path / "site"
    build(config, out)
    (out / "CNAME").write_text("article.example.org\n")  # GitHub Pages' custom domain
    (out / "google1234.html").write_text("google-site-verification: google1234.html")
    (out / "extra" / "deep").mkdir(parents=True)
    (out / "extra" / "deep" / "notes.txt").write_text("mine")
    build(config, out)
    build(config, out)
    assert (out / "CNAME").read_text() == "article.example.org\n"
    assert (out / "google1234.html").read_text().startswith("google-site-verification")
    assert (out / "extra" / "deep" / "notes.txt").read_text() == "mine"
    assert (out / ".nojekyll").exists() and (out / "index.html").exists()
    assert leftovers(out) == []


def test_a_file_no_build_wrote_stops_the_rebuild_naming_it_and_keep(tmp_path):
    config = tiny_article(tmp_path / "content")
    out = tmp_path / "site"
    build(config, out)
    (out / "notes.txt").write_text("mine")
    (out / "assets" / "mine.css").write_text("mine too")  # even inside a folder the build writes
    before = files_of(out)
    with pytest.raises(BuildError, match=r"holds files no build wrote \(assets/mine\.css, "
                                         r"notes\.txt\).*list them under 'keep' in article\.toml"):
        build(config, out)
    assert files_of(out) == before
    assert leftovers(out) == []


def test_a_file_put_into_the_site_while_it_builds_is_not_deleted(tmp_path, monkeypatch):
    from builder import pipeline

    config = tiny_article(tmp_path / "content")
    out = tmp_path / "site"
    build(config, out)
    real = pipeline.write_service_worker

    def author_saves_a_file_meanwhile(staging):
        (out / "CNAME").write_text("kept anyway")
        (out / "draft.md").write_text("mine")
        return real(staging)

    monkeypatch.setattr(pipeline, "write_service_worker", author_saves_a_file_meanwhile)
    with pytest.raises(BuildError, match=r"holds files no build wrote \(draft\.md\)"):
        build(config, out)
    assert (out / "draft.md").read_text() == "mine"
    assert (out / "CNAME").read_text() == "kept anyway"
    assert leftovers(out) == []


def test_a_folder_holding_only_a_cname_becomes_the_site_and_keeps_it(tmp_path):
    # GitHub Pages' settings commit CNAME into docs/ before the first build ever ran.
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "CNAME").write_text("article.example.org\n")
    build(tiny_article(tmp_path / "content"), docs)
    assert (docs / "CNAME").read_text() == "article.example.org\n"
    assert (docs / "index.html").exists()


def test_the_manifest_lists_exactly_the_build_s_files_at_names_the_build_owns(tiny_site):
    out = tiny_site("## A\n\n![A plot](plot.svg)\n",
                    files={"plot.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>'})
    listed = [line for line in (out / MANIFEST).read_text().splitlines()
              if not line.startswith("#")]
    assert sorted(listed) == sorted(set(files_of(out)) - {MANIFEST})
    # 'keep' may not claim these names, and a site built before manifests is read by them.
    assert {name.split("/")[0] for name in listed} <= BUILD_NAMES


def test_the_single_files_old_name_still_counts_as_the_builds_in_a_folder_built_then():
    from builder.single_file import OLD_NAME

    assert AFTER_BUILD == (OLD_NAME,)


def test_a_site_built_before_manifests_existed_is_still_replaced_but_not_an_authors_file(tmp_path):
    config = tiny_article(tmp_path / "content")
    out = tmp_path / "site"
    build(config, out)
    (out / MANIFEST).unlink()  # as every build before this change left it
    (out / "notes.txt").write_text("mine")
    with pytest.raises(BuildError, match=r"holds files no build wrote \(notes\.txt\)"):
        build(config, out)
    (out / "notes.txt").unlink()
    build(config, out)
    assert (out / MANIFEST).exists()


@pytest.mark.parametrize("entry, problem", [
    ("../secrets.txt", "must be a path inside the output folder"),
    ("/etc/hostname", "must be a path inside the output folder"),
    ("", "must be a path inside the output folder"),
    ("index.html", "is build output: the build writes 'index.html' itself"),
    ("vendor/mine.js", "is build output: the build writes 'vendor' itself"),
])
def test_a_keep_entry_outside_the_folder_or_on_build_output_is_a_located_error(tmp_path, entry,
                                                                                problem):
    config = tiny_article(tmp_path / "content", config_text=textwrap.dedent(f"""\
        title = "T"
        sections = ["one.md"]
        keep = [
          "CNAME",
          "{entry}",
        ]
        """))
    with pytest.raises(BuildError, match=rf"article\.toml:5: 'keep' entry .* {problem}"):
        build(config, tmp_path / "site")


# A build held still mid-way, so the test can kill it with SIGKILL at a known point: it writes
# a marker file and waits forever where the hook is, as a build killed there would have been.
HELD_BUILD = """
import os, sys, threading
from pathlib import Path
from builder import vendor
from tests.articles import build

config, out, marker, where = sys.argv[1:]

def hold():
    Path(marker).write_text("here")
    threading.Event().wait()

if where == "writing":
    copy = vendor.copy_vendored
    def copy_then_hold(staging):
        result = copy(staging)
        hold()
    vendor.copy_vendored = copy_then_hold
else:  # "swapping": between the two renames, when the old site is no longer at its place
    rename = os.rename
    def rename_then_hold(source, destination):
        rename(source, destination)
        if Path(source) == Path(out).resolve():
            hold()
    os.rename = rename_then_hold
build(config, out)
"""


def start_held_build(tmp_path, config, out, where):
    marker = tmp_path / f"held-{where}"
    process = subprocess.Popen([sys.executable, "-c", HELD_BUILD, str(config), str(out),
                                str(marker), where], cwd=REPO_DIR)
    wait_until(lambda: marker.exists() or process.poll() is not None, timeout=DEADLINE_S,
               what="the build to get there")
    assert process.poll() is None, "the held build ended by itself"
    return process


def kill(process):
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.fixture
def built_once(tmp_path):
    config = tiny_article(tmp_path / "content")
    out = tmp_path / "site"
    build(config, out)
    (out / "CNAME").write_text("article.example.org\n")
    return config, out


def test_a_build_killed_mid_way_leaves_nothing_behind_after_the_next_build(tmp_path, built_once):
    config, out = built_once
    kill(start_held_build(tmp_path, config, out, "writing"))
    assert [name for name in leftovers(out) if ".building-" in name]  # what kill -9 leaves
    build(config, out)
    assert leftovers(out) == []
    assert (out / "CNAME").exists() and (out / "index.html").exists()


def test_a_build_killed_during_the_swap_gets_the_previous_site_back(tmp_path, built_once):
    config, out = built_once
    kill(start_held_build(tmp_path, config, out, "swapping"))
    assert not out.exists()  # killed between the two renames: only the hidden copies remain
    build(config, out)
    assert leftovers(out) == []
    # The previous site came back before the build replaced it, so its CNAME was carried over.
    assert (out / "CNAME").read_text() == "article.example.org\n"


def test_the_folder_of_a_build_still_running_is_left_alone(tmp_path, built_once):
    config, out = built_once
    held = start_held_build(tmp_path, config, out, "writing")
    try:
        running = leftovers(out)
        assert running
        build(config, out)  # another build of the same folder meanwhile
        assert leftovers(out) == running
    finally:
        kill(held)
    build(config, out)
    assert leftovers(out) == []
    assert os.listdir(out)
