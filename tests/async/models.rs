//! Models and relationships through an `AsyncConnection`: an eager load with `load`, anything
//! else of the model API through `run`.

use dovetail::model::{HasMany, Model};
use dovetail::prelude::*;
use dovetail::{Backend, connect_async};

use crate::on_every_backend;

dovetail::table! {
    author { id: Integer, name: Text } primary_key (id);
    book { id: Integer, author_id: Integer, title: Text }
        primary_key (id);
        foreign_key by_author (author_id) references author (id);
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dovetail(table = author)]
struct Author {
    id: i32,
    name: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dovetail(table = book)]
struct Book {
    id: i32,
    author_id: i32,
    title: String,
}

#[allow(non_upper_case_globals)]
impl Author {
    const books: HasMany<Author, Book, book::fk::by_author> = HasMany::new();
}

#[test]
fn models_load_with_their_relationships() {
    on_every_backend("async_models", models);
}

async fn models(backend: Backend, url: String) {
    let conn = connect_async(&url).await.unwrap();
    conn.batch_execute(
        "CREATE TABLE author (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);
         CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES author (id),
             title VARCHAR(50) NOT NULL);
         INSERT INTO author VALUES (1, 'Le Guin'), (2, 'Lem'), (3, 'Nobody');
         INSERT INTO book VALUES (1, 1, 'The Dispossessed'), (2, 2, 'Solaris'),
             (3, 1, 'The Lathe of Heaven')",
    )
    .await
    .unwrap();
    let shelves: Vec<(Author, Vec<Book>)> = conn
        .load(
            Author::query()
                .order_by(author::id)
                .with(Author::books.order_by(book::title)),
        )
        .await
        .unwrap();
    let titles: Vec<(&str, Vec<&str>)> = shelves
        .iter()
        .map(|(author, books)| {
            let titles = books.iter().map(|book| book.title.as_str()).collect();
            (author.name.as_str(), titles)
        })
        .collect();
    assert_eq!(
        titles,
        [
            ("Le Guin", vec!["The Dispossessed", "The Lathe of Heaven"]),
            ("Lem", vec!["Solaris"]),
            ("Nobody", vec![]),
        ],
        "{backend}"
    );
    let solaris = conn.run(|conn| Book::find(conn, 2)).await.unwrap().unwrap();
    assert_eq!(solaris.title, "Solaris");
    let missing = conn.run(|conn| Book::find(conn, 9)).await;
    assert!(matches!(missing, Ok(None)), "{missing:?}");
    let gone = conn.run(move |conn| solaris.delete(conn)).await;
    assert!(gone.is_ok(), "{backend}: {gone:?}");
    assert_eq!(conn.count(Book::query()).await.unwrap(), 2);
}
