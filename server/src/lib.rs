//! guichet: the backend of a national e-government portal.
//!
//! Layers, from the outside in: [`api`] (HTTP only), [`service`] (use cases and
//! transactions), [`domain`] (types and rules, pure), [`store`] (sea-orm), and the
//! side effects behind small traits ([`mail`], [`push`], [`payments`], [`clock`]); [`jobs`] runs the durable
//! background queues; [`limits`] counts guesses; what users read comes from the message
//! [`catalog`] (`server/locales/*.ftl`).

pub mod api;
pub mod app;
pub mod catalog;
pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod jobs;
pub mod limits;
pub mod mail;
pub mod payments;
pub mod push;
pub mod service;
pub mod store;
pub mod telemetry;
