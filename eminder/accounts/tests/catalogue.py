"""A tiny compiled gettext catalogue, so tests see real translations whatever the .po files hold."""

import struct
from pathlib import Path

HEADER = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"


def write_mo(path: Path, messages: dict[str, str]) -> None:
    """Write a GNU .mo file holding `messages` (msgid to msgstr), plus the charset header."""
    entries = sorted({"": HEADER, **messages}.items())
    ids = [msgid.encode() for msgid, _ in entries]
    strs = [msgstr.encode() for _, msgstr in entries]
    count = len(entries)
    header_size = 7 * 4
    ids_table = header_size
    strs_table = ids_table + count * 8
    data_start = strs_table + count * 8
    table, data = [], b""
    for text in ids + strs:
        table.append((len(text), data_start + len(data)))
        data += text + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, count, ids_table, strs_table, 0, 0)
    body = b"".join(struct.pack("<2I", length, offset) for length, offset in table)
    path.write_bytes(head + body + data)


def use_catalogue(settings, directory: Path, language: str, messages: dict[str, str]) -> None:
    """Serve `messages` as the project's translations into `language` for this test."""
    folder = directory / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    write_mo(folder / "django.mo", messages)
    # Changing LOCALE_PATHS makes Django drop its cached catalogues (django.test.signals).
    settings.LOCALE_PATHS = [directory]
