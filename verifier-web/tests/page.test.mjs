// The employer's verifier page in a real browser (Debian's Chromium): camera, PDF and photo
// inputs, the verdicts and their reasons, offline use, languages, accessibility, screenshots.
// Run by verifier-web/test (fixtures and bundle first), itself run by .ci/web.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES, SCREENS, chromiumPath, choose, launch, open, phone, serveBundle, serveGuichet, seriousViolations, verdict } from "./harness.mjs";

const REQUIRE = process.env.GUICHET_REQUIRE_PEERS === "1";
const browserPath = chromiumPath();
if (!browserPath && REQUIRE) throw new Error("chromium is missing (apt-get install chromium): GUICHET_REQUIRE_PEERS=1");
const skip = browserPath ? false : "skipped: chromium is not installed";

let host;
before(async () => {
  host = await serveBundle();
  mkdirSync(SCREENS, { recursive: true });
});
after(() => host?.close());

const MARIE = { family_name: "Schmit", given_name: "Marie", document_id: "4F1C09A2" };

function assertMarie(shown) {
  for (const [field, value] of Object.entries(MARIE)) assert.equal(shown.fields[field], value, field);
}

describe("camera", { skip }, () => {
  for (const video of ["straight", "tilted", "blurred"]) {
    test(`a genuine extract filmed ${video} is valid, with the data to compare`, async () => {
      const browser = await launch(join(FIXTURES, `${video}.y4m`));
      try {
        const { page } = await phone(browser, new URL(host.url).origin);
        await open(page, host.url);
        await page.click("#camera");
        await page.waitForSelector("#result:not([hidden])", { timeout: 30000 });
        const shown = await verdict(page);
        assert.equal(shown.verdict, "valid", JSON.stringify(shown));
        assertMarie(shown);
        assert.match(shown.reason, /Ministère de la Justice/);
        if (video === "straight") await page.screenshot({ path: join(SCREENS, "fr-camera-valid.png") });
      } finally {
        await browser.close();
      }
    });
  }
});

describe("files", { skip }, () => {
  let browser;
  let page;
  before(async () => {
    browser = await launch();
    ({ page } = await phone(browser, new URL(host.url).origin, "en-GB"));
  });
  after(() => browser?.close());

  async function fresh() {
    await open(page, host.url);
  }

  test("a genuine PDF is valid and its content is bound to the seal", async () => {
    await fresh();
    const shown = await choose(page, "pdf", "extract.pdf");
    assert.equal(shown.verdict, "valid");
    assert.equal(shown.title, "Valid");
    assertMarie(shown);
    assert.equal(shown.checked, "The PDF's content matches the seal.");
  });

  test("a photo of a genuine extract is valid; only the seal is checked", async () => {
    await fresh();
    const shown = await choose(page, "photo", "photo.jpg");
    assert.equal(shown.verdict, "valid", JSON.stringify(shown));
    assertMarie(shown);
    assert.match(shown.checked, /Only the seal was checked/);
  });

  test("a PDF with one letter of the name changed is not valid, and says why", async () => {
    await fresh();
    const shown = await choose(page, "pdf", "extract-tampered.pdf");
    assert.equal(shown.verdict, "invalid");
    assert.equal(shown.title, "Not valid");
    assert.equal(shown.reason, "The PDF's content was changed after it was issued.");
    assert.equal(shown.checked, "");
  });

  test("a seal from a key the trust list does not publish is not valid, and shows no data", async () => {
    await fresh();
    const shown = await choose(page, "pdf", "unknown-key.pdf");
    assert.equal(shown.verdict, "invalid");
    assert.match(shown.reason, /unknown key/);
    assert.deepEqual(shown.fields, {});
  });

  test("after the first visit the page and its trust list work with the network cut", async () => {
    await fresh();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await page.context().setOffline(true);
    try {
      await page.reload();
      await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
      assert.match(await page.textContent("#trust"), /^Offline: trusted keys list of .* \(no\. 1\)/);
      const shown = await choose(page, "pdf", "extract.pdf");
      assert.equal(shown.verdict, "valid");
    } finally {
      await page.context().setOffline(false);
    }
  });
});

describe("languages, accessibility and screenshots", { skip }, () => {
  const TITLES = { fr: "Vérifier un document", de: "Dokument prüfen", en: "Verify a document" };
  const LOCALES = { fr: "fr-LU", de: "de-DE", en: "en-US" };

  for (const lang of ["fr", "de", "en"]) {
    test(`in ${lang} from the browser's language: no serious or critical axe violation`, async () => {
      const browser = await launch();
      try {
        const { page } = await phone(browser, new URL(host.url).origin, LOCALES[lang]);
        await open(page, host.url);
        assert.equal(await page.getAttribute("html", "lang"), lang);
        assert.equal(await page.isVisible("#torch"), false, "no torch button before the camera runs");
        assert.equal(await page.isVisible("#stop"), false);
        assert.equal(await page.textContent("h1"), TITLES[lang]);
        assert.deepEqual(await seriousViolations(page), []);
        await page.screenshot({ path: join(SCREENS, `${lang}-start.png`) });
        for (const [file, name] of [["extract.pdf", "valid"], ["extract-tampered.pdf", "invalid"]]) {
          await choose(page, "pdf", file);
          assert.deepEqual(await seriousViolations(page), [], `${name} result`);
          await page.screenshot({ path: join(SCREENS, `${lang}-${name}.png`) });
          await page.click("#again");
        }
      } finally {
        await browser.close();
      }
    });
  }

  test("the switch changes the language, also on the result, and is kept", async () => {
    const browser = await launch();
    try {
      const { page } = await phone(browser, new URL(host.url).origin, "de-DE");
      await open(page, host.url);
      await choose(page, "pdf", "extract.pdf");
      assert.equal((await verdict(page)).title, "Gültig");
      await page.click("#again");
      await page.click("button[data-lang=en]");
      assert.equal(await page.textContent("h1"), "Verify a document");
      await open(page, host.url);
      assert.equal(await page.getAttribute("html", "lang"), "en");
    } finally {
      await browser.close();
    }
  });
});

describe("served by the guichet server at /verify", { skip }, () => {
  let server;
  before(async () => {
    server = await serveGuichet(process.env.WEB_SERVER_BUNDLE);
  });
  after(() => server?.close());

  test("under its Content-Security-Policy the page pins the server's anchor and scans with the camera", async () => {
    const browser = await launch(join(FIXTURES, "straight.y4m"));
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
      await context.grantPermissions(["camera"], { origin: new URL(server.url).origin });
      const page = await context.newPage();
      const refused = [];
      page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) refused.push(m.text()); });
      await open(page, server.url);
      assert.match(await page.textContent("#trust"), /^Trusted keys list of .* \(no\. \d+\), checked just now\.$/);
      // The fixtures' extract is sealed by a key this server never published.
      await page.click("#camera");
      await page.waitForSelector("#result:not([hidden])", { timeout: 30000 });
      const shown = await verdict(page);
      assert.equal(shown.verdict, "invalid");
      assert.match(shown.reason, /unknown key/);
      assert.deepEqual(refused, []);
    } finally {
      await browser.close();
    }
  });
});
