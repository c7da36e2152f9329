"""The IIIF Image API 3 parameter grammar, as tables of valid and invalid strings
(https://iiif.io/api/image/3.0/#4-image-requests), on an image of 1000 × 800 whose
largest answer is 2000 × 1600; and the bounded disk cache of derived images."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.iiif_image import DiskCache, info, scale_factors
from service.iiif_params import (
    Box,
    ImageRequest,
    ImageRequestError,
    identifier,
    parse_identifier,
    parse_request,
)

W, H = 1000, 800


def req(
    region: str = "full", size: str = "max", rotation: str = "0", qf: str = "default.jpg"
) -> ImageRequest:
    return parse_request(
        region, size, rotation, qf, width=W, height=H, max_width=2 * W, max_height=2 * H
    )


@pytest.mark.parametrize(
    ("region", "box"),
    [
        ("full", Box(0, 0, 1000, 800)),
        ("square", Box(100, 0, 800, 800)),
        ("0,0,512,512", Box(0, 0, 512, 512)),
        ("512,512,512,512", Box(512, 512, 488, 288)),  # cut at the image's edge
        ("999,799,5,5", Box(999, 799, 1, 1)),
        ("pct:0,0,50,50", Box(0, 0, 500, 400)),
        ("pct:10.5,0,100,100", Box(105, 0, 895, 800)),
        ("pct:.5,0,10,10", Box(5, 0, 100, 80)),
    ],
)
def test_valid_regions(region: str, box: Box) -> None:
    assert req(region=region).region == box


@pytest.mark.parametrize(
    "region",
    [
        "",
        "Full",
        "0,0,512",
        "0,0,0,10",  # zero width
        "0,0,10,0",
        "1000,0,10,10",  # starts outside the image
        "0,800,10,10",
        "-1,0,10,10",
        "0,0,1e3,10",
        "pct:0,0,0,10",
        "pct:101,0,10,10",
        "pct:0,0,10",
        "pct:a,0,10,10",
        "square,",
        "0, 0, 10, 10",
    ],
)
def test_invalid_regions(region: str) -> None:
    with pytest.raises(ImageRequestError):
        req(region=region)


@pytest.mark.parametrize(
    ("region", "size", "wh"),
    [
        ("full", "max", (1000, 800)),
        ("full", "^max", (2000, 1600)),
        ("full", "500,", (500, 400)),
        ("full", ",400", (500, 400)),
        ("full", "pct:50", (500, 400)),
        ("full", "^pct:150", (1500, 1200)),
        ("full", "300,300", (300, 300)),  # w,h may distort
        ("full", "!300,300", (300, 240)),
        ("full", "!2000,400", (500, 400)),
        ("full", "^!2000,2000", (2000, 1600)),
        ("full", "^1200,", (1200, 960)),
        ("0,0,512,512", "256,", (256, 256)),
        ("512,512,512,512", "244,", (244, 144)),  # an edge tile as OpenSeadragon asks
        ("square", "100,", (100, 100)),
    ],
)
def test_valid_sizes(region: str, size: str, wh: tuple[int, int]) -> None:
    r = req(region=region, size=size)
    assert (r.width, r.height) == wh


@pytest.mark.parametrize(
    "size",
    [
        "",
        "full",  # Image API 2 only
        ",",
        "1001,",  # larger than the region without ^
        ",801",
        "pct:101",
        "pct:0",
        "0,",
        "!300,",
        "!,300",
        "^2001,",  # past maxWidth even with ^
        "^^max",
        "max,",
        "-5,",
        "^pct:300",
    ],
)
def test_invalid_sizes(size: str) -> None:
    with pytest.raises(ImageRequestError):
        req(size=size)


@pytest.mark.parametrize(
    ("rotation", "expected"),
    [
        ("0", (0, False)),
        ("90", (90, False)),
        ("180", (180, False)),
        ("270", (270, False)),
        ("!0", (0, True)),
        ("!90", (90, True)),
        ("90.0", (90, False)),
    ],
)
def test_valid_rotations(rotation: str, expected: tuple[int, bool]) -> None:
    r = req(rotation=rotation)
    assert (r.rotation, r.mirror) == expected


@pytest.mark.parametrize("rotation", ["", "45", "360", "-90", "!!90", "90!", "r90", "1e2"])
def test_invalid_rotations(rotation: str) -> None:
    with pytest.raises(ImageRequestError):
        req(rotation=rotation)


@pytest.mark.parametrize("qf", ["default.jpg", "color.png", "gray.jpg", "bitonal.png"])
def test_valid_quality_and_format(qf: str) -> None:
    r = req(qf=qf)
    assert f"{r.quality}.{r.format}" == qf


@pytest.mark.parametrize(
    "qf", ["default", "default.gif", "default.webp", "grey.jpg", "native.jpg", ".jpg", "default."]
)
def test_invalid_quality_and_format(qf: str) -> None:
    with pytest.raises(ImageRequestError):
        req(qf=qf)


@pytest.mark.parametrize(
    ("args", "canonical"),
    [
        (("full", "max", "0", "default.jpg"), "full/max/0/default.jpg"),
        (("0,0,1000,800", "1000,", "0", "default.jpg"), "full/max/0/default.jpg"),
        (("pct:0,0,50,50", "250,", "!90", "gray.png"), "0,0,500,400/250,200/!90/gray.png"),
        (("full", "^1200,", "0", "default.jpg"), "full/^1200,960/0/default.jpg"),
    ],
)
def test_canonical_form(args: tuple[str, str, str, str], canonical: str) -> None:
    assert req(*args).canonical() == canonical


def test_identifiers() -> None:
    assert parse_identifier("12-p3") == (12, 3)
    assert identifier(12, 3) == "12-p3"
    for bad in (
        "12",
        "12-3",
        "12-p0",
        "0-p1",
        "x-p1",
        "12-p3-p4",
        "12~3",
        "12-p99999999999",
        "9999999999-p1",
    ):
        with pytest.raises(LookupError):
            parse_identifier(bad)


def test_info_declares_tiles_down_to_one_tile() -> None:
    assert scale_factors(1800, 564) == [1, 2, 4]
    assert scale_factors(512, 300) == [1]
    body = info("http://h/iiif/3/1-p1", 1800, 564)
    assert body["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4]}]
    assert body["sizes"][0] == {"width": 450, "height": 141}
    assert (body["maxWidth"], body["maxHeight"]) == (3600, 1128)


def test_disk_cache_keeps_its_bound_least_recently_used_out(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path, max_bytes=10_000)
    for i in range(5):
        cache.put(f"k{i}", bytes(3000))
        assert sum(f.stat().st_size for f in tmp_path.glob("*/*")) <= 10_000
    assert cache.get("k4") == bytes(3000)  # the newest stays
    assert cache.get("k0") is None  # the oldest went first
    assert cache.get("missing") is None
    cache.put("huge", bytes(20_000))  # larger than the whole cache: not kept
    assert cache.get("huge") is None
