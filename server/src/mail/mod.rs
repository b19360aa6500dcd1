//! Outgoing mail: a durable outbox in the database, delivered by SMTP or kept in a folder.

pub mod communication_notice;
pub mod dossier_notice;
pub mod outbox;
mod sender;
pub mod templates;

pub use sender::{FolderSender, MailError, MailSender, OutgoingMail, SmtpSender};
