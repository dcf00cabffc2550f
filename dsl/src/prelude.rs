//! Everything a query needs in scope: `use dovetail::prelude::*;`.

pub use crate::connection::{Connection, TransactionExt, connect};
pub use crate::dsl::sql_types::*;
pub use crate::dsl::{
    ColumnMethods, ExpressionMethods, QueryDsl, Table, WriteStatement, avg, count, count_distinct,
    count_star, delete, excluded, exists, insert_into, max, min, not, not_exists, sum, update,
};
pub use crate::render::{MySql, Postgres, Sqlite};
