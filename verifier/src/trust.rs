//! The trust list: issuer keys, the document types each may sign, and when, signed by a trust anchor.
