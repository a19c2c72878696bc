//! Shared by the `serve_*` tests: a server on a free loopback port over an index
//! of the real seeds plus one hostile record, and a minimal HTTP/1.1 client.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use agendex::index::IndexWriter;
use agendex::ingest::IngestOptions;
use agendex::serve::{bind, Limits, ServeConfig};

use crate::query_support::{seed_index, SeedIndex};

/// A record whose text carries markup: it must show as text on every page.
pub const HOSTILE_TEXT: &str = "MASG Meeting Minutes\n\n\
Date: 12 March 2019\n\n\
1. Opening <script>alert('x')</script>\n\n\
The delegate of Japan read out <b>bold</b> & <img src=x onerror=alert(1)> in the record \
and announced a contribution of USD 2 million to the Voluntary Trust Fund.\n";

/// A running server and the index it reads.
pub struct TestServer {
    /// Index (kept alive as long as the server).
    pub index: SeedIndex,
    /// Where it listens.
    pub addr: SocketAddr,
    /// Folder of the extra records added by [`TestServer::add_record`].
    pub extra: tempfile::TempDir,
    /// The server's shared state.
    pub state: Option<std::sync::Arc<agendex::serve::AppState>>,
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    /// Status code.
    pub status: u16,
    /// Headers, names lowercased.
    pub headers: Vec<(String, String)>,
    /// Body as text.
    pub body: String,
}

impl Answer {
    /// The first header named `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// GET `path` (with its query string) from `addr`.
pub fn get(addr: SocketAddr, path: &str) -> Answer {
    request(addr, "GET", path, None).unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

/// One request on a fresh connection; `body` is sent as JSON.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> std::io::Result<Answer> {
    request_within(addr, method, path, body, Duration::from_secs(60))
}

/// [`request`], failing when the answer takes longer than `timeout`.
pub fn request_within(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&str>,
    timeout: Duration,
) -> std::io::Result<Answer> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(timeout))?;
    let body = body.unwrap_or("");
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    Ok(parse_answer(&read_answer(&mut s)?))
}

/// Reads one answer: up to the end of its `Content-Length` body when it has one
/// (chromedriver may keep the connection open despite `Connection: close`), else
/// to the end of the stream.
fn read_answer(s: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_lowercase();
            let length = head
                .lines()
                .filter_map(|l| l.strip_prefix("content-length:"))
                .find_map(|v| v.trim().parse::<usize>().ok());
            if let Some(n) = length {
                if raw.len() >= end + 4 + n {
                    raw.truncate(end + 4 + n);
                    return Ok(raw);
                }
            }
        }
        let n = s.read(&mut buf)?;
        if n == 0 {
            return Ok(raw);
        }
        raw.extend_from_slice(&buf[..n]);
    }
}

fn parse_answer(raw: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").expect("a header block");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Answer {
        status,
        headers,
        body,
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// Starts a server over the seeds plus [`HOSTILE_TEXT`], or `None` (with a
/// "skipping" message) when the seeds are absent.
pub fn start() -> Option<TestServer> {
    start_with(Limits::default())
}

/// [`start`] with other limits.
pub fn start_with(limits: Limits) -> Option<TestServer> {
    let index = seed_index()?;
    let extra = tempfile::tempdir().expect("tempdir");
    let server = TestServer {
        addr: "127.0.0.1:0".parse().expect("addr"),
        index,
        extra,
        state: None,
    };
    server.add_record("hostile.txt", HOSTILE_TEXT);
    let bound = bind(ServeConfig {
        index: server.index.path().to_path_buf(),
        rules: Some(crate::common::rules_dir()),
        addr: server.addr,
        limits,
    })
    .expect("bind a loopback port");
    let addr = bound.local_addr().expect("local addr");
    let state = Some(bound.state());
    std::thread::spawn(move || bound.run());
    Some(TestServer {
        addr,
        state,
        ..server
    })
}

impl TestServer {
    /// GET `path`.
    pub fn get(&self, path: &str) -> Answer {
        get(self.addr, path)
    }

    /// Writes `text` as file `name` and indexes it (commits), as an `ingest` would.
    pub fn add_record(&self, name: &str, text: &str) -> String {
        let path: PathBuf = self.extra.path().join(name);
        std::fs::write(&path, text).expect("write record");
        let id = agendex::ingest::doc_id(self.extra.path(), &path);
        let rules = crate::common::default_rules();
        let doc = agendex::pipeline::process_file(&path, &id, &IngestOptions::default(), &rules)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut w = IndexWriter::open_or_create(self.index.path(), 1).expect("open writer");
        w.add(&doc).expect("add");
        w.commit("serve test").expect("commit");
        w.finish().expect("finish");
        id
    }

    /// The index folder.
    pub fn index_dir(&self) -> &Path {
        self.index.path()
    }
}
