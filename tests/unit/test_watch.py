"""serve without a browser: what its watcher (builder/watch.py) counts as a source, a build that
does not wake it, and a port that is taken."""

import os
import socket
import threading

from builder.cli import main
from builder import watch
from builder.watch import Reloads, snapshot, watch_and_rebuild
from tests.articles import tiny_article
from tests.waiting import wait_until


def write(path, text="x"):
    """One whole save, as an editor makes it: the new text appears at once. (A plain write
    truncates first, and a watcher looking in between rightly sees two changes.)"""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")  # hidden: not a source itself
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def test_sources_are_the_articles_files_not_output_hidden_files_or_caches(tmp_path):
    for name in ["article.toml", "one.md", "figures/plot.svg", "site/index.html",
                 ".site.building-1/index.html", ".one.md.swp", ".git/HEAD",
                 "node_modules/katex/katex.js", "__pycache__/x.pyc"]:
        write(tmp_path / name)
    found = snapshot([tmp_path], skip=[tmp_path / "site"])
    assert sorted(p.relative_to(tmp_path).as_posix() for p in found) == [
        "article.toml", "figures/plot.svg", "one.md"]


def test_output_inside_the_article_folder_does_not_start_the_next_build(tmp_path, monkeypatch):
    # An article.toml beside its site/ folder once made every build trigger another, forever.
    write(tmp_path / "one.md", "first")
    builds = []
    looks = []  # one entry per look the watcher takes at the folder

    def counted_snapshot(*args, **kwargs):
        found = snapshot(*args, **kwargs)
        looks.append(len(builds))  # after the look, so a save made once it counts is seen
        return found

    def rebuild():
        builds.append(len(looks))
        write(tmp_path / "site" / "index.html", f"build {len(builds)}")

    monkeypatch.setattr(watch, "snapshot", counted_snapshot)
    stop = threading.Event()
    watcher = threading.Thread(target=watch_and_rebuild, daemon=True,
                               args=([tmp_path], rebuild, Reloads()),
                               kwargs={"interval": 0.02, "stop": stop, "skip": [tmp_path / "site"]})
    watcher.start()
    wait_until(lambda: looks, what="the watcher's first look")
    write(tmp_path / "one.md", "second")
    wait_until(lambda: builds, what="the rebuild the save starts")
    # Fifteen more looks at the folder after the build wrote its output: none may rebuild.
    wait_until(lambda: len(looks) >= builds[0] + 15, what="fifteen more looks")
    stop.set()
    watcher.join()
    assert len(builds) == 1


def test_a_port_in_use_is_one_clear_line_before_any_build(tmp_path, capsys):
    config = tiny_article(tmp_path / "content")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--config", str(config), "--out", str(tmp_path / "site"),
                     "--port", str(port)])
    assert code == 1
    assert f"error: cannot serve on 127.0.0.1:{port}: Address already in use" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_section_kept_outside_the_article_folder_is_watched_alone(tmp_path):
    from builder.watch import watched_roots

    shared = tmp_path / "shared"
    write(shared / "intro.md", "## Intro\n")
    write(shared / "huge" / "unrelated.bin")  # its neighbours are not the article's business
    config = tiny_article(tmp_path / "content", config={"sections": ["../shared/intro.md", "one.md"]})
    roots = watched_roots(config)
    assert roots[:2] == [config.parent, shared / "intro.md"]
    found = snapshot(roots)
    assert shared / "intro.md" in found and shared / "huge" / "unrelated.bin" not in found
    assert watched_roots(tmp_path / "nowhere.toml")[0] == tmp_path  # a broken config: the folder
