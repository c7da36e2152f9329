"""Page-image preparation before tesseract.

Only what every scan needs is here (grayscale, 8-bit); the measured preprocessing
chain (deskew, binarization, denoising) belongs to issue "Scans that read well".
"""

from __future__ import annotations

from PIL import Image, ImageOps


def prepare(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        bg = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(bg, image)
    image = ImageOps.exif_transpose(image) or image
    return image.convert("L")
