//! sea-orm entities, one per table of the foundation migration.

pub mod access_log;
pub mod certificates;
pub mod challenges;
pub mod mail_outbox;
pub mod persons;
pub mod profiles;
pub mod register_people;
pub mod registrations;
pub mod revocation_lists;
pub mod sessions;
pub mod space_holders;
pub mod spaces;
pub mod tokens;
