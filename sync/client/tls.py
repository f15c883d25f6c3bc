"""TLS for the desk: a configurable CA bundle (a province's private CA) and optional public-key pinning.

Pins are SHA-256 hashes of the server certificate's SubjectPublicKeyInfo, base64 (the HPKP / OWASP form,
`openssl x509 -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`); give
a backup pin so a key rollover does not lock desks out. The check runs inside the TLS handshake (a
custom SSLSocket class on the context), so a request, and its token, never reaches a server that fails
it. Python's ssl has no verify callback and httpx no pinning option, hence this small hand-written part.
"""

from __future__ import annotations

import base64
import hashlib
import ssl
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


class PinMismatchError(ssl.SSLError):
    """The server's key is not one of the pinned keys."""


def spki_pin(der_certificate: bytes) -> str:
    key = x509.load_der_x509_certificate(der_certificate).public_key()
    spki = key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


def normalise_pin(text: str) -> str:
    pin = text.strip().removeprefix("sha256/").removeprefix("pin-sha256:").strip('"')
    try:
        raw = base64.b64decode(pin, validate=True)
    except ValueError:
        raise ValueError(f"pin {text!r} is not base64") from None
    if len(raw) != 32:
        raise ValueError(f"pin {text!r} is not a SHA-256 (32 bytes, base64)")
    return pin


class _PinningSocket(ssl.SSLSocket):
    def do_handshake(self, block: bool = False) -> None:
        super().do_handshake(block)
        pins: frozenset[str] = getattr(self.context, "motcua_pins", frozenset())
        if pins:
            certificate = self.getpeercert(binary_form=True)
            if certificate is None or spki_pin(certificate) not in pins:
                self.close()
                raise PinMismatchError("the server's public key is not one of the pinned keys")


class _PinningContext(ssl.SSLContext):
    sslsocket_class = _PinningSocket
    motcua_pins: frozenset[str] = frozenset()


def client_context(ca_bundle: str | Path | None = None, pins: Iterable[str] = ()) -> ssl.SSLContext:
    """A verifying client context: the system's CAs, or only the given bundle; plus the pins if any."""
    context: Any = _PinningContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    if ca_bundle:
        context.load_verify_locations(cafile=str(ca_bundle))
    else:
        context.load_default_certs(ssl.Purpose.SERVER_AUTH)
    context.motcua_pins = frozenset(normalise_pin(p) for p in pins)
    return context  # type: ignore[no-any-return]
