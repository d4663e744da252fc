import { describe, expect, it } from 'vitest';
import { annexRowXml, signatureLines } from './docx';
import { agencyLines } from './report-text';
import { xmlText } from './zip';

describe('the administrative layout', () => {
	it('derives the governing body and the agency from the issuer', () => {
		expect(agencyLines('Sở Khoa học và Công nghệ tỉnh Lai Châu')).toEqual({
			parent: 'UBND TỈNH LAI CHÂU',
			agency: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
			name: 'Sở Khoa học và Công nghệ',
			place: 'Lai Châu'
		});
		expect(agencyLines('Ban Quản lý dự án')).toMatchObject({
			parent: '',
			agency: 'BAN QUẢN LÝ DỰ ÁN'
		});
	});

	it('reads the signer into the signature block', () => {
		expect(signatureLines('KT. Giám đốc — Phó Giám đốc Bùi Thị Lệ Dung')).toEqual({
			titles: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
			name: 'Bùi Thị Lệ Dung'
		});
		expect(signatureLines('Giám đốc Nguyễn Văn A')).toEqual({
			titles: ['GIÁM ĐỐC'],
			name: 'Nguyễn Văn A'
		});
		expect(signatureLines(null)).toEqual({ titles: ['GIÁM ĐỐC'], name: '' });
	});

	it('escapes text for XML and drops characters XML cannot hold', () => {
		expect(xmlText('a < b & "c" > d\u0007\u0000')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d');
		const row = annexRowXml(
			{
				id: 1,
				unit: { code: 'SO-YT', name: 'Sở Y tế <tỉnh>', kind: 'department' },
				group: 'sectors',
				type: 'event',
				title: 'Tọa đàm & giao lưu',
				description: null,
				startDate: '2026-04-21',
				endDate: '2026-04-22',
				location: null,
				participants: null,
				quantity: 1200,
				channels: [],
				format: 'talk',
				mode: 'onsite',
				contentAreas: [],
				links: [],
				status: 'approved',
				exemplary: false,
				createdAt: '2026-04-21T02:00:00.000Z',
				version: 1,
				updatedAt: '2026-04-21T02:00:00.000Z',
				rejectReason: null,
				withdrawn: false,
				exemplaryNote: null,
				demo: false,
				photos: []
			},
			7
		);
		expect(row).toContain('>7<');
		expect(row).toContain('Sở Y tế &lt;tỉnh&gt;');
		expect(row).toContain('Tọa đàm &amp; giao lưu');
		// A range on two lines, each date whole.
		expect(row).toContain('21/04/2026</w:t><w:br/><w:t xml:space="preserve">– 22/04/2026');
		expect(row).toContain('1.200');
	});
});
