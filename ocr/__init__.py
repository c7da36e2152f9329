"""Page images to text: rasterize, prepare, tesseract with word boxes and confidences."""

from ocr.preprocess import prepare
from ocr.rasterize import png_bytes, render_page
from ocr.tesseract import OcrResult, available_languages, ocr_image

__all__ = ["OcrResult", "available_languages", "ocr_image", "png_bytes", "prepare", "render_page"]
