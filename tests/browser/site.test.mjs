// Browser tests of the public site in Debian's chromium, driven by playwright-core.
// usage: node site.test.mjs SITE_DIR SCREENSHOT_DIR
// Serves SITE_DIR on 127.0.0.1 and checks the reader controls (size steps,
// fonts, memory across reloads and pages, keyboard, without JavaScript), that
// no request leaves the site, that there are no console errors, and axe-core.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const siteDir = resolve(process.argv[2]);
const shotDir = resolve(process.argv[3]);
mkdirSync(shotDir, { recursive: true });

let failures = 0;
let count = 0;
function check(ok, what, detail) {
  count++;
  if (ok) {
    console.log(`ok ${count} - ${what}`);
  } else {
    failures++;
    console.log(`not ok ${count} - ${what}${detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`);
  }
}

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.xml': 'application/xml', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = resolve(join(siteDir, path.endsWith('/') ? path + 'index.html' : path));
  if (!file.startsWith(siteDir + sep) || !existsSync(file)) {
    res.writeHead(404);
    res.end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const statementPage = `${origin}/statements/statement-sakharova-joint.html`;

const profile = mkdtempSync(join(tmpdir(), 'vigil-chromium-'));
const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true, args: launchArgs,
  viewport: { width: 1000, height: 900 },
});

// Every request is checked: only the site itself may be asked for.
const outside = [];
const consoleErrors = [];
function watch(ctx) {
  return ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url.startsWith('file://') || url.startsWith('data:')) {
      return route.continue();
    }
    outside.push(url);
    return route.abort();
  });
}
function listen(page) {
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('requestfailed', (r) => {
    if (!outside.includes(r.url())) consoleErrors.push('request failed: ' + r.url());
  });
}
await watch(context);
const page = context.pages()[0] || await context.newPage();
listen(page);
// Records <html>'s classes when parsing ends, before deferred site.js runs:
// only the inline <head> script can have set them by then (before first paint).
await context.addInitScript(() => {
  document.addEventListener('readystatechange', () => {
    if (document.readyState === 'interactive') window.__classAtParse = document.documentElement.className;
  });
});

const sizes = ['Smaller', 'Small', 'Medium', 'Big', 'Bigger'];
const fonts = ['Default', 'Helvetica', 'Segoe', 'Georgia', 'Times'];
const bodyStyle = () => page.evaluate(() => {
  const s = getComputedStyle(document.querySelector('main p'));
  return { size: parseFloat(s.fontSize), family: s.fontFamily };
});
const pressed = (name) => page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed');

await page.goto(statementPage);
check(await page.locator('header time').innerText() !== '', 'the header shows a date',
  await page.locator('header time').innerText());
check(/^[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}$/.test(await page.locator('header time').innerText()),
  'the date reads like "Fri, Oct 4"', await page.locator('header time').innerText());
const labels = await page.locator('header button').allInnerTexts();
check(JSON.stringify(labels) === JSON.stringify([...sizes, ...fonts]),
  'the header has exactly the five sizes and five fonts as buttons', labels);
await page.screenshot({ path: join(shotDir, 'statement-default.png'), fullPage: true });

// Each size step makes the text bigger, in order; the pressed state follows.
const measured = [];
for (const s of sizes) {
  await page.getByRole('button', { name: s, exact: true }).click();
  measured.push((await bodyStyle()).size);
  const states = await Promise.all(sizes.map(pressed));
  check(states.filter((x) => x === 'true').length === 1 && states[sizes.indexOf(s)] === 'true',
    `"${s}" is the one size announced as pressed`, states);
}
check(measured.every((v, i) => i === 0 || v > measured[i - 1]),
  'each size step increases the computed font size', measured);

// Each font choice changes the computed font family.
const families = [];
for (const f of fonts) {
  await page.getByRole('button', { name: f, exact: true }).click();
  families.push((await bodyStyle()).family);
  check(await pressed(f) === 'true', `"${f}" is announced as pressed`);
}
check(new Set(families).size === fonts.length, 'each font gives a different computed font family', families);

// The choice survives a reload and a move to another page, applied before first paint.
await page.getByRole('button', { name: 'Big', exact: true }).click();
await page.getByRole('button', { name: 'Georgia', exact: true }).click();
const chosen = await bodyStyle();
await page.screenshot({ path: join(shotDir, 'statement-big-georgia.png'), fullPage: true });
await page.reload();
let after = await bodyStyle();
check(after.size === chosen.size && after.family === chosen.family, 'the choice survives a reload', after);
check(/fs-big/.test(await page.evaluate(() => window.__classAtParse)) &&
  /ff-georgia/.test(await page.evaluate(() => window.__classAtParse)),
  'the choice is applied by the head script, before the page is painted',
  await page.evaluate(() => window.__classAtParse));
check(await pressed('Big') === 'true' && await pressed('Georgia') === 'true',
  'after a reload the remembered buttons are announced as pressed');
await page.getByRole('link', { name: 'Klara Sakharova' }).first().click();
await page.waitForURL('**/defenders/klara-sakharova.html');
const defenderSize = await page.evaluate(() => getComputedStyle(document.querySelector('h1')).fontFamily);
check(defenderSize === chosen.family && await pressed('Big') === 'true',
  'the choice carries over to another page', defenderSize);
check(await page.locator('section.timeline svg circle').count() > 0, 'the defender page has the timeline chart');
await page.screenshot({ path: join(shotDir, 'defender.png'), fullPage: true });
await page.getByRole('link', { name: 'All statements' }).click();
await page.waitForURL('**/index.html');
check(await page.evaluate(() => document.documentElement.className).then((c) => /fs-big/.test(c)),
  'and to the index');

// Keyboard: Tab reaches the controls; Enter and Space press them.
await page.goto(statementPage);
let reached = false;
for (let i = 0; i < 30 && !reached; i++) {
  await page.keyboard.press('Tab');
  reached = await page.evaluate(() => document.activeElement?.textContent === 'Smaller');
}
check(reached, 'Tab reaches the "Smaller" button');
await page.keyboard.press('Enter');
check(await pressed('Smaller') === 'true', 'Enter presses "Smaller"');
await page.keyboard.press('Tab');
await page.keyboard.press('Space');
check(await pressed('Small') === 'true' && await pressed('Smaller') === 'false', 'Tab then Space presses "Small"');
const focusRing = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
check(focusRing !== 'none', 'the focused button shows a focus ring', focusRing);

// Accessibility: axe-core finds no serious or critical violation.
for (const url of [statementPage, `${origin}/index.html`, `${origin}/defenders/klara-sakharova.html`]) {
  await page.goto(url);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(bad.length === 0, `axe-core: no serious violation on ${url.slice(origin.length)}`,
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`));
}

// The print stylesheet hides the controls and the navigation.
await page.goto(statementPage);
await page.emulateMedia({ media: 'print' });
check(!(await page.locator('header button').first().isVisible()) && !(await page.locator('nav.top').isVisible()),
  'printing hides the reader controls and the navigation');
await page.emulateMedia({ media: 'screen' });

// The one-file HTML report: reader controls work from its inline script, nothing is
// loaded, and axe-core finds no serious violation.
if (process.env.VIGIL_REPORT_HTML) {
  await page.goto(pathToFileURL(process.env.VIGIL_REPORT_HTML).href);
  await page.getByRole('button', { name: 'Bigger', exact: true }).click();
  check(await pressed('Bigger') === 'true' &&
    parseFloat(await page.evaluate(() => getComputedStyle(document.querySelector('main p')).fontSize)) > 16,
    'the report\'s reader controls work from its inline script');
  check(await page.locator('svg[role=img] circle').count() > 0, 'the report has the timeline chart');
  await page.addScriptTag({ content: axeSource });
  const res = await page.evaluate(async () => await window.axe.run(document));
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(bad.length === 0, 'axe-core: no serious violation in the HTML report',
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`));
  await page.screenshot({ path: join(shotDir, 'report.png'), fullPage: true });
}

// Without JavaScript: the buttons (which would do nothing) are hidden and the
// CSS-only radio controls change this page.
const nojs = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: launchArgs });
const njContext = await nojs.newContext({ javaScriptEnabled: false });
await watch(njContext);
const nj = await njContext.newPage();
listen(nj);
await nj.goto(statementPage);
check(!(await nj.locator('header button').first().isVisible()), 'without JavaScript the buttons are hidden');
const njBefore = await nj.evaluate(() => getComputedStyle(document.querySelector('main p')).fontSize);
await nj.locator('label', { hasText: /^Bigger$/ }).click();
await nj.locator('label', { hasText: /^Times$/ }).click();
const njStyle = await nj.evaluate(() => {
  const s = getComputedStyle(document.querySelector('main p'));
  return { size: parseFloat(s.fontSize), family: s.fontFamily };
});
check(njStyle.size > parseFloat(njBefore) && /Times/.test(njStyle.family),
  'without JavaScript the radio controls still change size and font', { before: njBefore, ...njStyle });
await nj.screenshot({ path: join(shotDir, 'statement-nojs-bigger-times.png'), fullPage: true });
await nojs.close();

// The folder works from the file system: relative links only.
const filePage = await context.newPage();
listen(filePage);
await filePage.goto(pathToFileURL(join(siteDir, 'index.html')).href);
await filePage.getByRole('link', { name: /Joint statement/ }).first().click();
await filePage.waitForLoadState('load');
check(filePage.url().startsWith('file://') && /statement-sakharova-joint\.html$/.test(filePage.url()),
  'from file://, the index links to the statement page', filePage.url());
check(await filePage.evaluate(() => getComputedStyle(document.body).marginTop) === '0px',
  'from file://, the stylesheet loads');

check(outside.length === 0, 'no request left the site', outside);
check(consoleErrors.length === 0, 'no console errors', consoleErrors);

await context.close();
server.close();
rmSync(profile, { recursive: true, force: true });
console.log(`1..${count}`);
console.log(failures ? `${failures} of ${count} checks failed` : `all ${count} checks passed; screenshots in ${shotDir}`);
process.exit(failures ? 1 : 0);
