#!/usr/bin/env node
// kpi.mjs - the browser checks of a verification document's KPI tables.
//
// Usage: node tests/browser/kpi.mjs HTML OUTDIR
//
// Opens HTML in Debian's headless Chromium (playwright-core), with the page's
// own Content-Security-Policy in force (check.mjs bypasses it to add axe),
// and checks
//   csp       no console error: nothing the policy refuses, no exception;
//   fit       at 1280 px, every KPI row's name, 最新値, 目標値, 達成率 and
//             判定 cells lie inside the viewport and inside the visible part
//             of their scroll box (no sideways scrolling to reach them);
//   sticky    the header row stays at the top of a scrolled table box, and
//             the KPI name at its left when the full table scrolls sideways;
//   toggle    the table's checkbox shows the other columns (確認方法 …);
//   filter    each grade the page offers (built from the rows' data-grade)
//             shows exactly the rows of that grade; one 担当課, one 基本目標;
//   search    a KPI name's start shows the rows whose names hold it;
//   sort      達成率, both ways, in every table; back to the document's
//             order, the tables are as loaded;
//   noscript  with script disabled every KPI row is visible, no finder;
//   cards     at 375 px every KPI row is a card no wider than the screen,
//             its name first, then 最新値, 目標値, 達成率, 判定;
//   print     printed, every column of the full table is shown.
// It writes OUTDIR/kpi.json (every finding, the KPI ids it saw without
// script and the counts per grade) and OUTDIR/finder.png (the page at
// 1280 px with the finder in use), and prints a summary.
//
// Exit status: 0 every check passed, 1 a check failed, 2 the page could not
// be checked.  Environment: CHROMIUM, KPIC_BROWSER_DIR as for launch.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LaunchError, launchChromium } from './launch.mjs';

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

function fail(msg) {
	process.stderr.write(`kpi.mjs: ${msg}\n`);
	process.exit(2);
}

const [htmlArg, outArg] = process.argv.slice(2);
if (!htmlArg || !outArg) fail('usage: node tests/browser/kpi.mjs HTML OUTDIR');
const htmlPath = path.resolve(htmlArg);
if (!fs.existsSync(htmlPath)) fail(`no such file: ${htmlArg}`);
const outdir = path.resolve(outArg);
fs.mkdirSync(outdir, { recursive: true });
const pageUrl = pathToFileURL(htmlPath).href;
const watchdog = setTimeout(() => fail('gave up after 180 s'), 180000);

// In the page: whether the cells a reader came for are in sight.
function measureFit() {
	const vw = document.documentElement.clientWidth;
	const bad = [];
	let cells = 0;
	const rows = [...document.querySelectorAll('table.kpi-table tr[data-grade]')];
	for (const tr of rows) {
		for (const sel of ['th.kpi-name', 'td.latest', 'td.target', 'td.rate', 'td.mark']) {
			const c = tr.querySelector(sel);
			if (!c) { bad.push({ id: tr.id, cell: sel, why: 'missing' }); continue; }
			cells++;
			const r = c.getBoundingClientRect();
			let right = vw, left = 0;
			for (let a = c.parentElement; a; a = a.parentElement) {
				if (getComputedStyle(a).overflowX === 'visible') continue;
				const ar = a.getBoundingClientRect();
				right = Math.min(right, ar.left + a.clientLeft + a.clientWidth);
				left = Math.max(left, ar.left);
			}
			if (r.width === 0 || r.left < left - 0.5 || r.right > right + 0.5)
				bad.push({ id: tr.id, cell: sel, left: Math.round(r.left), right: Math.round(r.right), limit: Math.round(right) });
		}
	}
	return { rows: rows.length, cells, viewport: vw, bad: bad.slice(0, 20), nbad: bad.length };
}

function measureSticky() {
	const boxes = [...document.querySelectorAll('.kpi-scroll')];
	if (!boxes.some((b) => b.querySelector('thead th'))) return { header: false, name: false, why: 'no table' };
	// the header can only be seen to stay in a box taller content scrolls in
	const box = boxes.find((b) => b.querySelector('thead th') && b.scrollHeight > b.clientHeight + 1);
	if (!box) return { header: true, scrolled: 0, why: 'no table is taller than its box' };
	const th = box.querySelector('thead th');
	box.scrollTop = 300;
	const header = box.scrollTop > 0 && Math.abs(th.getBoundingClientRect().top - box.getBoundingClientRect().top) < 2;
	box.scrollTop = 0;
	return { header, scrolled: box.scrollTop };
}

function nameSticks() {
	const box = document.querySelector('.kpi-scroll');
	const name = box && box.querySelector('tbody th.kpi-name');
	if (!name) return false;
	box.scrollLeft = 600;
	const ok = box.scrollLeft > 0 && Math.abs(name.getBoundingClientRect().left - box.getBoundingClientRect().left) < 3;
	box.scrollLeft = 0;
	return ok;
}

function visibleRows() {
	return [...document.querySelectorAll('table.kpi-table tr[data-grade]')]
		.filter((tr) => tr.checkVisibility() && !tr.closest('[hidden]'))
		.map((tr) => ({ id: tr.id, grade: tr.dataset.grade, goal: tr.dataset.goal, dept: tr.dataset.dept,
			rate: tr.dataset.rate === undefined ? null : Number(tr.dataset.rate),
			name: tr.querySelector('th.kpi-name').textContent, table: tr.closest('table').id }));
}

function measureCards() {
	const bad = [];
	const rows = [...document.querySelectorAll('table.kpi-table tr[data-grade]')];
	for (const tr of rows) {
		const top = (s) => { const c = tr.querySelector(s); return c ? c.getBoundingClientRect().top : NaN; };
		const r = tr.getBoundingClientRect();
		const t = ['th.kpi-name', 'td.latest', 'td.rate'].map(top);
		const ok = getComputedStyle(tr).display === 'grid' && r.left >= 0 && r.right <= document.documentElement.clientWidth + 0.5 &&
			t[0] < t[1] && t[1] < t[2] && top('td.target') === t[1] && top('td.mark') === t[2];
		if (!ok) bad.push({ id: tr.id, left: Math.round(r.left), right: Math.round(r.right), tops: t.map(Math.round) });
	}
	return { rows: rows.length, nbad: bad.length, bad: bad.slice(0, 10) };
}

function measurePrint() {
	const cells = [...document.querySelectorAll('table.kpi-table .extra, table.kpi-table .latest')];
	const hiddenExtra = cells.filter((c) => c.classList.contains('extra') && getComputedStyle(c).display === 'none').length;
	const shownLatest = cells.filter((c) => c.classList.contains('latest') && getComputedStyle(c).display !== 'none').length;
	return { extra: cells.length, hiddenExtra, shownLatest };
}

async function run() {
	const { browser, close } = await launchChromium();
	const r = { page: htmlPath, checks: {}, console: [], requests: [] };
	const open = async (spec, js = true) => {
		const ctx = await browser.newContext({ ...spec, deviceScaleFactor: 1, locale: 'ja-JP', javaScriptEnabled: js, serviceWorkers: 'block' });
		await ctx.route('**/*', (route) => {
			if (route.request().url().replace(/#.*$/, '') === pageUrl || /^data:/.test(route.request().url())) return route.continue();
			r.requests.push(route.request().url());
			return route.abort('blockedbyclient');
		});
		const page = await ctx.newPage();
		page.setDefaultTimeout(30000);
		page.on('console', (m) => { if (m.type() === 'error' || /Content Security Policy/.test(m.text())) r.console.push(m.text()); });
		page.on('pageerror', (e) => r.console.push(`uncaught: ${e.message}`));
		await page.goto(pageUrl, { waitUntil: 'load' });
		return { ctx, page };
	};
	try {
		// --- desktop, script on, the page's policy in force
		let { ctx, page } = await open(DESKTOP);
		r.finder = await page.evaluate(() => !!document.getElementById('kpi-finder'));
		r.fit = await page.evaluate(measureFit);
		r.sticky = await page.evaluate(measureSticky);
		const all = await page.evaluate(visibleRows);
		r.rows = all.length;
		const toggle = page.locator('.col-toggle input').first();
		r.toggle = { method: false, latestHidden: false };
		r.sticky.name = false;
		if (await toggle.count()) {
			await toggle.check();
			r.toggle = await page.evaluate(() => {
				const t = document.querySelector('table.kpi-table');
				const m = t.querySelector('td.method'), l = t.querySelector('td.latest');
				return { method: !!m && getComputedStyle(m).display !== 'none', latestHidden: !!l && getComputedStyle(l).display === 'none' };
			});
			r.sticky.name = await page.evaluate(nameSticks);
			await toggle.uncheck();
		}
		if (r.finder && all.length) {
			const options = (sel) => page.$$eval(`${sel} option`, (os) => os.map((o) => ({ value: o.value, label: o.textContent })).filter((o) => o.value));
			r.grades = [];
			for (const g of await options('#kpi-grade')) {
				await page.selectOption('#kpi-grade', g.value);
				const shown = await page.evaluate(visibleRows);
				r.grades.push({ ...g, shown: shown.length, expected: all.filter((x) => x.grade === g.value).length,
					only: shown.every((x) => x.grade === g.value) });
			}
			await page.selectOption('#kpi-grade', '');
			const depts = await options('#kpi-dept');
			await page.selectOption('#kpi-dept', depts[0].value);
			let shown = await page.evaluate(visibleRows);
			const inDept = (x) => x.dept.split(' ').includes(depts[0].value);
			r.dept = { ...depts[0], shown: shown.length, expected: all.filter(inDept).length, only: shown.every(inDept) };
			await page.selectOption('#kpi-dept', '');
			const goals = await options('#kpi-goal');
			const goal = goals[Math.min(1, goals.length - 1)];
			await page.selectOption('#kpi-goal', goal.value);
			shown = await page.evaluate(visibleRows);
			r.goal = { ...goal, shown: shown.length, expected: all.filter((x) => x.goal === goal.value).length,
				only: shown.every((x) => x.goal === goal.value),
				otherSections: await page.evaluate((g) => [...document.querySelectorAll('section.goal')]
					.filter((s) => s.id !== `goal-${g}` && s.checkVisibility()).length, goal.value) };
			await page.selectOption('#kpi-goal', '');
			const q = all[Math.min(5, all.length - 1)].name.trim().slice(0, 4);
			await page.fill('#kpi-search', q);
			shown = await page.evaluate(visibleRows);
			r.search = { query: q, shown: shown.length, expected: all.filter((x) => x.name.includes(q)).length,
				only: shown.every((x) => x.name.includes(q)),
				status: await page.textContent('#kpi-status') };
			await page.fill('#kpi-search', '');
			r.sort = {};
			for (const how of ['desc', 'asc']) {
				await page.selectOption('#kpi-sort', how);
				shown = await page.evaluate(visibleRows);
				const ordered = [...new Set(shown.map((x) => x.table))].every((t) => {
					const rates = shown.filter((x) => x.table === t).map((x) => x.rate).filter((x) => x !== null);
					return rates.every((v, i) => i === 0 || (how === 'desc' ? rates[i - 1] >= v : rates[i - 1] <= v));
				});
				r.sort[how] = { shown: shown.length, ordered, flat: await page.evaluate(() => document.querySelectorAll('table.kpi-table.flat').length) };
			}
			const grades = await options('#kpi-grade');
			if (grades.length)
				await page.selectOption('#kpi-grade', grades[grades.length - 1].value);
			await page.selectOption('#kpi-sort', 'asc');
			await page.locator('#appendix-kpi').screenshot({ path: path.join(outdir, 'finder.png') }).catch(() => {});
			await page.selectOption('#kpi-grade', '');
			await page.selectOption('#kpi-sort', '');
			shown = await page.evaluate(visibleRows);
			r.restored = { order: JSON.stringify(shown.map((x) => x.id)) === JSON.stringify(all.map((x) => x.id)),
				flat: await page.evaluate(() => document.querySelectorAll('table.kpi-table.flat').length),
				headings: await page.evaluate(() => [...document.querySelectorAll('table.kpi-table th.heading')].every((h) => h.checkVisibility())) };
		}
		await page.emulateMedia({ media: 'print' });
		r.print = await page.evaluate(measurePrint);
		await ctx.close();
		// --- script disabled
		({ ctx, page } = await open(DESKTOP, false));
		const plain = await page.evaluate(visibleRows);
		r.noscript = { ids: plain.map((x) => x.id), finder: await page.evaluate(() => !!document.getElementById('kpi-finder')) };
		await ctx.close();
		// --- phone
		({ ctx, page } = await open(PHONE));
		r.cards = await page.evaluate(measureCards);
		r.phoneScrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
		await ctx.close();
	} finally {
		await close();
	}
	const c = r.checks;
	c.csp = r.console.length === 0 && r.requests.length === 0;
	c.fit = r.fit.rows > 0 && r.fit.nbad === 0;
	c.sticky = r.sticky.header && r.sticky.name;
	c.toggle = r.toggle.method && r.toggle.latestHidden;
	c.filter = !!r.grades && r.grades.length > 0 && r.grades.every((g) => g.only && g.shown === g.expected) &&
		r.dept.only && r.dept.shown === r.dept.expected && r.goal.only && r.goal.shown === r.goal.expected && r.goal.otherSections === 0;
	c.search = !!r.search && r.search.only && r.search.shown === r.search.expected && r.search.shown > 0;
	c.sort = !!r.sort && ['desc', 'asc'].every((h) => r.sort[h].ordered && r.sort[h].shown === r.rows && r.sort[h].flat > 0) &&
		r.restored.order && r.restored.flat === 0 && r.restored.headings;
	c.noscript = !r.noscript.finder && r.noscript.ids.length === r.rows;
	c.cards = r.cards.rows > 0 && r.cards.nbad === 0 && r.phoneScrollWidth <= PHONE.viewport.width;
	c.print = r.print.extra > 0 && r.print.hiddenExtra === 0 && r.print.shownLatest === 0;
	r.failed = Object.keys(c).filter((k) => !c[k]);
	fs.writeFileSync(path.join(outdir, 'kpi.json'), `${JSON.stringify(r, null, 2)}\n`);
	console.log(`${htmlPath}: ${r.failed.length ? `FAILED ${r.failed.join(', ')}` : 'every KPI table check passed'} (${r.rows} KPI rows)`);
	for (const k of Object.keys(c)) console.log(`  ${k.padEnd(9)} ${c[k] ? 'ok' : 'FAIL'}`);
	if (!c.fit) console.log(`  fit: ${r.fit.nbad} cells out of sight, e.g. ${JSON.stringify(r.fit.bad.slice(0, 3))}`);
	if (!c.csp) console.log(`  csp: ${[...r.console, ...r.requests].slice(0, 3).join('; ')}`);
	return r.failed.length ? 1 : 0;
}

run().then((s) => { clearTimeout(watchdog); process.exitCode = s; },
	(e) => { clearTimeout(watchdog); process.stderr.write(`kpi.mjs: ${e instanceof LaunchError ? e.message : (e && e.stack) || e}\n`); process.exitCode = 2; });
