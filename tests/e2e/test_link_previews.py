"""Link previews in the browser: the tags a published build carries change nothing a reader's
browser loads or runs."""

import pytest

from tests.conftest import serving, url_of
from tests.e2e.helpers import assert_no_console_errors, assert_only_local_requests, wait_for_python

pytestmark = pytest.mark.e2e


def test_a_build_with_site_url_loads_nothing_from_that_address_and_breaks_no_policy(page, tiny_site):
    # The tags name https://example.org/…, which the test's Chromium cannot reach: a request
    # there, or a policy violation in the console, would fail the test.
    site = tiny_site(config={"site_url": "https://example.org/course/"})
    with serving(site) as server:
        for address in ("", "embed/manual-tuning.html"):
            page.goto(url_of(server, address))
            wait_for_python(page)
    assert_only_local_requests(page)
    assert_no_console_errors(page)
