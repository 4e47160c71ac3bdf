"""The GitHub-Pages-like test host answers with the caching headers the redeploy tests rely on."""

import gzip
import urllib.error
import urllib.request

import pytest

from tests.pages_host import pages_host


def get(url, **headers):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def builds(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name / "css").mkdir(parents=True)
        (tmp_path / name / "index.html").write_text(f"<p>build {name}</p>")
    (tmp_path / "a" / "css" / "only-in-a.css").write_text("p { color: red }")
    return tmp_path / "a", tmp_path / "b"


def test_files_may_be_cached_ten_minutes_and_carry_no_security_policy(builds):
    with pages_host(builds[0]) as host:
        status, headers, body = get(host.url)
    assert (status, body) == (200, b"<p>build a</p>")
    assert headers["Cache-Control"] == "max-age=600"
    assert headers["ETag"] and headers["Last-Modified"]
    assert "Content-Security-Policy" not in headers


def test_text_is_gzipped_for_browsers_that_accept_it(builds):
    with pages_host(builds[0]) as host:
        _, headers, body = get(host.url + "index.html", **{"Accept-Encoding": "gzip, br"})
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == b"<p>build a</p>"


def test_an_unchanged_file_is_confirmed_with_304_and_a_published_change_is_sent(builds):
    with pages_host(builds[0]) as host:
        _, headers, _ = get(host.url)
        assert get(host.url, **{"If-None-Match": headers["ETag"]})[0] == 304
        host.publish(builds[1])
        status, _, body = get(host.url, **{"If-None-Match": headers["ETag"]})
        assert (status, body) == (200, b"<p>build b</p>")
        assert get(host.url + "css/only-in-a.css")[0] == 404  # the old build's file is gone
