"""The pure parts of webhooks: Standard Webhooks signatures, sealed secrets, the address guard,
the retry schedule."""

from __future__ import annotations

import base64
import ipaddress
import uuid
from datetime import timedelta

import pytest

from pilotboard.webhooks import net, signing
from pilotboard.webhooks.worker import retry_delay

APP_SECRET = "an-app-secret-" + "k3Jd9Xq2Lw8Zr5Vb1Nc7"


def test_signature_matches_the_standard_webhooks_test_vector() -> None:
    # The vector of the specification's reference libraries.
    assert (
        signing.signature(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            message_id="msg_p5jXN8AQM9LWM0D4loKWxJek",
            timestamp=1614265330,
            body='{"test": 2432232314}',
        )
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )


def test_new_secrets_are_whsec_and_32_random_bytes() -> None:
    first, second = signing.new_secret(), signing.new_secret()

    assert first.startswith("whsec_")
    assert len(base64.b64decode(first.removeprefix("whsec_"), validate=True)) == 32
    assert first != second


def test_a_sealed_secret_opens_only_with_its_key_and_endpoint() -> None:
    secret = signing.new_secret()
    endpoint = uuid.uuid4()
    sealed = signing.seal(secret, app_secret=APP_SECRET, endpoint_id=endpoint)

    assert secret not in sealed
    assert sealed.startswith("v1.")
    assert signing.unseal(sealed, app_secret=APP_SECRET, endpoint_id=endpoint) == secret
    with pytest.raises(signing.SecretUnreadable):
        signing.unseal(sealed, app_secret=APP_SECRET + "x", endpoint_id=endpoint)
    with pytest.raises(signing.SecretUnreadable):
        signing.unseal(sealed, app_secret=APP_SECRET, endpoint_id=uuid.uuid4())


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "127.0.0.1 is a loopback address"),
        ("::1", "::1 is a loopback address"),
        ("10.0.0.1", "10.0.0.1 is a private address"),
        ("172.16.5.4", "172.16.5.4 is a private address"),
        ("192.168.1.1", "192.168.1.1 is a private address"),
        ("169.254.169.254", "169.254.169.254 is a cloud metadata address"),
        ("169.254.1.1", "169.254.1.1 is a link-local address"),
        ("100.100.100.200", "100.100.100.200 is a cloud metadata address"),
        ("100.64.0.1", "100.64.0.1 is not a public address"),
        ("0.0.0.0", "0.0.0.0 is the unspecified address"),
        ("::", ":: is the unspecified address"),
        ("224.0.0.1", "224.0.0.1 is a multicast address"),
        ("ff02::1", "ff02::1 is a multicast address"),
        ("240.0.0.1", "240.0.0.1 is a private address"),
        ("fe80::1", "fe80::1 is a link-local address"),
        ("fd00:ec2::254", "fd00:ec2::254 is a cloud metadata address"),
        ("fc00::1", "fc00::1 is a private address"),
        (
            "::ffff:169.254.169.254",
            "169.254.169.254 is a cloud metadata address "
            "(written as the IPv6 address ::ffff:a9fe:a9fe)",
        ),
        (
            "::ffff:127.0.0.1",
            "127.0.0.1 is a loopback address (written as the IPv6 address ::ffff:7f00:1)",
        ),
        (
            "64:ff9b::a00:1",
            "10.0.0.1 is a private address (written as the IPv6 address 64:ff9b::a00:1)",
        ),
        (
            "2002:a00:1::1",
            "10.0.0.1 is a private address (written as the IPv6 address 2002:a00:1::1)",
        ),
        ("192.0.2.10", "192.0.2.10 is a private address"),
    ],
)
def test_addresses_that_are_not_public_are_refused(address: str, reason: str) -> None:
    assert net.refusal(ipaddress.ip_address(address), allow_localhost=False) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_pass(address: str) -> None:
    assert net.refusal(ipaddress.ip_address(address), allow_localhost=False) is None


def test_allow_localhost_lets_through_exactly_127_0_0_1_and_the_ipv6_loopback() -> None:
    allowed = [
        a
        for a in ("127.0.0.1", "::1", "127.0.0.2", "::ffff:127.0.0.1", "10.0.0.1")
        if net.refusal(ipaddress.ip_address(a), allow_localhost=True) is None
    ]
    assert allowed == ["127.0.0.1", "::1"]


def _resolver(*answers: str) -> net.Resolver:
    def resolve(host: str, port: int) -> list[str]:
        return list(answers)

    return resolve


def test_every_resolved_address_is_checked() -> None:
    with pytest.raises(net.AddressRefused) as refused:
        net.check(
            "https://hooks.example.com/in",
            allow_localhost=False,
            resolver=_resolver("93.184.215.14", "10.1.2.3"),
        )
    assert str(refused.value) == (
        "“hooks.example.com” resolves to 10.1.2.3: 10.1.2.3 is a private address; "
        "webhooks only go to public servers."
    )


def test_a_checked_target_keeps_the_name_and_the_addresses() -> None:
    target = net.check(
        "https://Hooks.Example.com:8443/in?x=1",
        allow_localhost=False,
        resolver=_resolver(
            "93.184.215.14", "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"
        ),
    )
    assert target == net.Target(
        scheme="https",
        host="hooks.example.com",
        port=8443,
        addresses=(
            ipaddress.ip_address("93.184.215.14"),
            ipaddress.ip_address("2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
        ),
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "Only http:// and https:// URLs can receive webhooks."),
        ("ftp://example.com/x", "Only http:// and https:// URLs can receive webhooks."),
        ("https:///path-only", "The URL needs a host, e.g. https://hooks.example.com/pilotboard."),
        ("http://localhost:8080/x", "“localhost” is this machine (localhost)."),
        ("http://app.localhost/x", "“app.localhost” is this machine (localhost)."),
        (
            "http://metadata.google.internal/x",
            "“metadata.google.internal” is a cloud metadata service.",
        ),
        (
            "https://user:pw@example.com/x",
            "Put no user name or password in the URL: deliveries are signed, and the receiver "
            "checks the signature instead.",
        ),
        ("http://example.com:99999/x", "This is not a valid URL: Port out of range 0-65535."),
    ],
)
def test_urls_refused_before_any_lookup(url: str, message: str) -> None:
    def no_lookup(host: str, port: int) -> list[str]:
        raise AssertionError("no DNS lookup expected")

    with pytest.raises(net.AddressRefused) as refused:
        net.check(url, allow_localhost=False, resolver=no_lookup)
    assert str(refused.value) == message


def test_decimal_and_short_ipv4_forms_are_resolved_and_refused() -> None:
    # The system resolver reads these as 127.0.0.1; the address check then refuses them.
    for url in ("http://2130706433/", "http://127.1/", "http://0x7f000001/"):
        with pytest.raises(net.AddressRefused) as refused:
            net.check(url, allow_localhost=False)
        host = url.removeprefix("http://").rstrip("/")
        assert str(refused.value) == (
            f"“{host}” resolves to 127.0.0.1: 127.0.0.1 is a loopback address; "
            "webhooks only go to public servers."
        )


def test_retry_delays_double_from_10_seconds_up_to_4_hours_with_20_percent_jitter() -> None:
    middle = [retry_delay(n, 0.5).total_seconds() for n in range(1, 14)]
    assert middle == [
        10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240, 14400, 14400,
    ]  # fmt: skip
    assert retry_delay(1, 0.0) == timedelta(seconds=8)
    assert retry_delay(3, 1.0) == timedelta(seconds=48)
