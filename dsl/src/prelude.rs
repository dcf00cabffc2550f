//! Everything a query needs in scope: `use dovetail::prelude::*;`.

pub use crate::connection::{Connection, TransactionExt, connect};
pub use crate::dsl::sql_types::*;
pub use crate::dsl::{
    AliasMethods, ColumnMethods, DefiningQuery, ExpressionMethods, FilterRows, FunctionMethods,
    OverWindow, QueryDsl, RowMethods, SetOperations, Table, WriteStatement, avg, bool_and, bool_or,
    case, case_when, constant, count, count_distinct, count_star, current_date, delete, excluded,
    exists, insert_into, max, min, not, not_exists, now, raw_sql, sum, update,
};
pub use crate::model::Model as _;
pub use crate::render::{MySql, Postgres, Sqlite};
pub use crate::{Changeset, Insertable, Model, Queryable, alias};
