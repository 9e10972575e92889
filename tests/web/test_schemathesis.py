"""Schemathesis generates requests from /api/openapi.json, logged in as an admin, on
PostgreSQL: no route answers with a 5xx. Kept short (a few examples per operation).

DELETE /api/session (it would end the session the run uses) and POST /api/estimate
(each example would start a Monte Carlo job of up to 20,000 draws) are left out; both
have their own tests in test_api.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import add_user, seed_candidates

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("store_url", ["postgresql"], indirect=True),
]
EXAMPLES = 8
SKIPPED = {("DELETE", "/api/session"), ("POST", "/api/estimate")}


def test_no_server_errors_anywhere(web: Any) -> None:
    add_user(web.store, "admin", "admin")
    seed_candidates(web.store, "someone-else")
    login = web.login("admin")
    ran, failures, seen = run_schema(
        web, login, lambda op: (op.method.upper(), op.path) not in SKIPPED
    )
    assert ran >= 10
    assert not failures, failures
    assert seen.count(200) >= 10, sorted(set(seen))  # the run was logged in, not all 401s


def run_schema(web: Any, login: Any, keep: Any) -> tuple[int, list[str], list[int]]:
    """Run Schemathesis, as ``login``, on every operation ``keep(op)`` accepts: how many
    operations ran, the 5xx answers, and every status code seen."""
    import schemathesis

    cookies = dict(login.cookies)
    headers = {"X-CSRF-Token": login.headers["X-CSRF-Token"]}
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", web.app)
    failures: list[str] = []
    seen: list[int] = []
    ran = 0
    for result in schema.get_all_operations():
        op = result.ok()
        if keep(op):
            ran += 1
            _checker(op, headers, cookies, failures, seen)()
    return ran, failures, seen


def _checker(
    op: Any, headers: dict[str, str], cookies: dict[str, str], failures: list[str], seen: list[int]
) -> Any:
    from hypothesis import HealthCheck, Phase, given, settings

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=op.as_strategy())
    def check(case: Any) -> None:
        response = case.call(headers=headers, cookies=cookies)
        seen.append(response.status_code)
        if response.status_code >= 500:
            what = f"{case.path_parameters} {case.query} {case.body!r}"
            failures.append(f"{op.method.upper()} {op.path}: {response.status_code} {what}")
        assert "Traceback" not in response.text

    return check
