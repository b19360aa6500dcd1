// The employer's verifier page in a real browser (Debian's Chromium): camera, PDF and photo
// inputs, the verdicts and their reasons, offline use, languages, accessibility, screenshots.
// Run by verifier-web/test (fixtures and bundle first), itself run by .ci/web.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { FIXTURES, SCREENS, chromiumPath, choose, launch, open, phone, serveBundle, serveGuichet, serveGuichetWithExtract, seriousViolations, verdict } from "./harness.mjs";

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

describe("revocation, offline", { skip }, () => {
  const REVOKED = { family_name: "Schmit", given_name: "Marie", document_id: "7B2E5D10" };

  test("a revoked extract reads revoked (list of DATE) with the network cut, from the cached list", async () => {
    const browser = await launch();
    try {
      const { page } = await phone(browser, new URL(host.url).origin, "en-GB");
      await open(page, host.url);
      assert.match(await page.textContent("#revocations"), /^Revoked documents list of .* \(no\. 1\), published /);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.reload();
      await page.waitForSelector("body[data-ready=true]");
      await page.context().setOffline(true);
      await page.reload();
      await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
      assert.match(await page.textContent("#revocations"), /^Offline: revoked documents list of .* \(no\. 1\), published /);
      assert.equal(await page.getAttribute("#revocations", "class"), "trust");

      const shown = await choose(page, "pdf", "revoked.pdf");
      assert.equal(shown.verdict, "revoked", JSON.stringify(shown));
      assert.equal(shown.title, "Revoked");
      assert.match(shown.reason, /^Revoked \(list of .+\): withdrawn, on .+\.$/);
      for (const [field, value] of Object.entries(REVOKED)) assert.equal(shown.fields[field], value, field);
      assert.deepEqual(await seriousViolations(page), []);
      await page.screenshot({ path: join(SCREENS, "en-revoked-offline.png") });

      // The genuine extract, not on the list, stays valid offline.
      await page.click("#again");
      assert.equal((await choose(page, "pdf", "extract.pdf")).verdict, "valid");
    } finally {
      await browser.close();
    }
  });

  test("a revocation list older than the configured age is reported stale, and still used", async () => {
    const browser = await launch();
    try {
      const { page } = await phone(browser, new URL(host.url).origin, "en-GB");
      const stale = readFileSync(join(FIXTURES, "revocation-list-stale.cose"));
      await page.route("**/.well-known/guichet/revocation-list", (route) =>
        route.fulfill({ status: 200, contentType: "application/cose", body: stale }));
      await open(page, host.url);
      assert.match(await page.textContent("#revocations"), /^Warning: the revoked documents list dates from .*, more than 7 days ago/);
      assert.equal(await page.getAttribute("#revocations", "class"), "trust warning");
      const shown = await choose(page, "pdf", "revoked.pdf");
      assert.equal(shown.verdict, "revoked");
      assert.match(shown.reason, /This list is more than 7 days old\.$/);
    } finally {
      await browser.close();
    }
  });

  test("a file that is not an anchor-signed revocation list is not used", async () => {
    const browser = await launch();
    try {
      const { page } = await phone(browser, new URL(host.url).origin, "en-GB");
      // The trust list is signed by the anchor too, but it is not a revocation list.
      const other = readFileSync(join(FIXTURES, "trust-list.cose"));
      await page.route("**/.well-known/guichet/revocation-list", (route) =>
        route.fulfill({ status: 200, contentType: "application/cose", body: other }));
      await open(page, host.url);
      assert.match(await page.textContent("#revocations"), /^No revoked documents list/);
      assert.equal((await choose(page, "pdf", "revoked.pdf")).verdict, "valid");
    } finally {
      await browser.close();
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

describe("the typed verification code, asked of the guichet server", { skip }, () => {
  let server;
  before(async () => {
    server = await serveGuichetWithExtract(process.env.WEB_SERVER_BUNDLE);
  });
  after(() => server?.close());

  async function typed(page, number, code) {
    await page.fill("#code-number", number);
    await page.fill("#code-value", code);
    await page.click("#code-submit");
  }

  test("the right code, typed as read aloud, shows valid with the data to compare", async () => {
    const browser = await launch();
    try {
      const { page } = await phone(browser, new URL(server.url).origin, "en-GB");
      await open(page, server.url);
      assert.equal(await page.isVisible("#code-form"), true);
      await typed(page, server.number.toLowerCase(), server.code.toLowerCase().replace("-", " "));
      await page.waitForSelector("#result:not([hidden])", { timeout: 30000 });
      const shown = await verdict(page);
      assert.equal(shown.verdict, "valid", JSON.stringify(shown));
      assert.equal(shown.title, "Valid");
      assert.match(shown.reason, /^The issuer, .+, confirms that this document is valid\.$/);
      assert.equal(shown.fields.document_id, server.number);
      assert.equal(shown.fields.family_name, "Schmit");
      assert.equal(shown.fields.given_name, "Marie");
      assert.equal(shown.fields.outcome, "No entry (no conviction)");
      assert.match(shown.checked, /^Checked online with the issuer by the code/);
      assert.deepEqual(await seriousViolations(page), []);
      await page.screenshot({ path: join(SCREENS, "en-code-valid.png") });
    } finally {
      await browser.close();
    }
  });

  test("a wrong code shows no data, only that nothing matches", async () => {
    const browser = await launch();
    try {
      const { page } = await phone(browser, new URL(server.url).origin, "fr-FR");
      await open(page, server.url);
      const wrong = server.code.startsWith("A") ? "CCCC-CCCC" : "AAAA-AAAA";
      await typed(page, server.number, wrong);
      await page.waitForFunction(() => document.getElementById("code-status").textContent.startsWith("Aucun"));
      assert.equal(await page.textContent("#code-status"),
        "Aucun document ne correspond à ce numéro et à ce code. Vérifiez-les et réessayez.");
      assert.equal(await page.isVisible("#result"), false);
      assert.deepEqual(await seriousViolations(page), []);
      await page.screenshot({ path: join(SCREENS, "fr-code-wrong.png") });
    } finally {
      await browser.close();
    }
  });

  test("once the issuer revokes it, the right code shows revoked with the reason", async () => {
    await server.revoke();
    const browser = await launch();
    try {
      const { page } = await phone(browser, new URL(server.url).origin, "de-DE");
      await open(page, server.url);
      await typed(page, server.number, server.code);
      await page.waitForSelector("#result:not([hidden])", { timeout: 30000 });
      const shown = await verdict(page);
      assert.equal(shown.verdict, "revoked", JSON.stringify(shown));
      assert.equal(shown.title, "Widerrufen");
      assert.equal(shown.reason, "Der Aussteller hat dieses Dokument widerrufen: Erreur de destinataire");
      assert.equal(shown.fields.document_id, server.number);
    } finally {
      await browser.close();
    }
  });
});
