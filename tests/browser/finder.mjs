#!/usr/bin/env node
// finder.mjs - the KPI finder's own words, as a reader sees them.
//
// Usage: node tests/browser/finder.mjs HTML
//
// Opens HTML in Debian's headless Chromium (playwright-core), with the page's
// own Content-Security-Policy in force, and prints one line of JSON: the
// labels of the finder's fields and the first option of its goal filter,
// which kensho.js takes from the page (the appendix's data-level-goal).
// Exit status: 0 printed, 2 the page could not be checked.  Environment:
// CHROMIUM, KPIC_BROWSER_DIR as for launch.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './launch.mjs';

function fail(msg) {
	process.stderr.write(`finder.mjs: ${msg}\n`);
	process.exit(2);
}
const htmlArg = process.argv[2];
if (!htmlArg || !fs.existsSync(htmlArg)) fail('usage: node tests/browser/finder.mjs HTML');
const watchdog = setTimeout(() => fail('gave up after 60 s'), 60000);
const { browser, close } = await launchChromium().catch((e) => fail(e.message));
try {
	const page = await browser.newPage();
	await page.goto(pathToFileURL(path.resolve(htmlArg)).href);
	const found = await page.evaluate(() => {
		const form = document.getElementById('kpi-finder');
		if (!form) return null;
		const goal = document.getElementById('kpi-goal');
		return {
			labels: [...form.querySelectorAll('label')].map((l) => l.firstChild ? l.firstChild.textContent : ''),
			goalAll: goal ? goal.options[0].textContent : null,
		};
	});
	process.stdout.write(JSON.stringify(found) + '\n');
} finally {
	clearTimeout(watchdog);
	await close();
}
