//! What the sections share: the database in use, citizens of the sample register, running bare
//! work on every core, counting what reached the SMTP sink and the push service.

use guichet_identity::KeyAlgorithm;
use guichet_tests::{
    Citizen, Device, PushService, SmtpSink,
    citizen::{dev_ca, spec},
    repo_path,
};
use serde_json::Value;
use std::{
    collections::HashMap,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

/// Whether the servers run on PostgreSQL (`GUICHET_TEST_POSTGRES`) rather than SQLite.
pub fn on_postgres() -> bool {
    std::env::var(guichet_tests::app::POSTGRES_ENV).is_ok_and(|v| !v.is_empty())
}

/// The cores of this machine.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `work` on every core (one thread each, nothing else of ours running) for `secs`
/// seconds; answers how many times per second it ran in all.
pub fn on_all_cores<S: Send + 'static>(
    secs: u64,
    setup: impl Fn(usize) -> S + Send + Sync + 'static,
    work: impl Fn(&mut S, u64) + Send + Sync + 'static,
) -> f64 {
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let (setup, work) = (Arc::new(setup), Arc::new(work));
    let threads: Vec<_> = (0..cores())
        .map(|i| {
            let (stop, done, setup, work) =
                (stop.clone(), done.clone(), setup.clone(), work.clone());
            std::thread::spawn(move || {
                let mut state = setup(i);
                let mut n = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    work(&mut state, n);
                    n += 1;
                }
                done.fetch_add(n, Ordering::Relaxed);
            })
        })
        .collect();
    let started = Instant::now();
    std::thread::sleep(Duration::from_secs(secs));
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

/// `n` people of the sample register after the first `skip`, as citizens with fresh
/// certificates.
pub fn citizens(skip: usize, n: usize) -> Vec<Citizen> {
    let people: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(repo_path("fixtures/register/people.json")).unwrap(),
    )
    .unwrap();
    let ca = dev_ca();
    people
        .iter()
        .enumerate()
        .skip(skip)
        .take(n)
        .map(|(i, p)| {
            Citizen::with(
                &ca,
                spec(
                    p["matricule"].as_str().unwrap(),
                    p["given_names"].as_str().unwrap(),
                    p["family_name"].as_str().unwrap(),
                    KeyAlgorithm::Ed25519,
                ),
                &format!("citizen-{i}@example.lu"),
            )
        })
        .collect()
}

/// The notice mails of issued documents (not registration or status mails) at `smtp`.
pub fn document_mails(smtp: &SmtpSink) -> usize {
    smtp.count(|m| {
        ["nouveau document", "new document", "neues Dokument"]
            .iter()
            .any(|s| m.subject.contains(s))
    })
}

/// Counts the pushes that verify and decrypt, with their device's keys, to a notice of `kind`;
/// `seen` pushes were looked at already.
pub struct PushCount {
    seen: usize,
    counted: usize,
    kind: &'static str,
}

impl PushCount {
    pub fn new(kind: &'static str) -> Self {
        Self {
            seen: 0,
            counted: 0,
            kind,
        }
    }

    /// Looks at the pushes received since the last call; the count so far.
    pub fn update(&mut self, service: &PushService, devices: &HashMap<String, Device>) -> usize {
        let received = service.received_since(self.seen);
        self.seen += received.len();
        self.counted += received
            .iter()
            .filter(|r| r.vapid.is_ok() && r.answered == 201)
            .filter_map(|r| devices.get(&r.device)?.decrypt(&r.body).ok())
            .filter_map(|plain| serde_json::from_slice::<Value>(&plain).ok())
            .filter(|notice| notice["kind"] == self.kind)
            .count();
        self.counted
    }
}
