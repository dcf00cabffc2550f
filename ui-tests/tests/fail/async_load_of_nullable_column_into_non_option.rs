// An async load reads rows by the same rules as a blocking one: a left-joined column into `Option<_>`.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

async fn check(conn: &dovetail::AsyncConnection) {
    let _: Vec<(String, String)> = conn
        .load(customer::table.left_join_fk(visit::table).select((customer::name, visit::path)))
        .await
        .unwrap();
}

fn main() {
    let _ = check;
}
