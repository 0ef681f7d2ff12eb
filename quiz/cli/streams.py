"""stdout and stderr set up for what the terminal can show.

Where the streams' encoding cannot show everything (``LC_ALL=C``, ``PYTHONIOENCODING=ascii``)
what it cannot encode is written in ASCII instead ("José – QA" as "Jose - QA"), for every
writer alike: click, rich and plain ``print``. An ASCII stream gets an ASCII codec of our
own, because click rewraps a stream it sees as ASCII in UTF-8 (bytes the terminal cannot
show); any other encoding keeps its codec with an error handler that does the same.
"""

from __future__ import annotations

import codecs
import io
import sys

CODEC = "skillquiz_ascii"
_HANDLER = "skillquiz-ascii"


def prepare() -> None:
    """Make stdout and stderr degrade to ASCII where their encoding cannot encode a text."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        encoding = getattr(stream, "encoding", None)
        if not encoding or not isinstance(stream, io.TextIOWrapper):
            continue
        try:
            kind = codecs.lookup(encoding).name
        except LookupError:
            continue
        if kind.startswith("utf"):
            continue
        codecs.register_error(_HANDLER, _spelled_in_ascii)
        if kind == "ascii":
            codecs.register(_search)
            stream.flush()
            setattr(
                sys,
                name,
                io.TextIOWrapper(
                    stream.buffer,
                    encoding=CODEC,
                    errors=_HANDLER,
                    line_buffering=stream.line_buffering or stream.isatty(),
                    write_through=stream.write_through,
                ),
            )
        else:
            stream.reconfigure(errors=_HANDLER)


def _spelled_in_ascii(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler: what could not be encoded, spelled in ASCII."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    from quiz.safetext import encodable

    encoding = "ascii" if error.encoding == CODEC else error.encoding
    return encodable(error.object[error.start : error.end], encoding), error.end


def _encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return codecs.ascii_encode(text, _HANDLER)


class _Encoder(codecs.IncrementalEncoder):
    def encode(self, input: str, final: bool = False) -> bytes:
        return codecs.ascii_encode(input, _HANDLER)[0]


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("-", "_") != CODEC:
        return None
    ascii_codec = codecs.lookup("ascii")
    return codecs.CodecInfo(
        name=CODEC,
        encode=_encode,
        decode=ascii_codec.decode,
        incrementalencoder=_Encoder,
        incrementaldecoder=ascii_codec.incrementaldecoder,
        streamreader=ascii_codec.streamreader,
        streamwriter=ascii_codec.streamwriter,
    )
