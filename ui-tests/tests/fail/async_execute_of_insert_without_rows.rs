// An async write is checked as a blocking one is: an INSERT needs its rows.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

async fn check(conn: &dovetail::AsyncConnection) {
    conn.execute(insert_into(customer::table)).await.unwrap();
}

fn main() {
    let _ = check;
}
