import QRCode from 'qrcode';

/** A QR code as a PNG data URL (no inline SVG/HTML needed to show it). */
export function qrDataUrl(text: string): Promise<string> {
	return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
}
