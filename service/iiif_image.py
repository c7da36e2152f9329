"""IIIF Image API 3 (level 1 and more) over the published page images.

Every answer is derived from the page's *public* image (`service.search.page_image`,
the rule of `GET /documents/{id}/pages/{n}/image`): the redacted rendition of a published
page of a collection the caller may read. The original scan is never read here, so the
redaction boxes are in every tile, size and rotation exactly as on the page image.

Derived images are kept on disk under `data_dir/iiif-cache`, keyed by the page image's
content hash and the canonical request, bounded by ACHYK_IIIF_CACHE_MB (least recently
used first out). A re-redacted page has a new hash, so stale tiles are never served.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from core.auth import ANONYMOUS, Caller
from indices.context import AppContext
from service.iiif_params import (
    MAX_SIDE,
    MEDIA_TYPES,
    ImageFormat,
    ImageRequest,
    Quality,
    parse_request,
)
from service.search import page_image

TILE = 512
IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
PROFILE = "level1"
PROFILE_URI = "http://iiif.io/api/image/3/level1.json"
# Beyond level 1 (regionByPx, regionSquare, sizeByW/H/Wh, cors, jsonld, profile link,
# base URI redirect), what this server also does:
EXTRA_FEATURES = [
    "canonicalLinkHeader",
    "mirroring",
    "regionByPct",
    "rotationBy90s",
    "sizeByConfinedWh",
    "sizeByPct",
    "sizeUpscaling",
]
UPSCALE = 2  # ^ sizes go up to twice the image, and never past MAX_SIDE
_DECODED = 4  # decoded page images kept in memory (a viewer asks for many tiles of one page)


@dataclass(frozen=True, slots=True)
class ServedImage:
    data: bytes
    media_type: str
    public: bool
    canonical: str
    cached: bool  # read from the disk cache


def limits(width: int, height: int) -> tuple[int, int]:
    """maxWidth, maxHeight of an image: the upscaling bound."""
    return min(width * UPSCALE, MAX_SIDE), min(height * UPSCALE, MAX_SIDE)


def scale_factors(width: int, height: int, tile: int = TILE) -> list[int]:
    """1, 2, 4, … until one tile holds the whole image."""
    out, f = [1], 1
    while max(width, height) / f > tile:
        f *= 2
        out.append(f)
    return out


def info(service_id: str, width: int, height: int) -> dict[str, Any]:
    """The info.json of one image."""
    max_w, max_h = limits(width, height)
    factors = scale_factors(width, height)
    sizes = [
        {"width": max(1, width // f), "height": max(1, height // f)} for f in reversed(factors)
    ]
    return {
        "@context": IMAGE_CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": PROFILE,
        "width": width,
        "height": height,
        "maxWidth": max_w,
        "maxHeight": max_h,
        "sizes": sizes,
        "tiles": [{"width": TILE, "height": TILE, "scaleFactors": factors}],
        "extraFormats": [ImageFormat.PNG.value],
        "extraQualities": [Quality.COLOR.value, Quality.GRAY.value, Quality.BITONAL.value],
        "extraFeatures": EXTRA_FEATURES,
        "preferredFormats": [ImageFormat.JPG.value],
    }


class _Decoded:
    """The last few decoded page images, by content hash."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.images: OrderedDict[str, Image.Image] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str, data: bytes) -> Image.Image:
        with self.lock:
            if key in self.images:
                self.images.move_to_end(key)
                return self.images[key]
        img: Image.Image = Image.open(io.BytesIO(data))
        img.load()
        if img.mode not in ("L", "RGB"):
            img = img.convert("RGB" if img.mode not in ("1", "LA", "I", "I;16") else "L")
        with self.lock:
            self.images[key] = img
            while len(self.images) > self.size:
                self.images.popitem(last=False)
        return img


_decoded = _Decoded(_DECODED)


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height from the image header, without decoding the pixels."""
    with Image.open(io.BytesIO(data)) as img:
        return img.size


def render(img: Image.Image, req: ImageRequest) -> bytes:
    """Region, size, mirror, rotation, quality and format, in the spec's order."""
    r = req.region
    box = (r.x, r.y, r.x + r.w, r.y + r.h)
    if (req.width, req.height) == (r.w, r.h):
        out = img.crop(box)
    else:
        out = img.resize(
            (req.width, req.height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0
        )
    if req.mirror:
        out = ImageOps.mirror(out)
    if req.rotation:
        out = out.transpose(
            {
                90: Image.Transpose.ROTATE_270,  # IIIF turns clockwise, PIL counter-clockwise
                180: Image.Transpose.ROTATE_180,
                270: Image.Transpose.ROTATE_90,
            }[req.rotation]
        )
    if req.quality is Quality.COLOR:
        out = out.convert("RGB")
    elif req.quality in (Quality.GRAY, Quality.BITONAL):
        out = out.convert("L")
        if req.quality is Quality.BITONAL:
            out = out.point(lambda p: 255 if p > 127 else 0)
            if req.format is ImageFormat.PNG:
                out = out.convert("1", dither=Image.Dither.NONE)
    buf = io.BytesIO()
    if req.format is ImageFormat.JPG:
        out.save(buf, "JPEG", quality=85, optimize=False)
    else:
        out.save(buf, "PNG", compress_level=6)
    return buf.getvalue()


class DiskCache:
    """Derived images as files, least recently used out past `max_bytes`.

    The size is counted once per process and kept up to date by this process's writes;
    when it passes the bound the folder is scanned again (other processes write there
    too) and the oldest files by modification time, which a hit refreshes, are removed."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.lock = threading.Lock()
        self.used: int | None = None

    def path(self, key: str) -> Path:
        digest = hashlib.sha256(key.encode()).hexdigest()
        return self.root / digest[:2] / digest

    def get(self, key: str) -> bytes | None:
        p = self.path(key)
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            return None
        with contextlib.suppress(OSError):  # refreshed: least recently *used* goes first
            os.utime(p)
        return data

    def put(self, key: str, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        p = self.path(key)
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_name(f"{p.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, p)
        with self.lock:
            if self.used is None:
                self.used = self._scan_total()
            else:
                self.used += len(data)
            if self.used > self.max_bytes:
                self.used = self._evict()

    def _files(self) -> list[tuple[float, int, Path]]:
        out = []
        for f in self.root.glob("*/*"):
            try:
                st = f.stat()
            except FileNotFoundError:
                continue
            out.append((st.st_mtime, st.st_size, f))
        return out

    def _scan_total(self) -> int:
        return sum(size for _, size, _ in self._files())

    def _evict(self) -> int:
        """Remove the least recently used files until 90% of the bound is left."""
        files = sorted(self._files())
        total = sum(size for _, size, _ in files)
        target = self.max_bytes * 9 // 10
        for _, size, f in files:
            if total <= target:
                break
            f.unlink(missing_ok=True)
            total -= size
        return total


_caches: dict[Path, DiskCache] = {}
_caches_lock = threading.Lock()


def disk_cache(ctx: AppContext) -> DiskCache:
    root = Path(ctx.settings.data_dir) / "iiif-cache"
    with _caches_lock:
        cache = _caches.get(root)
        if cache is None or cache.max_bytes != ctx.settings.iiif_cache_mb * 1024 * 1024:
            cache = _caches[root] = DiskCache(root, ctx.settings.iiif_cache_mb * 1024 * 1024)
    return cache


def page_info(
    ctx: AppContext, doc_id: int, number: int, service_id: str, caller: Caller = ANONYMOUS
) -> tuple[dict[str, Any], bool]:
    """(info.json, public?) of a page image the caller may see; NotFoundError otherwise."""
    image = page_image(ctx, doc_id, number, caller)
    width, height = image_size(image.data)
    return info(service_id, width, height), image.public


def serve(
    ctx: AppContext,
    doc_id: int,
    number: int,
    region: str,
    size: str,
    rotation: str,
    quality_format: str,
    caller: Caller = ANONYMOUS,
) -> ServedImage:
    """One derived image; NotFoundError for a page the caller may not see (checked before
    the cache is consulted), ImageRequestError for bad parameters."""
    image = page_image(ctx, doc_id, number, caller)
    width, height = image_size(image.data)
    max_w, max_h = limits(width, height)
    req = parse_request(
        region,
        size,
        rotation,
        quality_format,
        width=width,
        height=height,
        max_width=max_w,
        max_height=max_h,
    )
    canonical = req.canonical()
    media = MEDIA_TYPES[req.format]
    cache = disk_cache(ctx)
    key = f"{image.key or hashlib.sha256(image.data).hexdigest()}/{canonical}"
    hit = cache.get(key)
    if hit is not None:
        return ServedImage(hit, media, image.public, canonical, cached=True)
    data = render(_decoded.get(key.split("/", 1)[0], image.data), req)
    cache.put(key, data)
    return ServedImage(data, media, image.public, canonical, cached=False)
