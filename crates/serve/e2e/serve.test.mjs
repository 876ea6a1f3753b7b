// Browser end-to-end test of `herald serve` in headless Chromium.
// scripts/test-e2e.sh ingests the seed article and a hostile article, starts
// the server and sets HERALD_URL and SHOTS (the screenshot folder).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.HERALD_URL;
const SHOTS = process.env.SHOTS || "target/e2e-screenshots";
if (!BASE) throw new Error("HERALD_URL is not set: run scripts/test-e2e.sh");
mkdirSync(SHOTS, { recursive: true });

let ctx, page, profile;
const external = [];
const dialogs = [];
const consoleErrors = [];

before(async () => {
  profile = mkdtempSync(join(tmpdir(), "herald-e2e-profile-"));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // Nothing may be fetched from anywhere but the server.
  await ctx.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.origin === new URL(BASE).origin) return route.continue();
    external.push(u.href);
    return route.abort();
  });
  page = ctx.pages()[0] || (await ctx.newPage());
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
});

after(async () => {
  await ctx?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function open(path) {
  const resp = await page.goto(BASE + path, { waitUntil: "load" });
  assert.equal(resp.status(), 200, `${path} answered ${resp.status()}`);
  return resp;
}

async function shot(name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

// Usable at 1280x800: no horizontal scrolling, the navigation visible.
async function fitsWindow(path) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 1280, `${path} is ${w}px wide at a 1280px window`);
  assert.ok(await page.locator("header.top nav").isVisible(), `${path}: navigation hidden`);
}

test("overview shows counts and the events chart", async () => {
  await open("/");
  const counts = await page.locator("ul.stats strong").allInnerTexts();
  assert.ok(counts.length >= 5);
  assert.ok(Number(counts[0]) >= 2, "documents");
  assert.ok(Number(counts[1]) >= 1, "events");
  assert.ok((await page.locator("svg.chart g.bar rect").count()) >= 1, "bars");
  await fitsWindow("/");
  await shot("01-overview");
});

test("from an event to its highlighted evidence", async () => {
  await open("/events");
  const rows = page.locator("table.events tbody tr");
  assert.ok((await rows.count()) >= 1);
  await fitsWindow("/events");
  await shot("02-events");
  // Open the first event of the seed article (not the hostile one).
  const row = rows.filter({ hasNotText: "onerror" }).first();
  await row.locator("a.evidence").click();
  await page.waitForURL(/\/events\/\d+$/);
  assert.match(await page.locator("h1").innerText(), /^Event \d+/);
  const trigger = (await page.locator("article.mention dd").nth(2).innerText()).trim();
  await shot("03-event");
  await page.locator("article.mention a.evidence").first().click();
  await page.waitForURL(/\/documents\/[^?]+\?event=[^#]+#at-.+$/);
  const focus = page.locator("#text span.focus");
  assert.ok((await focus.count()) >= 1, "the trigger is highlighted");
  await focus.first().waitFor({ state: "visible" });
  const shown = (await focus.allInnerTexts()).join("").trim();
  assert.ok(trigger.includes(shown) || shown.includes(trigger), `trigger ${trigger} vs highlighted ${shown}`);
  // Its card is selected and names the rule.
  const card = page.locator(".card.ev.sel");
  assert.equal(await card.count(), 1);
  assert.match(await card.innerText(), /rule/);
  assert.ok((await page.locator("#text span.fs").count()) >= 1, "the sentence is marked");
  await fitsWindow("/documents/...");
  await shot("04-article-evidence");
});

test("article: quotes, speakers and mentions highlighted; a click shows what was coded", async () => {
  await open("/documents");
  await page.locator("table tbody a", { hasNotText: "onerror" }).first().click();
  await page.waitForURL(/\/documents\//);
  assert.ok((await page.locator("#text span.h.m").count()) >= 3, "actor mentions");
  assert.ok((await page.locator("#text span.h.q").count()) >= 1, "quotes");
  assert.ok((await page.locator("#text span.h.t").count()) >= 1, "triggers");
  const q = page.locator("#text span.h.q").first();
  const title = await q.getAttribute("title");
  assert.match(title, /Q\d+ \w+ quote, speaker .+, rule /);
  await q.click();
  const sel = page.locator(".card.qu.sel");
  assert.ok((await sel.count()) >= 1, "the quote's card is selected");
  assert.ok(await sel.first().isVisible());
  await shot("05-article-quote");
  // Printed: one column, no navigation, every card shown.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("header.top nav").isVisible(), false);
  assert.equal(await page.locator("form.filters").count() === 0 || !(await page.locator("form.filters").first().isVisible()), true);
  await page.pdf({ path: join(SHOTS, "05-article-print.pdf"), format: "A4" });
  await page.emulateMedia({ media: "screen" });
});

test("actors and an actor page", async () => {
  await open("/actors");
  assert.ok((await page.locator("table tbody tr").count()) >= 2);
  await shot("06-actors");
  await page.locator("table tbody tr a").first().click();
  await page.waitForURL(/\/actors\/.+/);
  const h2 = await page.locator("h2").allInnerTexts();
  for (const want of ["Codes and roles over time", "What they did, to whom", "Their events"]) {
    assert.ok(h2.some((t) => t.startsWith(want)), `actor page lacks ${want}`);
  }
  assert.ok((await page.locator("table").first().locator("tbody tr").count()) >= 1);
  await fitsWindow("/actors/...");
  await shot("07-actor");
});

test("quotes by speaker", async () => {
  await open("/quotes");
  const speakers = page.locator("nav.speakers a");
  assert.ok((await speakers.count()) >= 1);
  const n = Number((await page.locator("nav.speakers li small").first().innerText()).trim());
  await speakers.first().click();
  await page.waitForURL(/\/quotes\?actor=/);
  const items = page.locator("ul.quotes li");
  // As many quotes as the speaker list promised, the chosen speaker marked.
  assert.equal(await items.count(), n, "quotes of the chosen speaker");
  assert.equal(await page.locator("nav.speakers a.active").count(), 1);
  await fitsWindow("/quotes");
  await shot("08-quotes");
});

test("dyad timeline", async () => {
  await open("/dyad");
  const pair = page.locator("main ul li a").first();
  assert.ok((await pair.count()) === 1, "a busiest pair is offered");
  await pair.click();
  await page.waitForURL(/\/dyad\?a=/);
  assert.ok((await page.locator("svg.chart g.bar").count()) >= 1, "timeline bars");
  assert.ok((await page.locator("table tbody tr").count()) >= 1);
  await fitsWindow("/dyad");
  await shot("09-dyad");
});

test("actor network", async () => {
  await open("/network");
  assert.ok((await page.locator("svg.network path.edge").count()) >= 1, "edges");
  assert.ok((await page.locator("svg.network circle").count()) >= 2, "nodes");
  await fitsWindow("/network");
  await shot("10-network");
});

test("talks tracker", async () => {
  // The parties: the busiest pair of the store.
  const pairs = await (await page.request.get(BASE + "/api/events?limit=1000")).json();
  const withTarget = pairs.items.filter((e) => e.target_name && e.source_code && e.target_code);
  assert.ok(withTarget.length >= 1);
  const p = `${withTarget[0].source_code},${withTarget[0].target_code}`;
  await open(`/talks?parties=${encodeURIComponent(p)}&mediators=EGY,QAT`);
  assert.match(await page.locator("main").innerText(), /parties /);
  assert.ok((await page.locator("form.filters input[name=parties]").inputValue()) === p);
  await fitsWindow("/talks");
  await shot("11-talks");
});

test("a hostile article is shown inert", async () => {
  await open("/documents?text=onerror");
  const link = page.locator("table tbody a").first();
  assert.equal(await link.count(), 1, "the hostile article is stored");
  assert.match(await link.innerText(), /<img src=x onerror=/);
  await link.click();
  await page.waitForURL(/\/documents\//);
  const text = await page.locator("#text").innerText();
  assert.ok(text.includes("<script>window.__xss=2</script>"), "script shown as text");
  assert.ok(text.includes("<img src=x onerror=\"window.__xss=1\">"), "img shown as text");
  assert.equal(await page.locator("#text img, #text script, h1 img").count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined, "no injected code ran");
  assert.match(await page.locator("h1").innerText(), /<img src=x onerror=/);
  await shot("12-hostile");
  assert.deepEqual(dialogs, []);
});

test("error page", async () => {
  const resp = await page.goto(BASE + "/events?since=2025-99-99");
  assert.equal(resp.status(), 400);
  assert.match(await page.locator("section.error").innerText(), /bad date/);
  await shot("13-error");
});

test("nothing was loaded from the internet and no script failed", async () => {
  assert.deepEqual(external, []);
  assert.deepEqual(consoleErrors.filter((e) => !/status of 400/.test(e)), []);
});
