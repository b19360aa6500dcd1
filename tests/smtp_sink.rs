//! A real SMTP server on loopback that keeps what it receives (RFC 5321 subset, no TLS).

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicUsize, Ordering},
};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::Notify;

/// A mail as the sink received it, decoded.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    mails: Arc<Mutex<Vec<ReceivedMail>>>,
    arrived: Arc<Notify>,
    sessions: Arc<AtomicUsize>,
}

fn decode(raw: &[u8], from: String, to: Vec<String>) -> ReceivedMail {
    let parsed = mailparse::parse_mail(raw).expect("the server sent a parseable mail");
    let subject = parsed
        .headers
        .iter()
        .find(|h| h.get_key().eq_ignore_ascii_case("subject"))
        .map(|h| h.get_value())
        .unwrap_or_default();
    let body = parsed.get_body().expect("decodable body");
    ReceivedMail {
        from,
        to,
        subject,
        body,
    }
}

impl SmtpSink {
    /// Starts the sink on 127.0.0.1 with a free port.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let sink = Self {
            port,
            mails: Arc::default(),
            arrived: Arc::default(),
            sessions: Arc::default(),
        };
        let s = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                s.sessions.fetch_add(1, Ordering::SeqCst);
                let s = s.clone();
                tokio::spawn(async move {
                    let _ = s.session(stream).await;
                });
            }
        });
        sink
    }

    async fn session(&self, stream: tokio::net::TcpStream) -> std::io::Result<()> {
        let (r, mut w) = stream.into_split();
        let mut r = BufReader::new(r);
        w.write_all(b"220 sink.test ESMTP guichet test sink\r\n")
            .await?;
        let (mut from, mut to) = (String::new(), Vec::new());
        let mut line = String::new();
        loop {
            line.clear();
            if r.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let cmd = line.trim_end().to_string();
            let upper = cmd.to_ascii_uppercase();
            if upper.starts_with("EHLO") {
                w.write_all(b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                    .await?;
            } else if upper.starts_with("HELO")
                || upper.starts_with("RSET")
                || upper.starts_with("NOOP")
            {
                w.write_all(b"250 OK\r\n").await?;
            } else if upper.starts_with("MAIL FROM:") {
                from = cmd[10..]
                    .trim()
                    .trim_matches(['<', '>'])
                    .split('>')
                    .next()
                    .unwrap_or("")
                    .to_string();
                to.clear();
                w.write_all(b"250 OK\r\n").await?;
            } else if upper.starts_with("RCPT TO:") {
                to.push(cmd[8..].trim().trim_matches(['<', '>']).to_string());
                w.write_all(b"250 OK\r\n").await?;
            } else if upper == "DATA" {
                w.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                let mut data = Vec::new();
                loop {
                    line.clear();
                    if r.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    let l = line.strip_prefix('.').unwrap_or(&line);
                    data.extend_from_slice(l.as_bytes());
                }
                self.mails
                    .lock()
                    .unwrap()
                    .push(decode(&data, from.clone(), to.clone()));
                self.arrived.notify_waiters();
                w.write_all(b"250 OK queued\r\n").await?;
            } else if upper == "QUIT" {
                w.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else {
                w.write_all(b"502 command not implemented\r\n").await?;
            }
        }
    }

    /// SMTP connections accepted so far.
    pub fn sessions(&self) -> usize {
        self.sessions.load(Ordering::SeqCst)
    }

    /// Every mail received so far.
    pub fn mails(&self) -> Vec<ReceivedMail> {
        self.mails.lock().unwrap().clone()
    }

    /// How many mails received so far `keep` selects (counted without copying them).
    pub fn count(&self, keep: impl Fn(&ReceivedMail) -> bool) -> usize {
        self.mails
            .lock()
            .unwrap()
            .iter()
            .filter(|m| keep(m))
            .count()
    }

    /// Forgets the mails received so far (a long load keeps the sink's memory flat).
    pub fn clear(&self) {
        self.mails.lock().unwrap().clear();
    }

    /// Waits (at most 20 s) for the `n`-th mail (1-based) addressed to `to`.
    pub async fn wait_for(&self, to: &str, n: usize) -> ReceivedMail {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let notified = self.arrived.notified();
            let found: Vec<_> = self
                .mails()
                .into_iter()
                .filter(|m| m.to.iter().any(|t| t == to))
                .collect();
            if found.len() >= n {
                return found[n - 1].clone();
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!("no mail #{n} to {to} within 20 s; got {:?}", self.mails());
            }
        }
    }
}

/// The confirmation token in a mail body's link.
pub fn link_token(body: &str) -> String {
    let start = body
        .find("token=")
        .expect("a confirmation link in the mail")
        + 6;
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}
