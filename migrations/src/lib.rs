//! The database schema of guichet, as ordered sea-orm migrations.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_foundation;
mod m20261125_000002_procedures;
mod m20261125_000003_uploads;
mod m20261125_000004_message_attachments;
mod m20261125_000005_push;
mod m20261125_000006_issuer_keys;
mod m20261125_000007_communications;
mod m20261201_000001_job_states;
mod m20261202_000001_professional_spaces;
mod m20261203_000001_document_checks;
mod m20261205_000001_payments;
mod m20261206_000001_mandates;
mod m20261207_000001_form_binding_keys;
mod m20261208_000001_my_data;
mod m20261209_000001_access_purpose;
mod m20261210_000001_account_closure;
mod shape;

/// All migrations of guichet, in the order they apply.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_foundation::Migration),
            Box::new(m20261125_000002_procedures::Migration),
            Box::new(m20261125_000003_uploads::Migration),
            Box::new(m20261125_000004_message_attachments::Migration),
            Box::new(m20261125_000005_push::Migration),
            Box::new(m20261125_000006_issuer_keys::Migration),
            Box::new(m20261125_000007_communications::Migration),
            Box::new(m20261201_000001_job_states::Migration),
            Box::new(m20261202_000001_professional_spaces::Migration),
            Box::new(m20261205_000001_payments::Migration),
            Box::new(m20261203_000001_document_checks::Migration),
            Box::new(m20261206_000001_mandates::Migration),
            Box::new(m20261207_000001_form_binding_keys::Migration),
            Box::new(m20261208_000001_my_data::Migration),
            Box::new(m20261209_000001_access_purpose::Migration),
            Box::new(m20261210_000001_account_closure::Migration),
        ]
    }
}
