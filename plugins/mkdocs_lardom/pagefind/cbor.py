"""Pagefind's files as bytes: each is "pagefind_dcd" and CBOR, gzipped. Only the CBOR Pagefind
writes is read and written here (unsigned and negative integers, text, arrays), with minimal
heads as minicbor, Pagefind's encoder, writes them: bundle.py rewrites a bundle's filter chunks
and metadata, parts.py joins several bundles into one, and both must leave every byte they do not
mean to change as Pagefind wrote it."""

from __future__ import annotations

import gzip
from typing import TypeVar

SIGNATURE = b"pagefind_dcd"
_T = TypeVar("_T")


class BundleLayout(Exception):
    """A bundle is not laid out as this package expects (a new Pagefind version)."""


def head(data: bytes, i: int) -> tuple[int, int, int]:
    """(major type, argument, index after the head) of the CBOR item at i."""
    major, info = data[i] >> 5, data[i] & 0x1F
    if info < 24:
        return major, info, i + 1
    if info > 27:
        raise BundleLayout("indefinite or reserved CBOR length")
    size = 1 << (info - 24)
    return major, int.from_bytes(data[i + 1 : i + 1 + size], "big"), i + 1 + size


def decode(data: bytes, i: int = 0) -> tuple[object, int]:
    """The CBOR item at i (as int, str or list) and the index after it."""
    major, arg, j = head(data, i)
    if major == 0:
        return arg, j
    if major == 1:
        return -1 - arg, j
    if major == 3:
        return data[j : j + arg].decode("utf-8"), j + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, j = decode(data, j)
            items.append(item)
        return items, j
    raise BundleLayout(f"unexpected CBOR type {major}")


def decode_as(kind: type[_T], data: bytes, i: int = 0) -> tuple[_T, int]:
    """decode(), refusing an item of another type than kind: a layout this package does not know."""
    item, j = decode(data, i)
    if not isinstance(item, kind):
        raise BundleLayout(f"expected a CBOR {kind.__name__}, not {type(item).__name__}")
    return item, j


def encode_head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise BundleLayout("integer too large for CBOR")


def encode(item: object) -> bytes:
    """Minimal-length CBOR, as minicbor (Pagefind's encoder) writes it."""
    if isinstance(item, int):
        return encode_head(0, item) if item >= 0 else encode_head(1, -1 - item)
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return encode_head(3, len(raw)) + raw
    if isinstance(item, list):
        return encode_head(4, len(item)) + b"".join(encode(x) for x in item)
    raise BundleLayout(f"cannot encode {type(item).__name__}")


def unpack(raw: bytes) -> bytes:
    data = raw if raw.startswith(SIGNATURE) else gzip.decompress(raw)
    if not data.startswith(SIGNATURE):
        raise BundleLayout("a file without Pagefind's signature")
    return data[len(SIGNATURE) :]


def pack(data: bytes, level: int = 9) -> bytes:
    return gzip.compress(SIGNATURE + data, compresslevel=level, mtime=0)
