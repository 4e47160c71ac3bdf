"""How Python's start in the browser gets backprop (issue 17): from its zip as it is, read as
the bytecode the build compiled, with the start-up snapshot however the host sends it."""

import gzip
import io
import zipfile

import pytest

from tests.e2e.helpers import ask_the_python_worker, assert_no_console_errors, wait_for_python
from tests.e2e.test_failure_is_local import site_with
from tests.e2e.test_snapshot import press_right_and_expect_the_loss

pytestmark = pytest.mark.e2e

# One more widget module in the page's own backprop archive, whose op says where the worker's
# Python found backprop's modules; everything else is the real page.
WHERE_PROBE = ("import sys\n\n"
               "def origins():\n"
               "    return {name: sys.modules[name].__spec__.origin\n"
               "            for name in ('backprop.api', 'backprop.mlp')}\n\n"
               "OPS = {'origins': origins}\n")


def serve_backprop_with_a_where_probe(route):
    response = route.fetch()
    archive = io.BytesIO(response.body())
    with zipfile.ZipFile(archive, "a") as bundle:
        bundle.writestr("backprop/widgets/where_probe.py", WHERE_PROBE)
    route.fulfill(response=response, body=archive.getvalue())


def test_backprop_is_imported_from_its_zip_as_precompiled_bytecode(page, site_url):
    page.route("**/backprop.zip", serve_backprop_with_a_where_probe)
    page.goto(site_url)
    wait_for_python(page)
    assert page.locator("html").get_attribute("data-python-started") == "from snapshot"
    assert ask_the_python_worker(page, "where-probe.origins") == {
        "backprop.api": "/home/pyodide/backprop.zip/backprop/api.pyc",
        "backprop.mlp": "/home/pyodide/backprop.zip/backprop/mlp.pyc",
    }
    press_right_and_expect_the_loss(page)
    assert_no_console_errors(page)


def test_a_snapshot_the_host_already_inflated_still_starts_python_from_it(page, built_site, tmp_path):
    # The worker inflates the snapshot as it arrives; a host that sent it with a Content-Encoding
    # hands the page the memory itself, which must be taken as it is. (A copy of the site serves
    # it: routing 31 MB through the test's browser connection takes longer than a start.)
    [snapshot] = built_site.glob("vendor/pyodide-*/snapshot-*.bin.gz")
    memory = gzip.decompress(snapshot.read_bytes())
    with site_with(built_site, tmp_path, "vendor/pyodide-*/snapshot-*.bin.gz", memory) as url:
        page.goto(url)
        wait_for_python(page)
        assert page.locator("html").get_attribute("data-python-started") == "from snapshot"
        press_right_and_expect_the_loss(page)
