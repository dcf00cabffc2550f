//! A second name for a table, so that one query can read it twice (self-joins, two foreign
//! keys to one parent).
//!
//! ```
//! use dovetail::prelude::*;
//! dovetail::table! {
//!     employee { id: Integer, name: Text, manager_id: Nullable<Integer> }
//!     primary_key (id);
//!     foreign_key manager (manager_id) references employee (id);
//! }
//! dovetail::alias!(pub Manager = employee as "manager");
//!
//! let query = employee::table
//!     .left_join_via(employee::fk::manager, Manager)
//!     .select((employee::name, Manager.col(employee::name)));
//! assert_eq!(
//!     query.to_sql(&Postgres).unwrap().sql,
//!     "SELECT \"employee\".\"name\", \"manager\".\"name\" FROM \"employee\" \
//!      LEFT JOIN \"employee\" AS \"manager\" ON \"employee\".\"manager_id\" = \"manager\".\"id\""
//! );
//! ```

use std::marker::PhantomData;

use super::expression::{Expression, InScope};
use super::grouping::{
    AliasGroupContains, Constant, GroupBy, GroupByKey, Grouping, KeyCoversAlias, NoGroup, Plain,
    Ungrouped,
};
use super::scope::InFrom;
use super::sql_types::NullFlag;
use super::table::{Column, Table};
use crate::ast;

/// Declares a type that reads table module `$table` under the SQL alias `$alias`.
///
/// `alias!(pub Manager = employee as "manager")` declares `Manager`, a [`Table`] whose
/// columns are `Manager.col(employee::name)`.
#[macro_export]
macro_rules! alias {
    ($vis:vis $name:ident = $($table:ident)::+ as $alias:literal) => {
        #[doc = concat!("`", stringify!($($table)::+), "` read under the alias `", $alias, "`.")]
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $name;

        impl $crate::dsl::Table for $name {
            const NAME: &'static str = <$($table)::+::table as $crate::dsl::Table>::NAME;
            const SCHEMA: ::std::option::Option<&'static str> =
                <$($table)::+::table as $crate::dsl::Table>::SCHEMA;
            const ALIAS: ::std::option::Option<&'static str> = ::std::option::Option::Some($alias);
            type Base = $($table)::+::table;
            type AllColumns = ();
            type Qualifier = $crate::__qualifier_id!($alias);
        }
    };
}

/// Column `C` of the table read through alias `A`.
#[derive(Debug, Clone, Copy, Default)]
pub struct AliasedColumn<A, C> {
    types: PhantomData<(A, C)>,
}

impl<A, C> AliasedColumn<A, C> {
    pub(crate) fn new() -> Self {
        AliasedColumn { types: PhantomData }
    }
}

impl<A: Table, C: Column> Expression for AliasedColumn<A, C> {
    type SqlType = C::SqlType;

    fn lower(&self) -> ast::Expr {
        ast::Expr::column(A::qualifier(), C::NAME)
    }
}

impl<A: Table, C: Column, F, I> InScope<F, I> for AliasedColumn<A, C>
where
    F: InFrom<A, I>,
{
    type Out = <F::IsNull as NullFlag>::Apply<C::SqlType>;
}

impl<A, C> Grouping<NoGroup, ()> for AliasedColumn<A, C> {
    type Kind = Plain;
}

impl<A, C> Grouping<Ungrouped, ()> for AliasedColumn<A, C> {
    type Kind = Plain;
}

impl<A, C: Column, L, I> Grouping<GroupBy<L>, I> for AliasedColumn<A, C>
where
    L: AliasGroupContains<A, C::Def, I>,
{
    type Kind = Constant;
}

/// Grouping by a table's primary key fixes that table's columns, not those of an alias of it.
impl<A, C: Column, T> Grouping<GroupByKey<T>, ()> for AliasedColumn<A, C>
where
    T: KeyCoversAlias<A, C::Def>,
{
    type Kind = Constant;
}

crate::column_operators!(AliasedColumn<A, C>, A, C);
crate::expression_roles!(@roles AliasedColumn<A, C>, A, C);

/// A value compared with a column read through an alias is reported naming the column.
impl<A, C: Column> super::operand::Named for AliasedColumn<A, C> {
    type Name = C::Def;
}
