//! What the middleware learns about a request before handlers run: its id and language.

use crate::domain::Language;

/// The request's correlation id (also in the `x-request-id` header and in error bodies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

/// The language picked from `Accept-Language`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang(pub Language);
