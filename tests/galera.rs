//! The MariaDB Galera cluster the tests run on (`scripts/galera start` makes one of three nodes
//! on loopback and prints their URLs; `DOVETAIL_GALERA_URLS` holds them, space-separated), a
//! scratch database on it, and crashing and restarting a node.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test plumbing fails loudly"
)]

use std::process::Command;

use crate::live::{Scratch, ci, unique_name, with_database};

/// The nodes' URLs, or `None` (after a notice) when no cluster is configured — a failure under
/// `CI=true`, where `.ci/run` starts one.
pub fn nodes() -> Option<Vec<String>> {
    match std::env::var("DOVETAIL_GALERA_URLS") {
        Ok(urls) if !urls.trim().is_empty() => {
            Some(urls.split_whitespace().map(str::to_owned).collect())
        }
        _ if ci() => panic!("DOVETAIL_GALERA_URLS is not set (CI=true, so this is a failure)"),
        _ => {
            eprintln!("SKIPPED: no Galera cluster (start one with `scripts/galera start`)");
            None
        }
    }
}

/// A database of a test's own on the cluster, reached through any node; dropped at the end.
pub struct ClusterDatabase {
    /// The database on each node, in node order.
    pub urls: Vec<String>,
    _scratch: Scratch,
}

impl ClusterDatabase {
    /// Creates it (through the first node; the cluster replicates it), or `None` without a
    /// cluster.
    pub fn new(test: &str) -> Option<ClusterDatabase> {
        let nodes = nodes()?;
        let name = unique_name(test);
        let admin = dovetail::connect(&nodes[0]).unwrap();
        let scratch = Scratch::create(admin, "DATABASE", &name, "");
        Some(ClusterDatabase {
            urls: nodes.iter().map(|url| with_database(url, &name)).collect(),
            _scratch: scratch,
        })
    }

    /// One URL naming the nodes `order` (1-based) in that order.
    pub fn url_of(&self, order: &[usize]) -> String {
        let servers: Vec<String> = order
            .iter()
            .map(|n| {
                let url = url::Url::parse(&self.urls[n - 1]).unwrap();
                format!("{}:{}", url.host_str().unwrap(), url.port().unwrap())
            })
            .collect();
        let first = url::Url::parse(&self.urls[0]).unwrap();
        format!(
            "mysql://{}@{}{}",
            first.username(),
            servers.join(","),
            first.path()
        )
    }
}

/// Kills node `n` (1-based) at once, as a crash would.
pub fn kill_node(n: usize) {
    script(&["kill", &n.to_string()]);
}

/// Starts node `n` again and waits until it has rejoined the cluster.
pub fn start_node(n: usize) {
    script(&["start-node", &n.to_string()]);
}

fn script(args: &[&str]) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/galera");
    let status = Command::new(path).args(args).status().unwrap();
    assert!(status.success(), "scripts/galera {args:?} failed");
}
