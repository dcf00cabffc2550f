// A nullable column takes `Option` values, nullable expressions and values that cannot be
// NULL; a NOT NULL column takes a nullable expression given a fallback.
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    update(customer::table)
        .set((
            customer::email.set(Some("ada@example.com")),
            customer::referred_by.set(customer::referred_by),
        ))
        .execute(conn)
        .unwrap();
    update(customer::table).set(customer::email.set(customer::name)).execute(conn).unwrap();
    update(customer::table).set(customer::email.set("ada@example.com")).execute(conn).unwrap();
    update(customer::table)
        .set(customer::name.set(customer::email.coalesce("unknown")))
        .execute(conn)
        .unwrap();
    insert_into(employee::table)
        .values((employee::name.set("Grace"), employee::salary.set(None::<i64>)))
        .execute(conn)
        .unwrap();
}

fn main() {
    let _ = check;
}
