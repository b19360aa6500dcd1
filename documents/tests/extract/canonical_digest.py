"""An independent reading of a sealed PDF's content digest (verifier/src/pdf.rs, "The content
digest"), written from the documented rule and not from our code: it reads the file qpdf wrote
with `--qdf --object-streams=disable --stream-data=uncompress --normalize-content=n` (every
stream decoded by qpdf, every object in plain syntax) with its own small parser, walks it, and
prints the SHA-256 in hex. Usage: python3 canonical_digest.py QDF_FILE
"""

import hashlib
import re
import struct
import sys

DELIMITERS = b"()<>[]{}/%"
WHITESPACE = b"\x00\t\n\x0c\r "
ENCODING_KEYS = {b"Length", b"Filter", b"DecodeParms", b"DL"}
SEAL_GRID_KEYS = {b"Width", b"Height"}


class Ref:
    def __init__(self, num, gen):
        self.id = (num, gen)


class Name(bytes):
    pass


class Parser:
    def __init__(self, data, pos=0):
        self.data, self.pos = data, pos

    def skip(self):
        d = self.data
        while self.pos < len(d):
            c = d[self.pos]
            if c in WHITESPACE:
                self.pos += 1
            elif c == ord("%"):
                while self.pos < len(d) and d[self.pos] not in b"\r\n":
                    self.pos += 1
            else:
                break

    def token(self):
        self.skip()
        start = self.pos
        while self.pos < len(self.data) and self.data[self.pos] not in WHITESPACE + DELIMITERS:
            self.pos += 1
        return self.data[start:self.pos]

    def value(self):
        self.skip()
        d, c = self.data, self.data[self.pos]
        if d.startswith(b"<<", self.pos):
            self.pos += 2
            entries = {}
            while True:
                self.skip()
                if d.startswith(b">>", self.pos):
                    self.pos += 2
                    return entries
                key = self.value()
                entries[bytes(key)] = self.value()
        if c == ord("["):
            self.pos += 1
            items = []
            while True:
                self.skip()
                if d[self.pos] == ord("]"):
                    self.pos += 1
                    return items
                items.append(self.value())
        if c == ord("/"):
            self.pos += 1
            raw = self.token()
            return Name(re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw))
        if c == ord("("):
            return self.literal()
        if c == ord("<"):
            end = d.index(b">", self.pos)
            hexdigits = re.sub(rb"\s", b"", d[self.pos + 1:end])
            self.pos = end + 1
            if len(hexdigits) % 2:
                hexdigits += b"0"
            return bytearray(bytes.fromhex(hexdigits.decode()))
        word = self.token()
        if word == b"true":
            return True
        if word == b"false":
            return False
        if word == b"null":
            return None
        if re.fullmatch(rb"[+-]?\d+", word):
            save = self.pos
            gen = self.token()
            if re.fullmatch(rb"\d+", gen) and self.token() == b"R":
                return Ref(int(word), int(gen))
            self.pos = save
            return int(word)
        return float(word)

    def literal(self):
        d, out, depth = self.data, bytearray(), 0
        self.pos += 1
        escapes = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\x0c"}
        while True:
            c = d[self.pos]
            self.pos += 1
            if c == ord("\\"):
                e = d[self.pos]
                self.pos += 1
                if e in escapes:
                    out += escapes[e]
                elif e in b"01234567":
                    digits = bytes([e])
                    while len(digits) < 3 and d[self.pos] in b"01234567":
                        digits += bytes([d[self.pos]])
                        self.pos += 1
                    out.append(int(digits, 8) & 0xFF)
                elif e == ord("\r"):
                    if d[self.pos] == ord("\n"):
                        self.pos += 1
                elif e != ord("\n"):
                    out.append(e)
            elif c == ord("("):
                depth += 1
                out.append(c)
            elif c == ord(")"):
                if depth == 0:
                    return out
                depth -= 1
                out.append(c)
            else:
                out.append(c)


def read(path):
    data = open(path, "rb").read()
    objects, raw_streams, inside = {}, {}, 0
    for m in re.finditer(rb"(?m)^(\d+) (\d+) obj\b", data):
        if m.start() < inside:
            continue  # within the data of the stream before
        key = (int(m.group(1)), int(m.group(2)))
        p = Parser(data, m.end())
        value = p.value()
        p.skip()
        if data.startswith(b"stream", p.pos):
            start = p.pos + len(b"stream")
            start += 2 if data.startswith(b"\r\n", start) else 1
            raw_streams[key] = (value, start)
            inside = data.index(b"endstream", start)
        objects[key] = value
    for key, (dictionary, start) in raw_streams.items():
        length = dictionary[b"Length"]
        if isinstance(length, Ref):
            length = objects[length.id]
        objects[key] = ("stream", dictionary, data[start:start + length])
    trailer = Parser(data, data.rindex(b"trailer") + len(b"trailer")).value()
    return objects, trailer[b"Root"]


def digest(objects, root):
    h = hashlib.sha256()
    numbers, queue = {}, []

    def put_bytes(tag, b):
        h.update(tag + struct.pack("<Q", len(b)) + bytes(b))

    def reference(ref):
        if ref.id not in numbers:
            numbers[ref.id] = len(numbers)
            queue.append(ref.id)
        h.update(b"R" + struct.pack("<Q", numbers[ref.id]))

    def obj(v):
        if v is None:
            h.update(b"n")
        elif v is True:
            h.update(b"t")
        elif v is False:
            h.update(b"f")
        elif isinstance(v, Ref):
            reference(v)
        elif isinstance(v, int):
            h.update(b"i" + struct.pack("<q", v))
        elif isinstance(v, float):
            h.update(b"r" + struct.pack("<f", v))
        elif isinstance(v, Name):
            put_bytes(b"/", v)
        elif isinstance(v, bytearray):
            put_bytes(b"s", v)
        elif isinstance(v, list):
            h.update(b"[")
            for item in v:
                obj(item)
            h.update(b"]")
        elif isinstance(v, dict):
            dictionary(v, set())
        else:
            raise ValueError(f"unexpected object {v!r}")

    def dictionary(d, skip):
        h.update(b"<")
        for key in sorted(k for k in d if k not in skip):
            put_bytes(b"/", key)
            obj(d[key])
        h.update(b">")

    reference(root)
    done = 0
    while done < len(queue):
        oid = queue[done]
        h.update(b"o" + struct.pack("<Q", numbers[oid]))
        done += 1
        value = objects.get(oid)
        if isinstance(value, tuple):
            _, d, data = value
            if d.get(b"Subtype") == b"Image":
                dictionary(d, ENCODING_KEYS | SEAL_GRID_KEYS)
                h.update(b"Q")
                continue
            if b"Filter" in d:
                raise SystemExit(f"qpdf left stream {oid} encoded: {d[b'Filter']!r}")
            dictionary(d, ENCODING_KEYS)
            put_bytes(b"S", data)
        elif oid in objects:
            obj(value)
        else:
            h.update(b"n")
    return h.hexdigest()


if __name__ == "__main__":
    print(digest(*read(sys.argv[1])))
