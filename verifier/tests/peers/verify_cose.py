"""Peer check: pycose verifies a guichet COSE_Sign1 (seal or trust list) with a public key.

Usage: verify_cose.py COSE_FILE PUBLIC_KEY_FILE
COSE_FILE holds the raw COSE_Sign1 (a seal's is untagged: tag 18 is added, which does not
change the signed Sig_structure). PUBLIC_KEY_FILE holds the 32 raw Ed25519 public key bytes.
Prints the kid (hex) and the decoded payload as JSON; exits 1 if the signature does not verify.
"""
import json
import sys

import cbor2
from pycose.keys import OKPKey
from pycose.keys.curves import Ed25519
from pycose.messages import Sign1Message

cose = open(sys.argv[1], "rb").read()
public = open(sys.argv[2], "rb").read()
if cose[0] != 0xD2:
    cose = b"\xd2" + cose
msg = Sign1Message.decode(cose)
msg.key = OKPKey(crv=Ed25519, x=public)
if not msg.verify_signature():
    print("signature does not verify")
    sys.exit(1)


def plain(value):
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


kid = next((v for k, v in msg.phdr.items() if getattr(k, "identifier", k) == 4), b"")
print(json.dumps({"kid": plain(kid), "payload": plain(cbor2.loads(msg.payload))}))
