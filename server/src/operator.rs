//! What each subcommand does; `main` only dispatches here.

use guichet::{
    app,
    cli::{
        AccessLogCommand, Algorithm, CatalogCommand, CertificatesCommand, CrlCommand,
        DocumentsCommand, KeysCommand, LettersCommand, MailCommand, MigrateAction, MintArgs,
        PushCommand, RetentionCommand, SpacesCommand,
    },
    clock::{Clock, SystemClock},
    config::{Config, Secret},
    service::revocation,
    store,
};
use guichet_identity::{CertificateKind, DevCa, KeyAlgorithm, Matricule, PersonSpec};
use std::{error::Error, path::Path, sync::Arc};
use time::{Duration, OffsetDateTime};

type Result<T = ()> = std::result::Result<T, Box<dyn Error>>;

pub async fn migrate(config: Config, action: MigrateAction) -> Result {
    let db = store::connect(&config.effective_database_url()).await?;
    match action {
        MigrateAction::Up => store::migrate_up(&db).await?,
        MigrateAction::Down { steps } => store::migrate_down(&db, steps).await?,
        MigrateAction::Status => {
            for (name, applied) in store::migration_status(&db).await? {
                println!("{} {name}", if applied { "applied" } else { "pending" });
            }
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

/// The development CA's certificate and key; its private key is deliberately not built into the
/// binary, so outside the repository `--ca` must name the folder.
fn load_ca(dir: &Path) -> Result<DevCa> {
    let hint = |e: Box<dyn std::error::Error>| -> Box<dyn std::error::Error> {
        format!("{e}; pass --ca with the folder holding ca.pem and ca.key.pem (fixtures/dev-ca in the repository)").into()
    };
    Ok(DevCa::from_pem(
        &read(&dir.join("ca.pem")).map_err(hint)?,
        &read(&dir.join("ca.key.pem")).map_err(hint)?,
    )?)
}

fn write(dir: &Path, name: &str, contents: &str) -> Result {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(name);
    std::fs::write(&path, contents)?;
    println!("wrote {}", path.display());
    Ok(())
}

fn mint(args: MintArgs) -> Result {
    let ca = load_ca(&args.ca)?;
    let now = SystemClock.now();
    let spec = PersonSpec {
        matricule: Matricule::parse(&args.matricule)?,
        given_names: args.given_names,
        family_name: args.family_name,
        kind: match args.organisation {
            Some(organisation) => CertificateKind::Pro {
                organisation,
                organisation_identifier: None,
            },
            None => CertificateKind::Private,
        },
        not_before: now - Duration::minutes(5),
        not_after: now + Duration::days(args.days),
        algorithm: match args.algorithm {
            Algorithm::Ed25519 => KeyAlgorithm::Ed25519,
            Algorithm::P256 => KeyAlgorithm::P256,
        },
    };
    let creds = ca.mint_person(&spec)?;
    write(&args.out, "auth.pem", &creds.authentication.cert_pem)?;
    write(&args.out, "auth.key.pem", &creds.authentication.key_pem)?;
    write(&args.out, "sign.pem", &creds.signature.cert_pem)?;
    write(&args.out, "sign.key.pem", &creds.signature.key_pem)?;
    Ok(())
}

pub fn certificates(command: CertificatesCommand) -> Result {
    match command {
        CertificatesCommand::CaInit { out, name } => {
            let ca = DevCa::generate(&name, SystemClock.now())?;
            write(&out, "ca.pem", ca.cert_pem())?;
            write(&out, "ca.key.pem", ca.key_pem())?;
        }
        CertificatesCommand::Mint(args) => mint(args)?,
        CertificatesCommand::Sign {
            key,
            challenge,
            certificate,
        } => {
            use base64::Engine;
            let message = guichet::service::signin::signin_message(&challenge);
            let signature = guichet_identity::sign(&read(&key)?, &message)?;
            let signature = base64::engine::general_purpose::STANDARD.encode(signature);
            match certificate {
                Some(cert) => println!(
                    "{}",
                    serde_json::json!({ "challenge": challenge, "certificate": read(&cert)?, "signature": signature })
                ),
                None => println!("{signature}"),
            }
        }
    }
    Ok(())
}

pub async fn crl(config: Config, command: CrlCommand) -> Result {
    match command {
        CrlCommand::Import { file } => {
            let ctx = app::build(config, Arc::new(SystemClock)).await?;
            let update = revocation::import(&ctx, &read(&file)?).await?;
            println!("revocation list imported: {update:?}");
        }
        CrlCommand::Make { ca, serials, out } => {
            let ca = load_ca(&ca)?;
            let now = SystemClock.now();
            let refs: Vec<&str> = serials.iter().map(String::as_str).collect();
            let pem = ca.crl(&refs, now, now + Duration::days(7))?;
            std::fs::write(&out, pem)?;
            println!("wrote {}", out.display());
        }
    }
    Ok(())
}

pub async fn catalog(config: Config, command: CatalogCommand) -> Result {
    use guichet::service::catalog::{self, Published};
    let CatalogCommand::Publish { file } = command;
    let db = store::connect(&config.effective_database_url()).await?;
    store::migrate_up(&db).await?;
    match catalog::publish(&db, &read(&file)?, SystemClock.now()).await? {
        Published::New => println!("published {}", file.display()),
        Published::Unchanged => println!("already published, unchanged: {}", file.display()),
        Published::Conflict => {
            return Err(format!(
                "{}: this version is already published with other content; publish it under a new version",
                file.display()
            )
            .into());
        }
    }
    Ok(())
}

pub async fn mail(config: Config, command: MailCommand) -> Result {
    use guichet::store::entities::mail_outbox;
    use sea_orm::{EntityTrait, QueryOrder, QuerySelect};
    let MailCommand::List {
        limit,
        bodies,
        by,
        reason,
    } = command;
    let db = store::connect(&config.effective_database_url()).await?;
    let rows = mail_outbox::Entity::find()
        .order_by_desc(mail_outbox::Column::CreatedAt)
        .limit(limit)
        .all(&db)
        .await?;
    if bodies {
        let why = reason.as_deref().unwrap_or_default();
        let spaces = guichet::service::operator_use::record_mail_bodies_read(
            &db,
            &rows,
            &by,
            why,
            SystemClock.now(),
        )
        .await?;
        eprintln!("reading the bodies is recorded in {spaces} spaces' access records");
    }
    heading(
        "mail, newest first (status: queued, retrying; sent = handed to the SMTP relay; kept = no relay, kept here and in data_dir/mail, not sent; failed)",
        rows.len(),
    );
    for m in rows {
        let sent = m.sent_at.map(fmt_time).unwrap_or_else(|| "-".into());
        println!(
            "{} {} to={} status={} attempts={} sent={} communication={} subject={:?}",
            m.id,
            fmt_time(m.created_at),
            m.recipient,
            m.status,
            m.attempts,
            sent,
            m.communication_id.as_deref().unwrap_or("-"),
            m.subject
        );
        if let Some(err) = &m.last_error {
            println!("  last error: {err}");
        }
        if bodies {
            println!("{}\n", m.body);
        }
    }
    Ok(())
}

pub async fn push(config: Config, command: PushCommand) -> Result {
    use guichet::store::entities::push_outbox;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let PushCommand::List { limit, status } = command;
    let db = store::connect(&config.effective_database_url()).await?;
    let mut query = push_outbox::Entity::find();
    if let Some(status) = status {
        query = query.filter(push_outbox::Column::Status.eq(status));
    }
    let rows = query
        .order_by_desc(push_outbox::Column::CreatedAt)
        .limit(limit)
        .all(&db)
        .await?;
    heading("push notifications, newest first", rows.len());
    for p in rows {
        let sent = p.sent_at.map(fmt_time).unwrap_or_else(|| "-".into());
        let next = if p.status.is_pending() {
            fmt_time(p.next_attempt_at)
        } else {
            "-".into()
        };
        let code = p
            .last_status_code
            .map(|c| c.to_string())
            .unwrap_or_else(|| "-".into());
        println!(
            "{} {} person={} device={} kind={} status={} attempts={} code={} sent={} next={} communication={}",
            p.id,
            fmt_time(p.created_at),
            p.person_id,
            p.subscription_id,
            p.kind,
            p.status,
            p.attempts,
            code,
            sent,
            next,
            p.communication_id.as_deref().unwrap_or("-")
        );
        if let Some(err) = &p.last_error {
            println!("  last error: {err}");
        }
    }
    Ok(())
}

pub async fn documents(config: Config, command: DocumentsCommand) -> Result {
    use guichet::store::entities::communications;
    use guichet::{service::communications::issuance, store::deliveries};
    use sea_orm::{EntityTrait, QueryOrder, QuerySelect};
    let db = store::connect(&config.effective_database_url()).await?;
    match command {
        DocumentsCommand::List { limit } => {
            let rows = communications::Entity::find()
                .order_by_desc(communications::Column::DeliveredAt)
                .limit(limit)
                .all(&db)
                .await?;
            let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
            let mut notices = deliveries::of(&db, &ids).await?;
            heading("documents and letters delivered, newest first", rows.len());
            for c in rows {
                println!(
                    "{} {} kind={} number={} status={} space={} administration={} read={}",
                    c.id,
                    fmt_time(c.delivered_at),
                    c.kind,
                    c.document_number.as_deref().unwrap_or("-"),
                    c.status,
                    c.space_id,
                    c.administration_id,
                    if c.read_at.is_some() { "yes" } else { "no" }
                );
                for d in notices.remove(c.id.as_str()).unwrap_or_default() {
                    let next = d
                        .next_attempt_at
                        .map(fmt_time)
                        .unwrap_or_else(|| "-".into());
                    println!(
                        "  {} status={} attempts={} next={} error={}",
                        d.channel,
                        d.status,
                        d.attempts,
                        next,
                        d.last_error.as_deref().unwrap_or("-")
                    );
                }
            }
        }
        DocumentsCommand::Jobs { limit } => {
            let jobs = issuance::jobs(&db, limit).await?;
            heading("issuance jobs, newest first", jobs.len());
            for j in jobs {
                println!(
                    "{} {} dossier={} type={} status={} attempts={} next={} communication={}",
                    j.id,
                    fmt_time(j.created_at),
                    j.dossier_id,
                    j.document_type,
                    j.status,
                    j.attempts,
                    if j.status.is_pending() {
                        fmt_time(j.next_attempt_at)
                    } else {
                        "-".into()
                    },
                    j.communication_id.as_deref().unwrap_or("-")
                );
                if let Some(err) = &j.last_error {
                    println!("  last error: {err}");
                }
            }
        }
    }
    Ok(())
}

pub async fn keys(config: Config, command: KeysCommand) -> Result {
    use guichet::service::issuer_keys;
    let ctx = app::build(config, Arc::new(SystemClock)).await?;
    match command {
        KeysCommand::List => {
            println!(
                "key_id   created              valid_from           signing_until        active"
            );
            for k in issuer_keys::list(&ctx).await? {
                println!(
                    "{:<8} {:<20} {:<20} {:<20} {}",
                    k.key_id,
                    fmt_time(k.created_at),
                    fmt_time(k.valid_from),
                    k.signing_until.map(fmt_time).unwrap_or_else(|| "-".into()),
                    if k.active() { "yes" } else { "no" }
                );
            }
        }
        KeysCommand::Rotate => {
            let key_id = issuer_keys::rotate(&ctx).await?;
            println!("new issuer key {key_id} signs from now on; the previous key signs no more");
        }
    }
    Ok(())
}

/// Prints what a listing shows, and `none` when it is empty (an empty listing never prints nothing).
fn heading(what: &str, count: usize) {
    println!("{what}:");
    if count == 0 {
        println!("  none");
    }
}

fn fmt_time(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

pub async fn openapi(mut config: Config) -> Result {
    config.database_url = Some(Secret::new("sqlite::memory:"));
    config.register_fixture = None;
    config.criminal_record_fixture = None;
    let ctx = app::build(config, Arc::new(SystemClock)).await?;
    println!("{}", guichet::api::spec_json(ctx));
    Ok(())
}

pub async fn spaces(config: Config, command: SpacesCommand) -> Result {
    use guichet::service::professional;
    let db = store::connect(&config.effective_database_url()).await?;
    match command {
        SpacesCommand::Limit {
            matricule,
            max,
            by,
            reason,
        } => {
            let default = config.spaces.max_professional;
            let now = SystemClock.now();
            let (person, before) =
                professional::set_limit(&db, default, &matricule, max, &by, &reason, now)
                    .await
                    .map_err(|e| match e {
                        guichet::domain::Error::NotFound => {
                            format!("no registered person has matricule {matricule}")
                        }
                        other => other.to_string(),
                    })?;
            println!(
                "person {person} may now hold {max} professional spaces (was {before}); set by {} ({})",
                by.trim(),
                reason.trim()
            );
        }
    }
    Ok(())
}

pub async fn letters(config: Config, command: LettersCommand) -> Result {
    use guichet::store::postal;
    let db = store::connect(&config.effective_database_url()).await?;
    match command {
        LettersCommand::List { all } => {
            let rows = postal::list(&db, all).await?;
            heading("letters for the post, oldest first", rows.len());
            for l in rows {
                let printed = l.printed_at.map(fmt_time).unwrap_or_else(|| "-".into());
                println!(
                    "{} {} space={} from={} domain={} file={} printed={} title={:?}",
                    l.id,
                    fmt_time(l.created_at),
                    l.space_id,
                    l.administration_id,
                    l.domain.as_deref().unwrap_or("-"),
                    l.file_name.as_deref().unwrap_or("-"),
                    printed,
                    l.title
                );
            }
        }
        LettersCommand::Print {
            id,
            out,
            by,
            reason,
        } => {
            use guichet::service::operator_use;
            let printed = operator_use::letter_to_print(&db, &id)
                .await
                .map_err(|e| match e {
                    guichet::domain::Error::NotFound => format!("no letter {id}"),
                    other => other.to_string(),
                })?;
            std::fs::write(&out, &printed.bytes).map_err(|e| format!("{}: {e}", out.display()))?;
            operator_use::record_printed(&db, &printed.letter, &by, &reason, SystemClock.now())
                .await?;
            println!(
                "letter {id} written to {}; recorded printed, and in the space's access record",
                out.display()
            );
        }
    }
    Ok(())
}

/// The access record: an operator's use of it is itself recorded nowhere personal (the check
/// reads hashes and ids only and prints no personal data).
pub async fn access_log(config: Config, command: AccessLogCommand) -> Result {
    use guichet::service::access_record;
    let ctx = app::build(config, Arc::new(SystemClock)).await?;
    match command {
        AccessLogCommand::Check => {
            let report = access_record::check(&ctx.db).await?;
            println!(
                "{} spaces, {} entries checked against {} signed checkpoints; {} entries from before the chain",
                report.spaces, report.entries, report.checkpoints, report.unchained
            );
            for (sequence, why) in &report.bad_checkpoints {
                println!("checkpoint {sequence} does not verify: {why}");
            }
            for b in &report.breaks {
                println!(
                    "space {}: first broken entry at position {} ({}){}",
                    b.space_id,
                    b.seq,
                    b.kind.as_str(),
                    b.entry_id
                        .as_deref()
                        .map(|id| format!(", entry {id}"))
                        .unwrap_or_default()
                );
            }
            if !report.intact() {
                return Err("the access record was changed".into());
            }
            println!("every chain is intact");
        }
        AccessLogCommand::Checkpoint => {
            let s = access_record::checkpoint(&ctx).await?;
            println!(
                "checkpoint {} of {} chain heads signed by key {}",
                s.sequence, s.spaces, s.key_id
            );
        }
        AccessLogCommand::Keys => print!("{}", access_record::keys_text(&ctx).await?),
        AccessLogCommand::RotateKey => {
            let key_id = access_record::rotate_key(&ctx).await?;
            println!(
                "new checkpoint key {key_id} signs from now on; the previous one stays published"
            );
        }
    }
    Ok(())
}

pub async fn retention(config: Config, command: RetentionCommand) -> Result {
    use guichet::service::retention;
    let ctx = app::build(config, Arc::new(SystemClock)).await?;
    let RetentionCommand::Apply = command;
    let applied = retention::apply(&ctx).await?;
    for (id, rule) in &applied.deleted {
        println!("deleted dossier {id} ({rule})");
    }
    for (id, rule) in &applied.anonymised {
        println!("anonymised dossier {id} ({rule})");
    }
    for (id, why) in &applied.kept {
        println!("kept dossier {id}: {why}");
    }
    println!(
        "{} deleted, {} anonymised, {} kept",
        applied.deleted.len(),
        applied.anonymised.len(),
        applied.kept.len()
    );
    Ok(())
}
