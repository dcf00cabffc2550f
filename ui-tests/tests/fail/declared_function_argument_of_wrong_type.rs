// A declared function called with a number where it takes text.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

dovetail::sql_function! {
    /// Trigram similarity (PostgreSQL's pg_trgm).
    fn similarity(a: Text, b: Text) -> Double;
}

fn check(conn: &mut dyn Connection) {
    let _: Vec<f64> = product::table.select(similarity(product::name, product::id)).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
