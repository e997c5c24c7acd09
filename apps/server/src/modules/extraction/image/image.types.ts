/**
 * Types of the image preparation that runs before OCR: photos and scans are turned into an
 * upright, flat, grayscale page at about 300 dpi (prepare.models.ts).
 */

/** 8-bit grayscale pixels, row after row, one byte per pixel. */
export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface PrepareOptions {
  /** Images with more pixels than this are refused before decoding (decompression bombs); also caps upscaling. */
  maxPixels: number;
  /** Resolution the page is brought to when it is read at less than about half of it. Default 300. */
  targetDpi?: number;
  /** Page of a multi-page TIFF (or image of a HEIF collection), zero based. Default 0. */
  page?: number;
  /**
   * Bring the page up to `targetDpi` whenever it is read at less than this share of it (default: 0.8
   * for a scan that states its resolution, 0.5 for photos and till receipts). A second look at a
   * photo whose first reading missed what matters uses 0.9.
   */
  upscaleBelow?: number;
}

export interface PreparedImage {
  /** PNG, 8-bit grayscale, with its resolution in the pHYs chunk. */
  png: Uint8Array;
  width: number;
  height: number;
  /** Effective resolution of the page in the PNG (estimated when the file does not say it reliably). */
  dpi: number;
  /**
   * What was done, in order: `exif-rotate 90` (or `exif-orientation 5 (mirrored)`), `page-detected`
   * then `perspective-corrected` or `cropped-to-page`, `illumination-flattened`, `deskew -2.3°`
   * (degrees the image was turned, clockwise positive), `contrast`, `sharpened`, `upscaled x2` or
   * `downscaled x0.5`.
   */
  steps: string[];
}

export interface ImageInfo {
  /** Upright size (after the EXIF orientation) of the page asked for, in pixels. */
  width: number;
  height: number;
  /** Pages of a multi-page TIFF or top-level images of a HEIF file; 1 otherwise. */
  pages: number;
  /** Resolution the file declares, in dots per inch, when it declares one. */
  dpi?: number;
}

export interface RgbaImage {
  /** 4 bytes per pixel (red, green, blue, alpha). */
  data: Uint8Array;
  width: number;
  height: number;
}
