//! A minimal W3C WebDriver client over chromedriver on loopback, enough for the
//! browser tests: sessions, navigation, elements, clicks, typing, scripts and
//! screenshots. Skips (returns `None`) when Debian's chromium or chromedriver is
//! absent.
#![allow(dead_code)]

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::serve_support::{request, request_within};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A chromedriver process with one browser session.
pub struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    /// Where downloads land.
    pub downloads: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = request(
            self.addr,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts chromedriver and a headless Chromium session downloading into
/// `downloads`, or `None` with a "skipping" message when they are not installed.
pub fn start(downloads: &Path) -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        eprintln!(
            "skipping: {CHROMIUM} or {CHROMEDRIVER} not found \
             (apt-get install -y chromium chromium-driver; .ci/run installs them)"
        );
        return None;
    }
    let port = free_port();
    let mut driver = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    let deadline = Instant::now() + Duration::from_secs(20);
    // a request sent the moment it starts listening can go unanswered: poll briefly
    let ready = |a| request_within(a, "GET", "/status", None, Duration::from_secs(1)).is_ok();
    while !ready(addr) {
        if Instant::now() > deadline {
            let _ = driver.kill();
            panic!("chromedriver did not answer on {addr} within 20 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let caps = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--no-sandbox", "--headless", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     "--window-size=1280,1000"],
            "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false
            }
        }
    }}});
    let answer = request(addr, "POST", "/session", Some(&caps.to_string()));
    let session = answer
        .ok()
        .and_then(|a| serde_json::from_str::<Value>(&a.body).ok())
        .and_then(|v| v["value"]["sessionId"].as_str().map(str::to_string));
    let Some(session) = session else {
        let _ = driver.kill();
        panic!("chromedriver gave no session: is {CHROMIUM} working?");
    };
    let b = Browser {
        driver,
        addr,
        session,
        downloads: downloads.to_path_buf(),
    };
    // headless Chromium saves downloads only when told where
    let _ = b.call(
        "POST",
        "/chromium/send_command",
        json!({"cmd": "Page.setDownloadBehavior",
               "params": {"behavior": "allow", "downloadPath": downloads.display().to_string()}}),
    );
    Some(b)
}

/// An element handle.
#[derive(Debug, Clone)]
pub struct Element(String);

impl Browser {
    fn call(&self, method: &str, path: &str, body: Value) -> Result<Value, String> {
        let full = format!("/session/{}{path}", self.session);
        let body = body.to_string();
        let answer = request(
            self.addr,
            method,
            &full,
            if method == "GET" { None } else { Some(&body) },
        )
        .map_err(|e| format!("{method} {path}: {e}"))?;
        let v: Value = serde_json::from_str(&answer.body)
            .map_err(|e| format!("{method} {path}: {e}: {}", answer.body))?;
        if answer.status != 200 {
            return Err(format!("{method} {path}: {}", v["value"]));
        }
        Ok(v["value"].clone())
    }

    /// Opens `url`.
    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }))
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// The current URL.
    pub fn url(&self) -> String {
        self.call("GET", "/url", json!({}))
            .unwrap_or_else(|e| panic!("{e}"))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The first element matching the CSS `selector`.
    pub fn find(&self, selector: &str) -> Element {
        self.try_find(selector)
            .unwrap_or_else(|| panic!("no element '{selector}' on {}", self.url()))
    }

    /// The first element matching `selector`, if any.
    pub fn try_find(&self, selector: &str) -> Option<Element> {
        let v = self
            .call(
                "POST",
                "/element",
                json!({"using": "css selector", "value": selector}),
            )
            .ok()?;
        v[ELEMENT_KEY].as_str().map(|s| Element(s.to_string()))
    }

    /// Every element matching `selector`.
    pub fn find_all(&self, selector: &str) -> Vec<Element> {
        let v = self
            .call(
                "POST",
                "/elements",
                json!({"using": "css selector", "value": selector}),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str())
                    .map(|s| Element(s.to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Clicks `el`.
    pub fn click(&self, el: &Element) {
        self.call("POST", &format!("/element/{}/click", el.0), json!({}))
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Types `text` into `el` (a trailing "\u{E007}" presses Enter).
    pub fn type_into(&self, el: &Element, text: &str) {
        self.call(
            "POST",
            &format!("/element/{}/value", el.0),
            json!({ "text": text }),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Clears an input.
    pub fn clear(&self, el: &Element) {
        self.call("POST", &format!("/element/{}/clear", el.0), json!({}))
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// The rendered text of `el`.
    pub fn text(&self, el: &Element) -> String {
        self.call("GET", &format!("/element/{}/text", el.0), json!({}))
            .unwrap_or_else(|e| panic!("{e}"))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// An attribute or property of `el`.
    pub fn attr(&self, el: &Element, name: &str) -> Option<String> {
        self.call(
            "GET",
            &format!("/element/{}/attribute/{name}", el.0),
            json!({}),
        )
        .ok()?
        .as_str()
        .map(str::to_string)
    }

    /// Runs `script` (a function body) in the page and returns its value.
    pub fn eval(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Waits until `cond` holds (page loads after clicks are asynchronous).
    pub fn wait_for(&self, what: &str, cond: impl Fn(&Browser) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !cond(self) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} on {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Saves a PNG screenshot of the window to `path`.
    pub fn screenshot(&self, path: &Path) {
        let v = self
            .call("GET", "/screenshot", json!({}))
            .unwrap_or_else(|e| panic!("{e}"));
        let png = decode_base64(v.as_str().unwrap_or_default());
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("screenshot folder");
        }
        std::fs::write(path, png).expect("write screenshot");
    }
}

/// Standard base64 (the screenshot's encoding).
pub fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}
