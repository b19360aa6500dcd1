//! One spelling of job states in the three queues: a mail or an issuance job waiting for another
//! attempt after a failure is `retrying`, as a push already was (before, it stayed `queued` with
//! `attempts > 0`).

use sea_orm_migration::prelude::*;

/// Renames the waiting-after-a-failure state of mail and issuance jobs to `retrying`.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Queues that spelled "waiting for another attempt" as `queued` (push already said `retrying`).
const QUEUES: &[&str] = &["mail_outbox", "issuance_jobs"];

/// Sets `status` to `to` in `table` where it is `from` (and, when `tried`, attempts were made).
fn rename(table: &'static str, from: &str, to: &str, tried: bool) -> UpdateStatement {
    let mut update = Query::update();
    update
        .table(table)
        .value("status", to)
        .and_where(Expr::col("status").eq(from));
    if tried {
        update.and_where(Expr::col("attempts").gt(0));
    }
    update.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in QUEUES {
            manager
                .exec_stmt(rename(table, "queued", "retrying", true))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in QUEUES {
            manager
                .exec_stmt(rename(table, "retrying", "queued", false))
                .await?;
        }
        Ok(())
    }
}
