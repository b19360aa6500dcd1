// What the browser tests share: a static host for the bundle (as any web host would serve it,
// with the trust list at its well-known path), and Debian's Chromium driven by playwright-core.

import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const BUNDLE = process.env.WEB_BUNDLE ?? join(ROOT, "target/web-test/bundle");
export const FIXTURES = process.env.WEB_FIXTURES ?? join(ROOT, "target/web-test/fixtures");
export const SCREENS = process.env.WEB_SCREENS ?? join(ROOT, "target/web-screens");

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
};

/** Serves the bundle under /verify/, and the fixtures' trust and revocation lists at their well-known paths. */
export async function serveBundle() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (url.pathname === "/.well-known/guichet/trust-list") {
      res.writeHead(200, { "content-type": "application/cose", "cache-control": "public, max-age=300" });
      return res.end(readFileSync(join(FIXTURES, "trust-list.cose")));
    }
    if (url.pathname === "/.well-known/guichet/revocation-list") {
      res.writeHead(200, { "content-type": "application/cose", "cache-control": "public, max-age=300" });
      return res.end(readFileSync(join(FIXTURES, "revocation-list.cose")));
    }
    if (url.pathname === "/verify") {
      res.writeHead(301, { location: "/verify/" });
      return res.end();
    }
    if (!url.pathname.startsWith("/verify/")) {
      res.writeHead(404);
      return res.end();
    }
    const name = normalize(url.pathname.slice("/verify/".length) || "index.html");
    const file = join(BUNDLE, name);
    if (name.startsWith("..") || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://localhost:${port}/verify/`, close: () => new Promise((r) => server.close(r)) };
}

/** The system Chromium (Playwright's own browser download is not used). */
export function chromiumPath() {
  for (const path of [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/lib/chromium/chromium"]) {
    if (path && existsSync(path)) return path;
  }
  return null;
}

/** Launches Chromium; with `video`, its fake camera plays that Y4M file in a loop. */
export function launch(video) {
  const args = ["--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"];
  if (video) args.push(`--use-file-for-fake-video-capture=${video}`);
  return chromium.launch({ executablePath: chromiumPath(), args, headless: true });
}

/** A phone-sized page (390×844, touch) in `locale`, with the camera allowed. */
export async function phone(browser, origin, locale = "fr-FR") {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale, bypassCSP: true,
  });
  await context.grantPermissions(["camera"], { origin });
  const page = await context.newPage();
  return { context, page };
}

/** Opens the page and waits until the verifier and the trust list are loaded. */
export async function open(page, url) {
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
}

/** Chooses a file in the PDF or photo input and waits for the verdict. */
export async function choose(page, input, file) {
  await page.setInputFiles(`#${input}`, join(FIXTURES, file));
  await page.waitForSelector("#result:not([hidden])", { timeout: 30000 });
  return verdict(page);
}

/** What the result screen shows. */
export async function verdict(page) {
  return page.evaluate(() => ({
    verdict: document.getElementById("result").dataset.verdict,
    title: document.getElementById("verdict").textContent,
    reason: document.getElementById("reason").textContent,
    checked: document.getElementById("checked").textContent,
    fields: Object.fromEntries([...document.querySelectorAll("#data dd")].map((d) => [d.dataset.field, d.textContent])),
  }));
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page) {
  const source = readFileSync(join(ROOT, "verifier-web/node_modules/axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * Starts the guichet server (`GUICHET_BIN`, default target/debug/guichet) on a fresh SQLite
 * database, serving the bundle at /verify with its own anchor and its Content-Security-Policy.
 */
export async function serveGuichet(bundle) {
  const { spawn } = await import("node:child_process");
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const bin = process.env.GUICHET_BIN ?? join(ROOT, "target/debug/guichet");
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const data = mkdtempSync(join(tmpdir(), "guichet-web-"));
  const child = spawn(bin, ["serve", "--bind", `127.0.0.1:${port}`], {
    cwd: ROOT,
    env: { ...process.env, GUICHET_DATA_DIR: data, GUICHET_WORKERS: "none", GUICHET_VERIFY_PAGE_DIR: bundle, DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (d) => { log += d; });
  const base = `http://localhost:${port}`;
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`${base}/readyz`).then((r) => r.ok).catch(() => false);
    if (ready) return { url: `${base}/verify/`, close: () => child.kill() };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`the guichet server did not start: ${log.slice(-2000)}`);
}

/**
 * Starts a guichet server (the `verify_page_target` example of guichet-tests, `GUICHET_TARGET`)
 * that served Marie's journey to an issued extract, serving `bundle` at /verify. Answers the
 * page's URL, the extract's number and the code printed on it, and `revoke()` (the justice
 * agent revokes it).
 */
export async function serveGuichetWithExtract(bundle) {
  const { spawn } = await import("node:child_process");
  const bin = process.env.GUICHET_TARGET ?? join(ROOT, "target/debug/examples/verify_page_target");
  const child = spawn(bin, [bundle], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let log = "";
  child.stderr.on("data", (d) => { log += d; });
  const waitFor = (pattern) => new Promise((resolve, reject) => {
    const look = () => {
      const found = out.match(pattern);
      if (found) {
        child.stdout.off("data", onData);
        child.off("exit", onExit);
        resolve(found);
      }
    };
    const onData = (d) => { out += d; look(); };
    const onExit = () => reject(new Error(`verify_page_target stopped: ${log.slice(-2000)}`));
    child.stdout.on("data", onData);
    child.on("exit", onExit);
    look();
  });
  const [, base, number, code] = await waitFor(/BASE_URL=(\S+)\nDOCUMENT_NUMBER=(\S+)\nCODE=(\S+)\n/);
  return {
    url: `${base}/verify/`,
    number,
    code,
    revoke: async () => {
      child.stdin.write("revoke\n");
      await waitFor(/REVOKED\n/);
    },
    close: () => { child.stdin.end(); child.kill(); },
  };
}
