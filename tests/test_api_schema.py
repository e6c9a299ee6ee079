"""The OpenAPI document: valid, documents every API route, and the API keeps to it (schemathesis)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hub.extensions import db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_document_is_valid_openapi(client):
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    assert document["openapi"].startswith("3.")


def test_document_covers_every_api_route(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    documented = {"/api/v1" + path.replace("{", "<").replace("}", ">") for path in document["paths"]}
    routes = {rule.rule.replace("<int:", "<") for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")
              and rule.rule != "/api/v1/openapi.json"}
    assert routes <= documented


def test_api_page_lists_endpoints_and_parameters(client):
    page = client.get("/api").get_data(as_text=True)
    assert "GET /api/v1/actions" in page and "POST /api/v1/actions" in page
    assert "per_page" in page and "freshness" in page
    assert "<script" not in page.split("</header>", 1)[-1]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_schemathesis_finds_no_server_error_or_schema_violation(app, full_api_content):
    db.session.commit()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app).include(method="GET")
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=8, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call()
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except Exception as exc:  # collect every operation's failure, not just the first
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
