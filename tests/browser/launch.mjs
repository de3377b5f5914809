// launch.mjs - Debian's headless Chromium, driven by playwright-core, as
// every browser check here (check.mjs, kpi.mjs, serve.mjs, finder.mjs)
// starts it.
//
// The npm packages live in build/browser/node_modules, outside the source
// tree (make browser-tools), so they are resolved from there and not from
// this file.  Environment: CHROMIUM (default /usr/bin/chromium);
// KPIC_BROWSER_DIR, where tests/browser/package.json was installed (default
// build/browser of this tree).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

// The browser could not be had: the caller's "page could not be checked".
export class LaunchError extends Error {}

// load(require): what load takes from the installed npm packages, with
// require resolving from build/browser.
export function fromPackages(load) {
	const dir = path.resolve(process.env.KPIC_BROWSER_DIR || path.join(HERE, '../../build/browser'));
	try {
		return load(createRequire(path.join(dir, 'package.json')));
	} catch (e) {
		throw new LaunchError(`the npm packages are not installed in ${dir} (run: make browser-tools): ${e.message}`);
	}
}

// Chromium runs as root here (so without its sandbox), without a GPU, and
// with none of its own background traffic (updates, sync, field trials).
// The host resolver rule makes any name lookup fail, so that a request that
// slipped past a check's interception would still reach nothing; with
// localhost, 127.0.0.1 (a `kpic serve` under test) is still reached.
function chromiumArgs(localhost) {
	return [
		'--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
		'--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
		'--disable-default-apps',
		`--host-resolver-rules=MAP * ~NOTFOUND${localhost ? ', EXCLUDE 127.0.0.1' : ''}`,
	];
}

// Starts Chromium; resolves to { browser, close }.  Its crash handler keeps a
// database under the user's configuration directory: that goes into a
// directory of this run, which close() removes after closing the browser.
// Options: timeout (ms) for the start, localhost as above.
export async function launchChromium({ timeout, localhost = false } = {}) {
	const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
	try {
		fs.accessSync(executablePath, fs.constants.X_OK);
	} catch {
		throw new LaunchError(`Chromium not found at ${executablePath} (Debian package chromium; tools/deps.sh check installs it)`);
	}
	const playwright = fromPackages((require) => require('playwright-core'));
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kpic-browser-'));
	const removeHome = () => fs.rmSync(home, { recursive: true, force: true });
	let browser;
	try {
		browser = await playwright.chromium.launch({
			executablePath, args: chromiumArgs(localhost), headless: true, timeout,
			env: { ...process.env, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
		});
	} catch (e) {
		removeHome();
		throw new LaunchError(`Chromium did not start: ${e.message.split('\n')[0]}`);
	}
	const close = async () => {
		await browser.close().catch(() => {});
		removeHome();
	};
	return { browser, close };
}
