#!/usr/bin/env node
// check.mjs - the browser checks of one self-contained HTML page.
//
// Usage: node tests/browser/check.mjs HTML OUTDIR
//
// Opens HTML from disk in Debian's headless Chromium (driven by playwright-core)
// twice, in a fresh context each time: at desktop width (1280 px) and as a phone
// (375 px, mobile viewport rules).  The page passes when
//   console   no console message of type error and no uncaught exception;
//   network   it asks for nothing but itself: every other request is recorded
//             and aborted (http, https, ws, another file:// ...).  data: and
//             blob: URLs are let through: they are content the page carries
//             inside itself (an embedded font or image) and reach nothing;
//   overflow  at 375 px the document is no wider than the screen (wide tables
//             scroll inside their own container);
//   axe       axe-core finds no violation of any impact (minor, moderate,
//             serious, critical), at either width;
// It writes into OUTDIR: browser.json (every finding), desktop.png and
// phone.png (full-page screenshots), text.txt (document.body.innerText as the
// desktop browser sees it), and prints a short summary.
//
// Exit status: 0 every check passed, 1 a check failed, 2 the page could not be
// checked (no such file, no Chromium, npm packages not installed, the page did
// not load in time, the browser died).
//
// Environment: CHROMIUM, KPIC_BROWSER_DIR as for launch.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LaunchError, fromPackages, launchChromium } from './launch.mjs';

const PASSES = {
	desktop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
	phone: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
};
const NAV_TIMEOUT_MS = 15000; // one load of a local file
const STEP_TIMEOUT_MS = 30000; // a screenshot, an axe run
const WATCHDOG_MS = 120000; // the whole run, whatever hangs
// A violation of any impact fails: minor and moderate ones are barriers too.
const FAIL_IMPACTS = new Set(['minor', 'moderate', 'serious', 'critical']);

class Trouble extends Error {}

function usage() {
	process.stderr.write('usage: node tests/browser/check.mjs HTML OUTDIR\n');
	process.exit(2);
}

// axe-core and the versions the report names, from build/browser.
function loadModules() {
	return fromPackages((require) => ({
		axeSource: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'),
		versions: {
			playwright: require('playwright-core/package.json').version,
			axe: require('axe-core/package.json').version,
		},
	}));
}

function writeAtomic(file, data) {
	const tmp = `${file}.tmp${process.pid}`;
	fs.writeFileSync(tmp, data);
	fs.renameSync(tmp, file);
}

// What the page sees of itself at the phone's width: the document's width
// against the screen's, and the outermost elements that stick out to the
// right with no ancestor that clips or scrolls them.
function measureOverflow(screenWidth) {
	const de = document.documentElement;
	const scrollWidth = Math.max(de.scrollWidth, document.body ? document.body.scrollWidth : 0);
	const culprits = [];
	if (scrollWidth > screenWidth && document.body) {
		const seen = new Set();
		const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') +
			[...el.classList].map((c) => `.${c}`).join('');
		for (const el of document.body.querySelectorAll('*')) {
			if (seen.has(el.parentElement)) { seen.add(el); continue; }
			const right = el.getBoundingClientRect().right + window.scrollX;
			if (right <= screenWidth + 0.5) continue;
			let contained = false;
			for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
				if (getComputedStyle(a).overflowX !== 'visible') { contained = true; break; }
			}
			if (contained) continue;
			seen.add(el);
			if (culprits.length < 10) culprits.push({ element: name(el), right: Math.round(right) });
		}
	}
	return { layoutWidth: de.clientWidth, scrollWidth, culprits };
}

async function runAxe() {
	const r = await axe.run(document, { resultTypes: ['violations'] });
	return r.violations.map((v) => ({
		id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map((n) => n.target.join(' ')),
	}));
}

async function visit(browser, name, pageUrl, outdir, mods, found) {
	const spec = PASSES[name];
	const context = await browser.newContext({
		...spec, deviceScaleFactor: 1, locale: 'ja-JP', timezoneId: 'Asia/Tokyo',
		bypassCSP: true, // axe is added as an inline script; a CSP of the page's own must not stop it
		serviceWorkers: 'block', acceptDownloads: false,
	});
	try {
		// Every request but the page's own load is recorded once per pass;
		// "aborted" says the router stopped it (a request only seen through
		// the request event was not interceptable).
		const note = (url, type) => {
			const u = url.replace(/#.*$/, '');
			if (u === pageUrl) return 'own';
			if (/^(data|blob):/i.test(u) || u === 'about:blank' || u === 'about:srcdoc') return 'inline';
			found.foreign.add(u);
			let r = found.requests.find((x) => x.url === url && x.pass === name);
			if (!r) found.requests.push(r = { url, type, pass: name, aborted: false });
			return r;
		};
		await context.route('**/*', (route) => {
			const req = route.request();
			const r = note(req.url(), req.resourceType());
			if (r === 'own' || r === 'inline') return route.continue();
			r.aborted = true;
			return route.abort('blockedbyclient');
		});
		await context.routeWebSocket(() => true, (ws) => {
			note(ws.url(), 'websocket').aborted = true;
			ws.close();
		});
		const page = await context.newPage();
		page.setDefaultTimeout(STEP_TIMEOUT_MS);
		// requests the router never sees are still recorded here
		page.on('request', (req) => note(req.url(), req.resourceType()));
		page.on('websocket', (ws) => note(ws.url(), 'websocket'));
		page.on('console', (m) => {
			if (m.type() !== 'error') return;
			const loc = m.location();
			found.console.push({ pass: name, text: m.text(), url: loc.url, line: loc.lineNumber });
		});
		page.on('pageerror', (e) => found.pageErrors.push({ pass: name, message: String(e && e.message || e) }));
		page.on('crash', () => found.trouble.push(`${name}: the page crashed`));

		try {
			await page.goto(pageUrl, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
		} catch (e) {
			throw new Trouble(`${name}: the page did not load: ${e.message.split('\n')[0]}`);
		}
		await page.evaluate(() => document.fonts.ready.then(() => undefined));

		await page.screenshot({ path: path.join(outdir, `${name}.png`), fullPage: true, animations: 'disabled' });
		if (name === 'desktop') {
			const text = await page.evaluate(() => (document.body ? document.body.innerText : ''));
			writeAtomic(path.join(outdir, 'text.txt'), text.endsWith('\n') ? text : `${text}\n`);
			found.textChars = [...text].length;
		} else {
			found.overflow = await page.evaluate(measureOverflow, spec.viewport.width);
		}
		await page.addScriptTag({ content: mods.axeSource });
		for (const v of await page.evaluate(runAxe)) {
			const had = found.axe.find((a) => a.id === v.id);
			if (!had) { found.axe.push({ ...v, passes: [name] }); continue; }
			had.passes.push(name);
			for (const n of v.nodes) if (!had.nodes.includes(n)) had.nodes.push(n);
		}
	} finally {
		await context.close().catch(() => {});
	}
}

// Failed loads of what the router blocked are the network check's finding,
// not a console error of the page.
function ownConsoleErrors(found) {
	return found.console.filter((c) => !(/ERR_BLOCKED_BY_CLIENT/.test(c.text) &&
		found.foreign.has((c.url || '').replace(/#.*$/, ''))));
}

function report(htmlPath, outdir, found, meta) {
	const consoleErrors = ownConsoleErrors(found);
	const seriousAxe = found.axe.filter((v) => FAIL_IMPACTS.has(v.impact));
	const overflowPx = Math.max(0, found.overflow.scrollWidth - PASSES.phone.viewport.width);
	const checks = {
		console: consoleErrors.length + found.pageErrors.length === 0 ? 'pass' : 'fail',
		network: found.requests.length === 0 ? 'pass' : 'fail',
		overflow: overflowPx === 0 ? 'pass' : 'fail',
		axe: seriousAxe.length === 0 ? 'pass' : 'fail',
	};
	const failed = Object.keys(checks).filter((k) => checks[k] === 'fail');
	const result = {
		page: htmlPath,
		chromium: meta.chromium,
		playwright: meta.versions.playwright,
		axeCore: meta.versions.axe,
		checks,
		failed,
		consoleErrors,
		pageErrors: found.pageErrors,
		requests: found.requests,
		overflowPx,
		overflow: { width: PASSES.phone.viewport.width, ...found.overflow },
		axe: found.axe,
		screenshots: { desktop: 'desktop.png', phone: 'phone.png' },
		viewports: { desktop: PASSES.desktop.viewport.width, phone: PASSES.phone.viewport.width },
		text: 'text.txt',
		textChars: found.textChars,
		ms: meta.ms,
	};
	writeAtomic(path.join(outdir, 'browser.json'), `${JSON.stringify(result, null, 2)}\n`);

	const line = (k, detail) => console.log(`  ${k.padEnd(9)} ${checks[k] === 'pass' ? 'ok' : 'FAIL'}${detail ? `  ${detail}` : ''}`);
	console.log(`${htmlPath}: ${failed.length ? `FAILED ${failed.join(', ')}` : 'all browser checks passed'} (Chromium ${meta.chromium}, ${meta.ms.total} ms)`);
	line('console', [...consoleErrors.map((c) => `${c.pass}: ${c.text}`), ...found.pageErrors.map((e) => `${e.pass}: uncaught ${e.message}`)].slice(0, 3).join('; '));
	line('network', found.requests.slice(0, 3).map((r) => `${r.type} ${r.url}`).join('; '));
	const o = found.overflow;
	line('overflow', !overflowPx ? '' : o.layoutWidth > PASSES.phone.viewport.width
		? `laid out ${o.layoutWidth} px wide on a 375 px phone: no <meta name="viewport" content="width=device-width">?`
		: `${overflowPx} px wider than 375: ${o.culprits.map((c) => `${c.element} (to ${c.right})`).join(', ')}`);
	// Which rule, how serious, and which elements: enough to find the defect
	// from the log alone when a Chromium or axe upgrade starts failing a page.
	const where = (nodes) => nodes.slice(0, 3).join(' ') + (nodes.length > 3 ? ` and ${nodes.length - 3} more` : '');
	line('axe', found.axe.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}: ${where(v.nodes)})`).join(', '));
	console.log(`  wrote ${['browser.json', 'desktop.png', 'phone.png', 'text.txt'].map((f) => path.join(outdir, f)).join(' ')}`);
	return failed.length ? 1 : 0;
}

async function main() {
	const [htmlArg, outArg] = process.argv.slice(2);
	if (!htmlArg || !outArg || process.argv.length > 4) usage();
	const htmlPath = path.resolve(htmlArg);
	if (!fs.statSync(htmlPath, { throwIfNoEntry: false })?.isFile()) throw new Trouble(`no such file: ${htmlArg}`);
	const outdir = path.resolve(outArg);
	const t0 = Date.now();
	const { browser, close } = await launchChromium({ timeout: NAV_TIMEOUT_MS });
	const found = { console: [], pageErrors: [], requests: [], foreign: new Set(), axe: [], overflow: null, textChars: 0, trouble: [] };
	const wentAway = () => found.trouble.push('the browser went away');
	try {
		const mods = loadModules();
		fs.mkdirSync(outdir, { recursive: true });
		for (const f of ['browser.json', 'desktop.png', 'phone.png', 'text.txt']) fs.rmSync(path.join(outdir, f), { force: true });
		browser.on('disconnected', wentAway);
		const ms = { launch: Date.now() - t0 };
		const pageUrl = pathToFileURL(htmlPath).href;
		for (const name of Object.keys(PASSES)) {
			const t = Date.now();
			await visit(browser, name, pageUrl, outdir, mods, found);
			ms[name] = Date.now() - t;
			if (found.trouble.length) throw new Trouble(found.trouble.join('; '));
		}
		ms.total = Date.now() - t0;
		return report(htmlPath, outdir, found, { chromium: browser.version(), versions: mods.versions, ms });
	} finally {
		browser.off('disconnected', wentAway);
		await close();
	}
}

// Whatever hangs, the run ends: playwright-core kills the browser's whole
// process group when this process exits.
const watchdog = setTimeout(() => {
	process.stderr.write(`check.mjs: gave up after ${WATCHDOG_MS / 1000} s\n`);
	process.exit(2);
}, WATCHDOG_MS);

main().then((status) => {
	clearTimeout(watchdog);
	process.exitCode = status;
}, (e) => {
	clearTimeout(watchdog);
	process.stderr.write(`check.mjs: ${e instanceof Trouble || e instanceof LaunchError ? e.message : (e && e.stack) || e}\n`);
	process.exitCode = 2;
});
