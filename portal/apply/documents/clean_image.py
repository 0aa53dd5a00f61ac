"""Uploaded photos re-encoded without their metadata before they are stored.

A phone's photo carries EXIF (camera, time, often the GPS position of the resident's home),
XMP, a comment; a PNG can carry any text in its chunks. None of it is needed to read a
document, and caseworkers who open the file should not learn where it was taken. The picture
is decoded, turned upright by its EXIF orientation (the only tag that changes how it looks),
and written again with only what its colours need: the ICC profile, and a PNG's transparency
and gamma. Called on bytes ``uploads.check`` has already recognised and verified.
"""
from __future__ import annotations

import io

from PIL import Image, ImageOps

# What a re-encoded image keeps of the decoder's ``info``: rendering, never description.
_KEEP = {"image/png": ("transparency", "gamma", "srgb"), "image/jpeg": ()}
_JPEG_MODES = ("L", "RGB", "CMYK")
JPEG_QUALITY = 90  # high enough that text on a scanned form stays sharp


def rewrite(data: bytes, kind: str) -> bytes:
    """The same picture, upright, with no EXIF, XMP, comment or text chunk."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        icc = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image) or image.copy()
    # Only rendering keys survive: Pillow writes some ``info`` entries (a JPEG comment, XMP)
    # back when an image is saved, so the dictionary is rebuilt rather than trusted.
    upright.info = {key: upright.info[key] for key in _KEEP[kind] if key in upright.info}
    out = io.BytesIO()
    if kind == "image/jpeg":
        if upright.mode not in _JPEG_MODES:
            upright = upright.convert("RGB")
        upright.save(out, "JPEG", quality=JPEG_QUALITY, icc_profile=icc, exif=b"")
    else:
        upright.save(out, "PNG", icc_profile=icc, exif=b"")
    return out.getvalue()
