//! The seal: a COSE_Sign1 over CWT claims, signed with Ed25519, carried as base45 text.
