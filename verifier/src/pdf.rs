//! Finds the seal in a PDF issued by guichet and computes the digest of what the page shows.
