//! sea-orm entities, one per table.

pub mod access_log;
pub mod certificates;
pub mod challenges;
pub mod mail_outbox;
pub mod persons;
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
