//! The `guichet` command line: serve, migrate, and the operator's certificate, CRL, mail, push and key tools.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// guichet: the backend of the e-government portal.
#[derive(Debug, Parser)]
#[command(name = "guichet", version, about)]
pub struct Cli {
    /// Configuration file (TOML); `guichet.toml` is read when present.
    #[arg(long, global = true, env = "GUICHET_CONFIG")]
    pub config: Option<PathBuf>,
    /// What to do; `serve` when absent.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (the default).
    Serve {
        /// Address to listen on, e.g. 0.0.0.0:8080.
        #[arg(long)]
        bind: Option<String>,
    },
    /// Apply, revert or list database migrations.
    Migrate {
        /// up, down or status.
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Development certificates: a test CA, person certificates, signing a challenge.
    #[command(subcommand)]
    Certificates(CertificatesCommand),
    /// Certificate revocation lists.
    #[command(subcommand)]
    Crl(CrlCommand),
    /// The procedure catalog.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Mail kept in the outbox.
    #[command(subcommand)]
    Mail(MailCommand),
    /// Web push notices kept in the push outbox.
    #[command(subcommand)]
    Push(PushCommand),
    /// Issuer keys that seal documents, and their rotation.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Issued documents and letters, their notices, and the issuance queue.
    #[command(subcommand)]
    Documents(DocumentsCommand),
    /// Professional spaces: the helpdesk's tools.
    #[command(subcommand)]
    Spaces(SpacesCommand),
    /// Letters for the post (certification codes, domain letters before eDelivery).
    #[command(subcommand)]
    Letters(LettersCommand),
    /// Write the OpenAPI document to stdout.
    Openapi,
    /// The tamper-evident access record: check every chain, sign a checkpoint, rotate its key.
    #[command(subcommand)]
    AccessLog(AccessLogCommand),
    /// Retention: apply the procedures' retention periods now.
    #[command(subcommand)]
    Retention(RetentionCommand),
}

/// The access record's operator tools.
#[derive(Debug, Subcommand)]
pub enum AccessLogCommand {
    /// Check every space's hash chain against itself and every signed checkpoint; names the
    /// first broken entry of each broken chain and exits non-zero if any.
    Check,
    /// Sign a checkpoint of every chain head now (also done daily by the server).
    Checkpoint,
    /// List the checkpoint keys.
    Keys,
    /// Add a new checkpoint key that signs from now on; the previous one stays published.
    RotateKey,
}

/// Retention tools.
#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Delete or anonymise every dossier whose retention period ran out, keeping a deletion
    /// record for each (also done daily by the `retention` worker).
    Apply,
}

/// Letters the operator prints and posts.
#[derive(Debug, Subcommand)]
pub enum LettersCommand {
    /// List the letters waiting for the post, oldest first.
    List {
        /// Printed ones too.
        #[arg(long)]
        all: bool,
    },
    /// Write a letter to print (its PDF, or its text when it has no file) and record it printed,
    /// and in the space's access record who printed it and why.
    Print {
        /// The letter's id (`let_…`).
        id: String,
        /// Where to write it.
        #[arg(long)]
        out: std::path::PathBuf,
        /// Who prints (the operator); defaults to the operating system user.
        #[arg(long, env = "USER", default_value = "operator")]
        by: String,
        /// Why (shown to the space's holders).
        #[arg(long, default_value = "printed for the post")]
        reason: String,
    },
}

/// The helpdesk's tools for professional spaces.
#[derive(Debug, Subcommand)]
pub enum SpacesCommand {
    /// Set how many professional spaces a person may create (10 unless raised), recording who
    /// changed it and why.
    Limit {
        /// The person's national identification number (13 digits).
        #[arg(long)]
        matricule: String,
        /// The new limit.
        #[arg(long)]
        max: u32,
        /// Who decided (the helpdesk agent); defaults to the operating system user.
        #[arg(long, env = "USER")]
        by: String,
        /// Why (kept with the limit).
        #[arg(long)]
        reason: String,
    },
}

/// Migration actions.
#[derive(Debug, Subcommand)]
pub enum MigrateAction {
    /// Apply all pending migrations.
    Up,
    /// Revert the last migrations.
    Down {
        /// How many.
        #[arg(long, default_value_t = 1)]
        steps: u32,
    },
    /// List applied and pending migrations.
    Status,
}

/// Certificate tools. TEST ONLY certificates: real ones come from LuxTrust or the eID card.
#[derive(Debug, Subcommand)]
pub enum CertificatesCommand {
    /// Create a development CA (certificate and key, PEM) in a folder.
    CaInit {
        /// Folder to write `ca.pem` and `ca.key.pem` into.
        #[arg(long)]
        out: PathBuf,
        /// The CA's common name.
        #[arg(long, default_value = "guichet development CA - TEST ONLY")]
        name: String,
    },
    /// Mint an authentication and a signature certificate for a person.
    Mint(MintArgs),
    /// Sign a sign-in challenge with a private key (what a phone does); prints base64.
    Sign {
        /// The private key, PKCS#8 PEM.
        #[arg(long)]
        key: PathBuf,
        /// The challenge from `POST /api/v1/signin/challenges`.
        #[arg(long)]
        challenge: String,
        /// With the certificate (PEM), print the whole JSON body for `POST /api/v1/signin`.
        #[arg(long)]
        certificate: Option<PathBuf>,
    },
}

/// Key algorithms for minted certificates.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Algorithm {
    /// Ed25519.
    Ed25519,
    /// ECDSA on P-256.
    P256,
}

/// Who to mint for.
#[derive(Debug, Args)]
pub struct MintArgs {
    /// Folder with the CA's `ca.pem` and `ca.key.pem`.
    #[arg(long, default_value = "fixtures/dev-ca")]
    pub ca: PathBuf,
    /// The 13-digit national identification number.
    #[arg(long)]
    pub matricule: String,
    /// Given names.
    #[arg(long)]
    pub given_names: String,
    /// Family name.
    #[arg(long)]
    pub family_name: String,
    /// For a Pro certificate: the organisation that mandated the holder.
    #[arg(long)]
    pub organisation: Option<String>,
    /// Key algorithm.
    #[arg(long, value_enum, default_value_t = Algorithm::Ed25519)]
    pub algorithm: Algorithm,
    /// Validity in days.
    #[arg(long, default_value_t = 730)]
    pub days: i64,
    /// Folder to write `auth.pem`, `auth.key.pem`, `sign.pem`, `sign.key.pem` into.
    #[arg(long)]
    pub out: PathBuf,
}

/// CRL tools.
#[derive(Debug, Subcommand)]
pub enum CrlCommand {
    /// Import a CRL (PEM or DER) signed by a trusted CA; running servers apply it within a minute.
    Import {
        /// The CRL file.
        file: PathBuf,
    },
    /// Make a CRL with a development CA (TEST ONLY).
    Make {
        /// Folder with the CA's `ca.pem` and `ca.key.pem`.
        #[arg(long, default_value = "fixtures/dev-ca")]
        ca: PathBuf,
        /// Serial numbers (hex) to revoke.
        #[arg(long = "revoke")]
        serials: Vec<String>,
        /// Output file (PEM).
        #[arg(long)]
        out: PathBuf,
    },
}

/// Mail tools.
#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// List the latest mails of the outbox with their delivery state.
    List {
        /// How many.
        #[arg(long, default_value_t = 20)]
        limit: u64,
        /// Print bodies too (they may hold confirmation links: handle with care). Reading them is
        /// recorded in the access record of each recipient's space, with `--by` and `--reason`.
        #[arg(long, requires = "reason")]
        bodies: bool,
        /// Who reads the bodies (the operator); defaults to the operating system user.
        #[arg(long, env = "USER", default_value = "operator")]
        by: String,
        /// Why the bodies are read (required with `--bodies`; shown to the holders).
        #[arg(long)]
        reason: Option<String>,
    },
}

/// Push tools.
#[derive(Debug, Subcommand)]
pub enum PushCommand {
    /// List the latest pushes of the outbox with their delivery state.
    List {
        /// How many.
        #[arg(long, default_value_t = 20)]
        limit: u64,
        /// Only pushes in this state: queued, retrying, accepted, failed, gone, cancelled.
        #[arg(long)]
        status: Option<String>,
    },
}

/// Catalog tools.
#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Publish a procedure version (JSON as in `fixtures/procedures/`). A published version never
    /// changes and dossiers keep the version they started on: publish changes under a new `version`.
    Publish {
        /// The procedure version file.
        file: PathBuf,
    },
}

/// Communications and issuance, for the operator.
#[derive(Debug, Subcommand)]
pub enum DocumentsCommand {
    /// List the latest communications with the delivery state of their mail and pushes.
    List {
        /// How many.
        #[arg(long, default_value_t = 20)]
        limit: u64,
    },
    /// List the latest issuance jobs: queued (with attempts and next attempt), done, failed.
    Jobs {
        /// How many.
        #[arg(long, default_value_t = 20)]
        limit: u64,
    },
}

/// Issuer key tools.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// List the issuer keys: id, created, valid from, signing until, active.
    List,
    /// Add a new issuer key that signs from now on; the previous key stops signing now but stays
    /// in the trust list, so the documents it sealed stay valid until they expire.
    Rotate,
}
