"""zxing-cpp on the decoder corpus: success rate and median time per image, in-process.

Usage: GUICHET_CORPUS_DIR=DIR cargo bench -p guichet-verifier --bench decoders
       python3 verifier/benches/zxing_corpus.py DIR

The bench writes each image as raw 8-bit gray `FAMILY-NAME_WxH.gray` and the expected seal text
as `expected.txt`; this prints the same columns as the bench, for zxing-cpp (installed by
.ci/peers), and a last line `zxing-cpp ok N/M` that the verifier's peer test reads.
"""
import os
import statistics
import sys
import time

import zxingcpp


def main(folder):
    expected = open(os.path.join(folder, "expected.txt")).read()
    families = {}
    failed = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".gray"):
            continue
        stem, size = name[: -len(".gray")].rsplit("_", 1)
        w, h = (int(v) for v in size.split("x"))
        data = memoryview(open(os.path.join(folder, name), "rb").read()).cast("B", (h, w))
        runs, ok = [], False
        for _ in range(3):
            start = time.perf_counter()
            codes = zxingcpp.read_barcodes(data, formats=zxingcpp.BarcodeFormat.QRCode)
            runs.append(time.perf_counter() - start)
            ok = any(c.text == expected for c in codes)
        family = stem.split("-")[0] if not stem.startswith("low-light") else "low-light"
        ok_n, times = families.setdefault(family, [0, []])
        families[family][0] += int(ok)
        times.append(statistics.median(runs))
        if not ok:
            failed.append(stem)
    total, all_times = 0, []
    print(f"{'family':<12} {'n':>5} | {'zxing ok':>10} {'zxing ms':>10}")
    for family, (ok_n, times) in sorted(families.items()):
        total += ok_n
        all_times += times
        print(f"{family:<12} {len(times):>5} | {f'{ok_n}/{len(times)}':>10} {statistics.median(times) * 1000:>10.1f}")
    n = len(all_times)
    print(f"{'all':<12} {n:>5} | {f'{total}/{n}':>10} {statistics.median(all_times) * 1000:>10.1f}")
    print("zxing failed:", " ".join(failed))
    print(f"zxing-cpp ok {total}/{n}")


if __name__ == "__main__":
    main(sys.argv[1])
