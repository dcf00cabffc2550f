//! Functions the library lacks, declared by name and signature with
//! [`sql_function!`](crate::sql_function): typed calls, checked like every expression.
//!
//! A call's result has the declared type, made nullable when an argument is nullable (as SQL
//! functions return `NULL` for a `NULL` argument). An `aggregate fn` is an aggregate: its
//! arguments may not be aggregates, and it stands beside grouped columns only.
//!
//! ```
//! use dovetail::prelude::*;
//! dovetail::table! { product { id: Integer, name: Text, price: Numeric } primary_key (id); }
//! dovetail::sql_function! {
//!     /// Trigram similarity of two texts (PostgreSQL's `pg_trgm`).
//!     fn similarity(a: Text, b: Text) -> Double;
//! }
//! dovetail::sql_function! {
//!     /// The text reversed, under each dialect's name.
//!     fn reversed(text: Text) -> Text { postgres: "reverse", mysql: "REVERSE", sqlite: "reverse_text" }
//! }
//! let query = product::table
//!     .filter(similarity(product::name, "kettle").gt(0.3))
//!     .select(reversed(product::name));
//! assert_eq!(
//!     query.to_sql(&Postgres).unwrap().sql,
//!     r#"SELECT reverse("product"."name") FROM "product" WHERE similarity("product"."name", $1) > $2"#
//! );
//! assert_eq!(
//!     query.to_sql(&MySql::default()).unwrap().sql,
//!     "SELECT REVERSE(`product`.`name`) FROM `product` WHERE similarity(`product`.`name`, ?) > ?"
//! );
//! ```
//!
//! ```compile_fail
//! use dovetail::prelude::*;
//! dovetail::table! { product { id: Integer, name: Text } primary_key (id); }
//! dovetail::sql_function! { fn similarity(a: Text, b: Text) -> Double; }
//! // A number where the function takes text.
//! let _ = product::table.select(similarity(product::name, product::id));
//! ```

use std::marker::PhantomData;

use super::case::PartKinds;
use super::expression::{Expression, InScope};
use super::grouping::{Aggregated, Grouping, NoGroup, Unaggregated};
use super::sql_types::{NullFlag, SqlType};
use crate::ast;

/// What [`sql_function!`](crate::sql_function) declares about a function.
pub trait SqlFunction: 'static {
    /// Its SQL type (before an argument's `NULL` makes it nullable).
    type Output: SqlType;
    /// Its name on PostgreSQL, on MySQL and MariaDB, and on SQLite.
    const NAMES: [&'static str; 3];
    /// Whether it is an aggregate.
    const AGGREGATE: bool;
    /// [`ScalarCall`] or [`AggregateCall`].
    type Kind;
}

/// A call of the declared function `S` with the argument expressions `Args` (a tuple).
#[derive(Debug, Clone, Copy)]
pub struct Call<S, Args> {
    args: Args,
    function: PhantomData<S>,
}

impl<S, Args> Call<S, Args> {
    /// The call of `S` with `args` (what the declared function returns).
    pub fn new(args: Args) -> Self {
        Call {
            args,
            function: PhantomData,
        }
    }
}

/// The call's tree: a function named per dialect, or an aggregate.
fn lower_call<S: SqlFunction>(args: Vec<ast::Expr>) -> ast::Expr {
    let [postgres, mysql, sqlite] = S::NAMES;
    if S::AGGREGATE {
        return ast::Expr::Aggregate(ast::Aggregate {
            function: ast::AggregateFunction::Other(postgres.to_owned()),
            args,
            distinct: false,
            filter: None,
        });
    }
    ast::Expr::Builtin {
        function: ast::Builtin::Named {
            postgres,
            mysql,
            sqlite,
        },
        args,
    }
}

/// How a call of a declared function of this kind, with the arguments `L` (a list
/// `(head, rest)`), relates to the grouping `G`: a scalar function has its arguments' kind; an
/// aggregate reads its arguments row by row (no aggregate in them) and is aggregated.
pub trait CallGrouping<G, L, I> {
    /// The call's kind.
    type Kind;
}

/// A scalar function ([`sql_function!`](crate::sql_function) without `aggregate`).
#[derive(Debug)]
pub enum ScalarCall {}

/// An aggregate function (`aggregate fn` in [`sql_function!`](crate::sql_function)).
#[derive(Debug)]
pub enum AggregateCall {}

impl<G, L: PartKinds<G, I>, I> CallGrouping<G, L, I> for ScalarCall {
    type Kind = L::Kind;
}

impl<G, L: PartKinds<NoGroup, I>, I> CallGrouping<G, L, I> for AggregateCall
where
    L::Kind: Unaggregated,
{
    type Kind = Aggregated;
}

macro_rules! calls {
    ($(($($arg:ident $scope:ident $group:ident),+))*) => {$(
        impl<S: SqlFunction, $($arg: Expression),+> Expression for Call<S, ($($arg,)+)> {
            type SqlType = calls!(@null S::Output; $($arg::SqlType),+);

            #[allow(non_snake_case, reason = "the bindings are named after their types")]
            fn lower(&self) -> ast::Expr {
                let ($($arg,)+) = &self.args;
                lower_call::<S>(vec![$($arg.lower()),+])
            }
        }

        impl<S: SqlFunction, F, $($arg, $scope),+> InScope<F, ($($scope,)+)> for Call<S, ($($arg,)+)>
        where
            $($arg: InScope<F, $scope>),+
        {
            type Out = calls!(@null S::Output; $($arg::Out),+);
        }

        impl<S: SqlFunction, G, $($arg, $group),+> Grouping<G, calls!(@list $($group)+)> for Call<S, ($($arg,)+)>
        where
            S::Kind: CallGrouping<G, calls!(@list $($arg)+), calls!(@list $($group)+)>,
        {
            type Kind = <S::Kind as CallGrouping<G, calls!(@list $($arg)+), calls!(@list $($group)+)>>::Kind;
        }
    )*};
    (@null $out:ty; $($t:ty),+) => { <calls!(@flag $($t),+) as NullFlag>::Apply<$out> };
    (@flag $t:ty) => { <$t as SqlType>::IsNull };
    (@flag $t:ty, $($rest:ty),+) => { <<$t as SqlType>::IsNull as NullFlag>::Or<calls!(@flag $($rest),+)> };
    (@list $head:ident $($rest:ident)*) => { ($head, calls!(@list $($rest)*)) };
    (@list) => { () };
}

crate::expression_roles!(Call<S, Args>, S, Args);

calls! {
    (A IA GA)
    (A IA GA, B IB GB)
    (A IA GA, B IB GB, C IC GC)
    (A IA GA, B IB GB, C IC GC, D ID GD)
}

/// Declares a SQL function the library lacks, by name and signature: a Rust function of the
/// same name that takes a value or expression of each declared SQL type and returns a typed
/// call. `aggregate fn` declares an aggregate. A `{ postgres: "…", mysql: "…", sqlite: "…" }`
/// block names it per dialect (a scalar function); otherwise the Rust name is the SQL name.
/// See [`sql_function`](crate::dsl::sql_function).
#[macro_export]
macro_rules! sql_function {
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),+ $(,)?) -> $out:ty;) => {
        $crate::sql_function!(@declare [$(#[$meta])*] $vis $name ($($arg: $ty),+) $out,
            [stringify!($name), stringify!($name), stringify!($name)], false, ScalarCall);
    };
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),+ $(,)?) -> $out:ty {
        postgres: $pg:literal, mysql: $my:literal, sqlite: $lite:literal $(,)?
    }) => {
        $crate::sql_function!(@declare [$(#[$meta])*] $vis $name ($($arg: $ty),+) $out,
            [$pg, $my, $lite], false, ScalarCall);
    };
    ($(#[$meta:meta])* $vis:vis aggregate fn $name:ident($($arg:ident: $ty:ty),+ $(,)?) -> $out:ty;) => {
        $crate::sql_function!(@declare [$(#[$meta])*] $vis $name ($($arg: $ty),+) $out,
            [stringify!($name), stringify!($name), stringify!($name)], true, AggregateCall);
    };
    (@declare [$($meta:tt)*] $vis:vis $name:ident ($($arg:ident: $ty:ty),+) $out:ty,
        $names:expr, $aggregate:literal, $kind:ident) => {
        #[doc = concat!("The declaration of `", stringify!($name), "`.")]
        $vis mod $name {
            #[doc = concat!("What `", stringify!($name), "` is, as a type.")]
            #[derive(Debug)]
            pub enum Function {}
        }

        impl $crate::dsl::sql_function::SqlFunction for $name::Function {
            type Output = $out;
            const NAMES: [&'static str; 3] = $names;
            const AGGREGATE: bool = $aggregate;
            type Kind = $crate::dsl::sql_function::$kind;
        }

        $($meta)*
        #[allow(non_camel_case_types, reason = "the type parameters are named after the arguments")]
        $vis fn $name<$($arg: $crate::dsl::Expression),+>(
            $($arg: impl $crate::dsl::AsExpr<$ty, Expr = $arg>),+
        ) -> $crate::dsl::sql_function::Call<$name::Function, ($($arg,)+)> {
            $crate::dsl::sql_function::Call::new(($($crate::dsl::AsExpr::into_expr($arg),)+))
        }
    };
}
