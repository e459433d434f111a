"""The address guard: webhooks only reach public HTTP(S) servers.

A URL is refused when its host is, or resolves to, an address that is not publicly routable:
loopback, private, link-local (cloud metadata lives at 169.254.169.254), shared (CGNAT),
multicast, unspecified or reserved, including IPv6 forms that embed an IPv4 address
(``::ffff:a.b.c.d``, NAT64, 6to4, Teredo). Every address a name resolves to is checked, on
create and update and again before each delivery, and the delivery then connects to an address
it checked, so a name that changes between the check and the connection (DNS rebinding) cannot
redirect it. ``allow_localhost`` (``PILOTBOARD_WEBHOOKS_ALLOW_LOCALHOST``) lets 127.0.0.1, ::1
and ``localhost`` through, and nothing else.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

LOCALHOST_NAMES = frozenset({"localhost", "localhost.localdomain"})
LOCALHOST_ADDRESSES = frozenset({ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")})
METADATA_NAMES = frozenset(
    {
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "instance-data",
        "instance-data.ec2.internal",
    }
)
# Cloud metadata services outside the ranges refused anyway (kept explicit for the reader).
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192", "fd00:ec2::254")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(Exception):
    """The URL may not be called; the message says why in plain words."""


class UnresolvableHost(Exception):
    """The host name has no address (DNS failed); nothing can be checked or sent."""


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect, and the names to present there."""

    scheme: str
    host: str  # as written in the URL (a name or an address literal), for Host and SNI
    port: int
    addresses: tuple[IPAddress, ...]


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnresolvableHost(f"The host “{host}” could not be resolved: {exc}.") from exc
    return [str(info[4][0]) for info in infos]


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def refusal(address: IPAddress, *, allow_localhost: bool) -> str | None:
    """Why ``address`` may not be called, or ``None`` when it may."""
    if allow_localhost and address in LOCALHOST_ADDRESSES:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            reason = refusal(embedded, allow_localhost=False)
            return f"{reason} (written as the IPv6 address {address})" if reason else None
        if address.scope_id:
            return f"{address} is a scoped (link-local) address"
    if address in METADATA_ADDRESSES:
        return f"{address} is a cloud metadata address"
    for check, words in (
        (address.is_loopback, "a loopback address"),
        (address.is_unspecified, "the unspecified address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_private, "a private address"),
        (address.is_reserved, "a reserved address"),
    ):
        if check:
            return f"{address} is {words}"
    if not address.is_global:
        return f"{address} is not a public address"
    return None


def parse(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of an http(s) URL, or `AddressRefused`."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise AddressRefused(f"This is not a valid URL: {exc}.") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise AddressRefused("Only http:// and https:// URLs can receive webhooks.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise AddressRefused("The URL needs a host, e.g. https://hooks.example.com/pilotboard.")
    if parts.username is not None or parts.password is not None:
        raise AddressRefused(
            "Put no user name or password in the URL: deliveries are signed, and the receiver "
            "checks the signature instead."
        )
    return scheme, host, port or (443 if scheme == "https" else 80)


def check(url: str, *, allow_localhost: bool, resolver: Resolver = system_resolver) -> Target:
    """Resolve the URL's host and refuse it unless every address is allowed.

    Raises `AddressRefused` (say why) or `UnresolvableHost` (DNS gave nothing).
    """
    scheme, host, port = parse(url)
    lowered = host.lower()
    if lowered in METADATA_NAMES:
        raise AddressRefused(f"“{host}” is a cloud metadata service.")
    is_localhost = lowered in LOCALHOST_NAMES or lowered.endswith(".localhost")
    if is_localhost and not (allow_localhost and lowered == "localhost"):
        raise AddressRefused(f"“{host}” is this machine (localhost).")
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    raw = [str(literal)] if literal is not None else resolver(host, port)
    addresses: list[IPAddress] = []
    for text in raw:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if "%" in text:  # a scoped IPv6 address (fe80::1%eth0)
            raise AddressRefused(f"“{host}” resolves to {text}, a scoped link-local address.")
        reason = refusal(address, allow_localhost=allow_localhost)
        if reason:
            via = "" if literal is not None else f"“{host}” resolves to {address}: "
            raise AddressRefused(f"{via}{reason}; webhooks only go to public servers.")
        addresses.append(address)
    if not addresses:
        raise UnresolvableHost(f"The host “{host}” has no address.")
    return Target(scheme=scheme, host=host, port=port, addresses=tuple(dict.fromkeys(addresses)))
