/** Image-only PDF pages drawn as pictures for OCR (about 300 dpi, never more pixels than allowed). */
import { renderPageAsImage } from 'unpdf';
import { openPdf, PdfReadError } from './pdf.models.ts';

const POINTS_PER_INCH = 72;

export async function renderPage(bytes: Uint8Array, pageNumber: number, { dpi, maxPixels }: { dpi: number; maxPixels: number }): Promise<Uint8Array> {
  const pdf = await openPdf(bytes);
  try {
    const page = await pdf.getPage(pageNumber);
    const { width, height } = page.getViewport({ scale: 1 });
    page.cleanup();
    // A page drawn at `dpi` must stay under the pixel limit: huge page sizes are scaled down, not refused.
    const wanted = dpi / POINTS_PER_INCH;
    const scale = Math.min(wanted, Math.sqrt(maxPixels / Math.max(1, width * height)));
    const png = await renderPageAsImage(pdf, pageNumber, { canvasImport: () => import('@napi-rs/canvas'), scale });
    return new Uint8Array(png);
  } catch (error) {
    if (error instanceof PdfReadError) throw error;
    throw new PdfReadError('damaged', `Page ${pageNumber} of the PDF cannot be drawn (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    await pdf.destroy();
  }
}
