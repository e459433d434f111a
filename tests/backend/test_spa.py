"""The built SPA is served from the same origin without shadowing the API."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pilotboard.core.config import Settings
from pilotboard.core.spa import precompress

INDEX = "<!doctype html><title>Pilotboard</title><div id=root></div>"


@pytest.fixture(autouse=True)
def built_spa(settings: Settings) -> Path:
    dist = settings.spa_dir
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "index-3f9a1c.js").write_text("console.log('app')")
    (dist / "favicon.svg").write_text("<svg/>")
    (dist.parent / "secret.txt").write_text("outside the dist folder")
    return dist


def test_root_serves_index_revalidated(client: TestClient) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["cache-control"] == "no-cache"


def test_client_route_falls_back_to_index_on_refresh(client: TestClient) -> None:
    response = client.get("/pilots/0b6c6a52-0000-4000-8000-000000000000/iterations")

    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")


def test_hashed_assets_are_cached_for_a_year(client: TestClient) -> None:
    response = client.get("/assets/index-3f9a1c.js")

    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_other_static_files_are_revalidated(client: TestClient) -> None:
    response = client.get("/favicon.svg")

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-cache"


def test_missing_asset_is_404_not_index(client: TestClient) -> None:
    response = client.get("/assets/index-000000.js")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api", "/api/v2/pilots"])
def test_api_paths_are_never_shadowed(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_openapi_is_served_as_json(client: TestClient) -> None:
    response = client.get("/openapi.json")

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Pilotboard API"


def test_docs_are_reachable(client: TestClient) -> None:
    response = client.get("/docs")

    assert response.status_code == 200
    assert "swagger" in response.text.lower()


def test_path_traversal_never_leaves_the_dist_folder(client: TestClient) -> None:
    response = client.get("/..%2fsecret.txt")

    assert "outside the dist folder" not in response.text


def test_unsafe_method_on_a_page_is_405(client: TestClient) -> None:
    response = client.post("/pilots")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def test_unbuilt_spa_says_how_to_build_it(client: TestClient, built_spa: Path) -> None:
    (built_spa / "index.html").unlink()

    response = client.get("/pilots")

    assert response.status_code == 404
    assert "make build" in response.json()["detail"]


ASSET = "console.log('a hashed bundle, long enough to be worth compressing');\n" * 40


@pytest.fixture
def precompressed(built_spa: Path) -> Path:
    asset = built_spa / "assets" / "index-3f9a1c.js"
    asset.write_text(ASSET)
    (built_spa / "index.html").write_text(INDEX + "<!--" + "padding " * 200 + "-->")
    written = precompress(built_spa)
    assert sorted(path.name for path in written) == ["index-3f9a1c.js.gz", "index.html.gz"]
    return asset


def test_a_precompressed_asset_is_sent_to_clients_that_accept_gzip(
    client: TestClient, precompressed: Path
) -> None:
    response = client.get("/assets/index-3f9a1c.js", headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    gz = precompressed.with_name(precompressed.name + ".gz")
    assert response.headers["content-length"] == str(gz.stat().st_size)
    assert response.text == ASSET


def test_a_client_without_gzip_gets_the_plain_file(client: TestClient, precompressed: Path) -> None:
    response = client.get("/assets/index-3f9a1c.js", headers={"Accept-Encoding": "identity"})

    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert response.content == precompressed.read_bytes()
    assert (
        response.headers["etag"]
        != client.get("/assets/index-3f9a1c.js", headers={"Accept-Encoding": "gzip"}).headers[
            "etag"
        ]
    )


@pytest.mark.parametrize("path", ["/", "/assets/index-3f9a1c.js", "/favicon.svg"])
def test_an_unchanged_file_is_answered_304(client: TestClient, path: str) -> None:
    first = client.get(path)

    again = client.get(path, headers={"If-None-Match": first.headers["etag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["cache-control"] == first.headers["cache-control"]


def test_index_is_revalidated_and_sent_precompressed(
    client: TestClient, precompressed: Path
) -> None:
    response = client.get("/pilots", headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["cache-control"] == "no-cache"
    assert response.text.startswith(INDEX)


def test_a_changed_file_is_sent_again(client: TestClient, built_spa: Path) -> None:
    etag = client.get("/favicon.svg").headers["etag"]
    (built_spa / "favicon.svg").write_text("<svg><title>new</title></svg>")

    response = client.get("/favicon.svg", headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response.text == "<svg><title>new</title></svg>"
