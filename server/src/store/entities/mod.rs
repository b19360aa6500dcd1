//! sea-orm entities, one per table.

pub mod access_log;
pub mod administrations;
pub mod agents;
pub mod certificates;
pub mod challenges;
pub mod dossier_attachments;
pub mod dossier_events;
pub mod dossier_messages;
pub mod dossiers;
pub mod idempotency_keys;
pub mod mail_outbox;
pub mod message_attachments;
pub mod persons;
pub mod procedure_versions;
pub mod profiles;
pub mod push_outbox;
pub mod push_subscriptions;
pub mod push_vapid_keys;
pub mod register_people;
pub mod registrations;
pub mod revocation_lists;
pub mod sessions;
pub mod space_holders;
pub mod spaces;
pub mod tokens;
pub mod uploads;
