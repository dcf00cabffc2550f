// The step of a recursive CTE selects fewer columns than the CTE declares.
use dovetail::dsl::constant;
use dovetail::prelude::*;
use dovetail_tests::shop::*;

fn check(conn: &mut dyn Connection) {
    let top = employee::table
        .filter(employee::manager_id.is_null())
        .select((employee::id, employee::name, constant(0_i32)));
    let below = employee::table
        .join_on(chain::table, employee::manager_id.eq(chain::id))
        .select((employee::id, chain::depth + 1));
    let walk = top.as_recursive_cte(chain::table, below);
    let _: Vec<String> = walk.query().select(chain::name).load(conn).unwrap();
}

fn main() {
    let _ = check;
}
