//! A tiny loopback HTTP server for the CLI tests (trust list URL, --online status).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// A one-thread HTTP server on a loopback port answering fixed routes; records request paths.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The request paths, in order.
    pub seen: Arc<Mutex<Vec<String>>>,
}

/// Serves `(path, status line, body)` routes; anything else is 404.
pub fn serve(routes: Vec<(&'static str, &'static str, Vec<u8>)>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let line = String::from_utf8_lossy(&request)
                .lines()
                .next()
                .unwrap_or("")
                .to_owned();
            let path = line.split(' ').nth(1).unwrap_or("").to_owned();
            log.lock().unwrap().push(path.clone());
            let (status, body) = routes
                .iter()
                .find(|(p, _, _)| *p == path)
                .map_or(("404 Not Found", Vec::new()), |(_, s, b)| (*s, b.clone()));
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    Server { base, seen }
}
