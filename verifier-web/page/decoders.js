// QR decoding in the browser: zxing-wasm (the WebAssembly build of zxing-cpp, vendored in the
// bundle, loaded from this origin only), and the Rust decoder of guichet-verifier compiled
// to WebAssembly, which the benchmark compares with it.

import { prepareZXingModule, readBarcodes } from "./vendor/zxing/reader/index.js";

let prepared = null;

/** Loads zxing's WebAssembly module from the bundle (never from a CDN). */
export function prepareZxing() {
  prepared ??= prepareZXingModule({
    overrides: {
      locateFile: (path, prefix) =>
        path.endsWith(".wasm") ? new URL(`./vendor/zxing/reader/${path}`, import.meta.url).href : prefix + path,
    },
    fireImmediately: true,
  });
  return prepared;
}

const OPTIONS = { formats: ["QRCode"], tryHarder: true, tryRotate: true, tryInvert: false, maxNumberOfSymbols: 1 };

/** The text of the first QR code zxing finds in an ImageData or a Blob, or null. */
export async function zxingDecode(input) {
  await prepareZxing();
  const results = await readBarcodes(input, OPTIONS);
  const found = results.find((r) => r.isValid && r.text);
  return found ? found.text : null;
}
