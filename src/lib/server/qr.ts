import QRCode from 'qrcode';

/** A QR code as a PNG data URL (no inline SVG/HTML needed to show it). */
export function qrDataUrl(text: string): Promise<string> {
	return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

/** A QR code as an SVG document, for screens of any size. */
export function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, width: 240 });
}
