#!/usr/bin/env node
// serve.mjs - kpic serve in a browser: the open page follows the source.
//
// Usage: node tests/browser/serve.mjs URL SRC
//
// Opens URL (a running `kpic serve SRC`) in Debian's headless Chromium, driven
// by playwright-core as check.mjs does, scrolls down, then edits SRC as an
// editor saves it (a new file renamed over the old) and, never reloading the
// page itself, waits for
//   reload   the page to show the edited value (観光入込客数 of 2015:
//            153万2千 -> 153万9千), at about the scroll position it had;
//   overlay  after an edit that does not check, the diagnostics over the page
//            (#kpic-diagnostics, naming the file and line) while the page is
//            still the last good document;
//   console  no uncaught exception and no console error (one would be there
//            for whatever the page's Content-Security-Policy refused).
// Prints one line per check ("ok NAME" or "not ok NAME: why", as the tests
// do) and a JSON summary on the last line.  Exit status: 0 every check passed,
// 1 one failed, 2 the page could not be checked.
//
// Environment: CHROMIUM, KPIC_BROWSER_DIR as for launch.mjs.
import fs from 'node:fs';
import { launchChromium } from './launch.mjs';

const WAIT_MS = 30000; // one rebuild seen by the page
const WATCHDOG_MS = 150000;
const SCROLL_Y = 2000;

// Replaces the first `from` in src with `to`, saved as editors do.
function edit(src, from, to) {
	const text = fs.readFileSync(src, 'utf8');
	if (!text.includes(from)) throw new Error(`${src}: no ${from}`);
	fs.writeFileSync(`${src}.new`, text.replace(from, to));
	fs.renameSync(`${src}.new`, src);
}

const results = [];
function check(name, ok, why) {
	results.push({ name, ok });
	console.log(ok ? `ok ${name}` : `not ok ${name}: ${why}`);
}

const bodyHas = (page, s) => page.evaluate((t) => document.body.innerText.includes(t), s);

async function run(page, url, src) {
	let loads = 0;
	page.on('load', () => { loads++; });
	const errors = [];
	page.on('pageerror', (e) => errors.push(e.message));
	// a script or request the page's Content-Security-Policy refused is a console error
	page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
	await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
	check('serve page: shows the source\'s value', await bodyHas(page, '153万2千'), 'no 153万2千');
	await page.evaluate((y) => window.scrollTo(0, y), SCROLL_Y);
	const before = await page.evaluate(() => window.scrollY);
	const loadsBefore = loads;

	edit(src, '<value year="2015">1532000</value>', '<value year="2015">1539000</value>');
	const shown = await page.waitForFunction(() => document.body.innerText.includes('153万9千'), null,
		{ timeout: WAIT_MS }).then(() => true, () => false);
	check('serve page: shows the edited value without the test reloading it', shown, 'still 153万2千');
	// the new document's text is there before its load event: wait for that
	// (bounded), and a little more for a second reload that should not come
	for (let t = 0; t < 50 && loads === loadsBefore; t++) await page.waitForTimeout(100);
	await page.waitForTimeout(300);
	check('serve page: it reloaded itself once', loads === loadsBefore + 1, `${loads - loadsBefore} loads`);
	await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 50, before, { timeout: 5000 }).catch(() => {});
	const after = await page.evaluate(() => window.scrollY);
	check('serve page: keeps its scroll position', before > 0 && Math.abs(after - before) < 50,
		`scrollY ${before} before, ${after} after`);

	const line = fs.readFileSync(src, 'utf8').split('\n').findIndex((l) => l.includes('<value year="2016">1530000</value>')) + 1;
	edit(src, '<value year="2016">1530000</value>', '<value year="2016">百五十万</value>');
	const box = await page.waitForSelector('#kpic-diagnostics', { state: 'visible', timeout: WAIT_MS })
		.then(() => page.textContent('#kpic-diagnostics'), () => '');
	check('serve page: a broken edit shows the diagnostics over the page',
		box.includes(`strategy.xml:${line}:`) && box.includes('error'), `overlay: ${JSON.stringify(box.slice(0, 200))}`);
	check('serve page: ... over the last good document', await bodyHas(page, '153万9千'), 'no 153万9千 under it');

	edit(src, '<value year="2016">百五十万</value>', '<value year="2016">1530000</value>');
	const gone = await page.waitForFunction(() => !document.getElementById('kpic-diagnostics'), null,
		{ timeout: WAIT_MS }).then(() => true, () => false);
	check('serve page: fixed again, the overlay goes', gone, 'still shown');
	check('serve page: no uncaught exception, no console error (nothing the CSP refused)', errors.length === 0, errors.join('; '));
}

async function main() {
	const [url, src] = process.argv.slice(2);
	if (!url || !src || process.argv.length > 4) {
		process.stderr.write('usage: node tests/browser/serve.mjs URL SRC\n');
		process.exit(2);
	}
	const { browser, close } = await launchChromium({ timeout: WAIT_MS, localhost: true });
	try {
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP',
			serviceWorkers: 'block', acceptDownloads: false });
		await run(await context.newPage(), url, src);
	} finally {
		await close();
	}
	const failed = results.filter((r) => !r.ok).length;
	console.log(JSON.stringify({ checks: results.length, failed }));
	return failed ? 1 : 0;
}

const watchdog = setTimeout(() => {
	process.stderr.write(`serve.mjs: gave up after ${WATCHDOG_MS / 1000} s\n`);
	process.exit(2);
}, WATCHDOG_MS);
main().then((rc) => { clearTimeout(watchdog); process.exit(rc); },
	(e) => { clearTimeout(watchdog); process.stderr.write(`serve.mjs: ${e.message}\n`); process.exit(2); });
