// The verifier page's figures: the WebAssembly modules' size (gzip), and in Chromium, per
// frame of the corpus, the QR decoders side by side (zxing-wasm and the Rust decoder compiled
// to WebAssembly: success and median time) and the time from a frame to the verdict.
//
//   bash verifier-web/test --test-name-pattern=NONE   # once: fixtures and bundle
//   node verifier-web/tests/bench.mjs                 # prints the figures
//
// Run on whatever machine runs it (the figures in the README: a shared 2-core VM).

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { BUNDLE, FIXTURES, launch, open, phone, serveBundle } from "./harness.mjs";

const REPEAT = Number(process.env.BENCH_REPEAT ?? 15);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);
}

const ours = readFileSync(join(BUNDLE, "pkg/guichet_verifier_web_bg.wasm"));
const zxing = readFileSync(join(BUNDLE, "vendor/zxing/reader/zxing_reader.wasm"));
const all = walk(BUNDLE).map((f) => readFileSync(f));
console.log(`verifier module (Rust → wasm): ${kib(ours.length)}, gzip ${kib(gzipSync(ours, { level: 9 }).length)}`);
console.log(`zxing-wasm reader module:      ${kib(zxing.length)}, gzip ${kib(gzipSync(zxing, { level: 9 }).length)}`);
console.log(`whole bundle (${all.length} files):     ${kib(all.reduce((n, b) => n + b.length, 0))}, gzip ${kib(all.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0))}`);

const seal = readFileSync(join(FIXTURES, "seal.txt"), "utf8").trim();
const corpus = readdirSync(join(FIXTURES, "corpus")).filter((f) => f.endsWith(".png")).sort();
const host = await serveBundle();
const browser = await launch();
try {
  const { page } = await phone(browser, new URL(host.url).origin, "en-US");
  await open(page, host.url);
  console.log(`\ncorpus: ${corpus.length} frames (640×480) × ${REPEAT} runs each, in Chromium`);
  console.log("frame            zxing-wasm        Rust (rqrr) in wasm   frame → verdict (canvas + zxing + verify)");
  const zxingTimes = [], rustTimes = [], verdictTimes = [];
  let zxingOk = 0, rustOk = 0;
  for (const name of corpus) {
    const b64 = readFileSync(join(FIXTURES, "corpus", name)).toString("base64");
    const r = await page.evaluate(async ({ b64, repeat }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext("2d");
      ctx.drawImage(bitmap, 0, 0);
      const image = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      const { verifier, zxingDecode, Verifier } = window.guichet;
      const out = { zxing: [], rust: [], verdict: [], zxingText: null, rustText: null, valid: null };
      await zxingDecode(image); // warm-up
      for (let i = 0; i < repeat; i++) {
        let t = performance.now();
        out.zxingText = await zxingDecode(image);
        out.zxing.push(performance.now() - t);
        t = performance.now();
        out.rustText = Verifier.decode_frame(new Uint8Array(image.data.buffer), image.width, image.height) ?? null;
        out.rust.push(performance.now() - t);
        // A camera frame as the page takes it: drawn on a canvas, read back, decoded, verified.
        t = performance.now();
        ctx.drawImage(bitmap, 0, 0);
        const frame = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
        const text = await zxingDecode(frame);
        const report = text ? JSON.parse(verifier.verify_text(text, Date.now())) : null;
        out.verdict.push(performance.now() - t);
        out.valid = report?.verdict ?? null;
      }
      return out;
    }, { b64, repeat: REPEAT });
    const zok = r.zxingText === seal, rok = r.rustText === seal;
    zxingOk += zok; rustOk += rok;
    zxingTimes.push(...r.zxing); rustTimes.push(...r.rust);
    if (r.valid === "valid") verdictTimes.push(...r.verdict);
    const cell = (ok, xs) => `${ok ? "read  " : "MISSED"} ${median(xs).toFixed(1).padStart(6)} ms`;
    console.log(`${name.padEnd(18)} ${cell(zok, r.zxing)}   ${cell(rok, r.rust)}       ${r.valid === "valid" ? `${median(r.verdict).toFixed(1)} ms` : "no verdict"}`);
  }
  console.log(`\nzxing-wasm: ${zxingOk}/${corpus.length} read, median ${median(zxingTimes).toFixed(1)} ms per frame`);
  console.log(`Rust (rqrr) in wasm: ${rustOk}/${corpus.length} read, median ${median(rustTimes).toFixed(1)} ms per frame`);
  console.log(`frame → verdict (canvas read + zxing-wasm + wasm verifier), median over the frames read: ${median(verdictTimes).toFixed(1)} ms`);
} finally {
  await browser.close();
  await host.close();
}
