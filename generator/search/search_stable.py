"""Pagefind's index made the same bytes every time: its filter values and filters put in a fixed order.

Pagefind 1.5 keeps each filter's values in a hash map whose order changes from run to run ("TODO: Change filter
indexes to BTree to give them a stable hash", pagefind/src/index/mod.rs), so two builds of the same pages wrote
the filter files in a different order, under different hashed names, and the metadata and entry file naming
them differed too. This puts the values of each filter in alphabetical order (each with its pages in page
order), the filters and sort orders in alphabetical order in the metadata, and names each rewritten file the
way Pagefind does (a SHA-1 of its content), so the search works exactly as before.

The files are gzip-compressed "pagefind_dcd" + CBOR (arrays, text and unsigned integers only); a file this
cannot read back byte for byte (a Pagefind version with another format) is left as Pagefind wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class Unreadable(Exception):
    """A file in a format this module does not know."""


def stabilise(index_dir: Path) -> None:
    """Rewrite the search index in index_dir (site/pagefind) so that the same pages give the same bytes."""
    entry_path = index_dir / "pagefind-entry.json"
    gone: list[Path] = []
    made: dict[Path, bytes] = {}
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        for language, about in entry["languages"].items():
            about["hash"] = in_order(index_dir, language, about["hash"], gone, made)
    except (OSError, ValueError, KeyError, TypeError, IndexError, Unreadable):
        return  # not the format this knows: Pagefind's own files are left as they are, nothing is changed
    entry["languages"] = dict(sorted(entry["languages"].items()))
    for path in gone:
        path.unlink()
    for path, content in made.items():
        path.write_bytes(gzip.compress(SIGNATURE + content, compresslevel=9, mtime=0))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def in_order(index_dir: Path, language: str, meta_hash: str, gone: list[Path], made: dict[Path, bytes]) -> str:
    """One language's filters put in order (files to remove added to gone, to write to made); the hash naming
    its new metadata file."""
    meta_path = index_dir / f"pagefind.{meta_hash}.pf_meta"
    meta = read(meta_path)
    filters, sorts = meta[3], meta[4]
    named: dict[str, bytes] = {}
    for listed in filters:
        old = index_dir / "filter" / f"{listed[1]}.pf_filter"
        name, values = read(old)
        values = sorted(([value, sorted(pages)] for value, pages in values), key=lambda pair: pair[0])
        content = encode([name, values])
        listed[1] = unique_name(f"{language}_{pagefind_hash(content)}", len(language) + 8, named)
        named[listed[1]] = content
        gone.append(old)
    made |= {index_dir / "filter" / f"{name}.pf_filter": content for name, content in named.items()}
    filters.sort(key=lambda listed: listed[0])
    sorts.sort(key=lambda listed: listed[0])
    content = encode(meta)
    new_hash = f"{language}_{pagefind_hash(content)[: len(language) + 8]}"
    gone.append(meta_path)
    made[index_dir / f"pagefind.{new_hash}.pf_meta"] = content
    return new_hash


def unique_name(full: str, length: int, taken: dict[str, bytes]) -> str:
    """The shortest prefix of full (at least length characters) no other file has, as Pagefind names them."""
    while full[:length] in taken and length < len(full):
        length += 1
    return full[:length]


def pagefind_hash(content: bytes) -> str:
    """Pagefind's content hash: each byte of the SHA-1 in hexadecimal, without leading zeros."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(content).digest())


def read(path: Path) -> list:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise Unreadable(path)
    value, end = decode(data, len(SIGNATURE))
    if end != len(data) or encode(value) != data[len(SIGNATURE) :]:
        raise Unreadable(path)
    return value


def decode(data: bytes, at: int) -> tuple[object, int]:
    """One CBOR item at data[at:] (unsigned integers, text and arrays): the value and where the next starts."""
    major, size, at = head(data, at)
    if major == 0:
        return size, at
    if major == 3:
        return data[at : at + size].decode("utf-8"), at + size
    if major == 4:
        items = []
        for _ in range(size):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise Unreadable(f"CBOR major type {major}")


def head(data: bytes, at: int) -> tuple[int, int, int]:
    first = data[at]
    major, info, at = first >> 5, first & 31, at + 1
    if info < 24:
        return major, info, at
    if info > 27:
        raise Unreadable("CBOR of indefinite length")
    width = 1 << (info - 24)
    return major, int.from_bytes(data[at : at + width], "big"), at + width


def encode(value: object) -> bytes:
    """CBOR as Pagefind (minicbor) writes it: each length and integer in the fewest bytes."""
    if isinstance(value, int):
        return start(0, value)
    if isinstance(value, str):
        text = value.encode("utf-8")
        return start(3, len(text)) + text
    if isinstance(value, list):
        return start(4, len(value)) + b"".join(encode(item) for item in value)
    raise Unreadable(type(value).__name__)


def start(major: int, size: int) -> bytes:
    if size < 24:
        return bytes([major << 5 | size])
    for info, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if size < 1 << (8 * width):
            return bytes([major << 5 | info]) + size.to_bytes(width, "big")
    raise Unreadable("an integer too large for CBOR")
