//! `agendex serve` over HTTP on loopback: the JSON API and pages on the real seed
//! records, escaping, ids that try to leave the index, limits, errors, and the
//! index reloading after an ingest commits.

use std::time::{Duration, Instant};

use crate::query_support;
use crate::serve_support::{start, TestServer};

fn search(s: &TestServer, qs: &str) -> serde_json::Value {
    let a = s.get(&format!("/api/search?{qs}"));
    assert_eq!(a.status, 200, "{qs}: {}", a.body);
    a.json()
}

#[test]
fn search_api_ranks_pages_and_counts_facets() {
    let Some(s) = start() else { return };
    let v = search(&s, "q=%22funding+gaps%22");
    let top = &v["hits"][0];
    assert_eq!(top["doc"], s.index.id("000"));
    assert_eq!(top["item_number"], "5");
    assert!(top["item_title"].as_str().unwrap_or("").contains("Titov"));
    let url = format!("/doc/{}#{}", s.index.id("000"), top["segment"]);
    assert_eq!(top["url"], url);
    assert!(top["matched"]
        .to_string()
        .to_lowercase()
        .contains("funding"));

    // paging: two pages of 5 are the first 10 hits, in order, without overlap
    let all = search(&s, "q=*&per_page=10");
    let p1 = search(&s, "q=*&per_page=5");
    let p2 = search(&s, "q=*&per_page=5&page=2");
    assert_eq!(p1["total"], all["total"]);
    let key = |h: &serde_json::Value| format!("{}#{}", h["doc"], h["segment"]);
    let joined: Vec<String> = p1["hits"]
        .as_array()
        .into_iter()
        .chain(p2["hits"].as_array())
        .flatten()
        .map(key)
        .collect();
    let first10: Vec<String> = all["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(key)
        .collect();
    assert_eq!(joined, first10);

    // a facet count is the total of the search filtered on that value
    let japan = all["facets"]["state"]
        .as_array()
        .and_then(|a| a.iter().find(|f| f["value"] == "Japan"))
        .cloned()
        .unwrap_or_else(|| panic!("no Japan facet: {}", all["facets"]));
    let filtered = search(&s, "q=*&state=Japan");
    assert_eq!(filtered["total"], japan["count"]);
    let by_iso = search(&s, "q=*&state=jpn");
    assert_eq!(by_iso["total"], japan["count"], "ISO3 codes resolve");
    for h in filtered["hits"].as_array().into_iter().flatten() {
        assert!(h["states"].to_string().contains("Japan"), "{h}");
    }
    let masg = search(&s, "q=*&body=MASG");
    assert!(masg["total"].as_u64() > Some(0));
    for h in masg["hits"].as_array().into_iter().flatten() {
        assert_eq!(h["body"], "MASG");
    }
    // entity-type and organisation filters narrow, never widen
    let amounts = search(&s, "q=*&type=amount&per_page=50");
    let n_amounts = amounts["total"].as_u64().unwrap_or(0);
    assert!(n_amounts > 0 && n_amounts < all["total"].as_u64().unwrap_or(0));
    for h in amounts["hits"].as_array().into_iter().flatten() {
        assert!(h["entities"]["amount"].is_array(), "{h}");
    }
    if let Some(org) = all["facets"]["organisation"][0]["value"].as_str() {
        let n = all["facets"]["organisation"][0]["count"].clone();
        let by_org = search(
            &s,
            &format!("q=*&org={}", agendex::serve::urls::encode_component(org)),
        );
        assert!(
            by_org["total"].as_u64() >= n.as_u64().map(|_| 1),
            "{by_org}"
        );
    }
}

#[test]
fn record_markup_is_shown_as_text() {
    let Some(s) = start() else { return };
    let v = search(&s, "q=onerror+script");
    assert_eq!(v["total"], 1, "{v}");
    let doc = v["hits"][0]["doc"].as_str().unwrap_or_default().to_string();
    for path in [
        "/search?q=onerror+script".to_string(),
        format!("/doc/{doc}"),
        "/summary?state=Japan".to_string(),
    ] {
        let a = s.get(&path);
        assert_eq!(a.status, 200, "{path}");
        assert!(
            !a.body.contains("<script"),
            "{path} carries a live script tag"
        );
        assert!(
            !a.body.contains("<img src=x"),
            "{path} carries a live img tag"
        );
        assert!(!a.body.contains("<b>bold"), "{path}");
    }
    let page = s.get(&format!("/doc/{doc}")).body;
    assert!(page.contains("&lt;script&gt;alert("), "{page}");
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{page}"
    );
}

#[test]
fn ids_cannot_leave_the_index() {
    let Some(s) = start() else { return };
    for path in [
        "/doc/../../etc/passwd",
        "/doc/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/document/..%2F..%2FCargo.toml",
        "/api/document/%2Fetc%2Fpasswd",
        "/doc/meta.json",
    ] {
        let a = s.get(path);
        assert!(
            a.status == 404 || a.status == 400,
            "{path}: {} {}",
            a.status,
            a.body
        );
        assert!(!a.body.contains("root:"), "{path}");
        assert!(!a.body.contains("[package]"), "{path}");
        assert!(!a.body.contains("index_settings"), "{path}");
    }
    // a unique prefix of a real id redirects to the full id
    let a = s.get("/doc/000_a5fd");
    assert!((300..400).contains(&a.status), "{}", a.status);
    assert_eq!(
        a.header("location"),
        Some(format!("/doc/{}", s.index.id("000")).as_str())
    );
}

#[test]
fn limits_and_failed_queries_are_errors_not_crashes() {
    let Some(s) = start() else { return };
    let long = "a".repeat(501);
    for (qs, says) in [
        (format!("q={long}"), "longer than 500"),
        ("q=mine&per_page=101".into(), "per_page is at most 100"),
        ("q=mine&page=200".into(), "only the first 1000"),
        ("q=mine&page=x".into(), "page must be a number"),
        ("q=%22unclosed".into(), "cannot parse the query"),
        ("q=(mine".into(), "cannot parse the query"),
        ("q=mine&state=Atlantis".into(), "unknown state 'Atlantis'"),
        ("q=mine&from=2020&to=2010".into(), "after to"),
        ("q=mine&from=yesterday".into(), "from"),
        ("q=mine&type=weather".into(), "type is one of"),
    ] {
        let api = s.get(&format!("/api/search?{qs}"));
        assert_eq!(api.status, 400, "{qs}: {}", api.body);
        assert!(
            api.json()["error"].as_str().unwrap_or("").contains(says),
            "{qs}: {}",
            api.body
        );
        let page = s.get(&format!("/search?{qs}"));
        assert_eq!(page.status, 400, "{qs}");
        assert!(page
            .header("content-type")
            .unwrap_or("")
            .starts_with("text/html"));
        assert!(page.body.contains("error-message"), "{qs}");
    }
    assert_eq!(s.get("/nowhere").status, 404);
    assert_eq!(s.get("/api/nowhere").json()["status"], 404);
    assert_eq!(s.get("/summary").status, 400);
    // still serving after all of that
    assert_eq!(s.get("/api/search?q=mine").status, 200);
}

#[test]
fn requests_beyond_the_in_flight_bound_get_busy_not_queued() {
    let Some(s) = start() else { return };
    let state = s.state.clone().expect("state");
    let all = u32::try_from(state.limits.max_in_flight).expect("small bound");
    // every permit taken, as by 64 slow requests
    let held = state
        .permits
        .clone()
        .try_acquire_many_owned(all)
        .expect("permits");
    let busy = s.get("/api/search?q=mine");
    assert_eq!(busy.status, 503);
    assert_eq!(busy.header("retry-after"), Some("1"));
    drop(held);
    assert_eq!(s.get("/api/search?q=mine").status, 200);
}

#[test]
fn summary_downloads_equal_the_cli_output() {
    let Some(s) = start() else { return };
    for (format, ext) in [("csv", "csv"), ("markdown", "md")] {
        let out = query_support::agendex(
            &[
                "summary",
                "--state",
                "Japan",
                "--as-of",
                "2016-01-01",
                "--format",
                format,
            ],
            s.index_dir(),
        );
        query_support::assert_ok(&out);
        let cli = String::from_utf8_lossy(&out.stdout).to_string();
        let a = s.get(&format!("/summary.{ext}?state=japan&as_of=2016-01-01"));
        assert_eq!(a.status, 200);
        assert!(a
            .header("content-disposition")
            .unwrap_or("")
            .contains("attachment"));
        assert_eq!(a.body, cli, "{format} differs from the CLI");
    }
    let v = s.get("/api/summary?state=Japan&as_of=2016-01-01").json();
    assert_eq!(v["subject"]["name"], "Japan", "{}", v["subject"]);
    let page = s.get("/summary?state=Japan&as_of=2016-01-01").body;
    // the $14 million contribution, linked to the item it cites
    assert!(page.contains("14,000,000"), "{page}");
    assert!(page.contains(&format!("href=\"/doc/{}#", s.index.id("000"))));
    assert!(page.contains("id=\"plot-mentions\""));
    assert!(page.contains("<svg"));
}

#[test]
fn documents_cite_items_by_url_and_entities_list_states() {
    let Some(s) = start() else { return };
    let id = s.index.id("000");
    let doc = s.get(&format!("/api/document/{id}")).json();
    let segs = doc["segments"].as_array().cloned().unwrap_or_default();
    assert_eq!(segs.len(), 12);
    let five = segs
        .iter()
        .find(|g| g["number"] == "5")
        .unwrap_or_else(|| panic!("no item 5"));
    assert!(five["text"].as_str().unwrap_or("").contains("$14 million"));
    let n = five["segment"].as_u64().unwrap_or(0);
    assert_eq!(five["citation"], format!("{id}#{n}"));
    let page = s.get(&format!("/doc/{id}")).body;
    assert!(
        page.contains(&format!("id=\"{n}\" data-segment=\"{n}\"")),
        "{page}"
    );
    assert!(page.contains(&format!("[{id}#{n}]")));
    assert!(page.contains("class=\"ent ent-state\""));

    let ents = s.get("/api/entities?type=state").json();
    let values = ents["values"].as_array().cloned().unwrap_or_default();
    let japan = values
        .iter()
        .find(|g| g["key"] == "Japan")
        .unwrap_or_else(|| panic!("{ents}"));
    assert!(japan["count"].as_u64() >= Some(5));
    let counts: Vec<u64> = values.iter().filter_map(|g| g["count"].as_u64()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "by mention count");
    let page = s.get("/entities?type=person");
    assert_eq!(page.status, 200);
}

#[test]
fn the_index_reloads_after_an_ingest_and_answers_during_one() {
    let Some(s) = start() else { return };
    let state = s.state.clone().expect("the server's state");
    // opened with its tables when the server was bound, before any request
    assert!(state.tables_ready());
    let before = s.get("/api/status").json();
    let docs = before["documents"].as_u64().unwrap_or(0);
    assert_eq!(s.get("/api/search?q=zanzibarite").json()["total"], 0);
    // a writer holding the index lock (an ingest running) does not stop answers
    let mut w = agendex::index::IndexWriter::open_or_create(s.index_dir(), 1).expect("writer");
    assert_eq!(s.get("/api/search?q=mine").status, 200);
    w.delete_all().expect("uncommitted delete");
    assert_eq!(s.get("/api/status").json()["documents"], docs);
    drop(w);
    s.add_record(
        "late.txt",
        "CCM Meeting Minutes\n\n1. Zanzibarite survey\n\nNorway reported a zanzibarite survey.\n",
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = s.get("/api/status").json();
        if now["documents"].as_u64() == Some(docs + 1) {
            assert!(now["generation"].as_u64() > before["generation"].as_u64());
            // the new commit's tables were built before it was swapped in
            assert!(state.tables_ready());
            break;
        }
        assert!(Instant::now() < deadline, "no reload: {now}");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(s.get("/api/search?q=zanzibarite").json()["total"], 1);
}

#[test]
fn a_repeated_or_paged_search_answers_as_the_first_did() {
    let Some(s) = start() else { return };
    // spacing is normalised: the second asks the cache for the same matches
    let first = search(&s, "q=mine+clearance&per_page=3");
    let again = search(&s, "q=mine++clearance+&per_page=3");
    assert_eq!(first["hits"], again["hits"]);
    assert_eq!(first["facets"], again["facets"]);
    assert!(first["total"].as_u64() > Some(3), "{}", first["total"]);
    // page 2 reuses page 1's facet counts (counted over all matches, once)
    let second = search(&s, "q=mine+clearance&per_page=3&page=2");
    assert_eq!(second["total"], first["total"]);
    assert_eq!(second["facets"], first["facets"]);
    assert_ne!(second["hits"][0]["citation"], first["hits"][0]["citation"]);
    // a filter is part of the key: it never gets the unfiltered answer
    let japan = search(&s, "q=mine+clearance&per_page=3&state=Japan");
    assert!(japan["total"].as_u64() < first["total"].as_u64());
    // organisations are counted with the other facets
    let orgs = first["facets"]["organisation"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(orgs > 0, "{}", first["facets"]);
}
