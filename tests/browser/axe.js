// axe.js URL OUTDIR PAGE...: load each page of the dashboard in headless Debian chromium,
// save a screenshot under OUTDIR, run axe-core, and exit 1 on any violation; then load it
// again on a 375 px wide phone screen and exit 1 if anything makes the page wider than that.
// AXE_USER=name:password logs in (HTTP Basic) first.
'use strict';
const path = require('path');
const fs = require('fs');
const puppeteer = require('puppeteer-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const PHONE = 375;

// Whether the page fits a phone: its width at PHONE px, and the elements that stick out.
async function phoneWidth(page, p) {
	await page.setViewport({ width: PHONE, height: 800, isMobile: true, hasTouch: true });
	await page.reload({ waitUntil: 'load' });
	const r = await page.evaluate((phone) => {
		const wide = [];
		for (const el of document.body.querySelectorAll('*')) {
			// What is inside a scroll box may be wider: the box scrolls, not the page.
			let boxed = false;
			for (let a = el.parentElement; a && !boxed; a = a.parentElement)
				boxed = getComputedStyle(a).overflowX !== 'visible' && a.clientWidth < a.scrollWidth + 1;
			const rect = el.getBoundingClientRect();
			if (!boxed && rect.right > phone + 0.5 && wide.length < 5)
				wide.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} ` +
					`(right edge ${Math.round(rect.right)} px)`);
		}
		return { width: document.documentElement.scrollWidth, wide };
	}, PHONE);
	console.log(`${p}: ${r.width} px wide at ${PHONE} px`);
	let failed = 0;
	if (r.width > PHONE) {
		console.error(`${p}: ${r.width} px wide on a ${PHONE} px screen: ${r.wide.join(', ')}`);
		failed++;
	}
	return failed + await scrollBoxes(page, p);
}

// Every scroll box is reachable from the keyboard and named; in the matrix, the first
// column stays in place when the box is scrolled sideways.
async function scrollBoxes(page, p) {
	const r = await page.evaluate(() => {
		const bad = [];
		let sticky = null;
		for (const box of document.querySelectorAll('.scroll')) {
			if (box.getAttribute('tabindex') !== '0' || box.getAttribute('role') !== 'region' ||
			    !box.getAttribute('aria-label'))
				bad.push(box.outerHTML.slice(0, 80));
			const th = box.querySelector('table.matrix tbody th');
			if (th && box.scrollWidth > box.clientWidth) {
				const before = th.getBoundingClientRect().left;
				box.scrollLeft = box.scrollWidth;
				const cell = box.querySelector('table.matrix tbody td');
				sticky = { moved: Math.abs(th.getBoundingClientRect().left - before),
					scrolled: box.scrollLeft, cellHidden: cell.getBoundingClientRect().left < before };
				box.scrollLeft = 0;
			}
		}
		return { boxes: document.querySelectorAll('.scroll').length, bad, sticky };
	});
	let failed = 0;
	if (r.bad.length) {
		console.error(`${p}: scroll boxes without tabindex=0, role=region and a name: ${r.bad.join(' | ')}`);
		failed++;
	}
	if (r.sticky) {
		console.log(`${p}: matrix scrolled ${r.sticky.scrolled} px, first column moved ${r.sticky.moved} px`);
		if (r.sticky.moved >= 1 || !r.sticky.cellHidden) {
			console.error(`${p}: the matrix's first column does not stay in place`);
			failed++;
		}
	}
	return failed;
}

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
			failed += await phoneWidth(page, p);
			await page.close();
		}
	} finally {
		await browser.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
