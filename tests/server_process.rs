//! The server as a child process (the `guichet-under-test` binary of this package) on a fresh
//! database, which a test can kill with SIGKILL and start again on the same database; more
//! instances may run beside it on that database ([`ServerProcess::beside`]).

use crate::{Api, SmtpSink, app::TestDatabase, repo_path};
use guichet::config::Secret;
use std::{
    fs::File,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

/// Every worker: `GUICHET_WORKERS` of a complete instance.
pub const ALL_WORKERS: &str = "issuance,mail,push";

/// How long a claimed mail or push stays claimed (`GUICHET_OUTBOX_LEASE_SECS`): short, so a
/// row claimed by a killed instance is taken over soon after restart.
pub const LEASE_SECS: u32 = 2;

/// How long a start may take (migrations on a fresh PostgreSQL database included).
const START_DEADLINE: Duration = Duration::from_secs(60);

pub struct ServerProcess {
    /// `http://127.0.0.1:port` of the running instance (a new port at each start).
    pub base: String,
    pub http: reqwest::Client,
    pub smtp: SmtpSink,
    exe: PathBuf,
    child: Option<Child>,
    starts: u32,
    database_url: Secret,
    // Dropped after the child is killed (in `Drop`): the database first, then the folder. An
    // instance beside another has none of its own.
    _database: Option<TestDatabase>,
    dir: tempfile::TempDir,
}

/// A port free a moment ago on 127.0.0.1.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A TOML basic string: quoted, with `\` and `"` escaped.
fn toml_string(path: &Path) -> String {
    let s = path.display().to_string();
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

impl ServerProcess {
    /// Starts `exe` (pass `env!("CARGO_BIN_EXE_guichet-under-test")`) on a fresh database,
    /// running `workers` (`GUICHET_WORKERS`: e.g. `none`, `issuance`, [`ALL_WORKERS`]), and
    /// waits until it is ready.
    pub async fn start(exe: &str, workers: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let smtp = SmtpSink::start().await;
        let database = TestDatabase::fresh(dir.path()).await;
        let url = database.url.clone();
        Self::launch(exe, workers, dir, smtp, url, Some(database)).await
    }

    /// Another instance on this one's database and SMTP sink (its own folder and port), running
    /// `workers`, as another machine of the same deployment; waits until it is ready. The
    /// database must outlive it: drop this instance after the other.
    pub async fn beside(&self, workers: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let exe = self.exe.to_str().unwrap().to_string();
        let url = self.database_url.clone();
        Self::launch(&exe, workers, dir, self.smtp.clone(), url, None).await
    }

    async fn launch(
        exe: &str,
        workers: &str,
        dir: tempfile::TempDir,
        smtp: SmtpSink,
        database_url: Secret,
        database: Option<TestDatabase>,
    ) -> Self {
        // What the environment cannot say: absolute fixture paths and loopback push endpoints.
        let config = format!(
            "trusted_cas = [{}]\nregister_fixture = {}\n\n[push]\nallow_loopback_http = true\n",
            toml_string(&repo_path("fixtures/dev-ca/ca.pem")),
            toml_string(&repo_path("fixtures/register/people.json")),
        );
        std::fs::write(dir.path().join("guichet.toml"), config).unwrap();
        let mut server = Self {
            base: String::new(),
            http: reqwest::Client::new(),
            smtp,
            exe: PathBuf::from(exe),
            child: None,
            starts: 0,
            database_url,
            _database: database,
            dir,
        };
        server.spawn(workers).await;
        server
    }

    async fn spawn(&mut self, workers: &str) {
        assert!(self.child.is_none(), "the server is already running");
        self.starts += 1;
        let port = free_port();
        self.base = format!("http://127.0.0.1:{port}");
        let log = File::create(self.log_path(self.starts)).unwrap();
        let dir = self.dir.path();
        let child = Command::new(&self.exe)
            .current_dir(dir)
            .env("GUICHET_CONFIG", dir.join("guichet.toml"))
            .env("GUICHET_BIND", format!("127.0.0.1:{port}"))
            .env("GUICHET_PUBLIC_URL", &self.base)
            .env("GUICHET_DATA_DIR", dir)
            .env("DATABASE_URL", self.database_url.expose())
            .env("GUICHET_SMTP_HOST", "127.0.0.1")
            .env("GUICHET_SMTP_PORT", self.smtp.port.to_string())
            .env("GUICHET_SMTP_SECURITY", "none")
            .env("GUICHET_WORKERS", workers)
            .env("GUICHET_OUTBOX_LEASE_SECS", LEASE_SECS.to_string())
            .env_remove("GUICHET_SMTP_USERNAME")
            .env_remove("GUICHET_SMTP_PASSWORD")
            .env_remove("GUICHET_LOG_FORMAT")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.exe.display()));
        self.child = Some(child);
        self.wait_ready().await;
    }

    async fn wait_ready(&mut self) {
        let deadline = tokio::time::Instant::now() + START_DEADLINE;
        loop {
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().unwrap()) {
                self.child = None;
                self.fail(&format!("the server exited while starting: {status}"));
            }
            let ready = self
                .http
                .get(self.url("/readyz"))
                .timeout(Duration::from_secs(2))
                .send()
                .await
                .is_ok_and(|r| r.status() == 200);
            if ready {
                return;
            }
            if tokio::time::Instant::now() > deadline {
                self.fail(&format!(
                    "the server was not ready within {START_DEADLINE:?}"
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Kills the server with SIGKILL, wherever it is: no graceful shutdown, no flush.
    pub fn kill_hard(&mut self) {
        let Some(mut child) = self.child.take() else {
            panic!("the server is not running");
        };
        if let Some(status) = child.try_wait().unwrap() {
            self.fail(&format!("the server had exited on its own: {status}"));
        }
        child.kill().unwrap();
        child.wait().unwrap();
    }

    /// Starts the server again on the same database (killing it first if it runs), with
    /// `workers`, and waits until it is ready.
    pub async fn restart(&mut self, workers: &str) {
        if self.child.is_some() {
            self.kill_hard();
        }
        self.spawn(workers).await;
    }

    /// The log of every start so far.
    pub fn logs(&self) -> String {
        (1..=self.starts)
            .map(|n| {
                let text = std::fs::read_to_string(self.log_path(n)).unwrap_or_default();
                format!("----- server start #{n} -----\n{text}")
            })
            .collect()
    }

    /// Fails the test with `message`, printing the server's logs.
    pub fn fail(&self, message: &str) -> ! {
        panic!("{message}\n{}", self.logs());
    }

    fn log_path(&self, start: u32) -> PathBuf {
        self.dir.path().join(format!("server-{start}.log"))
    }
}

impl Api for ServerProcess {
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

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
