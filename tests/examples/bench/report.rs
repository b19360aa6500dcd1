//! The benchmark's table: each figure with what it is compared with, its ratio and its goal,
//! printed as it is measured and all together at the end (Markdown, ready for the README).

use std::time::Duration;

/// A goal on a row's value.
#[derive(Clone, Copy)]
pub enum Goal {
    /// The ratio is at least this fraction.
    AtLeast(f64),
    /// The ratio is at most this fraction (an overhead).
    AtMost(f64),
    /// The absolute figure is at most this many milliseconds.
    AtMostMs(f64),
    /// Nothing to meet: a figure for the record.
    None,
}

struct Row {
    name: String,
    measured: String,
    against: String,
    ratio: String,
    goal: String,
    met: Option<bool>,
}

pub struct Report {
    rows: Vec<Row>,
    machine: Vec<String>,
}

/// `1234.5` as `1,235`, small numbers with a decimal.
pub fn rate(per_sec: f64) -> String {
    if per_sec >= 100.0 {
        let n = per_sec.round() as u64;
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        format!("{per_sec:.1}")
    }
}

/// A duration in milliseconds with enough digits.
pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms >= 10.0 {
        format!("{ms:.0} ms")
    } else if ms >= 0.1 {
        format!("{ms:.2} ms")
    } else {
        format!("{:.1} µs", ms * 1e3)
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// This process's resident memory now and at its peak, in MiB (Linux).
pub fn resident_mib() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse::<f64>()
            .ok()
            .map(|kib| kib / 1024.0)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

impl Report {
    pub fn new() -> Self {
        Self {
            rows: Vec::new(),
            machine: Vec::new(),
        }
    }

    /// Notes the machine: CPU, cores, memory, database, load average at the start.
    pub fn machine(&mut self) {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split(':').nth(1))
                    .map(|m| m.trim().to_string())
            })
            .unwrap_or_else(|| "unknown CPU".into());
        let memory = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|s| {
                let kib: f64 = s.lines().next()?.split_whitespace().nth(1)?.parse().ok()?;
                Some(format!("{:.1} GiB", kib / 1024.0 / 1024.0))
            })
            .unwrap_or_else(|| "unknown".into());
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let backend = if crate::world::on_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        };
        let profile = if cfg!(debug_assertions) {
            "debug build (figures not comparable: use --release)"
        } else {
            "release build"
        };
        let line = format!(
            "{cpu}, {cores} cores, {memory}; {backend}; {profile}; load average at start {}",
            load_average()
        );
        println!("machine: {line}");
        self.machine.push(line);
    }

    /// A row: `measured` compared with `against`; `ratio` is measured / against when both are
    /// rates, or the figure itself for an absolute goal.
    pub fn row(
        &mut self,
        name: &str,
        measured: String,
        against: String,
        value: Option<f64>,
        goal: Goal,
    ) {
        let ratio = match (value, goal) {
            (Some(v), Goal::AtMostMs(_)) => format!("{v:.2} ms"),
            (Some(v), _) => format!("{:.1} %", v * 100.0),
            (None, _) => String::new(),
        };
        let (goal_text, met) = match (goal, value) {
            (Goal::AtLeast(g), Some(v)) => (format!("≥ {:.0} %", g * 100.0), Some(v >= g)),
            (Goal::AtMost(g), Some(v)) => (format!("≤ {:.0} %", g * 100.0), Some(v <= g)),
            (Goal::AtMostMs(g), Some(v)) => (format!("≤ {g} ms"), Some(v <= g)),
            _ => (String::new(), None),
        };
        let verdict = match met {
            Some(true) => "met",
            Some(false) => "MISSED",
            None => "",
        };
        println!("{name}: {measured} | {against} | {ratio} | {goal_text} {verdict}");
        self.rows.push(Row {
            name: name.into(),
            measured,
            against,
            ratio,
            goal: goal_text,
            met,
        });
    }

    /// A row for the resident memory now.
    pub fn memory(&mut self, when: &str) {
        if let Some((now, peak)) = resident_mib() {
            self.row(
                &format!("resident memory {when}"),
                format!("{now:.0} MiB (peak {peak:.0} MiB)"),
                "whole bench process: servers, fixtures, clients".into(),
                None,
                Goal::None,
            );
        }
    }

    /// Prints the whole table (Markdown) and the load average at the end.
    pub fn print(&self, took: Duration) {
        println!();
        for line in &self.machine {
            println!("Machine: {line}; load average at end {}.", load_average());
        }
        println!("Run took {:.0} s.", took.as_secs_f64());
        println!();
        println!("| what | measured | against (same run) | ratio | goal | |");
        println!("|---|---|---|---|---|---|");
        for r in &self.rows {
            let verdict = match r.met {
                Some(true) => "met",
                Some(false) => "**missed**",
                None => "",
            };
            println!(
                "| {} | {} | {} | {} | {} | {} |",
                r.name, r.measured, r.against, r.ratio, r.goal, verdict
            );
        }
    }
}
