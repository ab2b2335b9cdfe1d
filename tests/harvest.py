"""What an address harvester would find in a built site: every encoding the contract names."""

from __future__ import annotations

import base64
import binascii
import contextlib
import gzip
import html
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

# RFC 5322-ish, loose on purpose (harvesters are): a local part, @, a dotted domain.
ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# The spellings harvesters undo before matching: "(at)", "[at]", " at ", " dot " and the like.
AT = re.compile(r"\s*(?:[(\[{<]\s*at\s*[)\]}>]|\bat\b|&#0*64;|&commat;)\s*", re.IGNORECASE)
DOT = re.compile(r"\s*(?:[(\[{<]\s*dot\s*[)\]}>]|\bdot\b)\s*", re.IGNORECASE)
B64_RUN = re.compile(rb"[A-Za-z0-9+/_-]{12,}={0,2}")


def contents(root: Path) -> Iterator[tuple[str, bytes]]:
    """(relative path, bytes) of every built file, gzip members (Pagefind, sitemap) decompressed."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            with contextlib.suppress(OSError, EOFError, zlib.error):
                data = gzip.decompress(data)
        yield path.relative_to(root).as_posix(), data


def spellings(address: str) -> set[str]:
    """The address as written, with its domain in punycode, and percent-encoded every usual way."""
    local, _, domain = address.rpartition("@")
    forms = {address, address.lower()}
    with contextlib.suppress(UnicodeError):
        forms.add(f"{local}@{domain.encode('idna').decode('ascii')}")
    for form in list(forms):
        for safe in ("", "@", "/", "@+", "!$'()*+;:@", "@.+'-_~"):
            forms.add(quote(form, safe=safe))
            forms.add(quote(form, safe=safe).lower())
    return forms


def _base64_forms(form: bytes) -> set[bytes]:
    """The base64 of `form` at each of the three alignments, edge characters dropped."""
    found = set()
    for pad in range(3):
        encoded = base64.b64encode(b"\0" * pad + form)
        # Characters wholly made of `form`'s bits: from ceil(8*pad/6) to floor(8*(pad+len)/6).
        core = encoded[-(-8 * pad // 6) : 8 * (pad + len(form)) // 6]
        if len(core) >= 8:
            found |= {core, core.replace(b"+", b"-").replace(b"/", b"_")}
    return found


def _decoded_runs(data: bytes) -> Iterator[bytes]:
    """Every base64-looking run of `data` decoded at each of its four alignments."""
    for run in B64_RUN.findall(data):
        run = run.replace(b"-", b"+").replace(b"_", b"/").rstrip(b"=")
        for offset in range(4):
            chunk = run[offset:]
            chunk = chunk[: len(chunk) - len(chunk) % 4]
            try:
                yield base64.b64decode(chunk, validate=True)
            except (binascii.Error, ValueError):
                continue


def deobfuscated(text: str) -> str:
    """`text` with entities, percent-escapes and "(at)"/"(dot)" spellings undone."""
    text = html.unescape(unquote(html.unescape(text)))
    return DOT.sub(".", AT.sub("@", text))


def findings(name: str, data: bytes, addresses: list[str]) -> list[str]:
    """Where and how each address can be recovered from one file."""
    found = []
    text = data.decode("utf-8", errors="replace")
    views = {"as written": text, "decoded": deobfuscated(text)}
    seen = {m.group().casefold() for v in views.values() for m in ADDRESS.finditer(v)}
    decoded = b"\n".join(_decoded_runs(data))
    for address in addresses:
        forms = spellings(address)
        for label, view in views.items():
            folded = view.casefold()
            for form in forms:
                if form.casefold() in folded:
                    found.append(f"{name}: {form!r} ({label})")
                if form[::-1].casefold() in folded:
                    found.append(f"{name}: {form!r} reversed ({label})")
        if address.casefold() in seen:
            found.append(f"{name}: {address!r} matched by an address pattern")
        for form in forms:
            raw = form.encode("utf-8")
            if any(b64 in data for b64 in _base64_forms(raw)):
                found.append(f"{name}: {form!r} in base64")
            if raw in decoded or raw[::-1] in decoded:
                found.append(f"{name}: {form!r} in a base64-decoded run")
    return found
