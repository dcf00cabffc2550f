//! TCP proxies between a test's client and its server, to act out what a network does: cut a
//! connection at a chosen moment, or make each message take a while to arrive.
#![allow(clippy::unwrap_used, reason = "test plumbing fails loudly")]

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// The URL `url` with its port changed to `port` on the same host, and on MySQL the driver
/// kept on TCP (it otherwise moves to the server's Unix socket, around any proxy).
pub fn through(url: &str, port: u16) -> String {
    let mut url = url::Url::parse(url).unwrap();
    url.set_port(Some(port)).unwrap();
    if url.scheme() == "mysql" {
        url.query_pairs_mut().append_pair("prefer_socket", "false");
    }
    url.into()
}

/// The `host:port` a URL names.
fn upstream(url: &str) -> String {
    let url = url::Url::parse(url).unwrap();
    format!("{}:{}", url.host_str().unwrap(), url.port().unwrap())
}

/// Forwards connections to the server of `url` until the client sends `COMMIT`, then closes
/// both sides without passing it on. Returns the port it listens on.
pub fn cutting_at_commit(url: &str) -> u16 {
    serve(upstream(url), |mut from_client, mut to_server| {
        let mut buffer = [0_u8; 16 * 1024];
        loop {
            let read = match from_client.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(read) => read,
            };
            let chunk = &buffer[..read];
            if chunk.windows(6).any(|window| window == b"COMMIT") {
                break;
            }
            if to_server.write_all(chunk).is_err() {
                break;
            }
        }
        let _ = from_client.shutdown(Shutdown::Both);
        let _ = to_server.shutdown(Shutdown::Both);
    })
}

/// Forwards connections to the server of `url`, each message from the client arriving
/// `latency` after it was sent (a long line: messages sent together arrive together).
/// Returns the port it listens on.
pub fn delaying(url: &str, latency: Duration) -> u16 {
    serve(upstream(url), move |mut from_client, mut to_server| {
        let (sent, arriving) = mpsc::channel::<(Instant, Vec<u8>)>();
        thread::spawn(move || {
            for (at, chunk) in arriving {
                thread::sleep((at + latency).saturating_duration_since(Instant::now()));
                if to_server.write_all(&chunk).is_err() {
                    break;
                }
            }
            let _ = to_server.shutdown(Shutdown::Both);
        });
        let mut buffer = [0_u8; 16 * 1024];
        loop {
            match from_client.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(read) => {
                    if sent
                        .send((Instant::now(), buffer[..read].to_vec()))
                        .is_err()
                    {
                        break;
                    }
                }
            }
        }
    })
}

/// Accepts connections, opens one to `upstream` for each, copies the server's bytes back as
/// they come and hands the client's to `forward` (reading the client, writing the server).
fn serve(upstream: String, forward: impl Fn(TcpStream, TcpStream) + Clone + Send + 'static) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { return };
            let server = TcpStream::connect(&upstream).unwrap();
            let (from_client, to_server) =
                (client.try_clone().unwrap(), server.try_clone().unwrap());
            let (mut from_server, mut to_client) = (server, client);
            let forward = forward.clone();
            thread::spawn(move || forward(from_client, to_server));
            thread::spawn(move || {
                let _ = std::io::copy(&mut from_server, &mut to_client);
                let _ = to_client.shutdown(Shutdown::Both);
            });
        }
    });
    port
}
