"""The parameters of an IIIF Image API 3 request, parsed and resolved against an image.

`/{identifier}/{region}/{size}/{rotation}/{quality}.{format}`: each part is parsed
strictly by the spec's grammar (https://iiif.io/api/image/3.0/#4-image-requests), then
resolved to pixels for one image. Anything the spec calls invalid, or that this server
does not offer (arbitrary rotation, webp), is an `ImageRequestError` (400). A pure
module: no I/O, so the table of valid and invalid strings is tested directly.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

# Identifiers: `{document id}-p{page number}`, e.g. `12-p3`.
IDENTIFIER = re.compile(r"^(?P<doc>[1-9]\d{0,9})-p(?P<page>[1-9]\d{0,9})$")
_INT = r"\d{1,9}"
_NUM = r"(?:\d{1,9}(?:\.\d{1,9})?|\.\d{1,9})"  # a non-negative decimal, no exponent
_REGION_PX = re.compile(rf"^({_INT}),({_INT}),({_INT}),({_INT})$")
_REGION_PCT = re.compile(rf"^pct:({_NUM}),({_NUM}),({_NUM}),({_NUM})$")
_SIZE = re.compile(
    rf"^(?P<up>\^)?(?:(?P<max>max)|pct:(?P<pct>{_NUM})|(?P<confined>!)?(?P<w>{_INT})?,(?P<h>{_INT})?)$"
)
_ROTATION = re.compile(rf"^(?P<mirror>!)?(?P<deg>{_NUM})$")
MAX_ID = 2**31 - 1  # ids and page numbers past a 32-bit integer exist nowhere
MAX_SIDE = 10_000  # no answer is wider or taller than this, upscaled or not


class ImageRequestError(ValueError):
    """A request the IIIF grammar refuses or this server does not offer: a 400."""


class Quality(StrEnum):
    DEFAULT = "default"
    COLOR = "color"
    GRAY = "gray"
    BITONAL = "bitonal"


class ImageFormat(StrEnum):
    JPG = "jpg"
    PNG = "png"


MEDIA_TYPES = {ImageFormat.JPG: "image/jpeg", ImageFormat.PNG: "image/png"}


def parse_identifier(identifier: str) -> tuple[int, int]:
    """`12-p3` → (12, 3); anything else is not an image this server has (404 upstream)."""
    m = IDENTIFIER.match(identifier)
    if not m or int(m["doc"]) > MAX_ID or int(m["page"]) > MAX_ID:
        raise LookupError(identifier)
    return int(m["doc"]), int(m["page"])


def identifier(doc_id: int, page: int) -> str:
    return f"{doc_id}-p{page}"


@dataclass(frozen=True, slots=True)
class Box:
    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True, slots=True)
class ImageRequest:
    """A request resolved against an image of `width` × `height` pixels."""

    region: Box
    width: int  # of the answer, before rotation
    height: int
    rotation: int  # 0, 90, 180 or 270
    mirror: bool
    quality: Quality
    format: ImageFormat
    full: bool  # the region is the whole image
    max: bool  # the size is the largest one offered for the region
    upscaled: bool

    def canonical(self) -> str:
        """The canonical form of the request's parameters (the cache key, the Link header)."""
        region = (
            "full"
            if self.full
            else f"{self.region.x},{self.region.y},{self.region.w},{self.region.h}"
        )
        size = ("^" if self.upscaled else "") + (
            "max" if self.max else f"{self.width},{self.height}"
        )
        rotation = ("!" if self.mirror else "") + str(self.rotation)
        return f"{region}/{size}/{rotation}/{self.quality}.{self.format}"


def _region(spec: str, width: int, height: int) -> Box:
    if spec == "full":
        return Box(0, 0, width, height)
    if spec == "square":
        side = min(width, height)
        return Box((width - side) // 2, (height - side) // 2, side, side)
    if m := _REGION_PX.match(spec):
        x, y, w, h = (int(g) for g in m.groups())
    elif m := _REGION_PCT.match(spec):
        px, py, pw, ph = (float(g) for g in m.groups())
        if px > 100 or py > 100:
            raise ImageRequestError(f"region {spec}: x and y are at most 100%")
        x, y = round(px * width / 100), round(py * height / 100)
        w, h = round(pw * width / 100), round(ph * height / 100)
    else:
        raise ImageRequestError(f"region «{spec}»: full, square, x,y,w,h or pct:x,y,w,h")
    if w <= 0 or h <= 0:
        raise ImageRequestError(f"region {spec}: width and height must be above zero")
    if x >= width or y >= height:
        raise ImageRequestError(f"region {spec} lies outside the image ({width}×{height})")
    return Box(x, y, min(w, width - x), min(h, height - y))


def max_size(rw: int, rh: int, max_w: int, max_h: int) -> tuple[int, int]:
    """The region scaled down (never up) to fit max_w × max_h."""
    scale = min(1.0, max_w / rw, max_h / rh)
    return max(1, math.floor(rw * scale)), max(1, math.floor(rh * scale))


def _size(spec: str, region: Box, max_w: int, max_h: int) -> tuple[int, int, bool, bool]:
    """(width, height, is max, upscaled) of the answer for the region."""
    m = _SIZE.match(spec)
    if not m:
        raise ImageRequestError(f"size «{spec}»: max, w,, ,h, pct:n, w,h or !w,h (^ to upscale)")
    up = bool(m["up"])
    rw, rh = region.w, region.h
    lim_w, lim_h = (max_w, max_h) if up else (rw, rh)
    if m["max"]:
        w, h = max_size(rw, rh, max_w, max_h) if not up else _fit(rw, rh, max_w, max_h)
        return w, h, True, up and (w > rw or h > rh)
    if m["pct"] is not None:
        pct = float(m["pct"])
        if pct <= 0 or (pct > 100 and not up):
            raise ImageRequestError(f"size {spec}: a percentage above 0 and, without ^, up to 100")
        w, h = round(rw * pct / 100), round(rh * pct / 100)
    else:
        gw, gh = m["w"], m["h"]
        if gw is None and gh is None:
            raise ImageRequestError(f"size «{spec}»: give a width, a height or both")
        if m["confined"]:
            if gw is None or gh is None:
                raise ImageRequestError(f"size {spec}: !w,h needs both a width and a height")
            w, h = _fit(rw, rh, int(gw), int(gh))
        elif gw is not None and gh is not None:
            w, h = int(gw), int(gh)
        elif gw is not None:
            w = int(gw)
            h = round(rh * w / rw)
        else:
            h = int(gh or 0)
            w = round(rw * h / rh)
    if w <= 0 or h <= 0:
        raise ImageRequestError(f"size {spec}: the answer would be empty")
    if not up and (w > rw or h > rh):
        raise ImageRequestError(
            f"size {spec} is larger than the region ({rw}×{rh}): use ^ to upscale"
        )
    if w > lim_w or h > lim_h or w > MAX_SIDE or h > MAX_SIDE:
        raise ImageRequestError(f"size {spec} is over the largest offered ({max_w}×{max_h})")
    return w, h, (w, h) == max_size(rw, rh, max_w, max_h), up and (w > rw or h > rh)


def _fit(rw: int, rh: int, bw: int, bh: int) -> tuple[int, int]:
    """The largest size with the region's aspect ratio inside bw × bh (up or down)."""
    if bw <= 0 or bh <= 0:
        raise ImageRequestError("size: !w,h needs a width and a height above zero")
    scale = min(bw / rw, bh / rh)
    return max(1, min(bw, round(rw * scale))), max(1, min(bh, round(rh * scale)))


def _rotation(spec: str) -> tuple[int, bool]:
    m = _ROTATION.match(spec)
    if not m:
        raise ImageRequestError(f"rotation «{spec}»: 0, 90, 180 or 270, ! before it mirrors")
    deg = float(m["deg"])
    if deg not in (0, 90, 180, 270):
        raise ImageRequestError(f"rotation {spec}: only 0, 90, 180 and 270 are offered")
    return int(deg), bool(m["mirror"])


def parse_request(
    region: str,
    size: str,
    rotation: str,
    quality_format: str,
    *,
    width: int,
    height: int,
    max_width: int,
    max_height: int,
) -> ImageRequest:
    """The request for an image of width × height whose largest answer is
    max_width × max_height; ImageRequestError names the part that is wrong."""
    quality, dot, fmt = quality_format.rpartition(".")
    if not dot:
        raise ImageRequestError(f"«{quality_format}»: quality.format, e.g. default.jpg")
    try:
        q = Quality(quality)
    except ValueError:
        raise ImageRequestError(f"quality «{quality}»: default, color, gray or bitonal") from None
    try:
        f = ImageFormat(fmt)
    except ValueError:
        raise ImageRequestError(f"format «{fmt}»: jpg or png") from None
    box = _region(region, width, height)
    w, h, is_max, up = _size(size, box, max_width, max_height)
    deg, mirror = _rotation(rotation)
    return ImageRequest(
        region=box,
        width=w,
        height=h,
        rotation=deg,
        mirror=mirror,
        quality=q,
        format=f,
        full=box == Box(0, 0, width, height),
        max=is_max,
        upscaled=up,
    )
