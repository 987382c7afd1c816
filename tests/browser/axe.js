// axe.js URL OUTDIR PAGE...: load each page of the dashboard in headless Debian chromium,
// save a screenshot under OUTDIR, run axe-core, and exit 1 on any violation.
// AXE_USER=name:password logs in (HTTP Basic) first.
'use strict';
const path = require('path');
const fs = require('fs');
const puppeteer = require('puppeteer-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function main() {
	const [base, outdir, ...pages] = process.argv.slice(2);
	const profile = fs.mkdtempSync(path.join(outdir, 'chromium-profile-'));
	const browser = await puppeteer.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
			'--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync',
			'--user-data-dir=' + profile],
	});
	let failed = 0;
	try {
		for (const p of pages) {
			const page = await browser.newPage();
			// The dashboard's CSP forbids scripts; axe is injected by the test only.
			await page.setBypassCSP(true);
			await page.setViewport({ width: 1280, height: 900 });
			if (process.env.AXE_USER) {
				const i = process.env.AXE_USER.indexOf(':');
				await page.authenticate({ username: process.env.AXE_USER.slice(0, i),
					password: process.env.AXE_USER.slice(i + 1) });
			}
			const res = await page.goto(base + p, { waitUntil: 'load' });
			if (!res || res.status() !== 200) {
				console.error(`${p}: HTTP ${res ? res.status() : 'none'}`);
				failed++;
				continue;
			}
			const name = p === '/' ? 'overview' : p.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
			await page.screenshot({ path: path.join(outdir, `screenshot-${name}.png`), fullPage: true });
			await page.evaluate(axeSource);
			const result = await page.evaluate(async () =>
				await window.axe.run(document, { resultTypes: ['violations'] }));
			for (const v of result.violations) {
				failed++;
				console.error(`${p}: ${v.id} (${v.impact}): ${v.help}`);
				for (const n of v.nodes.slice(0, 5))
					console.error(`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`);
			}
			console.log(`${p}: ${result.violations.length} violations, ${result.passes ? result.passes.length : '?'} checks passed`);
			await page.close();
		}
	} finally {
		await browser.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
