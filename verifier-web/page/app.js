// The employer's verifier page: loads the WebAssembly verifier with the pinned trust anchor,
// the trust list and the revocation list (fetched or cached), then checks a camera scan, a PDF
// or a photo on the phone; or asks the issuer about a typed document number and code.

import { config } from "./config.js";
import init, { Verifier } from "./pkg/guichet_verifier_web.js";
import { LANGUAGES, MESSAGES, fill, formatAge, formatDate, initialLanguage, keepLanguage } from "./i18n.js";
import { loadRevocationList, loadTrustList } from "./lists.js";
import { Scanner } from "./scan.js";
import { prepareZxing, zxingDecode } from "./decoders.js";
import { checkCode } from "./code.js";

const $ = (id) => document.getElementById(id);
const state = { lang: initialLanguage(), verifier: null, trust: null, revocations: null, result: null, scanner: null };
const STALE_MS = (config.staleAfterHours ?? 168) * 3600 * 1000;
// The revocation list's age past which it is reported stale (it is still used).
const REVOCATION_MAX_AGE_HOURS = config.revocationMaxAgeHours ?? 168;

// Timings of camera scans (frame taken → verdict shown, ms), read by the benchmark.
window.guichetTimings = [];

function t() {
  return MESSAGES[state.lang];
}

function applyLanguage() {
  const m = t();
  document.documentElement.lang = state.lang;
  document.title = m.pageTitle;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = m[el.dataset.i18n];
  for (const el of document.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", m[el.dataset.i18nLabel]);
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.setAttribute("aria-current", String(button.dataset.lang === state.lang));
  }
  renderTrust();
  if (state.result) renderResult(state.result, false);
}

function trustText() {
  const m = t();
  const trust = state.trust;
  if (!trust) return m.trustMissing;
  const values = {
    date: formatDate(state.lang, trust.issuedAt, true),
    sequence: trust.sequence,
    age: formatAge(state.lang, Date.now() - trust.fetchedAt),
  };
  if (Date.now() - trust.fetchedAt > STALE_MS) return fill(m.trustStale, values);
  return fill(trust.origin === "fetched" ? m.trustFresh : m.trustOffline, values);
}

/** The revocation list's date and age, as the verifier computes them now. */
function revocationState() {
  if (!state.verifier || !state.revocations) return null;
  return JSON.parse(state.verifier.revocation_list_state(Date.now()));
}

function revocationText(list) {
  const m = t();
  if (!list) return m.revocationMissing;
  const values = {
    date: formatDate(state.lang, list.issued_at, true),
    sequence: list.sequence,
    age: formatAge(state.lang, list.age_seconds * 1000),
    days: Math.round(REVOCATION_MAX_AGE_HOURS / 24),
  };
  if (list.stale) return fill(m.revocationStale, values);
  return fill(state.revocations.origin === "fetched" ? m.revocationFresh : m.revocationOffline, values);
}

function renderTrust() {
  const text = state.verifier ? trustText() : t().loading;
  $("trust").textContent = text;
  $("result-trust").textContent = text;
  const stale = state.trust && Date.now() - state.trust.fetchedAt > STALE_MS;
  $("trust").classList.toggle("warning", !state.trust || Boolean(stale));
  const configured = Boolean(config.revocationListUrl);
  for (const id of ["revocations", "result-revocations"]) $(id).hidden = !configured || !state.verifier;
  if (!configured || !state.verifier) return;
  const list = revocationState();
  const revocations = revocationText(list);
  $("revocations").textContent = revocations;
  $("result-revocations").textContent = revocations;
  const warn = !list || list.stale;
  $("revocations").classList.toggle("warning", warn);
  $("result-revocations").classList.toggle("warning", warn);
}

/** The verdict to show: valid, revoked, or not valid (or unreadable / unavailable). */
function verdictOf(report) {
  if (report.verdict === "invalid" && ["revoked", "revoked-in-list"].includes(report.reason)) return "revoked";
  return report.verdict;
}

function reasonText(report) {
  const m = t();
  if (report.source === "code") return codeReasonText(report);
  if (report.verdict === "valid") return fill(m.validReason, { issuer: report.issuer ?? "" });
  if (report.reason === "revoked-in-list" && report.revocation?.revoked) {
    const r = report.revocation;
    const days = Math.round(REVOCATION_MAX_AGE_HOURS / 24);
    const text = fill(m.reasons["revoked-in-list"], {
      list: formatDate(state.lang, r.issued_at, true),
      why: m.revocationReasons[r.revoked.reason] ?? m.revocationReasons.other,
      revoked: formatDate(state.lang, r.revoked.revoked_at),
    });
    return r.stale ? text + fill(m.staleNote, { days }) : text;
  }
  const text = m.reasons[report.reason] ?? report.detail ?? "";
  const date = report.claims?.valid_until ? formatDate(state.lang, report.claims.valid_until) : "";
  return fill(text, { date });
}

/** The reason of the issuer's answer to a typed code. */
function codeReasonText(report) {
  const m = t();
  if (report.verdict === "valid") return fill(m.codeValid, { issuer: report.issuer ?? "" });
  if (report.verdict === "superseded") return fill(m.reasons["superseded-online"], { by: report.online.superseded_by ?? "" });
  const why = report.online.reason;
  return why ? fill(m.reasons["revoked-online-why"], { why }) : m.reasons["revoked-online"];
}

function renderResult(report, moveFocus = true) {
  const m = t();
  const verdict = verdictOf(report);
  const section = $("result");
  section.dataset.verdict = verdict;
  section.querySelector(".mark").textContent = verdict === "valid" ? "✓" : verdict === "revoked" ? "⊘" : "✗";
  $("verdict").textContent = m[verdict] ?? m.invalid;
  $("reason").textContent = reasonText(report);
  const data = $("data");
  data.replaceChildren();
  const c = report.claims;
  if (c) {
    const rows = [
      ["family_name", c.family_name],
      ["given_name", c.given_name],
      ["birth_date", formatDate(state.lang, c.birth_date)],
      ["outcome", c.outcome == null ? null : (m.outcome[c.outcome] ?? c.outcome)],
      ["bulletin", c.bulletin == null ? null : `${c.bulletin}`],
      ["address", c.address],
      ["document_id", c.document_id],
      ["issued_at", formatDate(state.lang, c.issued_at)],
      ["valid_until", formatDate(state.lang, c.valid_until)],
      ["issuer", report.issuer],
    ].filter(([, value]) => value != null && value !== "");
    for (const [key, value] of rows) {
      const dt = document.createElement("dt");
      dt.textContent = m.fields[key];
      const dd = document.createElement("dd");
      dd.textContent = value ?? "";
      dd.dataset.field = key;
      data.append(dt, dd);
    }
  }
  data.previousElementSibling.hidden = !c;
  // What was bound to the seal, said only of a valid document (a tampered PDF's seal is
  // authentic, but its content is not what was sealed: the reason says so).
  const bound = verdict === "valid" || report.source === "code";
  $("checked").textContent = bound ? m.binding[report.content_binding] ?? "" : "";
  state.result = report;
  section.hidden = false;
  $("main").hidden = true;
  if (moveFocus) section.focus();
}

function showStatus(text) {
  $("scan-status").textContent = text;
}

async function verifyFile(file) {
  if (!state.verifier) return;
  showStatus(t().checking);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const isPdf = bytes.length > 4 && String.fromCharCode(...bytes.subarray(0, 5)) === "%PDF-";
  let report;
  if (isPdf) {
    report = JSON.parse(state.verifier.verify_pdf(bytes, Date.now()));
  } else {
    report = JSON.parse(state.verifier.verify_photo(bytes, Date.now()));
    if (report.reason === "no-seal") {
      // The Rust reader found no code: zxing (better at small, blurred or glared codes) tries too.
      const text = await zxingDecode(new Blob([bytes])).catch(() => null);
      if (text) report = { ...JSON.parse(state.verifier.verify_text(text, Date.now())), content_binding: "not-checked-photo" };
    }
  }
  showStatus("");
  renderResult(report);
}

async function startCamera() {
  const m = t();
  if (!navigator.mediaDevices?.getUserMedia) return showStatus(m.cameraDenied);
  const scanner = new Scanner($("video"), $("canvas"));
  try {
    await scanner.start();
  } catch {
    return showStatus(m.cameraDenied);
  }
  state.scanner = scanner;
  document.querySelector(".viewfinder").hidden = false;
  $("camera").hidden = true;
  $("stop").hidden = false;
  $("torch").hidden = !scanner.hasTorch();
  showStatus(m.scanning);
  await prepareZxing();
  const found = await scanner.scan((image) => zxingDecode(image));
  if (!found) return;
  const report = JSON.parse(state.verifier.verify_text(found.text, Date.now()));
  stopCamera();
  renderResult(report);
  window.guichetTimings.push(performance.now() - found.frameAt);
}

async function submitCode(event) {
  event.preventDefault();
  const m = t();
  const number = $("code-number").value.trim();
  const code = $("code-value").value.trim();
  if (!number || !code) return ($("code-status").textContent = m.codeMissing);
  $("code-status").textContent = m.checking;
  $("code-submit").disabled = true;
  const answer = await checkCode(config.checkUrl, number, code, state.lang);
  $("code-submit").disabled = false;
  if (answer.kind === "result") {
    $("code-status").textContent = "";
    $("code-value").value = "";
    return renderResult(answer.report);
  }
  const texts = { wrong: m.codeWrong, offline: m.codeOffline, limited: fill(m.codeLimited, answer), error: m.codeError };
  $("code-status").textContent = texts[answer.kind] ?? m.codeError;
}

function stopCamera() {
  state.scanner?.stop();
  state.scanner = null;
  document.querySelector(".viewfinder").hidden = true;
  $("camera").hidden = false;
  $("stop").hidden = true;
  $("torch").hidden = true;
  showStatus("");
}

function wire() {
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.addEventListener("click", () => {
      state.lang = button.dataset.lang;
      keepLanguage(state.lang);
      applyLanguage();
    });
  }
  $("camera").addEventListener("click", startCamera);
  $("stop").addEventListener("click", stopCamera);
  $("torch").addEventListener("click", async () => {
    const on = await state.scanner?.toggleTorch().catch(() => false);
    $("torch").setAttribute("aria-pressed", String(Boolean(on)));
  });
  for (const id of ["pdf", "photo"]) {
    $(id).addEventListener("change", (event) => {
      const file = event.target.files?.[0];
      event.target.value = "";
      if (file) verifyFile(file);
    });
  }
  const drop = $("drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    const file = event.dataTransfer?.files?.[0];
    if (file) verifyFile(file);
  });
  $("code-form").addEventListener("submit", submitCode);
  $("again").addEventListener("click", () => {
    state.result = null;
    $("result").hidden = true;
    $("main").hidden = false;
    $("camera").focus();
  });
}

async function start() {
  wire();
  $("code").hidden = !config.checkUrl;
  applyLanguage();
  if ("serviceWorker" in navigator && config.serviceWorker !== false) {
    navigator.serviceWorker.register("./sw.js").catch(() => {});
  }
  await init({ module_or_path: new URL("./pkg/guichet_verifier_web_bg.wasm", import.meta.url) });
  const verifier = new Verifier(config.anchor);
  try {
    state.trust = await loadTrustList(verifier, config.trustListUrl);
  } catch {
    state.trust = null;
  }
  verifier.set_revocation_max_age_hours(REVOCATION_MAX_AGE_HOURS);
  state.revocations = await loadRevocationList(verifier, config.revocationListUrl).catch(() => null);
  state.verifier = verifier;
  window.guichet = { verifier, zxingDecode, Verifier, trust: state.trust };
  renderTrust();
  document.body.dataset.ready = "true";
}

start();
export { LANGUAGES };
