"""gzip for JSON and text responses.

Starlette's ``GZipMiddleware`` (plain ASGI, so streaming stays streaming) compresses bodies of
at least ``MINIMUM_BYTES`` when the client accepts gzip: a ``StreamingResponse`` (the CSV
downloads) is compressed chunk by chunk as it is produced; every response it could compress
carries ``Vary: Accept-Encoding``, compressed or not. It leaves alone what already has a
``Content-Encoding`` (the web app's files precompressed at build time, ``core/spa.py``), partial
responses, media compressed already (images, fonts, archives) and ``text/event-stream``.

Entity tags are left as they are: ours name a version of the object (a hash of its read shape or
of its id and ``updated_at``, ``core/etag.py``), not of the bytes on the wire, and the ``etag``
field a list item carries must equal the header of its single read, which the web app sends back
as ``If-Match`` whatever the encoding of the response it came from.
"""

from __future__ import annotations

# Below this, gzip's header and the CPU cost more than the bytes saved (one pilot's JSON is
# about 2 KB and shrinks to about a third).
MINIMUM_BYTES = 1024
# zlib's default level: within a few percent of level 9's size at a fraction of its time.
LEVEL = 6
