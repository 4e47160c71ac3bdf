"""Command-line mistakes get one clear line and no traceback: a bad --port or --host, a section that
is a folder; and `new` takes any title, quotes included."""

import os
import shlex
import subprocess
import sys
import tomllib

import pytest

from builder import REPO_DIR
from tests.articles import build, tiny_article

TIMEOUT_S = 120


def run_builder(*args, cwd=REPO_DIR):
    return subprocess.run([sys.executable, "-m", "builder", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=TIMEOUT_S,
                          env={**os.environ, "PYTHONPATH": str(REPO_DIR)})


def assert_one_line(run, status, expected):
    assert run.returncode == status
    assert "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: "), run.stderr
    assert expected in run.stderr


@pytest.mark.parametrize("port", ["abc", "70000", "-1", "80.5"])
def test_a_port_that_is_no_port_is_one_line(tmp_path, port):
    config = tiny_article(tmp_path / "content")
    run = run_builder("serve", "--config", config, "--out", tmp_path / "site", "--port", port)
    assert_one_line(run, 2, f"argument --port: '{port}' is not a port: give a whole number from 0 "
                            "to 65535")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("host", ["no.such.host.invalid", "999.1.1.1"])
def test_a_host_that_is_no_address_here_is_one_line(tmp_path, host):
    config = tiny_article(tmp_path / "content")
    run = run_builder("serve", "--config", config, "--out", tmp_path / "site", "--host", host,
                      "--port", "0")
    assert_one_line(run, 1, f"cannot serve on {host}: no such host name or address")
    assert not (tmp_path / "site").exists()  # found out before any build


def test_a_section_that_is_a_folder_is_a_located_error(tmp_path):
    config = tiny_article(tmp_path / "content",
                          config_text='title = "T"\nsections = [\n  "one.md",\n  "chapters",\n]\n')
    (config.parent / "chapters").mkdir()
    run = run_builder("build", "--config", config, "--out", tmp_path / "site")
    assert_one_line(run, 1, "article.toml:4: section 'chapters' is a folder: list the Markdown "
                            "files in it")


def test_new_takes_a_title_with_quotes_and_backslashes_and_it_builds(tmp_path):
    title = 'He said "hi" \\ and left'
    run = run_builder("new", "my-article", "--title", title, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    config = tmp_path / "my-article" / "content" / "article.toml"
    assert tomllib.loads(config.read_text())["title"] == title
    build(config, tmp_path / "my-article" / "site")
    assert "He said &#34;hi&#34; \\ and left</h1>" in (
        tmp_path / "my-article" / "site" / "index.html").read_text()


def test_new_names_the_article_after_a_folder_with_a_quote_in_its_name(tmp_path):
    run = run_builder("new", 'say-"hi"', cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    config = tmp_path / 'say-"hi"' / "content" / "article.toml"
    assert tomllib.loads(config.read_text())["title"] == 'say "hi"'
    # The printed command works when pasted into a shell.
    assert "--config 'say-\"hi\"/content/article.toml'" in run.stdout


@pytest.mark.parametrize("folder, title", [
    ("gd", "gd"),  # not "Gd"
    ("ReLU-nets_2", "ReLU nets 2"),
    ("learning-rates", "learning rates"),
    ("Dé jà vu", "Dé jà vu"),
])
def test_new_titles_the_article_with_the_folders_name_as_written(tmp_path, folder, title):
    run = run_builder("new", folder, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    config = tmp_path / folder / "content" / "article.toml"
    assert tomllib.loads(config.read_text(encoding="utf-8"))["title"] == title


def test_new_prints_a_build_command_that_works_pasted_into_a_shell(tmp_path):
    run = run_builder("new", "Dé jà vu", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    command = run.stdout.splitlines()[-1]
    assert "'Dé jà vu/content/article.toml'" in command  # quoted: the path has spaces
    words = shlex.split(command)
    assert words[words.index("--config") + 1] == "Dé jà vu/content/article.toml"
    assert words[words.index("--out") + 1] == "Dé jà vu/site"
