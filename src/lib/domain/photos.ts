// Photo evidence's rules and words, shared by the server (which decides) and the unit's page
// (which says the same thing at once, before a weak network carries a file for nothing).

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTOS_PER_ACTIVITY = 5;
/** the long side of a stored photo, and of what the page sends */
export const PHOTO_LONG_SIDE = 1600;

export const PHOTO_MESSAGES = {
	tooLarge: `Ảnh lớn hơn ${PHOTO_MAX_BYTES / 1024 / 1024} MB; hãy chọn ảnh nhỏ hơn hoặc chụp lại với chất lượng thấp hơn.`,
	empty: 'Tệp ảnh trống.',
	notImage:
		'Tệp này không phải ảnh JPEG, PNG hoặc WebP (có thể chỉ đổi tên đuôi). Hãy chọn một tấm ảnh.',
	heic: 'Ảnh HEIC của iPhone chưa đọc được. Trên iPhone: Cài đặt → Camera → Định dạng → chọn “Tương thích nhất”, hoặc chụp màn hình ảnh rồi gửi ảnh chụp màn hình.',
	broken: 'Tệp ảnh bị hỏng hoặc chưa tải lên hết; hãy chọn lại ảnh.',
	tooManyPixels: 'Ảnh có kích thước quá lớn để xử lý; hãy chọn ảnh nhỏ hơn.',
	badName: 'tên tệp không hợp lệ (chứa đường dẫn thư mục); hãy chọn lại ảnh.'
} as const;

/** "Ảnh 2 (IMG_0412.JPG): <reason>" — which photo, as the official chose it. */
export function photoError(index: number, name: string, reason: string): string {
	return `Ảnh ${index + 1}${name ? ` (${name})` : ''}: ${reason}`;
}

export function tooManyPhotos(count: number): string {
	return `Mỗi hoạt động gửi được tối đa ${PHOTOS_PER_ACTIVITY} ảnh; đã chọn ${count} ảnh. Hãy bỏ bớt ${count - PHOTOS_PER_ACTIVITY} ảnh.`;
}
