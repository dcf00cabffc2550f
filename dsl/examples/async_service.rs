//! A small HTTP service on axum over dovetail's async pool and typed queries: a stock of items
//! that can be listed, read, added and moved between, the move in one transaction.
//!
//! ```sh
//! cargo run -p dovetail --features tokio --example async_service -- sqlite:///tmp/stock.db
//! curl -X POST localhost:3000/items -H 'content-type: application/json' -d '{"name":"bolt","qty":10}'
//! curl localhost:3000/items
//! ```
//!
//! Its test (`cargo test -p dovetail --features tokio --example async_service`) serves on a
//! free port and talks HTTP to it.

use std::net::SocketAddr;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use dovetail::prelude::*;
use dovetail::{AsyncPool, Error};
use serde::{Deserialize, Serialize};

dovetail::table! {
    item { id: Integer [identity], name: Text, qty: Integer }
    primary_key (id);
}

/// An item as the API shows it.
#[derive(Debug, Serialize, Deserialize, PartialEq, Queryable)]
struct Item {
    id: i32,
    name: String,
    qty: i32,
}

/// An item to add.
#[derive(Debug, Deserialize)]
struct NewItem {
    name: String,
    qty: i32,
}

/// A quantity to move from one item to another.
#[derive(Debug, Deserialize)]
struct Transfer {
    from: i32,
    to: i32,
    qty: i32,
}

/// What a handler fails with: a status and a message.
struct Failure(StatusCode, String);

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        let status = match &error {
            Error::NotFound => StatusCode::NOT_FOUND,
            Error::UniqueViolation(_) | Error::CheckViolation(_) => StatusCode::CONFLICT,
            error if error.is_retryable() => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure(status, error.to_string())
    }
}

impl axum::response::IntoResponse for Failure {
    fn into_response(self) -> axum::response::Response {
        (self.0, self.1).into_response()
    }
}

const COLUMNS: (item::id, item::name, item::qty) = (item::id, item::name, item::qty);

async fn list(State(pool): State<AsyncPool>) -> Result<Json<Vec<Item>>, Failure> {
    let conn = pool.get().await?;
    Ok(Json(
        conn.load(item::table.select(COLUMNS).order_by(item::id))
            .await?,
    ))
}

async fn read(State(pool): State<AsyncPool>, Path(id): Path<i32>) -> Result<Json<Item>, Failure> {
    let conn = pool.get().await?;
    Ok(Json(
        conn.one(item::table.filter(item::id.eq(id)).select(COLUMNS))
            .await?,
    ))
}

async fn add(
    State(pool): State<AsyncPool>,
    Json(new): Json<NewItem>,
) -> Result<(StatusCode, Json<Item>), Failure> {
    let conn = pool.get().await?;
    let added = conn
        .load(
            insert_into(item::table)
                .values((item::name.set(new.name), item::qty.set(new.qty)))
                .returning(COLUMNS),
        )
        .await?;
    let added = added.into_iter().next().ok_or(Error::NotFound)?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// Moves stock in one transaction: both rows change, or (not enough stock, an unknown item, a
/// client that went away) neither does.
async fn transfer(
    State(pool): State<AsyncPool>,
    Json(transfer): Json<Transfer>,
) -> Result<StatusCode, Failure> {
    let mut conn = pool.get().await?;
    conn.transaction(async |tx| {
        let taken = tx
            .execute(
                update(item::table)
                    .set(item::qty.set(item::qty - transfer.qty))
                    .filter(item::id.eq(transfer.from).and(item::qty.ge(transfer.qty))),
            )
            .await?;
        let given = tx
            .execute(
                update(item::table)
                    .set(item::qty.set(item::qty + transfer.qty))
                    .filter(item::id.eq(transfer.to)),
            )
            .await?;
        match (taken, given) {
            (1, 1) => Ok(StatusCode::NO_CONTENT),
            _ => Err(Failure(
                StatusCode::CONFLICT,
                "unknown item or not enough stock".into(),
            )),
        }
    })
    .await
}

/// The service's routes over `pool`.
fn app(pool: AsyncPool) -> Router {
    Router::new()
        .route("/items", get(list).post(add))
        .route("/items/{id}", get(read))
        .route("/transfers", post(transfer))
        .with_state(pool)
}

/// Creates the table unless it is there.
async fn create_schema(pool: &AsyncPool) -> Result<(), Error> {
    let conn = pool.get().await?;
    let ddl = match conn.backend() {
        dovetail::Backend::Postgres => {
            "CREATE TABLE IF NOT EXISTS item (id SERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, \
             qty INTEGER NOT NULL)"
        }
        dovetail::Backend::MySql => {
            "CREATE TABLE IF NOT EXISTS item (id INTEGER AUTO_INCREMENT PRIMARY KEY, \
             name VARCHAR(200) NOT NULL UNIQUE, qty INTEGER NOT NULL)"
        }
        dovetail::Backend::Sqlite => {
            "CREATE TABLE IF NOT EXISTS item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, \
             qty INTEGER NOT NULL)"
        }
    };
    conn.batch_execute(ddl).await
}

/// Serves on `address` until the process ends.
async fn serve(pool: AsyncPool, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, app(pool)).await
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sqlite:///tmp/dovetail-stock.db".into());
    let pool = AsyncPool::builder().max_size(8).build(&url).await?;
    create_schema(&pool).await?;
    let address = SocketAddr::from(([127, 0, 0, 1], 3000));
    println!("serving {url} on http://{address}");
    serve(pool, tokio::net::TcpListener::bind(address).await?).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// One HTTP/1.1 request; the status and the body.
    async fn request(address: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
        let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
        let request = format!(
            "{method} {path} HTTP/1.1\r\nhost: test\r\nconnection: close\r\n\
             content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).await.unwrap();
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, body)| body.to_owned())
            .unwrap_or_default();
        (status, body)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_service_answers_over_http() {
        let file = std::env::temp_dir().join(format!("dovetail-service-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&file);
        let pool = AsyncPool::builder()
            .max_size(4)
            .build(&format!("sqlite://{}", file.display()))
            .await
            .unwrap();
        create_schema(&pool).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(serve(pool.clone(), listener));

        let (status, body) =
            request(address, "POST", "/items", r#"{"name":"bolt","qty":10}"#).await;
        assert_eq!(status, 201, "{body}");
        let bolt: Item = serde_json::from_str(&body).unwrap();
        assert_eq!((bolt.name.as_str(), bolt.qty), ("bolt", 10));
        let (status, _) = request(address, "POST", "/items", r#"{"name":"nut","qty":0}"#).await;
        assert_eq!(status, 201);
        let (status, _) = request(address, "POST", "/items", r#"{"name":"nut","qty":1}"#).await;
        assert_eq!(status, 409, "a duplicate name is a conflict");

        let move_four = r#"{"from":1,"to":2,"qty":4}"#;
        assert_eq!(
            request(address, "POST", "/transfers", move_four).await.0,
            204
        );
        let too_many = r#"{"from":1,"to":2,"qty":100}"#;
        assert_eq!(
            request(address, "POST", "/transfers", too_many).await.0,
            409
        );
        let to_nowhere = r#"{"from":1,"to":99,"qty":1}"#;
        assert_eq!(
            request(address, "POST", "/transfers", to_nowhere).await.0,
            409
        );

        let (status, body) = request(address, "GET", "/items", "").await;
        assert_eq!(status, 200);
        let items: Vec<Item> = serde_json::from_str(&body).unwrap();
        let stock: Vec<(&str, i32)> = items.iter().map(|i| (i.name.as_str(), i.qty)).collect();
        // The failed transfers changed nothing, the one to nowhere included.
        assert_eq!(stock, [("bolt", 6), ("nut", 4)]);
        assert_eq!(request(address, "GET", "/items/2", "").await.0, 200);
        assert_eq!(request(address, "GET", "/items/7", "").await.0, 404);
        let _ = std::fs::remove_file(&file);
    }
}
