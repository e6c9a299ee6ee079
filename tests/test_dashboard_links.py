"""The dashboard links an organization's owners to everything they manage, API tokens included."""


def test_owner_sees_api_tokens_link_and_editor_does_not(make_org, make_user, login_client):
    org = make_org()
    owner = make_user(org=org, org_role="owner")
    editor = make_user(org=org, org_role="editor")
    tokens_url = f"/organizations/{org.slug}/tokens"
    owner_page = login_client(owner).get("/dashboard").get_data(as_text=True)
    assert f'href="{tokens_url}"' in owner_page
    editor_page = login_client(editor).get("/dashboard").get_data(as_text=True)
    assert tokens_url not in editor_page
    assert login_client(owner).get(tokens_url).status_code == 200
