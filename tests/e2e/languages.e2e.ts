import { expect, test, type Page } from '@playwright/test';
import { signedInPage } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

// Issue 14, two languages: Vietnamese by default (whatever the browser's language), ?lang=en on
// any URL gives English and <html lang="en">, the switch on the page remembers the choice.

let server: RunningServer;
const url = () => server.url;

test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.cleanup();
});

/** The words each translated page shows, in each language. */
const PAGES: { path: string; vi: string[]; en: string[] }[] = [
	{
		path: '/',
		vi: ['Số liệu hưởng ứng, cập nhật trực tiếp', 'Theo hình thức', 'Màn hình sự kiện'],
		en: ['Campaign figures, updated live', 'By form of activity', 'Event screen', 'Sign in (staff)']
	},
	{
		path: '/login',
		vi: ['Đăng nhập', 'Tên đăng nhập', 'Mật khẩu'],
		en: ['Sign in', 'Username', 'Password', 'For leaders and administrators.']
	},
	{
		path: '/kiosk?slides=tallies&reload=off',
		vi: ['lượt người tham gia', 'đơn vị có hoạt động'],
		en: ['participants', 'units with activities', 'groups and individuals commended']
	},
	{
		path: '/khong-co-trang-nay',
		vi: ['Không tìm thấy trang này.', 'Về trang chủ Lan Tỏa'],
		en: ['This page was not found.', 'Back to the Lan Tỏa home page']
	}
];

async function expectPageIn(page: Page, lang: 'vi' | 'en', words: string[]) {
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	for (const text of words) await expect(page.getByText(text).first()).toBeVisible();
}

test('?lang=en gives English text and <html lang="en">; ?lang=vi and no choice give Vietnamese', async ({
	browser
}) => {
	for (const { path, vi, en } of PAGES) {
		const join = path.includes('?') ? '&' : '?';
		// A new browser each time: no remembered choice.
		for (const [query, lang, words] of [
			['', 'vi', vi],
			[`${join}lang=en`, 'en', en],
			[`${join}lang=vi`, 'vi', vi]
		] as const) {
			const context = await browser.newContext({ locale: 'en-US' });
			const page = await context.newPage();
			await page.goto(`${url()}${path}${query}`);
			await page.waitForLoadState('networkidle');
			await expectPageIn(page, lang, words);
			if (lang === 'en') {
				// The page's script renders in the language of its HTML (no Vietnamese after hydration).
				await expect(page.getByText(vi[0], { exact: true })).toHaveCount(0);
			}
			await context.close();
		}
	}
});

test('an English-language browser still gets Vietnamese until someone chooses English', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'en-US', extraHTTPHeaders: {} });
	const page = await context.newPage();
	await page.goto(`${url()}/`);
	await expectPageIn(page, 'vi', PAGES[0].vi);
	await context.close();
});

test('the switch changes the language, works by keyboard and is remembered on other pages', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await page.goto(`${url()}/`);
	const switcher = page.getByRole('navigation', { name: 'Ngôn ngữ' });
	await expect(switcher.getByRole('link', { name: 'Tiếng Việt' })).toHaveAttribute(
		'aria-current',
		'true'
	);
	await switcher.getByRole('link', { name: 'English' }).focus();
	await page.keyboard.press('Enter');
	await page.waitForURL(/lang=en/);
	await expectPageIn(page, 'en', PAGES[0].en);
	await expect(
		page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'English' })
	).toHaveAttribute('aria-current', 'true');

	// Remembered: the sign-in page and the kiosk, opened without ?lang, are in English.
	await page.goto(`${url()}/login`);
	await expectPageIn(page, 'en', PAGES[1].en);
	await page.goto(`${url()}/kiosk?slides=tallies&reload=off`);
	await expectPageIn(page, 'en', PAGES[2].en);

	// And back to Vietnamese from the sign-in page's switch.
	await page.goto(`${url()}/login`);
	await page
		.getByRole('navigation', { name: 'Language' })
		.getByRole('link', { name: 'Tiếng Việt' })
		.click();
	await expectPageIn(page, 'vi', PAGES[1].vi);
	await page.goto(`${url()}/`);
	await expectPageIn(page, 'vi', PAGES[0].vi);
	await context.close();
});

test('numbers and dates follow the language: 1.250 in Vietnamese, 1,250 in English', async ({
	browser
}) => {
	const token = await server.issueToken('SO-YT');
	const response = await fetch(`${url()}/api/v1/activities`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			type: 'event',
			title: 'Hội nghị tổng kết',
			startDate: '2026-04-21',
			format: 'conference',
			mode: 'onsite',
			quantity: 1250,
			participants: 1250
		})
	});
	expect(response.status, await response.text()).toBe(201);
	for (const [lang, number] of [
		['vi', '1.250'],
		['en', '1,250']
	] as const) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(`${url()}/?lang=${lang}`);
		await expect(page.locator('[data-public-tally="participants"] strong')).toHaveText(number);
		// The date stays day/month/year in both.
		await expect(page.getByText('21/04/2026').first()).toBeVisible();
		await context.close();
	}
});

test('a unit reports in English: the form, its errors from the server and the confirmation', async ({
	browser
}) => {
	const token = await server.issueToken('03388');
	for (const javaScriptEnabled of [true, false]) {
		const context = await browser.newContext({
			viewport: { width: 390, height: 844 },
			javaScriptEnabled
		});
		const page = await context.newPage();
		await page.goto(`${url()}/u/${token}?lang=en`);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { name: 'Report a new activity' })).toBeVisible();
		await expect(page.getByText('Write dates as day/month/year')).toBeVisible();

		// Sent empty: the server's reasons, in English, in the summary and beside the fields.
		const send = page.getByRole('button', { name: 'Send the activity report' });
		await send.click();
		const summary = page.locator('[data-error-summary]');
		await expect(summary).toContainText('Not sent yet.');
		await expect(summary.getByRole('link', { name: 'Choose the form of activity' })).toBeVisible();
		await expect(summary.getByRole('link', { name: 'Enter the start date' })).toBeVisible();
		await expect(summary).not.toContainText('Nhập');

		await page.getByLabel('Banners and slogans', { exact: true }).check();
		await page
			.getByLabel('Activity name')
			.fill(`Banners at the commune office (${javaScriptEnabled})`);
		await page.getByLabel('Start date').fill(javaScriptEnabled ? '21042026' : '21/04/2026');
		await page.getByLabel('Banners and slogans put up').fill('3');
		await page.getByRole('button', { name: 'Send the activity report' }).click();
		await expect(
			page.getByText(/The activity “Banners at the commune office .*” has been received\./)
		).toBeVisible();
		await expect(
			page.getByText("Received, waiting for the Department's review").first()
		).toBeVisible();
		await context.close();
	}
});

test('the dashboard in English; the Ministry report stays Vietnamese', async ({ browser }) => {
	const page = await signedInPage(browser, url(), '/dashboard', {
		viewport: { width: 1440, height: 900 }
	});
	await page.goto(`${url()}/dashboard?lang=en`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.locator('[data-status="live"]')).toBeVisible();
	for (const heading of ['By form of activity', 'Units × forms', 'Final reports received']) {
		await expect(page.getByRole('heading', { name: heading })).toBeVisible();
	}
	await expect(page.getByRole('region', { name: 'Key figures' })).toContainText('Participants');
	await expect(page.getByRole('link', { name: 'Download the Word report (DOCX)' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Language' })).toBeVisible();
	// The export filter's dates are typed dd/mm/yyyy here too.
	await expect(page.getByLabel('From')).toHaveAttribute('placeholder', 'dd/mm/yyyy');
	// The print view of the report goes to the Ministry: Vietnamese, whoever reads it.
	await page.goto(`${url()}/dashboard/report`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await page.context().close();
});

test("the administrator's overview, review list and audit log in English, dates typed dd/mm/yyyy", async ({
	browser
}) => {
	const page = await signedInPage(browser, url(), '/admin', {
		viewport: { width: 1440, height: 900 },
		locale: 'en-US'
	});
	await page.goto(`${url()}/admin?lang=en`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
	await expect(page.getByRole('navigation', { name: 'Administration' })).toContainText(
		'Review activities'
	);
	await expect(page.getByRole('heading', { name: 'Recent actions' })).toBeVisible();
	// The switch is in the admin pages' bar too, and takes them back to Vietnamese.
	await page
		.getByRole('navigation', { name: 'Language' })
		.getByRole('link', { name: 'Tiếng Việt' })
		.click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổng quan');
	await page.goto(`${url()}/admin?lang=en`);

	await page.getByRole('link', { name: 'Review activities' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Review activities');
	await expect(page.getByRole('navigation', { name: 'Filter by status' })).toContainText(
		'Awaiting review'
	);

	await page.goto(`${url()}/admin/audit`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
	const table = page.getByRole('table');
	await expect(table.getByRole('columnheader', { name: 'Action' })).toBeVisible();
	await expect(table.locator('[data-audit-action="login.success"]').first()).toContainText(
		'Signed in'
	);
	// The filter's dates: dd/mm/yyyy in an English browser, read by the server.
	await expect(page.getByLabel('From')).toHaveAttribute('placeholder', 'dd/mm/yyyy');
	await page.getByLabel('From').pressSequentially('01012020');
	await expect(page.getByLabel('From')).toHaveValue('01/01/2020');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/from=01%2F01%2F2020/);
	await expect(page.getByLabel('From')).toHaveValue('01/01/2020');
	await expect(table.locator('[data-audit-action="login.success"]').first()).toBeVisible();
	// A day that does not exist is said, in English, and not used.
	await page.getByLabel('To', { exact: true }).pressSequentially('31022026');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page.getByRole('alert')).toContainText('The date “31/02/2026” could not be read');
	await expect(table.locator('[data-audit-action="login.success"]').first()).toBeVisible();
	// Nothing Vietnamese left in the page's own words (the entries' names are data, as entered).
	expect(await page.locator('main > :not(.scroll)').allInnerTexts()).not.toContainEqual(
		expect.stringMatching(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i)
	);
	expect(await page.locator('main thead').innerText()).not.toMatch(
		/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i
	);
	await page.context().close();
});

test('settings, units and accounts in English: dates and times typed as in Vietnam, errors in English', async ({
	browser
}) => {
	const page = await signedInPage(browser, url(), '/admin', {
		viewport: { width: 1440, height: 900 },
		locale: 'en-US'
	});
	await page.goto(`${url()}/admin/settings?lang=en`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Campaign settings');
	// The campaign's dates in dd/mm/yyyy fields, in an English browser.
	const eventDay = page.getByLabel('Event day');
	await expect(eventDay).toHaveValue('21/04/2026');
	await eventDay.fill('');
	await eventDay.pressSequentially('21042026');
	await expect(eventDay).toHaveValue('21/04/2026');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
	await expect(eventDay).toHaveValue('21/04/2026');
	// A day that does not exist: refused beside its field, in English, nothing saved.
	await eventDay.fill('');
	await eventDay.pressSequentially('31042026');
	const title = page.getByLabel('Campaign title');
	const titleBefore = await title.inputValue();
	await title.fill('Short');
	await page.getByRole('button', { name: 'Save settings' }).click();
	// The page says it, and each field its own (an alert of its own, tied to the field).
	await expect(page.getByRole('alert').first()).toHaveText(
		'Not saved. Correct the fields marked in red.'
	);
	await expect(page.locator('#setting-eventDay-error')).toHaveText('Event day: not a valid date');
	await expect(eventDay).toHaveAttribute('aria-invalid', 'true');
	await expect(eventDay).toHaveAccessibleDescription('Event day: not a valid date');
	// Each error is tied to its field: a screen reader hears it with the field (aria-describedby).
	await expect(title).toHaveAttribute('aria-invalid', 'true');
	await expect(title).toHaveAccessibleDescription(
		'The campaign title needs at least 10 characters'
	);
	expect(titleBefore.length).toBeGreaterThan(10);
	await page.goto(`${url()}/admin/settings`);
	await expect(page.getByLabel('Event day')).toHaveValue('21/04/2026');

	// The cut-off scheduled by day and 24-hour time; one in the past is refused in English.
	await page.getByLabel('Lock on').pressSequentially('01012020');
	await page.getByLabel('at (Vietnam time, hours:minutes)').fill('17:00');
	await page.getByRole('button', { name: 'Schedule locking' }).click();
	await expect(page.getByRole('alert')).toContainText('A scheduled locking must be in the future');
	await page.getByLabel('Lock on').fill('');
	await page.getByLabel('Lock on').pressSequentially('10052099');
	await page.getByLabel('at (Vietnam time, hours:minutes)').fill('17:30');
	await page.getByRole('button', { name: 'Schedule locking' }).click();
	await expect(page.getByText('Locking scheduled for 17:30 10/05/2099.')).toBeVisible();
	await page
		.getByLabel('Reason for cancelling the locking')
		.fill('Only a test of the settings page');
	await page.getByRole('button', { name: 'Cancel the locking' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Figures reopened.' })).toBeVisible();
	// Nothing Vietnamese in the page's own words (the units' names in the event screen's list are
	// data, as entered).
	const ownWords = await page.locator('main').evaluate((main) => {
		const copy = main.cloneNode(true) as HTMLElement;
		copy.querySelectorAll('select[name="unit"] option:not([value=""])').forEach((o) => o.remove());
		document.body.append(copy);
		const text = copy.innerText;
		copy.remove();
		return text;
	});
	expect(ownWords).not.toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i);

	// Units: an import with the wrong columns explains itself in English.
	await page.goto(`${url()}/admin/units`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Units');
	await page.getByLabel('or paste its content').fill('code,name\nX,Y');
	await page.getByRole('button', { name: 'Import the list' }).click();
	await expect(page.getByRole('alert')).toContainText('Nothing imported.');
	await expect(page.getByRole('alert')).toContainText(
		'Missing columns: ma_don_vi, ten_don_vi, loai'
	);

	// Accounts: a username that cannot be used, in English.
	await page.goto(`${url()}/admin/users`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts and viewing links');
	await page.getByLabel('Username').fill('Không hợp lệ');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'A username has 3–40 characters: lower-case letters without accents, digits, dots, underscores and hyphens.'
	);
	await page.context().close();
});
