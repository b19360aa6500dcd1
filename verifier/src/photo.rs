//! Finds the seal in a photo or scan of a printed document.
