"""Page images to text: rasterize, prepare (measured preprocessing), tesseract, cache.

`ocr.engine.ocr_pages` is the entry point; the submodules are small on purpose so that
each preprocessing step can be switched off and measured on its own (docs/ocr.md).
"""

from ocr.rasterize import png_bytes, render_page

__all__ = ["png_bytes", "render_page"]
