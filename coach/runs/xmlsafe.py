"""XML from outside, read with the dangerous parts of XML turned off.

Activity files (GPX, TCX) never need a document type: one that declares a DTD or an entity is
refused before anything is expanded, which stops "billion laughs" expansion bombs and any
reference to an outside file or URL. Parsing is expat's, fed in chunks, with a cap on how
deep elements nest and how many there are, so a hostile file costs bounded time and memory.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Collection
from typing import Any, Final, NoReturn
from xml.parsers import expat

MAX_DEPTH: Final = 64
"""GPX and TCX nest a dozen levels deep; far deeper is not an activity file."""
MAX_ELEMENTS: Final = 5_000_000
CHUNK: Final = 1 << 20


class XmlProblem(Exception):
    """Not XML coach will read; the message is one line without the file's name."""


def _refuse_dtd(*_: object) -> NoReturn:
    raise XmlProblem("declares a document type or entities; activity files never do, "
                     "and coach does not expand them")


def _split(name: str, keep: Collection[str]) -> str:
    """``"uri local"`` as ElementTree's ``{uri}local``, or plain ``local`` for the
    namespaces in ``keep`` (the format's own, which its reader expects unqualified;
    ``"*"`` keeps every name plain)."""
    uri, _, local = name.rpartition(" ")
    if not uri or uri in keep or "*" in keep:
        return local
    return f"{{{uri}}}{local}"


class Handlers:
    """What a streaming reader does with elements; the default does nothing."""

    def start(self, name: str, attributes: dict[str, str]) -> None: ...
    def end(self, name: str) -> None: ...
    def text(self, data: str) -> None: ...


def parse(data: bytes, handlers: Handlers, plain: Collection[str] = ()) -> None:
    """Stream ``data`` through ``handlers``; element names come without the namespaces in
    ``plain``. Raises :class:`XmlProblem`."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    depth = 0
    count = 0

    every = "*" in plain
    on_start, on_end = handlers.start, handlers.end

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth, count
        depth += 1
        count += 1
        if depth > MAX_DEPTH:
            raise XmlProblem(f"nests elements more than {MAX_DEPTH} deep; not an activity file")
        if count > MAX_ELEMENTS:
            raise XmlProblem(f"has more than {MAX_ELEMENTS:,} elements; not an activity file")
        if every:  # the common case, kept cheap: it runs for every element of a big file
            on_start(name[name.rfind(" ") + 1:], {
                key[key.rfind(" ") + 1:]: value for key, value in attributes.items()
            } if attributes else attributes)
        else:
            on_start(_split(name, plain),
                     {_split(key, plain): value for key, value in attributes.items()})

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1
        on_end(name[name.rfind(" ") + 1:] if every else _split(name, plain))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = handlers.text
    data = _trimmed(data)
    try:
        for offset in range(0, len(data), CHUNK):
            parser.Parse(data[offset:offset + CHUNK], False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise XmlProblem(_describe(error)) from None
    except LookupError as error:  # an encoding Python does not know
        raise XmlProblem(f"declares an encoding coach cannot read ({_encoding(error)}); "
                         "save it as UTF-8") from None
    except (ValueError, RecursionError, MemoryError):
        raise XmlProblem("is XML coach cannot read") from None


def _encoding(error: LookupError) -> str:
    from coach.text import one_line

    return one_line(error)[:60]


def _trimmed(data: bytes) -> bytes:
    """Without the whitespace some exporters write before the XML declaration (expat
    refuses a declaration that is not at the very start)."""
    if data[:1] in (b" ", b"\t", b"\r", b"\n"):
        return data.lstrip(b" \t\r\n")
    if data[:3] == b"\xef\xbb\xbf" and data[3:4] in (b" ", b"\t", b"\r", b"\n"):
        return data[3:].lstrip(b" \t\r\n")
    return data


_CUT_SHORT: Final = frozenset(
    expat.errors.codes[message]
    for message in (expat.errors.XML_ERROR_NO_ELEMENTS, expat.errors.XML_ERROR_UNCLOSED_TOKEN,
                    expat.errors.XML_ERROR_PARTIAL_CHAR)
)


def _describe(error: expat.ExpatError) -> str:
    reason = expat.ErrorString(error.code) or "not well-formed"
    if error.code in _CUT_SHORT:
        return f"ends too soon, at line {error.lineno}: the file is cut short or empty"
    return f"is not valid XML (line {error.lineno}, column {error.offset + 1}: {reason})"


class _Builder(Handlers):
    def __init__(self) -> None:
        self.builder = ElementTree.TreeBuilder()

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.builder.start(name, attributes)

    def end(self, name: str) -> None:
        self.builder.end(name)

    def text(self, data: str) -> None:
        self.builder.data(data)


def tree(data: bytes, plain: Collection[str] = ()) -> ElementTree.Element:
    """The whole document as an ElementTree element (see :func:`parse`)."""
    builder = _Builder()
    parse(data, builder, plain)
    root: Any = builder.builder.close()
    return root  # type: ignore[no-any-return]

