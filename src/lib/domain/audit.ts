/** Vietnamese names of audit actions, for the admin's log viewer. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
	'activity.create': 'Báo cáo hoạt động',
	'activity.update': 'Sửa hoạt động',
	'activity.photos': 'Thêm, bỏ ảnh của hoạt động',
	'activity.withdraw': 'Rút hoạt động',
	'activity.approve': 'Duyệt hoạt động',
	'activity.reject': 'Không duyệt hoạt động',
	'activity.reopen': 'Đưa về chờ duyệt',
	'activity.exemplary': 'Chọn làm điển hình',
	'activity.unexemplary': 'Bỏ chọn điển hình',
	'campaign.update': 'Sửa thiết lập đợt hưởng ứng',
	'campaign.lock': 'Chốt số liệu',
	'campaign.unlock': 'Mở lại số liệu đã chốt',
	'demo.clear': 'Xóa hoạt động mẫu (chạy thử)',
	'export.download': 'Tải báo cáo, dữ liệu',
	'reminder.compose': 'Soạn lời nhắc kèm liên kết đơn vị',
	'kiosk_preset.save': 'Lưu cấu hình màn hình sự kiện',
	'kiosk_preset.delete': 'Xóa cấu hình màn hình sự kiện',
	'unit.create': 'Thêm đơn vị',
	'unit.update': 'Sửa đơn vị',
	'unit.activate': 'Kích hoạt lại đơn vị',
	'unit.deactivate': 'Ngừng theo dõi đơn vị',
	'unit.verify': 'Xác nhận đơn vị',
	'unit.import': 'Nhập danh sách đơn vị từ CSV',
	'report.submit': 'Gửi báo cáo kết quả',
	'report.update': 'Sửa báo cáo kết quả',
	'unit_link.issue': 'Cấp liên kết đơn vị',
	'unit_link.revoke': 'Thu hồi liên kết đơn vị',
	'leader_link.issue': 'Cấp liên kết xem cho lãnh đạo',
	'leader_link.revoke': 'Thu hồi liên kết xem',
	'leader_link.use': 'Mở liên kết xem',
	'user.create': 'Tạo tài khoản',
	'user.password_reset': 'Đặt lại mật khẩu',
	'login.success': 'Đăng nhập',
	'login.failure': 'Đăng nhập sai',
	'login.blocked': 'Đăng nhập bị chặn tạm thời',
	logout: 'Đăng xuất'
};

export const ENTITY_LABELS: Record<string, string> = {
	activity: 'Hoạt động',
	unit: 'Đơn vị',
	unit_token: 'Liên kết đơn vị',
	user: 'Tài khoản',
	leader_link: 'Liên kết xem',
	campaign: 'Đợt hưởng ứng',
	kiosk_preset: 'Cấu hình màn hình sự kiện'
};

export const ACTOR_TYPE_LABELS: Record<string, string> = {
	admin: 'Quản trị viên',
	leader: 'Lãnh đạo',
	unit: 'Đơn vị',
	system: 'Hệ thống',
	anonymous: 'Chưa đăng nhập'
};
