"""Sign-in, sessions, CSRF, throttling and the account's own view."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from pilotboard.accounts.models import LoginThrottle, User
from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.workspaces.models import Role
from tests.backend.factories import PASSWORD, add_member, make_user, make_workspace

EMAIL = "ada@example.com"


@pytest.fixture
def ada(db: Session, clock: FrozenClock) -> User:
    user = make_user(db, now=clock.now(), email=EMAIL, name="Ada Lovelace")
    workspace = make_workspace(db, now=clock.now(), name="Acme")
    add_member(db, workspace=workspace, user=user, role=Role.editor, now=clock.now())
    db.commit()
    return user


def login(client: TestClient, email: str = EMAIL, password: str = PASSWORD, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/auth/login", json={"email": email, "password": password}, headers=headers
    )


def test_login_returns_user_memberships_and_csrf_token(client: TestClient, ada: User) -> None:
    response = login(client, email="  ADA@Example.com ")

    assert response.status_code == 200
    body = response.json()
    assert body["user"]["email"] == EMAIL
    assert body["user"]["name"] == "Ada Lovelace"
    assert body["user"]["is_admin"] is False
    assert [(m["workspace_name"], m["role"]) for m in body["user"]["memberships"]] == [
        ("Acme", "editor")
    ]
    assert len(body["csrf_token"]) == 64
    assert client.cookies.get("pilotboard_csrf") == body["csrf_token"]


def test_session_cookie_is_httponly_lax_and_opaque(client: TestClient, ada: User) -> None:
    response = login(client)

    cookie = next(
        h for h in response.headers.get_list("set-cookie") if h.startswith("pilotboard_session=")
    )
    value = cookie.split(";")[0].split("=", 1)[1]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie
    assert len(value) >= 43  # 32 random bytes, base64url: 256 bits


def test_cookie_is_secure_behind_a_trusted_tls_proxy(
    app: FastAPI, ada: User, settings: Settings
) -> None:
    app.state.settings = settings.model_copy(update={"trusted_proxy": True})
    with TestClient(app) as client:
        response = login(client, **{"X-Forwarded-Proto": "https"})

    cookie = next(
        h for h in response.headers.get_list("set-cookie") if h.startswith("pilotboard_session=")
    )
    assert "Secure" in cookie


def test_forwarded_proto_is_ignored_without_a_trusted_proxy(client: TestClient, ada: User) -> None:
    response = login(client, **{"X-Forwarded-Proto": "https"})

    cookie = next(
        h for h in response.headers.get_list("set-cookie") if h.startswith("pilotboard_session=")
    )
    assert "Secure" not in cookie


def test_me_shapes_the_user_and_memberships(client: TestClient, ada: User) -> None:
    login(client)

    me = client.get("/api/v1/auth/me").json()

    assert set(me) == {"id", "email", "name", "is_admin", "memberships"}
    assert set(me["memberships"][0]) == {"workspace_id", "workspace_name", "role"}


def test_me_without_credentials_is_401(client: TestClient) -> None:
    response = client.get("/api/v1/auth/me")

    assert response.status_code == 401
    assert response.json()["type"] == "https://pilotboard.dev/problems/unauthorized"


def test_wrong_password_and_unknown_email_answer_the_same(client: TestClient, ada: User) -> None:
    wrong = login(client, password="not the password at all")
    unknown = login(client, email="nobody@example.com")

    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["detail"] == "The email or password is not right."


def test_inactive_user_cannot_sign_in(client: TestClient, db: Session, ada: User) -> None:
    ada.is_active = False
    db.add(ada)
    db.commit()

    assert login(client).status_code == 401


def test_logout_revokes_the_session_on_the_server(client: TestClient, ada: User) -> None:
    csrf = login(client).json()["csrf_token"]
    session_cookie = client.cookies.get("pilotboard_session")

    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204

    client.cookies.set("pilotboard_session", session_cookie or "")
    assert client.get("/api/v1/auth/me").status_code == 401


def test_idle_timeout_ends_the_session(client: TestClient, clock: FrozenClock, ada: User) -> None:
    login(client)
    clock.advance(hours=11, minutes=59)
    assert client.get("/api/v1/auth/me").status_code == 200  # activity resets the idle clock

    clock.advance(hours=11, minutes=59)
    assert client.get("/api/v1/auth/me").status_code == 200

    clock.advance(hours=12, minutes=1)
    assert client.get("/api/v1/auth/me").status_code == 401


def test_absolute_lifetime_ends_an_active_session(
    client: TestClient, clock: FrozenClock, ada: User
) -> None:
    started = clock.now()
    login(client)
    for _ in range(40):  # active every 11 hours: never idle, but 14 days is the end
        clock.advance(hours=11)
        if client.get("/api/v1/auth/me").status_code == 401:
            break
    ended_after = clock.now() - started
    assert timedelta(days=14) <= ended_after < timedelta(days=14, hours=11)


class TestCsrf:
    def test_unsafe_request_without_token_is_403(self, client: TestClient, ada: User) -> None:
        login(client)

        response = client.post("/api/v1/workspaces", json={"name": "New"})

        assert response.status_code == 403
        assert "X-CSRF-Token" in response.json()["detail"]

    def test_wrong_token_is_403(self, client: TestClient, ada: User) -> None:
        login(client)

        response = client.post(
            "/api/v1/workspaces", json={"name": "New"}, headers={"X-CSRF-Token": "0" * 64}
        )

        assert response.status_code == 403

    def test_right_token_passes(self, client: TestClient, ada: User) -> None:
        csrf = login(client).json()["csrf_token"]

        response = client.post(
            "/api/v1/workspaces", json={"name": "New"}, headers={"X-CSRF-Token": csrf}
        )

        assert response.status_code == 201

    def test_cross_site_requests_are_refused(self, client: TestClient, ada: User) -> None:
        csrf = login(client).json()["csrf_token"]

        response = client.post(
            "/api/v1/workspaces",
            json={"name": "New"},
            headers={"X-CSRF-Token": csrf, "Sec-Fetch-Site": "cross-site"},
        )

        assert response.status_code == 403
        assert response.json()["detail"] == "Cross-site requests are refused."

    @pytest.mark.parametrize(
        "content_type",
        ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"],
    )
    def test_json_endpoints_refuse_form_content_types(
        self, client: TestClient, ada: User, content_type: str
    ) -> None:
        csrf = login(client).json()["csrf_token"]

        response = client.post(
            "/api/v1/workspaces",
            content=b"name=New",
            headers={"X-CSRF-Token": csrf, "Content-Type": content_type},
        )

        assert response.status_code == 415
        assert response.json()["type"] == "https://pilotboard.dev/problems/unsupported-media-type"

    def test_login_refuses_a_form_post(self, client: TestClient, ada: User) -> None:
        response = client.post(
            "/api/v1/auth/login",
            content=f"email={EMAIL}&password={PASSWORD}".encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

        assert response.status_code == 415
        assert "pilotboard_session" not in response.headers.get("set-cookie", "")


class TestThrottling:
    def test_sixth_attempt_after_five_failures_waits_30_seconds(
        self, client: TestClient, clock: FrozenClock, ada: User
    ) -> None:
        statuses = [login(client, password=f"wrong password {i}").status_code for i in range(5)]
        blocked = login(client)  # even the right password waits

        assert statuses == [401] * 5
        assert blocked.status_code == 429
        assert blocked.headers["retry-after"] == "30"
        assert blocked.json()["detail"] == "Too many failed sign-ins. Try again in 30 seconds."

    def test_delay_doubles_with_each_further_failure(
        self, client: TestClient, clock: FrozenClock, ada: User
    ) -> None:
        for i in range(5):
            login(client, password=f"wrong {i}")
        clock.advance(seconds=30)
        assert login(client, password="wrong again").status_code == 401

        blocked = login(client)

        assert blocked.status_code == 429
        assert blocked.headers["retry-after"] == "60"

    def test_success_resets_the_account_count(
        self, client: TestClient, clock: FrozenClock, db: Session, ada: User
    ) -> None:
        for i in range(4):
            login(client, password=f"wrong {i}")

        assert login(client).status_code == 200
        counter = db.get(LoginThrottle, ("account", EMAIL))
        assert counter is not None
        db.refresh(counter)
        assert (counter.failures, counter.locked_until) == (0, None)
        for i in range(4):
            assert login(client, password=f"wrong again {i}").status_code == 401
        assert login(client).status_code == 200

    def test_many_failures_from_one_address_block_it(self, client: TestClient, ada: User) -> None:
        for i in range(50):
            assert (
                login(client, email=f"guess{i}@example.com", password="guess-password").status_code
                == 401
            )

        blocked = login(client)

        assert blocked.status_code == 429
        assert blocked.headers["retry-after"] == "30"

    def test_address_window_is_15_minutes(
        self, client: TestClient, clock: FrozenClock, ada: User
    ) -> None:
        for i in range(49):
            login(client, email=f"guess{i}@example.com", password="guess-password")
        clock.advance(minutes=15, seconds=1)

        assert login(client, email="late@example.com", password="guess-password").status_code == 401
        assert login(client).status_code == 200


def test_login_events_are_in_the_activity_log(client: TestClient, db: Session, ada: User) -> None:
    login(client, password="not the password at all")
    csrf = login(client).json()["csrf_token"]
    client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf})

    actions = db.exec(
        select(Activity.action)
        .where(Activity.actor_user_id == ada.id)
        .order_by(Activity.occurred_at)
    ).all()

    assert sorted(actions) == ["auth.login_failed", "auth.login_succeeded", "auth.logout"]


def test_password_is_rehashed_when_parameters_change(
    client: TestClient, db: Session, ada: User
) -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    ada.password_hash = weak
    db.add(ada)
    db.commit()

    assert login(client).status_code == 200

    db.refresh(ada)
    assert ada.password_hash != weak
    assert "m=19456,t=2,p=1" in ada.password_hash
