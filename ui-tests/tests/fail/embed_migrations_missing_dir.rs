// A migrations directory that does not exist is a compile error, not a panic at start-up.
use dovetail_migrations::{Embedded, embed_migrations};

const MIGRATIONS: Embedded = embed_migrations!("no_such_migrations");

fn main() {
    let _ = MIGRATIONS;
}
