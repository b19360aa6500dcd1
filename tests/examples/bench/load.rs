//! HTTP load on one URL for a while: `wrk` when it is installed (its own process, as the issue
//! measured), else a load generator in this process (reqwest), which takes CPU from the server
//! and so caps the fastest endpoints.

use std::{
    process::Command,
    sync::Arc,
    time::{Duration, Instant},
};

/// Connections kept busy at once.
pub const CONNECTIONS: usize = 32;

/// What a load came to.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    /// Requests answered per second.
    pub rate: f64,
    /// Median latency.
    pub p50: Duration,
    /// 99th percentile latency.
    pub p99: Duration,
}

/// Whether `wrk` can be run.
pub fn has_wrk() -> bool {
    Command::new("wrk")
        .arg("--version")
        .output()
        .is_ok_and(|o| !o.stdout.is_empty() || !o.stderr.is_empty())
}

/// The tool that makes the load, for the report.
pub fn tool() -> &'static str {
    if has_wrk() {
        "wrk"
    } else {
        "in-process reqwest"
    }
}

/// Loads `url` (with `token` as bearer) for `secs` seconds; every answer must be 200.
pub async fn run(url: &str, token: Option<&str>, secs: u64) -> Load {
    if has_wrk() {
        wrk(url, token, secs).await
    } else {
        in_process(url, token, secs).await
    }
}

/// `123.45us`, `1.02ms`, `1.5s` as a duration.
fn wrk_duration(text: &str) -> Duration {
    let (number, unit) = text
        .find(|c: char| c.is_ascii_alphabetic())
        .map(|i| text.split_at(i))
        .unwrap();
    let n: f64 = number.parse().unwrap();
    Duration::from_secs_f64(match unit {
        "us" => n / 1e6,
        "ms" => n / 1e3,
        "s" => n,
        "m" => n * 60.0,
        other => panic!("wrk latency unit {other}"),
    })
}

async fn wrk(url: &str, token: Option<&str>, secs: u64) -> Load {
    let threads = crate::world::cores().to_string();
    let mut args = vec![
        "-t".to_string(),
        threads,
        "-c".into(),
        CONNECTIONS.to_string(),
        "-d".into(),
        format!("{secs}s"),
        "--latency".into(),
    ];
    if let Some(token) = token {
        args.extend(["-H".into(), format!("Authorization: Bearer {token}")]);
    }
    args.push(url.to_string());
    let out = tokio::process::Command::new("wrk")
        .args(&args)
        .output()
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "wrk failed: {text}");
    assert!(
        !text.contains("Non-2xx") && !text.contains("Socket errors"),
        "{url}: not every answer was 200:\n{text}"
    );
    let field = |prefix: &str| {
        text.lines()
            .map(str::trim)
            .find(|l| l.starts_with(prefix))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or_else(|| panic!("no {prefix} in wrk's output:\n{text}"))
            .to_string()
    };
    Load {
        rate: field("Requests/sec:").parse().unwrap(),
        p50: wrk_duration(&field("50%")),
        p99: wrk_duration(&field("99%")),
    }
}

async fn in_process(url: &str, token: Option<&str>, secs: u64) -> Load {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .build()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(secs);
    let (url, token) = (Arc::new(url.to_string()), token.map(str::to_string));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..CONNECTIONS {
        let (http, url, token) = (http.clone(), url.clone(), token.clone());
        tasks.spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < until {
                let t = Instant::now();
                let mut req = http.get(url.as_str());
                if let Some(token) = &token {
                    req = req.bearer_auth(token);
                }
                let resp = req.send().await.unwrap();
                assert_eq!(resp.status(), 200, "{url}");
                resp.bytes().await.unwrap();
                latencies.push(t.elapsed());
            }
            latencies
        });
    }
    let mut latencies = Vec::new();
    while let Some(done) = tasks.join_next().await {
        latencies.extend(done.unwrap());
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p) as usize];
    Load {
        rate: latencies.len() as f64 / elapsed.as_secs_f64(),
        p50: at(0.5),
        p99: at(0.99),
    }
}
