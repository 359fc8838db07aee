// tests/serve/browser.mjs — `cjm serve` in a real browser: Debian's
// headless Chromium, driven by playwright-core. Loads the page, then
// edits the journey (as editors save: a new file renamed over the old one)
// and checks that the picture changes by itself within a second, with no
// reload of the page; that a broken journey shows its diagnostics and
// keeps the last good picture; that the fix brings the page back; that a
// save of a module it uses counts; that the map/flow switch, the persona
// selector and the theme switch ask for the right picture; that every text
// of the page reads at 4.5:1 or more in both themes; that the page logs no
// error (a refused script or style would); and that SIGTERM ends the
// server with status 0. Binds 127.0.0.1 only, and stops by itself (120 s
// at most).
// Usage: node browser.mjs CJM CHROMIUM
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [cjm, chromiumPath] = process.argv.slice(2);
// How soon after a save the new picture must show (a sanitizer build may
// allow more: CJM_SERVE_UPDATE_MS).
const updateMs = Number(process.env.CJM_SERVE_UPDATE_MS || 1000);
const name = 'serve/browser';

let server = null;
let browser = null;
let serverLog = '';
const tmp = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), 'cjm-serve-browser.'));

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  if (server && server.exitCode === null) server.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
}

const watchdog = setTimeout(() => {
  console.error(`${name}: FAIL: not finished within 120 s\n${serverLog}`);
  cleanup().finally(() => process.exit(1));
}, 120000);

function check(ok, message) {
  if (!ok) throw new Error(message);
}

// Saves as editors do: a new file renamed over the old one.
function save(file, text) {
  fs.writeFileSync(path.join(tmp, file + '.new'), text);
  fs.renameSync(path.join(tmp, file + '.new'), path.join(tmp, file));
}

const journey = (label, extra = '') => `journey "Browser test"
use "parts"
persona ann "Ann Analyst"
persona bob "Bob Buyer"
stage look "Look"
  step first "First step" by ann via web
    feel 1 "keen"
  step second "${label}" by bob
    feel -1 "lost"
${extra}`;

// Starts cjm serve on a free port of 127.0.0.1; resolves to its URL.
function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(cjm, ['serve', 'j.cjm', '--port', '0', '--host', '127.0.0.1'], { cwd: tmp });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL within 10 s\n${serverLog}`)), 10000);
    server.stdout.on('data', (data) => {
      out += data;
      const match = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/)$/m);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.stderr.on('data', (data) => { serverLog += data; });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cjm serve exited (${code})\n${serverLog}`));
    });
  });
}

// Every text of the page that is shown, with its contrast against the
// background it is drawn on when that is below 4.5:1 (WCAG AA).
function lowContrast() {
  const parse = (c) => {
    const p = c.match(/rgba?\(([^)]+)\)/)[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const channel = (v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const low = [];
  for (const el of document.querySelectorAll('body *')) {
    if (['SCRIPT', 'STYLE', 'IMG', 'OPTION'].includes(el.tagName)) continue;
    const text = el.tagName === 'SELECT' ||
                 [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!text || !box.width || !box.height) continue;
    const [a, b] = [luminance(parse(getComputedStyle(el).color)), luminance(background(el))].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) low.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className} ${ratio.toFixed(2)}:1`);
  }
  return low;
}

async function main() {
  save('parts.cjm', 'channel web "Web site"\n');
  save('j.cjm', journey('Second look'));
  const url = await startServer();
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  let navigations = 0;
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations++; });

  await page.goto(url);
  const generation = () => page.evaluate(() => Number(document.getElementById('picture').dataset.generation || 0));
  const picture = () => page.evaluate(async () => {
    const img = document.getElementById('picture');
    const response = await fetch(img.dataset.request);
    return { request: img.dataset.request, svg: await response.text(), shown: !img.hidden && img.naturalWidth > 0 };
  });
  await page.waitForFunction(() => Number(document.getElementById('picture').dataset.generation || 0) > 0, null,
                             { timeout: 10000 });
  check(await page.textContent('#title') === 'Browser test', 'the title is not the journey\'s');
  check(/Up to date/.test(await page.textContent('#status')), 'the status does not say up to date');
  check(await page.isHidden('#problems'), 'problems shown for a clean journey');
  const options = await page.$$eval('#persona option', (os) => os.map((o) => o.value));
  check(JSON.stringify(options) === '["","ann","bob"]', `persona options ${JSON.stringify(options)}`);
  let shown = await picture();
  check(shown.shown && shown.svg.includes('Second look'), 'the first picture is not shown');
  check(shown.svg.includes('class="node row"'), 'the map view is not the default');

  // A save: the picture changes by itself, within a second, no reload.
  const waitNewer = async (than, what) => {
    const start = Date.now();
    await page.waitForFunction((g) => Number(document.getElementById('picture').dataset.generation || 0) > g,
                               than, { timeout: 10000, polling: 20 })
      .catch(() => { throw new Error(`${what}: the picture did not change\n${serverLog}`); });
    const took = Date.now() - start;
    check(took <= updateMs, `${what}: the picture took ${took} ms to change (at most ${updateMs})`);
    return took;
  };
  let before = await generation();
  save('j.cjm', journey('Third look'));
  const took = await waitNewer(before, 'a save');
  shown = await picture();
  check(shown.svg.includes('Third look') && !shown.svg.includes('Second look'), 'the new picture lacks the edit');

  // Broken: the diagnostics show, the last good picture stays.
  before = await generation();
  save('j.cjm', journey('Fourth look', '  step bad "Bad step" by nobody\n'));
  await page.waitForSelector('#problems', { state: 'visible', timeout: 10000 });
  const diagnostics = await page.textContent('#diagnostics');
  check(diagnostics.includes("unknown persona 'nobody'"), `the diagnostics: ${diagnostics}`);
  check(diagnostics.includes('j.cjm:10:'), `the diagnostics lack the location: ${diagnostics}`);
  check((await page.getAttribute('#status', 'class')) === 'errors', 'the status does not say errors');
  check(/last good picture/.test(await page.textContent('#note')), 'no note that the picture is the last good one');
  check(await generation() === before, 'the picture changed while the journey had errors');
  shown = await picture();
  check(shown.shown && shown.svg.includes('Third look'), 'the last good picture is gone');
  for (const theme of ['light', 'dark']) {
    await page.selectOption('#theme', theme);
    const low = await page.evaluate(lowContrast);
    check(low.length === 0, `${theme} theme with errors, contrast below 4.5:1: ${low.join(', ')}`);
  }
  await page.selectOption('#theme', 'light');

  // Fixed: the page recovers.
  before = await generation();
  save('j.cjm', journey('Fifth look'));
  await waitNewer(before, 'the fix');
  await page.waitForSelector('#problems', { state: 'hidden', timeout: 5000 });
  check(await page.isHidden('#note'), 'the note stays after the fix');
  check((await picture()).svg.includes('Fifth look'), 'the fixed picture lacks the edit');

  // A module it uses.
  before = await generation();
  save('parts.cjm', 'channel web "Web portal"\n');
  await waitNewer(before, 'a save of the module');
  check((await picture()).svg.includes('Web portal'), 'the module\'s change is not drawn');

  // The switches.
  await page.selectOption('#view', 'flow');
  await page.waitForFunction(() => (document.getElementById('picture').dataset.request || '').includes('view=flow'));
  shown = await picture();
  check(!shown.svg.includes('class="node row"') && shown.svg.includes('class="edge flow'), 'the flow view is not drawn');
  await page.selectOption('#persona', 'bob');
  await page.waitForFunction(() => (document.getElementById('picture').dataset.request || '').includes('persona=bob'));
  shown = await picture();
  check(shown.svg.includes('Fifth look') && !shown.svg.includes('First step'), 'the persona selector does not filter');
  await page.selectOption('#theme', 'dark');
  await page.waitForFunction(() => (document.getElementById('picture').dataset.request || '').includes('theme=dark'));
  check((await page.getAttribute('html', 'data-theme')) === 'dark', 'the theme switch does not change the page');
  for (const theme of ['dark', 'light']) {
    await page.selectOption('#theme', theme);
    const low = await page.evaluate(lowContrast);
    check(low.length === 0, `${theme} theme, contrast below 4.5:1: ${low.join(', ')}`);
  }
  // The persona chosen survives a save; a persona removed falls back to all.
  before = await generation();
  save('j.cjm', journey('Sixth look'));
  await waitNewer(before, 'a save with a persona chosen');
  check((await page.inputValue('#persona')) === 'bob', 'the persona chosen was lost on a save');
  check((await picture()).svg.includes('Sixth look'), 'the persona\'s picture lacks the edit');

  check(navigations === 1, `the page was loaded ${navigations} times: updates must need no reload`);
  check(problems.length === 0, `the page logged errors: ${problems.join('; ')}`);

  // SIGTERM: the server ends, status 0; the page says it is disconnected.
  server.removeAllListeners('exit');
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  server.kill('SIGTERM');
  const end = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 10000))]);
  check(end !== null, 'cjm serve did not stop within 10 s of SIGTERM');
  check(end.code === 0, `cjm serve ended with ${end.code ?? end.signal} after SIGTERM, not 0\n${serverLog}`);
  await page.waitForFunction(() => /Disconnected/.test(document.getElementById('status').textContent), null,
                             { timeout: 10000 });
  check(!/AddressSanitizer|LeakSanitizer|runtime error:/.test(serverLog), `sanitizer report:\n${serverLog}`);
  console.log(`${name}: ok (a save showed in ${took} ms)`);
}

main().then(async () => {
  clearTimeout(watchdog);
  await cleanup();
  process.exit(0);
}, async (error) => {
  clearTimeout(watchdog);
  console.error(`${name}: FAIL: ${error.message}`);
  await cleanup();
  process.exit(1);
});
