//! A guichet server on a fresh database (SQLite, or PostgreSQL when `GUICHET_TEST_POSTGRES` names
//! a server), listening on a free loopback port, with a fixed clock and a real SMTP sink.

use crate::{Api, SmtpSink, repo_path};
use guichet::{
    clock::ManualClock,
    config::{Config, QuotaConfig, RateLimitsConfig, Secret, SmtpConfig, SmtpSecurity},
    service::Context,
};
use sea_orm::{ConnectionTrait, Database};
use std::sync::Arc;
use time::OffsetDateTime;
use tokio::sync::oneshot;

/// The PostgreSQL server tests use when set, e.g. `postgres://postgres@127.0.0.1:5432`.
pub const POSTGRES_ENV: &str = "GUICHET_TEST_POSTGRES";

pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    pub clock: Arc<ManualClock>,
    pub smtp: SmtpSink,
    pub ctx: Context,
    pub data_dir: tempfile::TempDir,
    shutdown: Option<oneshot::Sender<()>>,
    /// The database's URL (another instance may share it: [`TestApp::spawn_beside`]).
    pub database_url: Secret,
    /// The database this instance made (dropped with it); `None` on an instance beside another.
    _database: Option<TestDatabase>,
}

/// A fresh database for one test: a SQLite file in `dir`, or a new PostgreSQL database when
/// `GUICHET_TEST_POSTGRES` is set (dropped with this value).
pub struct TestDatabase {
    pub url: Secret,
    postgres_db: Option<(String, String)>,
}

impl TestDatabase {
    /// Creates it; a SQLite file lives in `dir`.
    pub async fn fresh(dir: &std::path::Path) -> Self {
        match std::env::var(POSTGRES_ENV).ok().filter(|v| !v.is_empty()) {
            Some(server) => {
                let server = server.trim_end_matches('/').to_string();
                let name = format!("guichet_test_{}", uuid::Uuid::new_v4().simple());
                let template = postgres_template(&server).await;
                let admin = Database::connect(format!("{server}/postgres"))
                    .await
                    .expect("PostgreSQL reachable");
                for statement in [
                    format!("CREATE DATABASE {name} TEMPLATE {template}"),
                    format!("ALTER DATABASE {name} SET synchronous_commit = off"),
                ] {
                    admin.execute_unprepared(&statement).await.unwrap();
                }
                admin.close().await.ok();
                Self {
                    url: Secret::new(format!("{server}/{name}")),
                    postgres_db: Some((server, name)),
                }
            }
            None => Self {
                url: Secret::new(format!(
                    "sqlite://{}?mode=rwc",
                    dir.join("guichet.db").display()
                )),
                postgres_db: None,
            },
        }
    }
}

/// The database every PostgreSQL test database is copied from (`CREATE DATABASE … TEMPLATE`):
/// all migrations applied once per schema instead of once per test. Its name carries a digest of
/// the migrations' sources, so a changed migration makes a new one; several test processes may
/// race to make it, and the first rename wins. `guichet_template_*` databases are caches, safe to
/// drop. Test databases also commit without waiting for the WAL flush (`synchronous_commit =
/// off`): the server process under test never sees the difference, only the suite's speed does.
async fn postgres_template(server: &str) -> String {
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("guichet_template_{}", migrations_digest());
            let admin = Database::connect(format!("{server}/postgres"))
                .await
                .expect("PostgreSQL reachable");
            let exists = admin
                .query_one_raw(sea_orm::Statement::from_string(
                    admin.get_database_backend(),
                    format!("SELECT 1 AS one FROM pg_database WHERE datname = '{name}'"),
                ))
                .await
                .unwrap()
                .is_some();
            if !exists {
                let building = format!("guichet_template_new_{}", uuid::Uuid::new_v4().simple());
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {building}"))
                    .await
                    .unwrap();
                let db = guichet::store::connect(&Secret::new(format!("{server}/{building}")))
                    .await
                    .unwrap();
                guichet::store::migrate_up(&db).await.unwrap();
                db.close().await.unwrap();
                let renamed = admin
                    .execute_unprepared(&format!("ALTER DATABASE {building} RENAME TO {name}"))
                    .await;
                if renamed.is_err() {
                    // Another test process made it first.
                    admin
                        .execute_unprepared(&format!("DROP DATABASE {building} WITH (FORCE)"))
                        .await
                        .unwrap();
                }
            }
            admin.close().await.ok();
            name
        })
        .await
        .clone()
}

/// SHA-256 over the migrations crate's sources (names and contents, in name order), 16 hex digits.
fn migrations_digest() -> String {
    use sha2::{Digest, Sha256};
    let dir = repo_path("migrations/src");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(file.file_name().unwrap().as_encoded_bytes());
        hasher.update(std::fs::read(&file).unwrap());
    }
    hex::encode(&hasher.finalize()[..8])
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((server, name)) = self.postgres_db.take() {
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    if let Ok(admin) = Database::connect(format!("{server}/postgres")).await {
                        let _ = admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await;
                    }
                });
            })
            .join()
            .ok();
        }
    }
}

/// Quotas no test reaches by accident: a million requests a second on every limit, so the
/// suite and the benchmark (its sign-in section signs one certificate in hundreds of times from
/// one address) run as before. The rate-limit tests set their own small quotas.
pub fn lifted_rate_limits() -> RateLimitsConfig {
    let lifted = QuotaConfig::new(1_000_000, 1);
    RateLimitsConfig {
        trusted_proxies: Vec::new(),
        challenge_per_address: lifted,
        signin_per_address: lifted,
        signin_per_certificate: lifted,
        registration_per_address: lifted,
        registration_per_person: lifted,
        registration_per_email: lifted,
        status_per_address: lifted,
        status_per_document: lifted,
        document_check_per_address: lifted,
        document_check_per_document: lifted,
    }
}

impl TestApp {
    /// Starts a server (rate limits lifted: see [`lifted_rate_limits`]); `tweak` may change
    /// the configuration first.
    pub async fn spawn_with(tweak: impl FnOnce(&mut Config)) -> Self {
        let data_dir = tempfile::tempdir().unwrap();
        let database = TestDatabase::fresh(data_dir.path()).await;
        let smtp = SmtpSink::start().await;
        let url = database.url.clone();
        Self::start(data_dir, smtp, url, Some(database), tweak).await
    }

    /// Another instance of the server on `first`'s database and SMTP sink (its own port, pool,
    /// clock and workers), as a second machine of one deployment would be; `tweak` may change
    /// its configuration (e.g. `workers.run`). The database lives as long as `first`.
    pub async fn spawn_beside(first: &TestApp, tweak: impl FnOnce(&mut Config)) -> Self {
        let data_dir = tempfile::tempdir().unwrap();
        let url = first.database_url.clone();
        Self::start(data_dir, first.smtp.clone(), url, None, tweak).await
    }

    async fn start(
        data_dir: tempfile::TempDir,
        smtp: SmtpSink,
        database_url: Secret,
        database: Option<TestDatabase>,
        tweak: impl FnOnce(&mut Config),
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let mut config = Config {
            bind: base.clone(),
            data_dir: data_dir.path().to_path_buf(),
            database_url: Some(database_url.clone()),
            public_url: base.clone(),
            trusted_cas: vec![repo_path("fixtures/dev-ca/ca.pem")],
            register_fixture: Some(repo_path("fixtures/register/people.json")),
            criminal_record_fixture: Some(repo_path("fixtures/criminal-record/convictions.json")),
            smtp: Some(SmtpConfig {
                host: "127.0.0.1".into(),
                port: smtp.port,
                security: SmtpSecurity::None,
                username: None,
                password: None,
            }),
            rate_limits: lifted_rate_limits(),
            ..Config::default()
        };
        tweak(&mut config);
        let clock = Arc::new(ManualClock::new(OffsetDateTime::now_utc()));
        let ctx = guichet::app::build(config, clock.clone())
            .await
            .expect("server builds");
        let (tx, rx) = oneshot::channel::<()>();
        let served = ctx.clone();
        tokio::spawn(async move {
            let _ = guichet::app::serve(served, listener, async {
                let _ = rx.await;
            })
            .await;
        });
        Self {
            base,
            http: reqwest::Client::new(),
            clock,
            smtp,
            ctx,
            data_dir,
            shutdown: Some(tx),
            database_url,
            _database: database,
        }
    }

    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// A typed client of this server, without a token.
    pub fn client(&self) -> crate::Client {
        Api::client(self)
    }

    pub fn url(&self, path: &str) -> String {
        Api::url(self, path)
    }

    pub async fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: serde_json::Value,
    ) -> reqwest::Response {
        Api::post_json(self, path, token, body).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        Api::get(self, path, token).await
    }
}

impl Api for TestApp {
    fn base(&self) -> &str {
        &self.base
    }
    fn http(&self) -> &reqwest::Client {
        &self.http
    }
    fn smtp(&self) -> &SmtpSink {
        &self.smtp
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Reads a problem body, checking its media type.
pub async fn problem(resp: reqwest::Response) -> (u16, serde_json::Value) {
    let status = resp.status().as_u16();
    let ct = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    assert!(
        ct.starts_with("application/problem+json"),
        "status {status} with content-type {ct:?}"
    );
    (status, resp.json().await.unwrap())
}
